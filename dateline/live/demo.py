"""A running demo live story: fictional coverage of a flood in a made-up river basin, with 34
updates over the last twelve hours, five key events and one pinned update. Everything in it is
invented and says so."""

from datetime import timedelta

from django.utils import timezone
from wagtail.rich_text import RichText

from dateline.media.models import NewsImage
from dateline.newsroom.models import Author, Provenance, StoryKind, StoryPage
from dateline.newsroom.stories import create_story
from dateline.taxonomy.models import Country, Sector

from .coverage import save_update
from .models import LiveCoverage, LiveUpdate, LiveUpdateBody

HEADLINE = "Demo live: floods in the fictional Varuna basin"
SUMMARY = (
    "Invented coverage for the demo site: rain, rising rivers and relief in a river basin that "
    "does not exist. Every place, person and figure here is fictional."
)
# (minutes before now, text, key event title or "", quote or "", picture?)
UPDATES = [
    (
        720,
        "Overnight rain gauges in the upper Varuna basin recorded 180 mm in six hours, the demo weather office says.",
        "Heavy rain in the upper basin",
        "",
        True,
    ),
    (
        700,
        "District officials in (fictional) Kesarpur open four relief camps in school buildings.",
        "",
        "",
        False,
    ),
    (
        680,
        "The river at the Sonmukh gauge is 40 cm below the danger mark and rising about 5 cm an hour.",
        "",
        "",
        False,
    ),
    (
        655,
        "Ferry services across the lower Varuna are suspended until further notice.",
        "",
        "",
        False,
    ),
    (
        630,
        "Health workers begin distributing water-purification tablets in low-lying villages.",
        "",
        "",
        False,
    ),
    (
        610,
        "“We moved our goats to the embankment before dawn,” a farmer in the demo village of Tilwara tells our reporter.",
        "",
        "We moved our goats to the embankment before dawn.",
        False,
    ),
    (
        590,
        "The Sonmukh gauge crosses the danger mark. Officials order the evacuation of 12 riverside villages.",
        "River crosses danger mark at Sonmukh",
        "",
        True,
    ),
    (
        570,
        "Buses are taking families from the riverside villages to the camps; about 3,200 people have moved so far.",
        "",
        "",
        False,
    ),
    (
        548,
        "The state disaster team says two boats have been sent to villages cut off by water on the eastern bank.",
        "",
        "",
        False,
    ),
    (530, "Electricity is switched off in parts of Kesarpur town as a precaution.", "", "", False),
    (
        505,
        "Schools in three districts will stay closed tomorrow, the (fictional) education department says.",
        "",
        "",
        False,
    ),
    (
        480,
        "Our correspondent on the embankment road reports water over the road in two places; trucks are still getting through.",
        "",
        "",
        True,
    ),
    (
        455,
        "The demo weather office forecasts lighter rain from the afternoon but warns the upper catchment is saturated.",
        "",
        "",
        False,
    ),
    (
        430,
        "Relief camps now shelter about 7,500 people, officials say. Cooked meals are being served twice a day.",
        "",
        "",
        False,
    ),
    (410, "A community kitchen run by volunteers opens at the Kesarpur bus stand.", "", "", False),
    (
        385,
        "The national weather service of the demo country issues a red alert for the lower Varuna for the next 24 hours.",
        "Red alert for the lower Varuna",
        "",
        False,
    ),
    (
        365,
        "Mobile networks are patchy in the eastern villages; a temporary tower is being brought in by road.",
        "",
        "",
        False,
    ),
    (
        340,
        "Doctors at the district hospital say they have treated 64 people for minor injuries and fever.",
        "",
        "",
        False,
    ),
    (
        320,
        "“The water came faster than last year,” says a teacher sheltering at the camp in Dhanpur school.",
        "",
        "The water came faster than last year.",
        False,
    ),
    (
        300,
        "The embankment near Tilwara has been breached over about 30 metres, engineers confirm. Sandbagging is under way.",
        "",
        "",
        True,
    ),
    (
        280,
        "Crop damage estimates will take days: officials say about 9,000 hectares of paddy are under water.",
        "",
        "",
        False,
    ),
    (
        260,
        "A bridge on the district road to Sonmukh is closed after water reached its deck.",
        "",
        "",
        False,
    ),
    (
        240,
        "The (fictional) chief minister announces an interim relief of 5,000 per family in the camps.",
        "Interim relief announced",
        "",
        False,
    ),
    (
        220,
        "Rail services on the Kesarpur branch line are running with a speed restriction.",
        "",
        "",
        False,
    ),
    (
        200,
        "Volunteers are collecting dry food, tarpaulins and sanitary supplies at three points in Kesarpur town.",
        "",
        "",
        False,
    ),
    (
        175,
        "Rain has eased over the upper basin for the first time since last night.",
        "",
        "",
        False,
    ),
    (
        150,
        "The Sonmukh gauge shows the river steady for the past hour, 35 cm above the danger mark.",
        "",
        "",
        False,
    ),
    (125, "Animal health teams vaccinate livestock moved to the embankments.", "", "", False),
    (
        100,
        "Engineers say the breach near Tilwara has been closed with sandbags and a temporary bund.",
        "Breach near Tilwara closed",
        "",
        True,
    ),
    (
        80,
        "Camp numbers are falling slowly as some families on higher ground return to check on their homes.",
        "",
        "",
        False,
    ),
    (
        60,
        "Officials ask people not to return to riverside villages until the water recedes below the danger mark.",
        "",
        "",
        False,
    ),
    (
        40,
        "The district collector of the demo district says drinking water tankers will run to 20 villages tomorrow.",
        "",
        "",
        False,
    ),
    (20, "The river at Sonmukh has started to fall, by about 2 cm an hour.", "", "", False),
    (
        5,
        "We will keep this page updated through the night with what officials and our reporters confirm.",
        "",
        "",
        False,
    ),
]
PINNED_TEXT = (
    "How to reach help in this (fictional) flood: the demo district's control room answers on "
    "the number 1070, and relief camps are listed at every block office. This is demo content."
)


def load_demo_live():
    """Create the demo live story and its updates, once; returns how many updates were posted."""
    if StoryPage.objects.filter(kind=StoryKind.LIVE, title=HEADLINE).exists():
        return 0
    now = timezone.now()
    authors = list(Author.objects.order_by("pk")[:3])
    story = create_story(
        kind=StoryKind.LIVE,
        headline=HEADLINE,
        summary=SUMMARY,
        body=[
            (
                "paragraph",
                RichText(
                    "<p>This is a demonstration of Dateline's live coverage. The basin, its "
                    "towns and everyone quoted are invented.</p>"
                ),
            )
        ],
        authors=authors[:2],
        dateline_place="Kesarpur",
        sectors=list(Sector.objects.filter(slug__in=["science-environment", "wash"])),
        countries=list(Country.objects.filter(code="IN")),
        provenance=Provenance.STAFF,
        first_published_at=now - timedelta(minutes=730),
        last_published_at=now - timedelta(minutes=730),
    )
    pictures = list(NewsImage.objects.filter(title__startswith="Demo illustration ")[:6])
    blocks = LiveUpdateBody().child_blocks
    posted = 0
    for index, (minutes, text, key_title, quote, with_picture) in enumerate(UPDATES):
        body = [("paragraph", RichText(f"<p>{text}</p>"))]
        if quote:
            value = {"text": quote, "attribution": "Demo interview"}
            body.append(("quote", blocks["quote"].to_python(value)))
        if with_picture and pictures:
            value = {"image": pictures[index % len(pictures)].pk, "caption": "Demo illustration."}
            body.append(("image", blocks["image"].to_python(value)))
        update = LiveUpdate(
            story=story, body=body, key_event=bool(key_title), key_event_title=key_title
        )
        save_update(update, None, publish=True, authors=authors[index % 3 : index % 3 + 1])
        LiveUpdate.objects.filter(pk=update.pk).update(
            published_at=now - timedelta(minutes=minutes)
        )
        posted += 1
    pinned = LiveUpdate(
        story=story, body=[("paragraph", RichText(f"<p>{PINNED_TEXT}</p>"))], pinned=True
    )
    save_update(pinned, None, publish=True, authors=authors[:1])
    LiveUpdate.objects.filter(pk=pinned.pk).update(published_at=now - timedelta(minutes=725))
    LiveCoverage.objects.filter(story=story).update(last_update_at=now - timedelta(minutes=5))
    return posted + 1
