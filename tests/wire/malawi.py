"""Three reports of one event (floods in southern Malawi) by three agencies in their own words,
for the tests of the assisted draft and the desk's takeaways."""

from django.contrib.messages import get_messages

MALAWI = [
    (
        "Floods in southern Malawi kill 14, wash away crops",
        [
            "At least 14 people have died in floods in southern Malawi after days of torrential "
            "rain, the country's disaster management department said on Tuesday.",
            "The worst-hit districts are Nsanje and Chikwawa in the Lower Shire valley. "
            "Officials estimate 9,000 hectares of crops were lost.",
        ],
    ),
    (
        "Nsanje farmers lose harvest as Shire overflows",
        [
            "NSANJE -- Smallholder farmers in Nsanje and Chikwawa say the floods that hit the "
            "Lower Shire this week have wiped out the season's maize.",
            "The Department of Disaster Management Affairs (DoDMA) put the death toll at "
            "fourteen and said 6,200 households were sheltering in schools and churches.",
        ],
    ),
    (
        "FAO to support flood-hit farmers in Malawi's Lower Shire",
        [
            "The Food and Agriculture Organization of the United Nations (FAO) will provide "
            "early-maturing seed, cassava cuttings and tools to flood-hit farmers in Nsanje and "
            "Chikwawa districts, around 8,000 farming households in all.",
            '"Quick replanting is the difference between a poor harvest and no harvest at all," '
            "said the FAO Representative in Malawi.",
        ],
    ),
]


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]
