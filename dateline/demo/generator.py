"""Fictional development-news stories for the demo site and the benchmarks.

Everything is deterministic from a seed, so a demo install and a benchmark run can be rebuilt
byte for byte. People, organisations, programmes and figures are invented; countries and
cities are real, so that editions, maps and datelines behave as they would in production.
Agency names come from `dateline.taxonomy.defaults`, which invents those too.

No Django import: the demo loader turns these specs into pages, and the benchmarks use them
without a database.
"""

import colorsys
import io
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import accumulate

from PIL import Image, ImageDraw, ImageFilter

from dateline.taxonomy.defaults import AGENCIES, EDITIONS, GLOBAL_EDITION, SECTORS

KINDS = ("news", "analysis", "opinion", "blog", "interview", "press_release", "brief")
PROVENANCES = ("staff", "agency_rewrite", "wire", "ai_assisted")

HEADLINE_MAX_LENGTH = 110
SUMMARY_MAX_LENGTH = 300
PUBLISHING_WINDOW = timedelta(days=30)


@dataclass(frozen=True)
class AuthorSpec:
    slug: str
    name: str
    role: str
    bio: str


AUTHORS = (
    AuthorSpec(
        "adaeze-kamau",
        "Adaeze Kamau",
        "Africa Correspondent",
        "Adaeze Kamau covers public services, budgets and elections across Africa from Nairobi.",
    ),
    AuthorSpec(
        "tomas-ferreira-lind",
        "Tomás Ferreira Lind",
        "Americas Correspondent",
        "Tomás Ferreira Lind reports on cities, migration and trade from Bogotá.",
    ),
    AuthorSpec(
        "ishani-varadan",
        "Ishani Varadan",
        "South Asia Correspondent",
        "Ishani Varadan writes about schools, water and local government from New Delhi.",
    ),
    AuthorSpec(
        "linh-pham-ortega",
        "Linh Pham-Ortega",
        "Asia-Pacific Correspondent",
        "Linh Pham-Ortega follows climate, fisheries and technology from Hanoi and Suva.",
    ),
    AuthorSpec(
        "jonah-sule",
        "Jonah Sule",
        "Health Correspondent",
        "Jonah Sule has reported on clinics, vaccines and health financing for a decade.",
    ),
    AuthorSpec(
        "malika-rustamova",
        "Malika Rustamova",
        "Europe & Central Asia Correspondent",
        "Malika Rustamova covers energy, labour migration and governance from Almaty.",
    ),
    AuthorSpec(
        "noor-el-haddad",
        "Noor El-Haddad",
        "Middle East Correspondent",
        "Noor El-Haddad reports on refugees, water and reconstruction from Amman.",
    ),
    AuthorSpec(
        "rhys-hale",
        "Rhys Hale",
        "Data Reporter",
        "Rhys Hale turns budget lines and household surveys into stories readers can check.",
    ),
    AuthorSpec(
        "hana-lindqvist",
        "Hana Lindqvist",
        "Science & Environment Editor",
        "Hana Lindqvist edits coverage of climate, biodiversity and the science behind both.",
    ),
    AuthorSpec(
        "beatriz-calloway",
        "Beatriz Calloway",
        "Columnist",
        "Beatriz Calloway writes a weekly column on aid, power and who gets to decide.",
    ),
    AuthorSpec(
        "kwabena-ruiz-asante",
        "Kwabena Ruiz-Asante",
        "Columnist",
        "Kwabena Ruiz-Asante is an economist who writes about public money and private risk.",
    ),
    AuthorSpec(
        "saoirse-tembo",
        "Saoirse Tembo",
        "Contributing Writer",
        "Saoirse Tembo travels to the places in the headlines and writes about the people there.",
    ),
)

DESKS = ("News Desk", "Health Desk", "Business Desk", "Asia Desk", "Africa Desk")


@dataclass
class StorySpec:
    kind: str
    headline: str
    summary: str
    paragraphs: list[str]
    quote: tuple[str, str] | None
    fact_box: tuple[str, list[str]] | None
    sector_slugs: list[str]
    country_codes: list[str]
    dateline_place: str
    tags: list[str]
    author_slugs: list[str]
    desk: str
    provenance: str
    agency_slugs: list[str]
    sponsored: bool
    first_published: datetime
    last_updated: datetime
    update_note: str
    correction: str
    image_seed: int | None
    image_is_ai: bool
    image_caption: str
    image_credit: str


# Country names as they read mid-sentence, and three cities each. Global stories carry no
# dateline, so every dateline is one of these cities and always matches the country codes.
PLACES: dict[str, tuple[str, tuple[str, ...]]] = {
    # Pacific
    "AU": ("Australia", ("Sydney", "Darwin", "Brisbane")),
    "FJ": ("Fiji", ("Suva", "Lautoka", "Nadi")),
    "KI": ("Kiribati", ("South Tarawa", "Betio", "Kiritimati")),
    "NZ": ("New Zealand", ("Auckland", "Wellington", "Christchurch")),
    "PG": ("Papua New Guinea", ("Port Moresby", "Lae", "Mount Hagen")),
    "SB": ("Solomon Islands", ("Honiara", "Gizo", "Auki")),
    "TO": ("Tonga", ("Nuku'alofa", "Neiafu", "Pangai")),
    "VU": ("Vanuatu", ("Port Vila", "Luganville", "Isangel")),
    "WS": ("Samoa", ("Apia", "Salelologa", "Asau")),
    # South Asia
    "AF": ("Afghanistan", ("Kabul", "Herat", "Mazar-i-Sharif")),
    "BD": ("Bangladesh", ("Dhaka", "Chattogram", "Khulna")),
    "BT": ("Bhutan", ("Thimphu", "Paro", "Phuntsholing")),
    "IN": ("India", ("New Delhi", "Mumbai", "Patna")),
    "LK": ("Sri Lanka", ("Colombo", "Kandy", "Jaffna")),
    "MV": ("the Maldives", ("Malé", "Addu City", "Kulhudhuffushi")),
    "NP": ("Nepal", ("Kathmandu", "Pokhara", "Biratnagar")),
    "PK": ("Pakistan", ("Islamabad", "Karachi", "Lahore")),
    # East & South-East Asia
    "CN": ("China", ("Beijing", "Chengdu", "Kunming")),
    "ID": ("Indonesia", ("Jakarta", "Surabaya", "Makassar")),
    "JP": ("Japan", ("Tokyo", "Osaka", "Sendai")),
    "KH": ("Cambodia", ("Phnom Penh", "Siem Reap", "Battambang")),
    "LA": ("Laos", ("Vientiane", "Luang Prabang", "Pakse")),
    "MM": ("Myanmar", ("Yangon", "Mandalay", "Naypyidaw")),
    "MN": ("Mongolia", ("Ulaanbaatar", "Erdenet", "Darkhan")),
    "MY": ("Malaysia", ("Kuala Lumpur", "Kota Kinabalu", "George Town")),
    "PH": ("the Philippines", ("Manila", "Cebu", "Davao")),
    "TH": ("Thailand", ("Bangkok", "Chiang Mai", "Khon Kaen")),
    "VN": ("Vietnam", ("Hanoi", "Ho Chi Minh City", "Da Nang")),
    # Europe & Central Asia
    "BE": ("Belgium", ("Brussels", "Antwerp", "Ghent")),
    "CH": ("Switzerland", ("Geneva", "Bern", "Zurich")),
    "DE": ("Germany", ("Berlin", "Bonn", "Hamburg")),
    "GB": ("the United Kingdom", ("London", "Manchester", "Edinburgh")),
    "GE": ("Georgia", ("Tbilisi", "Kutaisi", "Batumi")),
    "KG": ("Kyrgyzstan", ("Bishkek", "Osh", "Karakol")),
    "KZ": ("Kazakhstan", ("Astana", "Almaty", "Shymkent")),
    "TJ": ("Tajikistan", ("Dushanbe", "Khujand", "Khorog")),
    "TR": ("Türkiye", ("Ankara", "Istanbul", "Gaziantep")),
    "UA": ("Ukraine", ("Kyiv", "Lviv", "Odesa")),
    "UZ": ("Uzbekistan", ("Tashkent", "Samarkand", "Bukhara")),
    # Central Africa
    "AO": ("Angola", ("Luanda", "Huambo", "Lobito")),
    "CD": ("the Democratic Republic of the Congo", ("Kinshasa", "Goma", "Lubumbashi")),
    "CF": ("the Central African Republic", ("Bangui", "Berbérati", "Bambari")),
    "CG": ("the Republic of the Congo", ("Brazzaville", "Pointe-Noire", "Dolisie")),
    "CM": ("Cameroon", ("Yaoundé", "Douala", "Bamenda")),
    "GA": ("Gabon", ("Libreville", "Port-Gentil", "Franceville")),
    "TD": ("Chad", ("N'Djamena", "Moundou", "Abéché")),
    # East Africa
    "BI": ("Burundi", ("Gitega", "Bujumbura", "Ngozi")),
    "ET": ("Ethiopia", ("Addis Ababa", "Bahir Dar", "Hawassa")),
    "KE": ("Kenya", ("Nairobi", "Mombasa", "Kisumu")),
    "MG": ("Madagascar", ("Antananarivo", "Toamasina", "Mahajanga")),
    "RW": ("Rwanda", ("Kigali", "Huye", "Musanze")),
    "SO": ("Somalia", ("Mogadishu", "Baidoa", "Kismayo")),
    "SS": ("South Sudan", ("Juba", "Wau", "Malakal")),
    "TZ": ("Tanzania", ("Dar es Salaam", "Dodoma", "Arusha")),
    "UG": ("Uganda", ("Kampala", "Gulu", "Mbarara")),
    # Southern Africa
    "BW": ("Botswana", ("Gaborone", "Francistown", "Maun")),
    "MW": ("Malawi", ("Lilongwe", "Blantyre", "Mzuzu")),
    "MZ": ("Mozambique", ("Maputo", "Beira", "Nampula")),
    "NA": ("Namibia", ("Windhoek", "Walvis Bay", "Oshakati")),
    "ZA": ("South Africa", ("Johannesburg", "Cape Town", "Durban")),
    "ZM": ("Zambia", ("Lusaka", "Ndola", "Livingstone")),
    "ZW": ("Zimbabwe", ("Harare", "Bulawayo", "Mutare")),
    # West Africa
    "BF": ("Burkina Faso", ("Ouagadougou", "Bobo-Dioulasso", "Koudougou")),
    "CI": ("Côte d'Ivoire", ("Abidjan", "Yamoussoukro", "Bouaké")),
    "GH": ("Ghana", ("Accra", "Kumasi", "Tamale")),
    "LR": ("Liberia", ("Monrovia", "Gbarnga", "Buchanan")),
    "ML": ("Mali", ("Bamako", "Mopti", "Sikasso")),
    "NE": ("Niger", ("Niamey", "Zinder", "Maradi")),
    "NG": ("Nigeria", ("Abuja", "Lagos", "Kano")),
    "SL": ("Sierra Leone", ("Freetown", "Bo", "Kenema")),
    "SN": ("Senegal", ("Dakar", "Saint-Louis", "Thiès")),
    # Middle East & North Africa
    "AE": ("the United Arab Emirates", ("Dubai", "Abu Dhabi", "Sharjah")),
    "EG": ("Egypt", ("Cairo", "Alexandria", "Aswan")),
    "IQ": ("Iraq", ("Baghdad", "Erbil", "Basra")),
    "JO": ("Jordan", ("Amman", "Irbid", "Aqaba")),
    "LB": ("Lebanon", ("Beirut", "Tripoli", "Sidon")),
    "MA": ("Morocco", ("Rabat", "Casablanca", "Marrakech")),
    "SD": ("Sudan", ("Khartoum", "Port Sudan", "El Obeid")),
    "TN": ("Tunisia", ("Tunis", "Sfax", "Sousse")),
    "YE": ("Yemen", ("Aden", "Sana'a", "Mukalla")),
    # North America
    "CA": ("Canada", ("Ottawa", "Toronto", "Vancouver")),
    "US": ("the United States", ("Washington", "New York", "Houston")),
    # Latin America & Caribbean
    "AR": ("Argentina", ("Buenos Aires", "Córdoba", "Rosario")),
    "BO": ("Bolivia", ("La Paz", "Santa Cruz", "Cochabamba")),
    "BR": ("Brazil", ("Brasília", "São Paulo", "Recife")),
    "CL": ("Chile", ("Santiago", "Valparaíso", "Antofagasta")),
    "CO": ("Colombia", ("Bogotá", "Medellín", "Cali")),
    "GT": ("Guatemala", ("Guatemala City", "Quetzaltenango", "Cobán")),
    "HT": ("Haiti", ("Port-au-Prince", "Cap-Haïtien", "Les Cayes")),
    "JM": ("Jamaica", ("Kingston", "Montego Bay", "Mandeville")),
    "MX": ("Mexico", ("Mexico City", "Guadalajara", "Oaxaca")),
    "PE": ("Peru", ("Lima", "Cusco", "Arequipa")),
}

# A development-news portal: the global South gets most of the coverage.
_EDITION_WEIGHTS = {
    "south-asia": 18,
    "east-africa": 12,
    "west-africa": 11,
    "east-south-east-asia": 11,
    "latin-america-caribbean": 9,
    "southern-africa": 8,
    "middle-east-north-africa": 8,
    "europe-central-asia": 6,
    "central-africa": 5,
    "pacific": 5,
    "north-america": 3,
}
_GLOBAL_SHARE = 0.04
_GLOBAL_KINDS = ("news", "analysis", "opinion")
_MULTI_COUNTRY_KINDS = ("news", "analysis", "press_release")

_KIND_WEIGHTS = {
    "news": 55,
    "brief": 12,
    "analysis": 8,
    "opinion": 8,
    "blog": 6,
    "interview": 6,
    "press_release": 5,
}

_KIND_CHOICES = tuple(_KIND_WEIGHTS)
_KIND_CUMULATIVE = tuple(accumulate(_KIND_WEIGHTS.values()))
_EDITION_CHOICES = tuple(_EDITION_WEIGHTS)
_EDITION_CUMULATIVE = tuple(accumulate(_EDITION_WEIGHTS.values()))
_QUOTE_CHANCE = {
    "news": 0.45,
    "analysis": 0.6,
    "opinion": 0.1,
    "blog": 0.3,
    "interview": 1.0,
    "press_release": 0.7,
    "brief": 0.0,
}
_FACT_BOX_CHANCE = {
    "news": 0.2,
    "analysis": 0.5,
    "opinion": 0.0,
    "blog": 0.1,
    "interview": 0.15,
    "press_release": 0.3,
    "brief": 0.0,
}

_EDITION_NAMES = {slug: name for slug, name, _codes in EDITIONS}
_EDITION_OF_COUNTRY = {code: slug for slug, _name, codes in EDITIONS for code in codes}
_COUNTRIES_BY_EDITION = {
    slug: tuple(code for code in PLACES if _EDITION_OF_COUNTRY[code] == slug)
    for slug in _EDITION_WEIGHTS
}
_SECTOR_SLUGS = tuple(slug for slug, _name in SECTORS)
_AGENCY_SLUGS = tuple(slug for slug, _name, _credit in AGENCIES)
_AGENCY_CREDITS = {slug: credit for slug, _name, credit in AGENCIES}
_AFRICAN_EDITIONS = ("central-africa", "east-africa", "southern-africa", "west-africa")
_ASIAN_EDITIONS = ("south-asia", "east-south-east-asia", "pacific")


@dataclass(frozen=True)
class _SectorVocab:
    # Grammar contract the templates rely on: topics and metrics are singular or mass nouns
    # ("malaria prevention"), problems and beneficiaries are plural ("staff shortages"),
    # assets are (plural noun, smallest, largest plausible count).
    topics: tuple[str, ...]
    assets: tuple[tuple[str, int, int], ...]
    beneficiaries: tuple[tuple[str, int, int], ...]
    metrics: tuple[str, ...]
    problems: tuple[str, ...]
    organisations: tuple[tuple[str, str], ...]  # (name as it reads mid-sentence, short name)
    programmes: tuple[tuple[str, str], ...]
    venues: tuple[str, ...]
    tags: tuple[str, ...]


# fmt: off
_VOCAB = {
    "agro-forestry": _SectorVocab(
        topics=(
            "smallholder irrigation", "agroforestry on degraded land", "climate-smart farming",
            "seed certification", "post-harvest storage", "tree-crop intercropping",
            "soil restoration", "livestock vaccination",
        ),
        assets=(
            ("farmer field schools", 20, 900), ("tree nurseries", 10, 400),
            ("grain stores", 15, 600), ("irrigation schemes", 5, 220),
        ),
        beneficiaries=(
            ("smallholder farmers", 1500, 400000), ("farming households", 1000, 250000),
            ("women growers", 500, 90000), ("herders", 400, 60000),
        ),
        metrics=("maize yields", "tree survival rates", "post-harvest losses", "farm incomes"),
        problems=(
            "erratic rains", "rising fertiliser prices", "delayed seed deliveries",
            "land tenure disputes", "pest outbreaks",
        ),
        organisations=(
            ("the Amberline Growers' Cooperative Union", "Amberline Cooperative"),
            ("the Tallgrass Agroforestry Trust", "Tallgrass Trust"),
            ("the Ninefield Rural Credit Fund", "Ninefield Fund"),
            ("the Cinder Valley Farmers' Network", "Cinder Valley Network"),
        ),
        programmes=(
            ("the Rooted Futures Programme", "Rooted Futures"),
            ("the Second Harvest Initiative", "Second Harvest"),
            ("the Green Canopy Compact", "Green Canopy"),
            ("the Seedbank Bridge Scheme", "Seedbank Bridge"),
        ),
        venues=("farmer field school", "tree nursery", "village seed fair"),
        tags=("smallholders", "food security", "agroforestry", "climate adaptation", "land rights"),
    ),
    "art-culture": _SectorVocab(
        topics=(
            "heritage conservation", "community radio", "craft exports", "public library funding",
            "indigenous language archiving", "film training", "music education",
            "museum digitisation",
        ),
        assets=(
            ("community theatres", 5, 120), ("craft workshops", 10, 400),
            ("libraries", 8, 300), ("radio stations", 4, 90),
        ),
        beneficiaries=(
            ("young artists", 200, 15000), ("artisans", 300, 40000),
            ("students", 500, 60000), ("musicians", 100, 8000),
        ),
        metrics=(
            "festival attendance", "craft export earnings", "library membership",
            "visitor numbers",
        ),
        problems=(
            "shrinking arts budgets", "unpaid royalties", "crumbling venues",
            "visa refusals for performers", "piracy losses",
        ),
        organisations=(
            ("the Lanternhouse Arts Foundation", "Lanternhouse Foundation"),
            ("the Driftwood Heritage Trust", "Driftwood Trust"),
            ("the Open Stage Collective", "Open Stage Collective"),
            ("the Quillmark Cultural Fund", "Quillmark Fund"),
        ),
        programmes=(
            ("the Living Archives Project", "Living Archives"),
            ("the Many Voices Residency", "Many Voices"),
            ("the Makers' Route Programme", "Makers' Route"),
            ("the Stagelight Grants", "Stagelight"),
        ),
        venues=("craft workshop", "community theatre", "music school"),
        tags=("heritage", "creative economy", "languages", "film", "music"),
    ),
    "economy-business": _SectorVocab(
        topics=(
            "small business credit", "mobile money regulation", "export diversification",
            "informal-sector pension coverage", "microinsurance", "trade finance",
            "youth entrepreneurship", "local tax collection",
        ),
        assets=(
            ("small businesses", 200, 40000), ("market stalls", 100, 9000),
            ("savings groups", 40, 5000), ("cooperatives", 10, 800),
        ),
        beneficiaries=(
            ("traders", 500, 120000), ("young entrepreneurs", 300, 50000),
            ("informal workers", 1000, 300000), ("women-led firms", 100, 20000),
        ),
        metrics=(
            "loan repayment rates", "export earnings", "small-business lending",
            "household savings",
        ),
        problems=(
            "high borrowing costs", "currency swings", "late government payments",
            "power cuts", "import delays",
        ),
        organisations=(
            ("the Keystone Enterprise Bank", "Keystone Bank"),
            ("the Saltmarsh Microfinance Group", "Saltmarsh Microfinance"),
            ("the Ledgerline Trade Council", "Ledgerline Council"),
            ("the Brightwater Impact Fund", "Brightwater Fund"),
        ),
        programmes=(
            ("the First Ledger Facility", "First Ledger"),
            ("the Market Bridge Programme", "Market Bridge"),
            ("the Open Counter Initiative", "Open Counter"),
            ("the Growth Ladder Scheme", "Growth Ladder"),
        ),
        venues=("wholesale market", "savings-group meeting", "small workshop"),
        tags=("small business", "finance", "trade", "jobs", "inflation"),
    ),
    "education": _SectorVocab(
        topics=(
            "early-grade reading", "girls' secondary schooling", "teacher training",
            "school meals", "vocational training", "remote learning", "exam reform",
            "classroom construction",
        ),
        assets=(
            ("schools", 20, 2500), ("classrooms", 40, 3000),
            ("teacher colleges", 3, 60), ("learning centres", 10, 600),
        ),
        beneficiaries=(
            ("pupils", 2000, 900000), ("teachers", 200, 40000),
            ("adolescent girls", 500, 120000), ("out-of-school children", 500, 200000),
        ),
        metrics=("reading scores", "enrolment", "dropout rates", "teacher attendance"),
        problems=(
            "teacher shortages", "overcrowded classrooms", "late textbook deliveries",
            "hidden school fees", "exam leaks",
        ),
        organisations=(
            ("the Slate and Chalk Education Trust", "Slate and Chalk Trust"),
            ("the Northlight Learning Alliance", "Northlight Alliance"),
            ("the Open Primer Foundation", "Open Primer Foundation"),
            ("the Brightpath Teachers' Guild", "Brightpath Guild"),
        ),
        programmes=(
            ("the Every Reader Programme", "Every Reader"),
            ("the Second Chance Classrooms Initiative", "Second Chance Classrooms"),
            ("the Full Plate School Meals Scheme", "Full Plate"),
            ("the Teach Forward Fellowship", "Teach Forward"),
        ),
        venues=("primary school", "learning centre", "teacher college"),
        tags=("schools", "girls' education", "teachers", "skills", "literacy"),
    ),
    "energy-extractives": _SectorVocab(
        topics=(
            "off-grid solar", "mini-grid tariff reform", "clean cooking", "mining royalty sharing",
            "grid expansion", "geothermal exploration", "artisanal mining safety",
            "fuel subsidy reform",
        ),
        assets=(
            ("mini-grids", 5, 400), ("solar home systems", 500, 90000),
            ("mine sites", 3, 120), ("substations", 2, 80),
        ),
        beneficiaries=(
            ("households", 1000, 500000), ("small businesses", 200, 30000),
            ("miners", 300, 60000), ("health facilities", 20, 2000),
        ),
        metrics=("electricity access", "royalty receipts", "diesel use", "outage hours"),
        problems=(
            "unpaid utility bills", "transformer thefts", "fuel shortages",
            "opaque mining contracts", "currency-linked tariffs",
        ),
        organisations=(
            ("the Sunward Energy Cooperative", "Sunward Cooperative"),
            ("the Ironbark Resource Watch", "Ironbark Watch"),
            ("the Clearline Power Trust", "Clearline Trust"),
            ("the Emberstone Energy Access Fund", "Emberstone Fund"),
        ),
        programmes=(
            ("the Last Kilometre Power Programme", "Last Kilometre"),
            ("the Clean Hearth Initiative", "Clean Hearth"),
            ("the Open Royalties Compact", "Open Royalties"),
            ("the Bright Nights Scheme", "Bright Nights"),
        ),
        venues=("mini-grid site", "solar workshop", "mining settlement"),
        tags=("energy access", "solar", "mining", "clean cooking", "subsidies"),
    ),
    "health": _SectorVocab(
        topics=(
            "maternal health care", "malaria prevention", "childhood immunisation",
            "tuberculosis screening", "primary health care", "mental health support",
            "nutrition screening", "cervical cancer screening",
        ),
        assets=(
            ("clinics", 10, 900), ("health posts", 20, 1500),
            ("maternity wards", 3, 150), ("mobile clinics", 2, 120),
        ),
        beneficiaries=(
            ("mothers", 500, 150000), ("children under five", 1000, 600000),
            ("patients", 1000, 400000), ("community health workers", 100, 30000),
        ),
        metrics=(
            "vaccination coverage", "clinic attendance", "maternal mortality",
            "medicine availability",
        ),
        problems=(
            "staff shortages", "medicine stock-outs", "long travel times",
            "unpaid health workers", "cold-chain failures",
        ),
        organisations=(
            ("the Kindred Health Alliance", "Kindred Health"),
            ("the Wellspring Community Medicine Trust", "Wellspring Trust"),
            ("the Bluehaven Clinics Network", "Bluehaven Network"),
            ("the Steadfast Nurses' Collective", "Steadfast Collective"),
        ),
        programmes=(
            ("the Safe Arrival Programme", "Safe Arrival"),
            ("the Every Dose Initiative", "Every Dose"),
            ("the Open Door Clinics Scheme", "Open Door Clinics"),
            ("the Healthy Start Compact", "Healthy Start"),
        ),
        venues=("health post", "district clinic", "maternity ward"),
        tags=("public health", "vaccines", "maternal health", "malaria", "mental health"),
    ),
    "law-governance": _SectorVocab(
        topics=(
            "legal aid", "land registration", "court reform", "anti-corruption reporting",
            "civil registration", "budget transparency", "freedom of information",
            "local government auditing",
        ),
        assets=(
            ("legal aid desks", 5, 300), ("courts", 3, 120),
            ("registry offices", 5, 400), ("district councils", 4, 150),
        ),
        beneficiaries=(
            ("citizens", 1000, 500000), ("detainees", 100, 20000),
            ("landholders", 500, 90000), ("local officials", 50, 5000),
        ),
        metrics=(
            "case clearance", "birth registration rates", "audit compliance", "pre-trial detention",
        ),
        problems=(
            "court backlogs", "missing records", "procurement irregularities",
            "high legal fees", "unclear land titles",
        ),
        organisations=(
            ("the Fairmount Legal Aid Society", "Fairmount Society"),
            ("the Civic Lantern Network", "Civic Lantern"),
            ("the Clearwater Governance Forum", "Clearwater Forum"),
            ("the Plainspeak Justice Centre", "Plainspeak Centre"),
        ),
        programmes=(
            ("the Justice Nearby Programme", "Justice Nearby"),
            ("the Open Books Initiative", "Open Books"),
            ("the Every Name Counts Campaign", "Every Name Counts"),
            ("the Fair Title Scheme", "Fair Title"),
        ),
        venues=("district court", "registry office", "legal aid desk"),
        tags=("rule of law", "accountability", "courts", "land rights", "transparency"),
    ),
    "politics": _SectorVocab(
        topics=(
            "voter registration", "local election planning", "youth political participation",
            "decentralisation", "women's representation", "civic education",
            "constituency fund oversight", "electoral reform",
        ),
        assets=(
            ("polling stations", 100, 30000), ("constituencies", 10, 300),
            ("civic centres", 5, 200), ("town hall meetings", 10, 500),
        ),
        beneficiaries=(
            ("first-time voters", 1000, 900000), ("women candidates", 20, 3000),
            ("young people", 1000, 400000), ("councillors", 20, 4000),
        ),
        metrics=(
            "voter turnout", "registration among young voters", "women's share of seats",
            "public trust in councils",
        ),
        problems=(
            "registration delays", "disputed voter rolls", "campaign finance gaps",
            "falling turnout figures", "online disinformation campaigns",
        ),
        organisations=(
            ("the Ballot Square Institute", "Ballot Square"),
            ("the Commons Policy Lab", "Commons Policy Lab"),
            ("the Assembly Watch Network", "Assembly Watch"),
            ("the Civic Compass Foundation", "Civic Compass"),
        ),
        programmes=(
            ("the First Vote Programme", "First Vote"),
            ("the Seats at the Table Initiative", "Seats at the Table"),
            ("the Open Town Hall Series", "Open Town Hall"),
            ("the Local Voices Compact", "Local Voices"),
        ),
        venues=("polling station", "town hall meeting", "civic centre"),
        tags=("elections", "democracy", "youth", "decentralisation", "women in politics"),
    ),
    "science-environment": _SectorVocab(
        topics=(
            "mangrove restoration", "air quality monitoring", "flood early warning",
            "wetland protection", "drought forecasting", "coral reef monitoring",
            "plastic waste reduction", "wildlife corridor protection",
        ),
        assets=(
            ("weather stations", 5, 400), ("monitoring sites", 5, 300),
            ("hectares of mangroves", 50, 12000), ("community forests", 5, 300),
        ),
        beneficiaries=(
            ("coastal households", 500, 200000), ("fishers", 200, 60000),
            ("residents", 1000, 900000), ("researchers", 20, 2000),
        ),
        metrics=(
            "forest cover", "fine-particle pollution", "flood warning lead time", "fish catches",
        ),
        problems=(
            "recurring floods", "illegal logging networks", "heatwaves", "rising sea levels",
            "gaps in weather data",
        ),
        organisations=(
            ("the Tidemark Climate Institute", "Tidemark Institute"),
            ("the Greenvale Conservation Trust", "Greenvale Trust"),
            ("the Skyward Observatory Network", "Skyward Network"),
            ("the Reedbank Wetlands Society", "Reedbank Society"),
        ),
        programmes=(
            ("the Living Coastlines Programme", "Living Coastlines"),
            ("the Early Signal Initiative", "Early Signal"),
            ("the Clean Air Commons", "Clean Air Commons"),
            ("the Green Belt Restoration Compact", "Green Belt"),
        ),
        venues=("mangrove nursery", "weather station", "wetland reserve"),
        tags=("climate change", "biodiversity", "air pollution", "climate finance", "oceans"),
    ),
    "social-gender": _SectorVocab(
        topics=(
            "cash transfers", "gender-based violence services", "childcare provision",
            "disability inclusion", "women's land ownership", "social protection",
            "child marriage prevention", "pension coverage",
        ),
        assets=(
            ("safe houses", 3, 120), ("community centres", 5, 400),
            ("childcare centres", 10, 900), ("help desks", 5, 300),
        ),
        beneficiaries=(
            ("women", 1000, 500000), ("older people", 500, 200000),
            ("people with disabilities", 200, 80000), ("families", 1000, 300000),
        ),
        metrics=(
            "case reporting", "women's earnings", "school attendance among girls",
            "benefit take-up",
        ),
        problems=(
            "funding cuts", "stigmatising attitudes", "late benefit payments",
            "gaps in civil records", "long waiting lists",
        ),
        organisations=(
            ("the Safe Harbour Women's Network", "Safe Harbour Network"),
            ("the Hearthstone Social Fund", "Hearthstone Fund"),
            ("the Equal Footing Alliance", "Equal Footing Alliance"),
            ("the Common Thread Foundation", "Common Thread"),
        ),
        programmes=(
            ("the Steady Income Programme", "Steady Income"),
            ("the Safe Passage Initiative", "Safe Passage"),
            ("the Little Steps Childcare Scheme", "Little Steps"),
            ("the Open Hands Compact", "Open Hands"),
        ),
        venues=("community centre", "women's cooperative", "childcare centre"),
        tags=(
            "gender equality", "social protection", "inclusion", "children",
            "violence against women",
        ),
    ),
    "sports": _SectorVocab(
        topics=(
            "grassroots football", "women's cricket", "school sport", "para-athletics",
            "youth boxing", "community running", "sports facility maintenance",
            "talent scouting",
        ),
        assets=(
            ("pitches", 4, 300), ("sports clubs", 5, 600),
            ("coaching clinics", 5, 400), ("school leagues", 3, 120),
        ),
        beneficiaries=(
            ("young athletes", 200, 60000), ("girls", 500, 80000),
            ("coaches", 30, 5000), ("para-athletes", 20, 3000),
        ),
        metrics=(
            "club membership", "participation among girls", "medal tally", "match attendance",
        ),
        problems=(
            "poor facilities", "high travel costs", "unpaid coaches",
            "sponsorship shortfalls", "fixture clashes",
        ),
        organisations=(
            ("the Fair Play Sports Trust", "Fair Play Trust"),
            ("the Golden Whistle Foundation", "Golden Whistle"),
            ("the Open Field Athletics League", "Open Field League"),
            ("the Ninepin Youth Sport Network", "Ninepin Network"),
        ),
        programmes=(
            ("the Every Pitch Programme", "Every Pitch"),
            ("the Fast Track Talent Scheme", "Fast Track"),
            ("the Level Field Initiative", "Level Field"),
            ("the Rising Stars League", "Rising Stars"),
        ),
        venues=("community pitch", "school sports day", "boxing gym"),
        tags=("football", "cricket", "athletics", "youth sport", "women's sport"),
    ),
    "technology": _SectorVocab(
        topics=(
            "rural broadband", "digital identity", "coding education", "open data",
            "telemedicine", "mobile farm advice", "cybersecurity", "online public services",
        ),
        assets=(
            ("cell towers", 5, 600), ("digital hubs", 3, 200),
            ("public Wi-Fi points", 10, 2000), ("coding clubs", 5, 500),
        ),
        beneficiaries=(
            ("internet users", 2000, 900000), ("students", 500, 80000),
            ("developers", 50, 9000), ("small businesses", 100, 20000),
        ),
        metrics=(
            "mobile internet use", "data prices", "online service uptake", "connection speed",
        ),
        problems=(
            "high data prices", "coverage gaps", "cyberattacks", "device costs",
            "power outages",
        ),
        organisations=(
            ("the Openwire Digital Trust", "Openwire Trust"),
            ("the Pixelbridge Foundation", "Pixelbridge"),
            ("the Hillside Tech Commons", "Hillside Tech Commons"),
            ("the Signalpath Connectivity Fund", "Signalpath Fund"),
        ),
        programmes=(
            ("the Last Bar Connectivity Programme", "Last Bar"),
            ("the Code Commons Initiative", "Code Commons"),
            ("the One Login Project", "One Login"),
            ("the Village Signal Compact", "Village Signal"),
        ),
        venues=("digital hub", "coding club", "phone repair market"),
        tags=("digital", "internet access", "open data", "cybersecurity", "startups"),
    ),
    "transport": _SectorVocab(
        topics=(
            "rural road maintenance", "bus rapid transit", "road safety", "port logistics",
            "cycling infrastructure", "rail rehabilitation", "ferry safety",
            "freight corridor planning",
        ),
        assets=(
            ("kilometres of road", 10, 2500), ("bus routes", 3, 120),
            ("bridges", 2, 150), ("rail stations", 2, 60),
        ),
        beneficiaries=(
            ("commuters", 1000, 900000), ("pedestrians", 1000, 300000),
            ("truck drivers", 200, 30000), ("rural residents", 1000, 500000),
        ),
        metrics=("road deaths", "journey times", "freight costs", "bus ridership"),
        problems=(
            "potholed roads", "fare increases", "overloaded trucks", "fuel price rises",
            "border delays",
        ),
        organisations=(
            ("the Milestone Mobility Trust", "Milestone Trust"),
            ("the Crossroads Transport Forum", "Crossroads Forum"),
            ("the Roadwise Safety Council", "Roadwise Council"),
            ("the Junction Freight Alliance", "Junction Alliance"),
        ),
        programmes=(
            ("the All-Weather Roads Programme", "All-Weather Roads"),
            ("the Safe Streets Compact", "Safe Streets"),
            ("the Green Corridor Initiative", "Green Corridor"),
            ("the Open Road Scheme", "Open Road"),
        ),
        venues=("bus terminal", "road construction site", "ferry terminal"),
        tags=("road safety", "public transport", "infrastructure", "logistics", "cycling"),
    ),
    "urban-development": _SectorVocab(
        topics=(
            "affordable housing", "informal settlement upgrading", "street lighting",
            "urban flood drainage", "waste collection", "land-use planning",
            "public market renovation", "green public space",
        ),
        assets=(
            ("housing units", 50, 20000), ("streetlights", 100, 15000),
            ("neighbourhoods", 3, 150), ("public markets", 2, 60),
        ),
        beneficiaries=(
            ("residents", 1000, 900000), ("tenants", 500, 200000),
            ("street vendors", 200, 40000), ("settlement dwellers", 500, 300000),
        ),
        metrics=(
            "average rents", "waste collection coverage", "flood damage", "housing completions",
        ),
        problems=(
            "rising rents", "eviction threats", "blocked drains", "speculative land deals",
            "planning delays",
        ),
        organisations=(
            ("the Cornerstone Housing Trust", "Cornerstone Trust"),
            ("the Citymark Urban Lab", "Citymark Lab"),
            ("the Commonground Settlements Federation", "Commonground Federation"),
            ("the Brickline Municipal Fund", "Brickline Fund"),
        ),
        programmes=(
            ("the Better Blocks Programme", "Better Blocks"),
            ("the Homes First Initiative", "Homes First"),
            ("the Lit Streets Scheme", "Lit Streets"),
            ("the Open Spaces Compact", "Open Spaces"),
        ),
        venues=("informal settlement", "public market", "housing site"),
        tags=("housing", "cities", "urban planning", "informal settlements", "waste"),
    ),
    "wash": _SectorVocab(
        topics=(
            "rural water supply", "school sanitation", "handwashing promotion",
            "faecal sludge management", "water quality testing", "menstrual hygiene",
            "borehole maintenance", "piped water expansion",
        ),
        assets=(
            ("boreholes", 10, 1500), ("water kiosks", 5, 600),
            ("latrines", 100, 20000), ("treatment plants", 2, 40),
        ),
        beneficiaries=(
            ("villagers", 1000, 500000), ("schoolchildren", 1000, 300000),
            ("households", 500, 200000), ("urban residents", 2000, 900000),
        ),
        metrics=(
            "access to safe water", "diarrhoea incidence", "open defecation",
            "water point functionality",
        ),
        problems=(
            "broken hand pumps", "falling water tables", "unpaid water fees",
            "contaminated wells", "cholera outbreaks",
        ),
        organisations=(
            ("the Wellhouse Water Trust", "Wellhouse Trust"),
            ("the Clearspring Sanitation Alliance", "Clearspring Alliance"),
            ("the Rainpath Foundation", "Rainpath Foundation"),
            ("the Blue Bucket Collective", "Blue Bucket Collective"),
        ),
        programmes=(
            ("the Every Tap Programme", "Every Tap"),
            ("the Clean Hands Initiative", "Clean Hands"),
            ("the Safe Sip Scheme", "Safe Sip"),
            ("the Water Within Reach Compact", "Water Within Reach"),
        ),
        venues=("water kiosk", "school latrine block", "borehole site"),
        tags=("water", "sanitation", "hygiene", "cholera", "public health"),
    ),
}
# fmt: on

# Independent voices who question the organisations in the story.
_WATCHDOGS = (
    "the Riverbend Centre for Public Finance",
    "the Lowland Research Collective",
    "the Northgate Accountability Project",
    "the Slowbridge Policy Institute",
    "the Open Margin Research Group",
)

_PERSON_ROLES = (
    "programme director",
    "country director",
    "head of research",
    "senior adviser",
    "chief executive",
    "field coordinator",
    "policy lead",
    "operations manager",
    "board chair",
    "regional manager",
)
_CRITIC_ROLES = (
    "a senior fellow",
    "research director",
    "lead economist",
    "a policy analyst",
    "executive director",
)

# Given names and surnames are paired at random, so the people quoted are invented; pools
# follow the region so that a quote from Nairobi does not come from a Lima-sounding name.
# fmt: off
_NAMES = {
    "pacific": (
        ("Mere", "Sione", "Losana", "Tevita", "Ana", "Josaia", "Kalani", "Ruth", "Iosefa"),
        ("Tuilagi", "Naivalu", "Kapuni", "Faleolo", "Vainikolo", "Ratuvou", "Tamaki", "Ioane"),
    ),
    "south-asia": (
        ("Anjali", "Farhan", "Meera", "Tashi", "Rukhsana", "Sanjeev", "Dilini", "Karan", "Nasrin"),
        ("Bhattarai", "Qureshi", "Menon", "Wangchuk", "Perera", "Chowdhury", "Rathore", "Siddiqi"),
    ),
    "east-south-east-asia": (
        ("Mai", "Rizal", "Sokha", "Ayumi", "Bayarmaa", "Somchai", "Dewi", "Hieu", "Liwei"),
        ("Nguyen", "Santoso", "Chanthavong", "Okabe", "Batbold", "Reyes", "Wirawan", "Lim"),
    ),
    "europe-central-asia": (
        ("Aigerim", "Tobias", "Nino", "Oksana", "Emre", "Dilnoza", "Pieter", "Clara", "Rustam"),
        ("Abenova", "Hartmann", "Beridze", "Kovalenko", "Yildirim", "Karimova", "Janssens"),
    ),
    "central-africa": (
        ("Clarisse", "Jean-Pierre", "Nadège", "Armand", "Esther", "Blaise", "Solange", "Idriss"),
        ("Mbala", "Nzeyimana", "Ekambi", "Ngoma", "Mahamat", "Obiang", "Kalonji", "Tchana"),
    ),
    "east-africa": (
        ("Wanjiru", "Tesfaye", "Amani", "Nakato", "Hodan", "Baraka", "Mahlet", "Okello", "Zawadi"),
        ("Otieno", "Bekele", "Mugisha", "Nansubuga", "Warsame", "Mwakasege", "Tadesse", "Deng"),
    ),
    "southern-africa": (
        ("Thandeka", "Kagiso", "Chipo", "Tiyamike", "Lindiwe", "Fernando", "Mutinta", "Sipho"),
        ("Dlamini", "Moyo", "Banda", "Mosweu", "Nhantumbo", "Shikongo", "Phiri", "Mutasa"),
    ),
    "west-africa": (
        ("Adwoa", "Chinedu", "Aminata", "Kofi", "Fatoumata", "Ibrahim", "Yaa", "Ousmane", "Ngozi"),
        ("Mensah", "Okeke", "Diallo", "Traoré", "Sesay", "Boateng", "Ouédraogo", "Koroma"),
    ),
    "middle-east-north-africa": (
        ("Layla", "Omar", "Rania", "Youssef", "Salma", "Karim", "Huda", "Tarek", "Nadia"),
        ("Haddad", "El-Sayed", "Benali", "Al-Masri", "Khoury", "Saidi", "Mansour", "Hamdan"),
    ),
    "north-america": (
        ("Jordan", "Maya", "Devon", "Priya", "Caleb", "Renée", "Marcus", "Lena", "Owen"),
        ("Whitaker", "Okafor", "Delacroix", "Brennan", "Castellano", "Mercer", "Ashdown"),
    ),
    "latin-america-caribbean": (
        ("Valentina", "Mateo", "Camila", "Joaquín", "Marisol", "Thiago", "Guadalupe", "Andre"),
        ("Quispe", "Barrios", "Montoya", "Figueroa", "Baptiste", "Saldaña", "Carvalho", "Mejía"),
    ),
}
# fmt: on
_NAME_POOLS = tuple(_NAMES.values())

_REGIONAL_CORRESPONDENT = {
    "central-africa": "adaeze-kamau",
    "east-africa": "adaeze-kamau",
    "southern-africa": "adaeze-kamau",
    "west-africa": "adaeze-kamau",
    "latin-america-caribbean": "tomas-ferreira-lind",
    "north-america": "tomas-ferreira-lind",
    "south-asia": "ishani-varadan",
    "east-south-east-asia": "linh-pham-ortega",
    "pacific": "linh-pham-ortega",
    "europe-central-asia": "malika-rustamova",
    "middle-east-north-africa": "noor-el-haddad",
    GLOBAL_EDITION: "rhys-hale",
}
_SECTOR_SPECIALIST = {"health": "jonah-sule", "science-environment": "hana-lindqvist"}
_DATA_REPORTER = "rhys-hale"
_COLUMNISTS = ("beatriz-calloway", "kwabena-ruiz-asante", "saoirse-tembo")
_BLOGGERS = ("saoirse-tembo",)

_NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "ten")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Headlines. Each kind has enough templates, each drawing on several pools, that twenty
# thousand stories rarely repeat a headline.
_NEWS_HEADLINES = (
    "{Org_short} to expand {topic} to {n} {assets} in {country}",
    "{Org_short} launches {money} plan for {topic} in {country}",
    "{Problem} strain {assets} in {city}, {org_short} says",
    "{pct}% shift in {metric} reported across {country}",
    "{Programme_short} scheme targets {b_n} {beneficiaries} in {country}",
    "{Org_short} warns {problem} could stall {topic} in {country}",
    "{money} funding gap threatens {topic} in {city}",
    "{Org_short} and {org2_short} sign {money} deal on {topic} in {country}",
    "{Assets} in {city} report {pct}% change in {metric}",
    "{Org_short} audit finds {topic} lagging in {district_n} of {district_total} districts",
    "{City} pilot of {programme_short} reaches {b_n} {beneficiaries}",
    "{Org_short} doubles {topic} budget to {money} after {problem}",
)
_ANALYSIS_HEADLINES = (
    "Why {topic} in {country} is harder than it looks",
    "What a {money} bet on {topic} can and cannot fix in {country}",
    "Behind the numbers: {topic} in {city}",
    "Can {programme_short} deliver on {topic} in {country}?",
    "The hidden cost of {problem} for {topic} in {country}",
    "{Country}, {topic} and the {pct}% question",
    "Who pays for {topic} in {city} when the donors leave?",
)
_OPINION_HEADLINES = (
    "{Country} cannot afford to ignore {problem}",
    "It is time to rethink {topic} in {country}",
    "{Topic} in {city} needs patient money, not pilot projects",
    "Stop treating {topic} in {country} as an afterthought",
    "The case for putting {beneficiaries} first in {country}",
    "Promises on {topic} mean little while {problem} persist in {country}",
)
_BLOG_HEADLINES = (
    "Notes from {city}: {topic} up close",
    "A week with {beneficiaries} in {city}",
    "What I learned about {topic} in {country}",
    "Field diary: {problem} and {topic} in {city}",
    "Inside a {venue} in {city}",
)
_INTERVIEW_HEADLINES = ("'{soundbite}': {person} on {topic}",)
_PRESS_RELEASE_HEADLINES = (
    "{Org_short} announces {money} {programme_short} programme for {topic}",
    "{Org_short} opens applications for {programme_short} in {country}",
    "{Org_short} partners with {org2_short} to advance {topic} in {country}",
    "{Org_short} commits {money} to {topic} in {city}",
)
_BRIEF_HEADLINES = (
    "{n} new {assets} for {city}",
    "{City} {topic} drive begins",
    "{Org_short} reports {pct}% shift in {metric}",
    "{Country}: {money} for {topic}",
    "{Programme_short} reaches {city}",
)
_GLOBAL_HEADLINES = {
    "news": (
        "Global survey by {org_short} finds {topic} underfunded by {money}",
        "{Org_short} report: {metric} stalls across {n_countries} countries",
        "Donors pledge {money} for {topic} at {org_short} meeting",
    ),
    "analysis": (
        "Why the world keeps missing its {topic} targets",
        "The {money} question hanging over global {topic}",
        "What data from {n_countries} countries say about {topic}",
    ),
    "opinion": (
        "The world's promises on {topic} need a reality check",
        "Global funds for {topic} should trust local hands",
        "{Topic} deserves more than summit pledges",
    ),
}
_HEADLINES = {
    "news": _NEWS_HEADLINES,
    "analysis": _ANALYSIS_HEADLINES,
    "opinion": _OPINION_HEADLINES,
    "blog": _BLOG_HEADLINES,
    "interview": _INTERVIEW_HEADLINES,
    "press_release": _PRESS_RELEASE_HEADLINES,
    "brief": _BRIEF_HEADLINES,
}

_SOUNDBITES = (
    "We cannot wait for perfect data",
    "The money has to reach the last mile",
    "Nobody here wants another pilot",
    "Trust is the real infrastructure",
    "Measure first, then spend",
    "Local people already know the answers",
    "Budgets are moral documents",
    "We fixed the easy part first",
    "Small grants need big patience",
    "Data without follow-up is just noise",
    "Women are already running this",
    "Our biggest risk is fatigue",
    "Scale is a habit, not an event",
    "Maintenance is the whole story",
    "We were wrong about the timeline",
    "Every district is different",
)

_SUMMARIES = {
    "news": (
        (
            "{Org} plans to bring {topic} to {n} {assets} in {country} by {target_year}, "
            "backed by {money}.",
            "A {money} push by {org} aims to reach {b_n} {beneficiaries} in and around {city}.",
            "{Org} says {metric} in {country} shifted by {pct}% over the past year, prompting "
            "a rethink of {topic}.",
            "{Problem} are straining {topic} in {city}, according to figures from {org}.",
        ),
        (
            "Critics say {problem} could slow the rollout.",
            "The first phase starts in {city}.",
            "{Critic} of {watchdog} called the targets ambitious.",
            "Organisers expect the first results by {target_year}.",
        ),
    ),
    "analysis": (
        (
            "{Topic} in {country} has improved on paper, but {problem} tell a different story.",
            "A look at what {money} can and cannot buy for {topic} in {country}.",
            "Behind the headline figures for {metric} in {country} lies a harder question "
            "about {topic}.",
        ),
        (
            "We looked at the data from {district_total} districts.",
            "The answer matters to {b_n} {beneficiaries}.",
        ),
    ),
    "opinion": (
        (
            "{Topic} needs steady funding and local control, not another round of pilots.",
            "Progress on {topic} in {country} will stall unless donors and officials take "
            "{problem} seriously.",
            "Treating {topic} as a side project has cost {beneficiaries} dearly; it is time "
            "to change course.",
        ),
        (
            "Here is what should happen next.",
            "The evidence from {city} shows the way.",
        ),
    ),
    "blog": (
        (
            "Notes from a week spent with {beneficiaries} and the people running "
            "{programme} in {city}.",
            "What a {venue} in {city} taught me about {topic}.",
        ),
        (
            "Not everything went to plan.",
            "The figures only tell half of it.",
        ),
    ),
    "interview": (
        (
            "{Person}, {person_role} at {org}, talks about {topic}, {problem} and what comes "
            "next for {beneficiaries} in {country}.",
        ),
        (),
    ),
    "press_release": (
        (
            "{Org} today announced {programme}, a {money} initiative to expand {topic} in "
            "{country}.",
        ),
        (
            "The programme begins in {city} and runs until {target_year}.",
            "It aims to reach {b_n} {beneficiaries}.",
        ),
    ),
    "brief": (
        (
            "{Org} says {n} {assets} in {city} now offer {topic}.",
            "Figures for {metric} in {country} moved by {pct}% last quarter, {org} said.",
            "{Org} and {org2} commit {money} to {topic} in {country}.",
        ),
        (),
    ),
}
_GLOBAL_SUMMARIES = (
    (
        "A survey of {n_countries} countries by {org} finds {topic} underfunded by about "
        "{money} a year.",
        "Figures for {metric} have barely moved in a decade, and {problem} are part of why.",
    ),
    (
        "Donors and governments are running out of excuses.",
        "The gap is widest where need is greatest.",
    ),
)

_NEWS_LEDES = (
    "{Org} said {weekday} it would extend {topic} to {n} {assets} across {country} under "
    "{programme}, a {money} effort it expects to reach {b_n} {beneficiaries} by {target_year}.",
    "{Problem} have left {topic} in {city} under strain, {org} said {weekday}, publishing "
    "figures that show a {pct}% shift in {metric} since {start_year}.",
    "A {money} plan to improve {topic} in {country} was announced {weekday} by {org} and "
    "{org2}, who said work would start in {city} within months.",
    "{Org} warned {weekday} that {problem} could undo recent gains in {topic} in {country}, "
    "where figures for {metric} have shifted by {pct}% in two years.",
)
_FACTS = (
    "According to {org_short}, {district_n} of the {district_total} districts it works in are "
    "behind schedule, and the gap is widest in areas furthest from {city}.",
    "The first phase covers {n} {assets}. A second phase, worth a further {money2}, depends on "
    "an independent review due in {target_year}.",
    "Figures shared with reporters show {metric} moved by {pct}% in areas covered by "
    "{programme} against {pct2}% elsewhere, a difference the organisers called encouraging "
    "but early.",
    "Roughly {pct2}% of the budget goes to running costs and training; the rest is earmarked "
    "for {assets} and direct support to {beneficiaries}.",
)
_BACKGROUND = (
    "{Topic} has long been uneven in {country}. Services cluster in and around {city}, while "
    "outlying districts rely on a patchwork of short-term projects.",
    "The effort follows commitments made in {start_year} to tackle {problem}, which community "
    "groups have raised at public hearings ever since.",
    "Previous attempts to scale up {topic} stalled when funding ended. Organisers say this time "
    "the money is spread over {duration} years and tied to local staff rather than consultants.",
    "{Beneficiaries} in the area say {problem} remain their main concern. At a {venue} near "
    "{city} this month, {waiting} people were on the waiting list.",
)
_CRITIC = (
    "Not everyone is convinced. {Critic}, {critic_role} at {watchdog}, said the targets assumed "
    "that {problem} would ease on their own. \u201cThe plan is strong on launches and thin on "
    "maintenance,\u201d {critic_surname} said.",
    "{Watchdog}, which tracks spending on {topic}, said it would publish its own assessment. "
    "Its {start_year} review found that fewer than half of similar projects met their targets.",
    "{Critic} of {watchdog} welcomed the plan but said {org_short} should publish site-by-site "
    "data so that {beneficiaries} can check whether the promised {assets} work.",
)
_OUTLOOK = (
    "{Org_short} said it would report progress every six months and that work on the first "
    "{assets} would begin before the end of {year}.",
    "The next test comes in {target_year}, when the funding is due for renewal and "
    "{district_total} districts will have reported a full year of data.",
    "{Org_short} and {org2_short} said they would also look at {topic2}, which they described "
    "as the logical next step.",
)
_SECOND_COUNTRY = (
    "A smaller version of {programme} is due to start in {country2}, where {org_short} said "
    "{problem} were much the same.",
    "Organisers said lessons from {city} would shape a parallel effort in {country2} later "
    "this year.",
)
_QUOTE_PARAGRAPHS = (
    "\u201c{quote},\u201d said {person}, {person_role} at {org}.",
    "\u201c{quote},\u201d {person} told reporters in {city}. {person_surname}, who is "
    "{person_role} at {org}, said the next six months would be decisive.",
)
_GLOBAL_QUOTE_PARAGRAPH = "\u201c{quote},\u201d said {person}, {person_role} at {org}."

_ANALYSIS_LEDES = (
    "On paper, {topic} in {country} is a success story. Figures for {metric} have moved by "
    "{pct}% since {start_year}, and {org} now counts {n} {assets}.",
    "Ask anyone working on {topic} in {city} what holds them back and the answer comes "
    "quickly: {problem}.",
    "{Programme} was meant to settle the argument over {topic} in {country}. After "
    "{duration} years and {money}, the argument is still going.",
)
_ANALYSIS_BODY = (
    "The numbers deserve a closer look. Districts near {city} account for much of the gain, "
    "while {district_n} of {district_total} districts recorded little change or went backwards.",
    "Three things could change the picture: steadier funding, better data on {metric}, and a "
    "plan for {problem} that does not depend on a single donor.",
    "There is also a question of who decides. {Beneficiaries} are consulted in most project "
    "documents, but rarely in the budget meetings where priorities are set.",
    "The comparison with {topic2} is instructive: where money arrived in smaller amounts over "
    "a longer period, results lasted.",
)

_OPINION_LEDES = (
    "Every few years a new plan for {topic} arrives in {country} with a launch event, a logo "
    "and a promise. I have watched enough of them to know what usually follows: a quiet "
    "retreat once the cameras leave.",
    "We talk about {topic} as if it were a technical problem. It is not. It is a question of "
    "who is willing to pay for dull, reliable things, such as {assets} that keep working.",
    "There is a habit in {country} of treating {problem} as bad luck. They are not bad luck; "
    "they are the predictable result of choices made in budgets.",
)
_OPINION_ARGUMENTS = (
    "Look at {city}. Where {beneficiaries} were given a say in how {assets} were run, "
    "{metric} improved by {pct}% in two years. Where they were not, the figures barely moved.",
    "The money exists. {Org} alone has committed {money}. The trouble is that too much of it "
    "is spent on pilots designed to end.",
    "Critics will say this is unaffordable. But the cost of inaction is already being paid by "
    "{b_n} {beneficiaries}, in time, in income and in health.",
    "None of this needs a breakthrough. It needs patience, published data and the willingness "
    "to fund maintenance as seriously as construction.",
    "The lesson of {topic2} is that ownership matters more than design. Programmes run by "
    "local councils outlasted those run from capital cities by years.",
)
_OPINION_CLOSES = (
    "The next budget is the test. If {topic} is still treated as an add-on, nobody should "
    "pretend to be surprised by the results.",
    "My ask is simple: fund {topic} for ten years, not two, and let the people of {city} judge "
    "whether it works.",
    "{Country} has done harder things. It can do this one too, if it decides to.",
)

_BLOG_LEDES = (
    "I arrived in {city} on a {weekday_name} morning, expecting to write about {programme}. I "
    "ended up writing about {problem}.",
    "The {venue} sits at the end of a long road outside {city}. By eight in the morning "
    "{waiting} people were already waiting.",
    "This is my third visit to {city} to report on {topic}, and the first time I have seen "
    "real change.",
)
_BLOG_BODY = (
    "The staff were candid. {Problem} are the daily reality, they said, and the new money "
    "from {org_short} helps, but it does not fix everything.",
    "I spent an afternoon with a group of {beneficiaries} who have been part of {programme} "
    "since {start_year}. Their verdict was mixed: more reliable than before, still too slow.",
    "One conversation stayed with me. A volunteer who has worked at the {venue} for years "
    "told me the biggest change was simply that people now expect it to be open.",
    "The numbers {org_short} publishes show a {pct}% shift in {metric}. On the ground, the "
    "change is harder to measure but easy to feel.",
)
_BLOG_CLOSES = (
    "I will go back next year. The test of {programme} is not the launch; it is whether the "
    "{venue} still works when nobody is watching.",
    "Leaving {city}, I kept thinking about how much of {topic} depends on people whose names "
    "never appear in a report.",
)

_INTERVIEW_INTRO = (
    "{Person} is {person_role} at {org}, which runs {programme} in {country}. We spoke in "
    "{city} about {topic}, {problem} and what the next {duration} years should look like. The "
    "conversation has been edited for length and clarity."
)
_INTERVIEW_EXCHANGES = (
    (
        "Q: What has changed since {programme} began?",
        "A: A lot, and not enough. We now reach {n} {assets}, and {metric} has moved by {pct}%. "
        "But {problem} still decide more than we do.",
    ),
    (
        "Q: Where does the money go?",
        "A: Most of the {money} goes to people: local staff, training and running costs. The "
        "buildings are the easy part.",
    ),
    (
        "Q: What do your critics get right?",
        "A: That we announced too much too early. We have learned to publish the data first "
        "and the targets second.",
    ),
    (
        "Q: How do {beneficiaries} shape the work?",
        "A: They sit on site committees in every district. When they tell us something is not "
        "working, we change it, usually within a month.",
    ),
    (
        "Q: What happens in {target_year}?",
        "A: The funding is up for renewal. I would like {topic2} to be part of the next phase.",
    ),
)

_INTERVIEW_LAST_EXCHANGE = (
    "Q: What should readers take away from all this?",
    "A: {soundbite}. Everything else follows from that.",
)

_PRESS_RELEASE_LEDE = (
    "{Org} today announced {programme}, a {money} initiative to expand {topic} in {country}. "
    "The programme will begin in {city} and aims to reach {b_n} {beneficiaries} by "
    "{target_year}."
)
_PRESS_RELEASE_DETAILS = (
    "The initiative will fund {n} {assets}, training for local staff and an independent "
    "evaluation. It is being delivered with {org2}.",
    "{Programme} builds on {org_short}'s work since {start_year}, during which {metric} in "
    "participating districts shifted by {pct}%.",
)
_PRESS_RELEASE_ABOUT = (
    "About {org_short}: {Org} is an independent organisation working on {topic} and {topic2} "
    "in {region}. Media enquiries: press@example.org."
)

_BRIEF_LEDES = (
    "{Org} said {weekday} that {n} {assets} in and around {city} now offer {topic}, ahead of "
    "its {target_year} target.",
    "Figures for {metric} in {country} moved by {pct}% last quarter, {org} said {weekday}, "
    "citing {problem} as the main risk.",
    "{Org} and {org2} signed an agreement in {city} {weekday} to expand {topic}, with {money} "
    "committed over {duration} years.",
    "Work began {weekday} on {n} {assets} near {city} under {programme}, organisers said.",
)
_BRIEF_FOLLOW_UPS = (
    "The group said it would publish district-level figures in {target_year}.",
    "{Problem} remain the main obstacle, it added.",
    "A second phase is planned for {target_year}.",
)

_GLOBAL_LEDES = {
    "news": "A survey of {n_countries} countries published {weekday} by {org} found that "
    "{topic} remains underfunded by about {money} a year, with {problem} cited as the main "
    "obstacle.",
    "analysis": "Across {n_countries} countries tracked by {org}, figures for {metric} have "
    "moved by {pct}% since {start_year}, mostly in cities. The reasons are more political than "
    "technical.",
    "opinion": "Every international summit produces a new pledge on {topic}. Few survive "
    "contact with the budgets of low- and middle-income countries, where {problem} are a "
    "daily reality.",
}
_GLOBAL_BODY = (
    "Country-level data show the widest gaps where {problem} are most severe, and the "
    "smallest where {beneficiaries} have a formal say in how money is spent.",
    "Donors committed {money} to {topic} last year, but less than {pct2}% of it reached local "
    "organisations directly, according to {org_short}.",
    "Previous attempts to scale up {topic} stalled when funding ended. The pattern repeats "
    "across regions: short grants, quick launches, slow decline.",
    "{Critic}, {critic_role} at {watchdog}, said the figures should worry anyone who has "
    "promised results by {target_year}.",
    "The comparison with {topic2} is instructive: where money arrived in smaller amounts over "
    "a longer period, results lasted.",
    "{Org_short} said it would publish its country-level data in full every year.",
)

_QUOTES = (
    "We have seen what works in {city}. The job now is to make it routine",
    "Every month of delay is paid for by {beneficiaries}, not by the people who write the budgets",
    "{Topic} is not a luxury. It is the floor everything else stands on",
    "The money is only half of it. The other half is showing up, week after week",
    "We measured before we spent, and we will publish what we find, good or bad",
    "Nobody asked us for another launch event. They asked for {assets} that keep working",
    "If the numbers hold, this is the fastest progress on {topic} we have recorded",
    "We underestimated {problem}. We are not going to make that mistake twice",
    "Communities have been doing this work for years; our job is to stop getting in the way",
    "Targets are easy to announce. What matters is whether {beneficiaries} notice a difference",
    "There is no shortcut around {problem}, only a longer road or a better-planned one",
    "I would rather reach {b_n} {beneficiaries} properly than twice that on paper",
)

_FACT_BOX_TITLES = ("Key figures", "At a glance", "By the numbers", "{Programme_short} in brief")
_FACT_BOX_BULLETS = (
    "{n} {assets} in the first phase",
    "{b_n} {beneficiaries} targeted by {target_year}",
    "Budget: {money} over {duration} years",
    "Partners: {org_short} and {org2_short}",
    "{pct}%: shift in {metric} since {start_year}",
    "Launched in {city} in {start_year}",
    "{district_n} of {district_total} districts behind schedule",
)

_UPDATE_NOTES = (
    "Updates with comment from {org2_short}",
    "Updates with figures from {org_short}",
    "Adds background on {topic2}",
    "Updates with reaction from community groups",
    "Adds details of the second phase",
    "Updates with comment from {watchdog}",
)
_CORRECTIONS = (
    "An earlier version of this story misstated the number of {assets} in the first phase. "
    "It is {n}.",
    "An earlier version of this story gave the wrong job title for {person}, who is "
    "{person_role} at {org}.",
    "This story has been corrected to show that the budget is {money}, not {money2}.",
    "An earlier version of this story misspelt the name of {programme}.",
)

_PHOTOGRAPHERS = (
    "Ines Okoro",
    "Dara Vellacott",
    "Paulo Nkemelu",
    "Suvi Haraldsen",
    "Bilal Ferreira",
    "Kemi Laurent",
    "Arjun Halvorsen",
    "Zofia Mwale",
)

# Fields that templates may use at the start of a sentence get a capitalised twin.
_CAPITALISED_FIELDS = (
    "org",
    "org_short",
    "programme",
    "programme_short",
    "topic",
    "problem",
    "country",
    "city",
    "assets",
    "beneficiaries",
    "watchdog",
    "critic",
    "person",
)


def generate_stories(count: int, *, seed: int = 2025, now: datetime) -> Iterator[StorySpec]:
    """Yield `count` stories published in the 30 days before `now`, the same for one seed.

    The first fifteen stories walk through every sector, edition and kind, so any count of
    fifteen or more shows the whole taxonomy; the rest follow the newsroom's usual mix.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    return _generate(count, _QuickRandom(seed), now.astimezone(UTC))


class _QuickRandom(random.Random):
    """random.Random with cheaper choice, randint and sample.

    The standard methods draw integers by rejection sampling, which makes them exact but
    three times slower; scaling one float is unbiased enough for demo text, and a story
    makes about a hundred such draws.
    """

    def choice(self, options):
        return options[int(self.random() * len(options))]

    def randint(self, low, high):
        return low + int(self.random() * (high - low + 1))

    def sample(self, population, k):
        # A partial Fisher-Yates shuffle: only the first k positions are settled.
        pool = list(population)
        for position in range(k):
            swap = position + int(self.random() * (len(pool) - position))
            pool[position], pool[swap] = pool[swap], pool[position]
        return pool[:k]


def _generate(count: int, rng: random.Random, now: datetime) -> Iterator[StorySpec]:
    regional_editions = tuple(_EDITION_WEIGHTS)
    # Global goes last in the walk-through so that it lands on a story whose kind is free
    # to be one that a Global story can have.
    coverage_editions = (*rng.sample(regional_editions, len(regional_editions)), GLOBAL_EDITION)
    coverage_sectors = rng.sample(_SECTOR_SLUGS, len(_SECTOR_SLUGS))
    coverage_kinds = rng.sample(KINDS, len(KINDS))
    for index in range(count):
        kind = coverage_kinds[index] if index < len(coverage_kinds) else None
        edition = coverage_editions[index] if index < len(coverage_editions) else None
        sector = coverage_sectors[index] if index < len(coverage_sectors) else None
        yield _make_story(rng, now, kind=kind, edition=edition, sector=sector)


def _make_story(
    rng: random.Random,
    now: datetime,
    *,
    kind: str | None,
    edition: str | None,
    sector: str | None,
) -> StorySpec:
    if kind is None and edition == GLOBAL_EDITION:
        kind = rng.choice(_GLOBAL_KINDS)
    elif kind is None:
        kind = rng.choices(_KIND_CHOICES, cum_weights=_KIND_CUMULATIVE)[0]
    if edition is None:
        if kind in _GLOBAL_KINDS and rng.random() < _GLOBAL_SHARE:
            edition = GLOBAL_EDITION
        else:
            edition = rng.choices(_EDITION_CHOICES, cum_weights=_EDITION_CUMULATIVE)[0]
    sector_slugs = [sector or rng.choice(_SECTOR_SLUGS)]
    if rng.random() < 0.3:
        sector_slugs.append(rng.choice([slug for slug in _SECTOR_SLUGS if slug != sector_slugs[0]]))

    is_global = edition == GLOBAL_EDITION
    if is_global:
        country_codes = []
    else:
        candidates = _COUNTRIES_BY_EDITION[edition]
        country_codes = [rng.choice(candidates)]
        # Only these kinds have a paragraph that names a second country.
        if kind in _MULTI_COUNTRY_KINDS and rng.random() < 0.15:
            neighbours = [code for code in candidates if code != country_codes[0]]
            country_codes.append(rng.choice(neighbours))

    first_published = _publication_time(rng, now)
    fields = _story_fields(rng, sector_slugs, country_codes, edition, first_published)

    headline = _headline(rng, kind, is_global, fields)
    summary = _summary(rng, kind, is_global, fields)
    quote = _quote(rng, kind, fields)
    if quote:
        fields["quote"] = quote[0].removesuffix(".")
    paragraphs = _paragraphs(rng, kind, is_global, len(country_codes) > 1, quote, fields)
    fact_box = _fact_box(rng, kind, fields)
    provenance = _provenance(rng, kind)
    author_slugs, desk = _byline(rng, kind, provenance, sector_slugs[0], edition)
    agency_slugs = _agencies(rng, provenance)
    last_updated, update_note, correction = _revision(rng, now, first_published, fields)
    image_seed, image_is_ai, image_caption, image_credit = _image(
        rng, kind, is_global, agency_slugs, fields
    )
    return StorySpec(
        kind=kind,
        headline=headline,
        summary=summary,
        paragraphs=paragraphs,
        quote=quote,
        fact_box=fact_box,
        sector_slugs=sector_slugs,
        country_codes=country_codes,
        dateline_place="" if is_global else fields["city"],
        tags=_tags(rng, sector_slugs),
        author_slugs=author_slugs,
        desk=desk,
        provenance=provenance,
        agency_slugs=agency_slugs,
        sponsored=kind in ("news", "press_release") and rng.random() < 0.016,
        first_published=first_published,
        last_updated=last_updated,
        update_note=update_note,
        correction=correction,
        image_seed=image_seed,
        image_is_ai=image_is_ai,
        image_caption=image_caption,
        image_credit=image_credit,
    )


def _publication_time(rng: random.Random, now: datetime) -> datetime:
    # A power above one crowds stories towards `now`, as on a real site where the last few
    # days hold more items than the weeks before them.
    age_seconds = int(PUBLISHING_WINDOW.total_seconds() * rng.random() ** 1.4)
    return now - timedelta(seconds=age_seconds)


def _story_fields(
    rng: random.Random,
    sector_slugs: list[str],
    country_codes: list[str],
    edition: str,
    first_published: datetime,
) -> dict[str, str]:
    vocab = _VOCAB[sector_slugs[0]]
    secondary = _VOCAB[sector_slugs[-1]]
    topic = rng.choice(vocab.topics)
    topic2 = rng.choice([other for other in secondary.topics if other != topic])
    (org, org_short), (org2, org2_short) = rng.sample(vocab.organisations, 2)
    programme, programme_short = rng.choice(vocab.programmes)
    asset, asset_low, asset_high = rng.choice(vocab.assets)
    beneficiaries, beneficiaries_low, beneficiaries_high = rng.choice(vocab.beneficiaries)
    metric = rng.choice(vocab.metrics)
    district_total = rng.randint(8, 60)
    given_names, surnames = _NAMES[edition] if edition in _NAMES else rng.choice(_NAME_POOLS)
    person_surname, critic_surname = rng.sample(surnames, 2)
    year = first_published.year

    if country_codes:
        country, cities = PLACES[country_codes[0]]
        city = rng.choice(cities)
        country2 = PLACES[country_codes[-1]][0]
        region = _EDITION_NAMES[edition]
    else:
        # Global stories speak of no single place; these stand in wherever a template
        # shared with place-bound stories asks for one.
        country = country2 = "low- and middle-income countries"
        city = "the hardest-hit districts"
        region = "several regions"

    fields = {
        "topic": topic,
        "topic2": topic2,
        "org": org,
        "org_short": org_short,
        "org2": org2,
        "org2_short": org2_short,
        "programme": programme,
        "programme_short": programme_short,
        "assets": asset,
        "n": _format_count(_plausible_count(rng, asset_low, asset_high)),
        "beneficiaries": beneficiaries,
        "b_n": _format_count(_plausible_count(rng, beneficiaries_low, beneficiaries_high)),
        "metric": metric,
        "problem": rng.choice(vocab.problems),
        "venue": rng.choice(vocab.venues),
        "pct": str(rng.randint(3, 68)),
        "pct2": str(rng.randint(2, 40)),
        "money": _money(rng),
        "money2": _money(rng),
        "year": str(year),
        "start_year": str(year - rng.randint(1, 6)),
        "target_year": str(year + rng.randint(1, 5)),
        "duration": rng.choice(_NUMBER_WORDS),
        "district_total": str(district_total),
        "district_n": str(rng.randint(2, district_total // 2)),
        "n_countries": str(rng.randint(12, 90)),
        "waiting": str(rng.randint(20, 300)),
        "weekday": "on " + _WEEKDAYS[first_published.weekday()],
        "weekday_name": _WEEKDAYS[first_published.weekday()],
        "person": f"{rng.choice(given_names)} {person_surname}",
        "person_surname": person_surname,
        "person_role": rng.choice(_PERSON_ROLES),
        "critic": f"{rng.choice(given_names)} {critic_surname}",
        "critic_surname": critic_surname,
        "critic_role": rng.choice(_CRITIC_ROLES),
        "watchdog": rng.choice(_WATCHDOGS),
        "soundbite": rng.choice(_SOUNDBITES),
        "country": country,
        "country2": country2,
        "city": city,
        "region": region,
    }
    for name in _CAPITALISED_FIELDS:
        value = fields[name]
        fields[name.capitalize()] = value[:1].upper() + value[1:]
    return fields


def _plausible_count(rng: random.Random, low: int, high: int) -> int:
    # Log-uniform, because "12 clinics" and "480 clinics" are both ordinary news; big numbers
    # are rounded the way organisations report them.
    value = int(math.exp(rng.uniform(math.log(low), math.log(high))))
    if value >= 10_000:
        return round(value, -2)
    if value >= 1_000:
        return round(value, -1)
    return value


def _format_count(value: int) -> str:
    return f"{value:,}"


def _money(rng: random.Random) -> str:
    scale = rng.random()
    if scale < 0.15:
        return f"${rng.randint(15, 95) * 10},000"
    if scale < 0.95:
        millions = rng.randint(10, 4000) / 10
        return f"${int(millions) if millions >= 100 else millions:g} million"
    return f"${rng.randint(11, 45) / 10:g} billion"


def _headline(rng: random.Random, kind: str, is_global: bool, fields: dict[str, str]) -> str:
    templates = _GLOBAL_HEADLINES[kind] if is_global else _HEADLINES[kind]
    start = rng.randrange(len(templates))
    shortest = ""
    # Long names can push a template past the limit; the next template usually fits.
    for offset in range(len(templates)):
        headline = _capitalise(templates[(start + offset) % len(templates)].format_map(fields))
        if len(headline) <= HEADLINE_MAX_LENGTH:
            return headline
        if not shortest or len(headline) < len(shortest):
            shortest = headline
    return shortest[: HEADLINE_MAX_LENGTH - 1].rstrip(" ,:;.") + "\u2026"


def _summary(rng: random.Random, kind: str, is_global: bool, fields: dict[str, str]) -> str:
    openers, follow_ups = _GLOBAL_SUMMARIES if is_global else _SUMMARIES[kind]
    opener = rng.choice(openers).format_map(fields)
    if not follow_ups or rng.random() < 0.4:
        return opener
    summary = f"{opener} {rng.choice(follow_ups).format_map(fields)}"
    return summary if len(summary) <= SUMMARY_MAX_LENGTH else opener


def _quote(rng: random.Random, kind: str, fields: dict[str, str]) -> tuple[str, str] | None:
    if rng.random() >= _QUOTE_CHANCE[kind]:
        return None
    if kind == "interview":
        # The headline's soundbite doubles as the pull quote and closes the conversation.
        text = fields["soundbite"]
    else:
        text = _capitalise(rng.choice(_QUOTES).format_map(fields))
    return text + ".", "{person}, {person_role} at {org}".format_map(fields)


def _paragraphs(
    rng: random.Random,
    kind: str,
    is_global: bool,
    has_second_country: bool,
    quote: tuple[str, str] | None,
    fields: dict[str, str],
) -> list[str]:
    if is_global:
        templates = _global_templates(rng, kind, quote)
    elif kind == "news":
        templates = _news_templates(rng, has_second_country, quote)
    elif kind == "analysis":
        templates = _analysis_templates(rng, has_second_country, quote)
    elif kind == "opinion":
        templates = _opinion_templates(rng, quote)
    elif kind == "blog":
        templates = _blog_templates(rng, quote)
    elif kind == "interview":
        templates = _interview_templates(rng)
    elif kind == "press_release":
        templates = _press_release_templates(rng, has_second_country, quote)
    else:
        templates = _brief_templates(rng)
    return [_capitalise(template.format_map(fields)) for template in templates]


def _pick_in_order(rng: random.Random, optional: list[str], count: int) -> list[str]:
    count = max(0, min(count, len(optional)))
    return [optional[position] for position in sorted(rng.sample(range(len(optional)), count))]


def _news_templates(
    rng: random.Random, has_second_country: bool, quote: tuple[str, str] | None
) -> list[str]:
    head = [rng.choice(_NEWS_LEDES)]
    if has_second_country:
        head.append(rng.choice(_SECOND_COUNTRY))
    if quote:
        head.append(rng.choice(_QUOTE_PARAGRAPHS))
    optional = [
        *rng.sample(_FACTS, 2),
        *rng.sample(_BACKGROUND, 2),
        rng.choice(_CRITIC),
        rng.choice(_OUTLOOK),
    ]
    return head + _pick_in_order(rng, optional, rng.randint(4, 9) - len(head))


def _analysis_templates(
    rng: random.Random, has_second_country: bool, quote: tuple[str, str] | None
) -> list[str]:
    head = [rng.choice(_ANALYSIS_LEDES)]
    if has_second_country:
        head.append(rng.choice(_SECOND_COUNTRY))
    optional = [
        *rng.sample(_ANALYSIS_BODY, 2),
        rng.choice(_FACTS),
        rng.choice(_BACKGROUND),
        rng.choice(_CRITIC),
        rng.choice(_OUTLOOK),
    ]
    body = _pick_in_order(rng, optional, rng.randint(5, 9) - len(head) - bool(quote))
    if quote:
        body.insert(1, rng.choice(_QUOTE_PARAGRAPHS))
    return head + body


def _opinion_templates(rng: random.Random, quote: tuple[str, str] | None) -> list[str]:
    arguments = rng.sample(_OPINION_ARGUMENTS, rng.randint(2, 4))
    if quote:
        arguments.insert(1, _QUOTE_PARAGRAPHS[0])
    return [rng.choice(_OPINION_LEDES), *arguments, rng.choice(_OPINION_CLOSES)]


def _blog_templates(rng: random.Random, quote: tuple[str, str] | None) -> list[str]:
    body = rng.sample(_BLOG_BODY, rng.randint(2, 4))
    if quote:
        body.insert(1, _QUOTE_PARAGRAPHS[0])
    return [rng.choice(_BLOG_LEDES), *body, rng.choice(_BLOG_CLOSES)]


def _interview_templates(rng: random.Random) -> list[str]:
    exchanges = [*rng.sample(_INTERVIEW_EXCHANGES, rng.randint(1, 3)), _INTERVIEW_LAST_EXCHANGE]
    return [_INTERVIEW_INTRO, *(line for exchange in exchanges for line in exchange)]


def _press_release_templates(
    rng: random.Random, has_second_country: bool, quote: tuple[str, str] | None
) -> list[str]:
    templates = [_PRESS_RELEASE_LEDE, *_PRESS_RELEASE_DETAILS]
    if has_second_country:
        templates.append(rng.choice(_SECOND_COUNTRY))
    if quote:
        templates.append(_QUOTE_PARAGRAPHS[0])
    return [*templates, _PRESS_RELEASE_ABOUT]


def _brief_templates(rng: random.Random) -> list[str]:
    templates = [rng.choice(_BRIEF_LEDES)]
    if rng.random() < 0.5:
        templates.append(rng.choice(_BRIEF_FOLLOW_UPS))
    return templates


def _global_templates(rng: random.Random, kind: str, quote: tuple[str, str] | None) -> list[str]:
    body = _pick_in_order(rng, list(_GLOBAL_BODY), rng.randint(3, 6))
    if quote:
        body.insert(1, _GLOBAL_QUOTE_PARAGRAPH)
    return [_GLOBAL_LEDES[kind], *body]


def _fact_box(
    rng: random.Random, kind: str, fields: dict[str, str]
) -> tuple[str, list[str]] | None:
    if rng.random() >= _FACT_BOX_CHANCE[kind]:
        return None
    title = rng.choice(_FACT_BOX_TITLES).format_map(fields)
    bullets = _pick_in_order(rng, list(_FACT_BOX_BULLETS), rng.randint(3, 5))
    return title, [_capitalise(bullet.format_map(fields)) for bullet in bullets]


def _provenance(rng: random.Random, kind: str) -> str:
    roll = rng.random()
    if kind == "news":
        if roll < 0.68:
            return "agency_rewrite"
        if roll < 0.90:
            return "staff"
        return "wire" if roll < 0.96 else "ai_assisted"
    if kind == "brief":
        if roll < 0.6:
            return "agency_rewrite"
        return "wire" if roll < 0.9 else "ai_assisted"
    if kind == "press_release":
        return "wire" if roll < 0.75 else "agency_rewrite"
    return "staff"


def _byline(
    rng: random.Random, kind: str, provenance: str, sector: str, edition: str
) -> tuple[list[str], str]:
    """Return (author slugs, desk); exactly one of the two is empty."""
    if kind == "opinion":
        return [rng.choice(_COLUMNISTS)], ""
    if kind == "blog":
        return [rng.choice((*_BLOGGERS, _REGIONAL_CORRESPONDENT[edition]))], ""
    desk_written = provenance in ("wire", "ai_assisted") or (
        provenance == "agency_rewrite" and rng.random() < 0.8
    )
    if desk_written:
        return [], _desk(rng, sector, edition)
    reporters = [_REGIONAL_CORRESPONDENT[edition]]
    for colleague in (_SECTOR_SPECIALIST.get(sector), _DATA_REPORTER):
        if colleague and colleague not in reporters:
            reporters.append(colleague)
    if kind in ("news", "analysis") and len(reporters) > 1 and rng.random() < 0.1:
        return rng.sample(reporters, 2), ""
    return [rng.choice(reporters)], ""


def _desk(rng: random.Random, sector: str, edition: str) -> str:
    if rng.random() < 0.3:
        return "News Desk"
    if sector == "health":
        return "Health Desk"
    if sector == "economy-business":
        return "Business Desk"
    if edition in _ASIAN_EDITIONS:
        return "Asia Desk"
    if edition in _AFRICAN_EDITIONS:
        return "Africa Desk"
    return "News Desk"


def _agencies(rng: random.Random, provenance: str) -> list[str]:
    if provenance == "wire":
        return [rng.choice(_AGENCY_SLUGS)]
    if provenance == "agency_rewrite":
        return rng.sample(_AGENCY_SLUGS, 2 if rng.random() < 0.3 else 1)
    return []


def _revision(
    rng: random.Random, now: datetime, first_published: datetime, fields: dict[str, str]
) -> tuple[datetime, str, str]:
    """Return (last updated, update note, correction) for a story."""
    room = (now - first_published).total_seconds()
    if rng.random() < 0.65 or room < 60:
        return first_published, "", ""
    delay = timedelta(seconds=min(room, rng.randint(600, 18 * 3600)))
    if rng.random() < 0.08:
        return first_published + delay, "", rng.choice(_CORRECTIONS).format_map(fields)
    return first_published + delay, rng.choice(_UPDATE_NOTES).format_map(fields), ""


def _image(
    rng: random.Random,
    kind: str,
    is_global: bool,
    agency_slugs: list[str],
    fields: dict[str, str],
) -> tuple[int | None, bool, str, str]:
    """Return (seed, is AI-generated, caption, credit) for the story's hero image."""
    without_image_chance = 0.8 if kind == "brief" else 0.06
    if rng.random() < without_image_chance:
        return None, False, "", ""
    image_seed = rng.getrandbits(31)
    if is_global or rng.random() < 0.85:
        place = "" if is_global else " in {country}".format_map(fields)
        caption = f"An illustration made for this story about {fields['topic']}{place}."
        return image_seed, True, caption, "Dateline illustration"
    caption = "{Beneficiaries} at a {venue} in {city}, {country}.".format_map(fields)
    source = _AGENCY_CREDITS[agency_slugs[0]] if agency_slugs else "Dateline"
    return image_seed, False, caption, f"{rng.choice(_PHOTOGRAPHERS)} / {source}"


def _tags(rng: random.Random, sector_slugs: list[str]) -> list[str]:
    pool = list(dict.fromkeys(tag for slug in sector_slugs for tag in _VOCAB[slug].tags))
    return rng.sample(pool, rng.randint(1, 3))


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def make_illustration(seed: int, width: int = 1600, height: int = 900) -> bytes:
    """Return a JPEG of an abstract picture (gradient, circles, stripes) drawn from `seed`.

    It stands in for an AI-generated illustration: it depicts nothing, so it cannot be
    mistaken for a photograph of a real event.
    """
    if width < 1 or height < 1:
        raise ValueError("width and height must be positive")
    rng = random.Random(seed)
    # Shapes are drawn on a quarter-size canvas and scaled up: the upscale softens edges into
    # the painterly look of a generated image and keeps the whole job within a few ms.
    small_size = (max(1, width // 4), max(1, height // 4))
    hue = rng.random()
    top, bottom = _colour(hue, 0.55, 0.85), _colour(hue + rng.uniform(0.15, 0.45), 0.6, 0.35)
    mask = Image.linear_gradient("L").rotate(rng.choice((0, 90, 180, 270))).resize(small_size)
    canvas = Image.composite(
        Image.new("RGB", small_size, top), Image.new("RGB", small_size, bottom), mask
    )
    draw = ImageDraw.Draw(canvas, "RGBA")
    small_width, small_height = small_size
    for _ in range(rng.randint(3, 7)):
        radius = rng.uniform(0.08, 0.45) * small_height
        centre_x = rng.uniform(0, small_width)
        centre_y = rng.uniform(0, small_height)
        fill = _colour(hue + rng.uniform(-0.3, 0.3), 0.5, rng.uniform(0.4, 0.95))
        draw.ellipse(
            (centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius),
            fill=(*fill, rng.randint(60, 170)),
        )
    stripe_colour = (*_colour(hue + 0.5, 0.3, 0.95), rng.randint(30, 90))
    stripe_width = max(1, int(small_height * rng.uniform(0.02, 0.06)))
    slope = rng.uniform(-0.6, 0.6) * small_height
    for offset in range(-small_width, small_width * 2, stripe_width * rng.randint(3, 6)):
        draw.line(
            ((offset, 0), (offset + slope, small_height)), fill=stripe_colour, width=stripe_width
        )
    canvas = canvas.filter(ImageFilter.GaussianBlur(0.6))
    picture = canvas.resize((width, height), Image.Resampling.BICUBIC)
    output = io.BytesIO()
    picture.save(output, "JPEG", quality=80)
    return output.getvalue()


def _colour(hue: float, saturation: float, value: float) -> tuple[int, int, int]:
    # Working in HSV keeps each seed's palette harmonious: one base hue, its neighbours and
    # its complement.
    red, green, blue = colorsys.hsv_to_rgb(hue % 1.0, saturation, value)
    return round(red * 255), round(green * 255), round(blue * 255)
