"""The taxonomy a fresh install starts with: sectors, editions and wire agencies.

Plain data with no Django import, so data migrations, the demo generator and tests can all
read one source. Editors change the stored copies afterwards; this module is only the seed.

Regional editions follow the UN M49 sub-regions, merged where the newsroom covers a wider
region, with two newsroom conventions on top:
- "Southern Africa" is the usual desk region (Southern African Customs Union plus Malawi,
  Mozambique, Zambia and Zimbabwe), not the narrower M49 sub-region.
- Sudan and Western Sahara sit with North Africa, as in M49; Iran sits with the Middle East,
  as in the World Bank grouping, because that is where a newsroom's Middle East desk covers it.
"""

import pycountry

SECTORS = [
    ("agro-forestry", "Agro-Forestry"),
    ("art-culture", "Art & Culture"),
    ("economy-business", "Economy & Business"),
    ("education", "Education"),
    ("energy-extractives", "Energy & Extractives"),
    ("health", "Health"),
    ("law-governance", "Law & Governance"),
    ("politics", "Politics"),
    ("science-environment", "Science & Environment"),
    ("social-gender", "Social & Gender"),
    ("sports", "Sports"),
    ("technology", "Technology"),
    ("transport", "Transport"),
    ("urban-development", "Urban Development"),
    ("wash", "WASH"),
]

GLOBAL_EDITION = "global"

# Countries ISO 3166-1 has not assigned a code, by the user-assigned code newsrooms, the EU, the
# IMF and the World Bank use: Kosovo files its own budgets, loans and football results.
EXTRA_COUNTRIES = [("XK", "Kosovo")]


def country_codes():
    """The codes of the countries a fresh install stores (taxonomy migrations 0002 and 0003)."""
    return frozenset(country.alpha_2 for country in pycountry.countries) | {
        code for code, _name in EXTRA_COUNTRIES
    }


# Uninhabited territories with no newsroom of their own; stories about them are Global.
UNASSIGNED_TERRITORIES = ("AQ", "BV", "GS", "HM", "TF")

# fmt: off
EDITIONS = [
    (GLOBAL_EDITION, "Global", ()),
    (
        "pacific",
        "Pacific",
        (
            "AS", "AU", "CC", "CK", "CX", "FJ", "FM", "GU", "KI", "MH", "MP", "NC", "NF",
            "NR", "NU", "NZ", "PF", "PG", "PN", "PW", "SB", "TK", "TO", "TV", "UM", "VU",
            "WF", "WS",
        ),
    ),
    (
        "south-asia",
        "South Asia",
        ("AF", "BD", "BT", "IN", "LK", "MV", "NP", "PK"),
    ),
    (
        "east-south-east-asia",
        "East & South-East Asia",
        (
            "BN", "CN", "HK", "ID", "JP", "KH", "KP", "KR", "LA", "MM", "MN", "MO", "MY",
            "PH", "SG", "TH", "TL", "TW", "VN",
        ),
    ),
    (
        "europe-central-asia",
        "Europe & Central Asia",
        (
            "AD", "AL", "AM", "AT", "AX", "AZ", "BA", "BE", "BG", "BY", "CH", "CY", "CZ",
            "DE", "DK", "EE", "ES", "FI", "FO", "FR", "GB", "GE", "GG", "GI", "GR", "HR",
            "HU", "IE", "IM", "IS", "IT", "JE", "KG", "KZ", "LI", "LT", "LU", "LV", "MC",
            "MD", "ME", "MK", "MT", "NL", "NO", "PL", "PT", "RO", "RS", "RU", "SE", "SI",
            "SJ", "SK", "SM", "TJ", "TM", "TR", "UA", "UZ", "VA", "XK",
        ),
    ),
    (
        "central-africa",
        "Central Africa",
        ("AO", "CD", "CF", "CG", "CM", "GA", "GQ", "ST", "TD"),
    ),
    (
        "east-africa",
        "East Africa",
        (
            "BI", "DJ", "ER", "ET", "IO", "KE", "KM", "MG", "MU", "RE", "RW", "SC", "SO",
            "SS", "TZ", "UG", "YT",
        ),
    ),
    (
        "southern-africa",
        "Southern Africa",
        ("BW", "LS", "MW", "MZ", "NA", "SZ", "ZA", "ZM", "ZW"),
    ),
    (
        "west-africa",
        "West Africa",
        (
            "BF", "BJ", "CI", "CV", "GH", "GM", "GN", "GW", "LR", "ML", "MR", "NE", "NG",
            "SH", "SL", "SN", "TG",
        ),
    ),
    (
        "middle-east-north-africa",
        "Middle East & North Africa",
        (
            "AE", "BH", "DZ", "EG", "EH", "IL", "IQ", "IR", "JO", "KW", "LB", "LY", "MA",
            "OM", "PS", "QA", "SA", "SD", "SY", "TN", "YE",
        ),
    ),
    (
        "north-america",
        "North America",
        ("BM", "CA", "GL", "PM", "US"),
    ),
    (
        "latin-america-caribbean",
        "Latin America & Caribbean",
        (
            "AG", "AI", "AR", "AW", "BB", "BL", "BO", "BQ", "BR", "BS", "BZ", "CL", "CO",
            "CR", "CU", "CW", "DM", "DO", "EC", "FK", "GD", "GF", "GP", "GT", "GY", "HN",
            "HT", "JM", "KN", "KY", "LC", "MF", "MQ", "MS", "MX", "NI", "PA", "PE", "PR",
            "PY", "SR", "SV", "SX", "TC", "TT", "UY", "VC", "VE", "VG", "VI",
        ),
    ),
]
# fmt: on

# Invented on purpose: demo stories are fiction and must never carry a real agency's name.
AGENCIES = [
    ("meridian-press-agency", "Meridian Press Agency", "MPA"),
    ("harbourline-news-service", "Harbourline News Service", "HNS"),
    ("cobaltwire", "Cobaltwire", "Cobaltwire"),
    ("tidewater-dispatch", "Tidewater Dispatch", "TDX"),
    ("lanternfield-newswire", "Lanternfield Newswire", "LFN"),
    ("kestrel-development-wire", "Kestrel Development Wire", "KDW"),
]
