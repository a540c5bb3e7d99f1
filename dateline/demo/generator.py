"""Fictional development-news stories for the demo site and the benchmarks.

Everything is deterministic from a seed, so a demo install and a benchmark run can be rebuilt
byte for byte. People, organisations, programmes and figures are invented; countries and
cities are real, so that editions, maps and datelines behave as they would in production.
Agency names come from `dateline.taxonomy.defaults`, which invents those too.

The words are data: phrasebook.json beside this module holds the people, places, topics and
templates, and this module the rules that pick and combine them. A story is about one topic,
and the topic decides what a reader could check against the text: the sectors it is filed
under, the places it can happen in (a reef story needs a city on a reef), its facilities,
people, figures, problems, programme, tags and its own paragraphs. Each story kind tells one
event per "angle", so its headline, summary and first paragraph agree.

No Django import: the demo loader turns these specs into pages, and the benchmarks use them
without a database. So story kinds and provenances are plain strings here; tests/demo holds
them, and the phrasebook's tables keyed by kind, to the newsroom's StoryKind and Provenance.
"""

import colorsys
import io
import json
import math
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from dateline.taxonomy.defaults import AGENCIES, EDITIONS, GLOBAL_EDITION, SECTORS
from dateline.wire.tagging import countries_in

# The order of KINDS is part of what a seed produces: the first stories walk a shuffle of it.
KINDS = ("news", "analysis", "opinion", "blog", "interview", "press_release", "brief")
PROVENANCES = ("staff", "agency_rewrite", "wire", "ai_assisted")

HEADLINE_MAX_LENGTH = 110
SUMMARY_MAX_LENGTH = 300
PUBLISHING_WINDOW = timedelta(days=30)


def _frozen(value):
    # Every story of every run shares the phrasebook; as tuples, no run can change its words.
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return {key: _frozen(item) for key, item in value.items()}
    return value


_PHRASEBOOK = _frozen(
    json.loads(Path(__file__).with_name("phrasebook.json").read_text(encoding="utf-8"))
)


@dataclass(frozen=True)
class AuthorSpec:
    slug: str
    name: str
    role: str
    bio: str


AUTHORS = tuple(AuthorSpec(**author) for author in _PHRASEBOOK["authors"])

DESKS = ("News Desk", "Health Desk", "Business Desk", "Asia Desk", "Africa Desk")


@dataclass
class StorySpec:
    kind: str
    topic: str
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
    image_caption: str


@dataclass(frozen=True)
class Place:
    """A country as it reads mid-sentence ("the Philippines"), three of its cities with the
    city's tags (coast, reef, mangroves, ferries, metro), and the country's own tags."""

    name: str
    cities: dict[str, frozenset[str]]
    tags: frozenset[str]


PLACES = {
    code: Place(
        name=place["name"],
        cities={city: frozenset(tags) for city, tags in place["cities"].items()},
        tags=frozenset(place["tags"]),
    )
    for code, place in _PHRASEBOOK["places"].items()
}


@dataclass(frozen=True)
class Topic:
    # Grammar contract the templates rely on: the name is a singular or mass noun ("malaria
    # prevention"); problems and beneficiaries are plural ("staff shortages"); assets and
    # beneficiaries are (plural noun, smallest, largest plausible count); metrics are (name,
    # "up" or "down": the direction that is good news) and only ever take a past-tense verb.
    name: str
    sectors: tuple[str, ...]
    where: frozenset[str]
    tags: tuple[str, ...]
    assets: tuple[tuple[str, int, int], ...]
    beneficiaries: tuple[tuple[str, int, int], ...]
    metrics: tuple[tuple[str, str], ...]
    problems: tuple[str, ...]
    venues: tuple[str, ...]
    programme: tuple[str, str]
    context: str
    argument: str

    def fits(self, place: Place, city: str) -> bool:
        return self.where <= place.tags | place.cities[city]


TOPICS = tuple(
    Topic(
        name=topic["name"],
        sectors=(slug, topic["also"]) if "also" in topic else (slug,),
        where=frozenset(topic.get("where", ())),
        tags=topic["tags"],
        assets=topic["assets"],
        beneficiaries=topic["beneficiaries"],
        metrics=topic["metrics"],
        problems=topic["problems"],
        venues=topic["venues"],
        programme=topic["programme"],
        context=topic["context"],
        argument=topic["argument"],
    )
    for slug, sector in _PHRASEBOOK["sectors"].items()
    for topic in sector["topics"]
)

# Words that name each sector; a keyword ending in * is a stem. Every topic names its sectors.
SECTOR_KEYWORDS = {slug: sector["keywords"] for slug, sector in _PHRASEBOOK["sectors"].items()}

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
_GLOBAL_KINDS = tuple(_PHRASEBOOK["global"])
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

_EDITION_OF_COUNTRY = {code: slug for slug, _name, codes in EDITIONS for code in codes}
_SECTOR_SLUGS = tuple(slug for slug, _name in SECTORS)
_AGENCY_SLUGS = tuple(slug for slug, _name, _credit in AGENCIES)
_AFRICAN_EDITIONS = ("central-africa", "east-africa", "southern-africa", "west-africa")
_ASIAN_EDITIONS = ("south-asia", "east-south-east-asia", "pacific")
_ORGANISATIONS = {slug: sector["organisations"] for slug, sector in _PHRASEBOOK["sectors"].items()}


def _placements(topic: Topic, edition: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(country code, the cities a story on the topic can be datelined in) for every country
    of the edition where the topic can happen."""
    found = []
    for code, place in PLACES.items():
        if _EDITION_OF_COUNTRY[code] != edition:
            continue
        cities = tuple(city for city in place.cities if topic.fits(place, city))
        if cities:
            found.append((code, cities))
    return tuple(found)


# Worked out once: about a hundred topics by a dozen editions is a few thousand cheap checks.
_PLACEMENTS = {
    (topic.name, edition): _placements(topic, edition)
    for topic in TOPICS
    for edition in _EDITION_WEIGHTS
}
# A story about two countries is labelled with the one its dateline is in, so its dateline
# must be a city the newsroom's gazetteer places in that country.
_DATELINES_THE_NEWSROOM_KNOWS = frozenset(
    city
    for code, place in PLACES.items()
    for city in place.cities
    if set(countries_in("", "", city)) == {code}
)
# A Global story speaks of no single place, so any topic will do.
_TOPICS_FOR = {
    (sector, edition): tuple(
        topic
        for topic in TOPICS
        if sector in topic.sectors
        and (edition == GLOBAL_EDITION or _PLACEMENTS[(topic.name, edition)])
    )
    for sector in _SECTOR_SLUGS
    for edition in (*_EDITION_WEIGHTS, GLOBAL_EDITION)
}
# The "other topic" a story mentions in passing is filed under the story's own sectors, so a
# football story never looks ahead to mining royalties.
_RELATED_TOPICS = {
    topic.name: tuple(
        other.name
        for other in TOPICS
        if other is not topic and set(other.sectors) <= set(topic.sectors)
    )
    for topic in TOPICS
}

# Given names and surnames are paired at random, so the people quoted are invented; pools
# follow the region so that a quote from Nairobi does not come from a Lima-sounding name.
_NAMES = _PHRASEBOOK["names"]
_NAME_POOLS = tuple(_NAMES.values())

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Fields that templates may use at the start of a sentence get a capitalised twin.
_CAPITALISED_FIELDS = (
    "org",
    "org_short",
    "org_head",
    "programme",
    "programme_short",
    "topic",
    "problem",
    "metric",
    "country",
    "city",
    "beneficiaries",
    "watchdog",
    "critic",
    "person",
    "person_surname",
    "n",
    "b_n",
    "district_n",
    "money",
    "a_money",
    "money_gap",
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
    topic = rng.choice(_TOPICS_FOR[(sector or rng.choice(_SECTOR_SLUGS), edition)])

    is_global = edition == GLOBAL_EDITION
    if is_global:
        country_codes, city = [], ""
    else:
        placements = _PLACEMENTS[(topic.name, edition)]
        code, cities = rng.choice(placements)
        city = rng.choice(cities)
        country_codes = [code]
        # Only these kinds have a paragraph that names a second country, where the topic
        # must be able to happen too.
        if (
            kind in _MULTI_COUNTRY_KINDS
            and len(placements) > 1
            and city in _DATELINES_THE_NEWSROOM_KNOWS
            and rng.random() < 0.15
        ):
            country_codes.append(rng.choice([other for other, _ in placements if other != code]))

    first_published = _publication_time(rng, now)
    fields = _story_fields(rng, topic, country_codes, city, edition, first_published)

    templates = _PHRASEBOOK["global"][kind] if is_global else _PHRASEBOOK["kinds"][kind]
    angle = rng.choice(templates["angles"])
    headline = _headline(rng, angle["headlines"], fields)
    summary = _summary(rng, angle["summaries"], templates["summary_follow_ups"], fields)
    quote = _quote(rng, kind, fields)
    if quote:
        fields["quote"] = quote[0].removesuffix(".")
    lede = rng.choice(angle["ledes"])
    if is_global:
        paragraphs = _global_templates(rng, lede, quote)
    else:
        paragraphs = _TEMPLATES_BY_KIND[kind](
            rng, lede, angle.get("mood", ""), len(country_codes) > 1, quote
        )
    fact_box = _fact_box(rng, kind, fields)
    provenance = _provenance(rng, kind)
    author_slugs, desk = _byline(rng, kind, provenance, topic.sectors[0], edition)
    agency_slugs = _agencies(rng, provenance)
    last_updated, update_note, correction = _revision(
        rng, now, first_published, fields, quoted=bool(quote)
    )
    image_seed, image_caption = _image(rng, kind, is_global, fields)
    return StorySpec(
        kind=kind,
        topic=topic.name,
        headline=headline,
        summary=summary,
        paragraphs=[_capitalise(template.format_map(fields)) for template in paragraphs],
        quote=quote,
        fact_box=fact_box,
        sector_slugs=list(topic.sectors),
        country_codes=country_codes,
        dateline_place=city,
        tags=rng.sample(topic.tags, rng.randint(1, min(3, len(topic.tags)))),
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
        image_caption=image_caption,
    )


def _publication_time(rng: random.Random, now: datetime) -> datetime:
    # A power above one crowds stories towards `now`, as on a real site where the last few
    # days hold more items than the weeks before them.
    age_seconds = int(PUBLISHING_WINDOW.total_seconds() * rng.random() ** 1.4)
    return now - timedelta(seconds=age_seconds)


def _story_fields(
    rng: random.Random,
    topic: Topic,
    country_codes: list[str],
    city: str,
    edition: str,
    first_published: datetime,
) -> dict[str, str]:
    (org, org_short), (org2, org2_short) = rng.sample(_ORGANISATIONS[topic.sectors[0]], 2)
    programme, programme_short = topic.programme
    asset, asset_low, asset_high = rng.choice(topic.assets)
    beneficiaries, beneficiaries_low, beneficiaries_high = rng.choice(topic.beneficiaries)
    metric, good_direction = rng.choice(topic.metrics)
    venue = rng.choice(topic.venues)
    rising_is_good = good_direction == "up"
    district_total = rng.randint(8, 60)
    pct = rng.randint(4, 40)
    names = _NAMES[edition] if edition in _NAMES else rng.choice(_NAME_POOLS)
    person_surname, critic_surname = rng.sample(names["surnames"], 2)
    year = first_published.year
    years_running = rng.randint(2, 6)
    money = _money(rng)

    if country_codes:
        country = PLACES[country_codes[0]].name
        country2 = PLACES[country_codes[-1]].name
        region = _PHRASEBOOK["region_names"][edition]
    else:
        # Global stories speak of no single place; these stand in wherever a template
        # shared with place-bound stories (a quote, a fact box) asks for one.
        country = country2 = "low- and middle-income countries"
        city = "the hardest-hit districts"
        region = "several regions"

    fields = {
        "topic": topic.name,
        "topic2": rng.choice(_RELATED_TOPICS[topic.name]),
        "org": org,
        "org_short": org_short,
        "org2": org2,
        "org2_short": org2_short,
        # Headlines name an organisation without its article: "Kindred Health", "Tidemark Institute".
        "org_head": org_short.removeprefix("the "),
        "org2_head": org2_short.removeprefix("the "),
        "programme": programme,
        "programme_short": programme_short,
        "assets": asset,
        "n": _count(_plausible_count(rng, asset_low, asset_high)),
        "beneficiaries": beneficiaries,
        "b_n": _count(_plausible_count(rng, beneficiaries_low, beneficiaries_high)),
        "metric": metric,
        "metric_improved": "rose" if rising_is_good else "fell",
        "metric_worsened": "fell" if rising_is_good else "rose",
        "metric_head": "up" if rising_is_good else "down",
        "metric_change": "rise" if rising_is_good else "fall",
        "problem": rng.choice(topic.problems),
        "venue": venue,
        "a_venue": _with_article(venue),
        "pct": str(pct),
        "pct_elsewhere": str(rng.randint(1, pct // 2)),
        "pct_overhead": str(rng.randint(8, 30)),
        "money": money,
        "a_money": _with_article(money),
        "money2": _money(rng),
        "money_gap": _money(rng),
        "year": str(year),
        "start_year": str(year - years_running),
        "years_running": _count(years_running),
        "target_year": str(year + rng.randint(1, 5)),
        "duration": rng.choice(_PHRASEBOOK["number_words"]),
        "district_total": _count(district_total),
        "district_n": _count(rng.randint(2, district_total // 2)),
        "n_countries": str(rng.randint(12, 90)),
        "weekday": "on " + _WEEKDAYS[first_published.weekday()],
        "weekday_name": _WEEKDAYS[first_published.weekday()],
        "person": f"{rng.choice(names['given'])} {person_surname}",
        "person_surname": person_surname,
        "person_role": rng.choice(_PHRASEBOOK["person_roles"]),
        "critic": f"{rng.choice(names['given'])} {critic_surname}",
        "critic_surname": critic_surname,
        "critic_role": rng.choice(_PHRASEBOOK["critic_roles"]),
        "watchdog": rng.choice(_PHRASEBOOK["watchdogs"]),
        "soundbite": rng.choice(_PHRASEBOOK["soundbites"]),
        "country": country,
        "country2": country2,
        "city": city,
        "region": region,
    }
    for name in _CAPITALISED_FIELDS:
        fields[name.capitalize()] = _capitalise(fields[name])
    # The topic's own paragraphs are templates too; they are filled in once the rest is known.
    fields["context"] = _capitalise(topic.context.format_map(fields))
    fields["argument"] = _capitalise(topic.argument.format_map(fields))
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


def _count(value: int) -> str:
    # House style: numbers below ten in words, the rest in figures with thousands separators.
    return _PHRASEBOOK["count_words"][value] if value < 10 else f"{value:,}"


def _money(rng: random.Random) -> str:
    scale = rng.random()
    if scale < 0.15:
        return f"${rng.randint(15, 95) * 10},000"
    if scale < 0.95:
        millions = rng.randint(10, 4000) / 10
        return f"${int(millions) if millions >= 100 else millions:g} million"
    return f"${rng.randint(11, 45) / 10:g} billion"


_LEADING_NUMBER = re.compile(r"\d+")


def _with_article(phrase: str) -> str:
    """ "an informal settlement", "an $18 million plan", "a $1.8 million plan": by sound."""
    spoken = phrase.removeprefix("$")
    if spoken[:1].isdigit():
        # Eight, eighty, eight hundred; eleven and eighteen (but not a hundred and eighteen).
        leading = _LEADING_NUMBER.match(spoken)[0]
        vowel_sound = leading.startswith("8") or leading in ("11", "18")
    else:
        word = spoken.lower()
        vowel_sound = word[:1] in "aeiou" and not word.startswith(
            ("uni", "use", "usu", "one", "eu")
        )
    return ("an " if vowel_sound else "a ") + phrase


def _headline(rng: random.Random, templates: tuple[str, ...], fields: dict[str, str]) -> str:
    start = rng.randrange(len(templates))
    shortest = ""
    # Long names can push a template past the limit; another template of the angle may fit.
    for offset in range(len(templates)):
        headline = _capitalise(templates[(start + offset) % len(templates)].format_map(fields))
        if len(headline) <= HEADLINE_MAX_LENGTH:
            return headline
        if not shortest or len(headline) < len(shortest):
            shortest = headline
    return shortest[: HEADLINE_MAX_LENGTH - 1].rstrip(" ,:;.") + "\u2026"


def _summary(
    rng: random.Random,
    openers: tuple[str, ...],
    follow_ups: tuple[str, ...],
    fields: dict[str, str],
) -> str:
    opener = _capitalise(rng.choice(openers).format_map(fields))
    if not follow_ups or rng.random() < 0.4:
        return opener
    summary = f"{opener} {_capitalise(rng.choice(follow_ups).format_map(fields))}"
    return summary if len(summary) <= SUMMARY_MAX_LENGTH else opener


def _quote(rng: random.Random, kind: str, fields: dict[str, str]) -> tuple[str, str] | None:
    if rng.random() >= _QUOTE_CHANCE[kind]:
        return None
    if kind == "interview":
        # The headline's soundbite doubles as the pull quote and closes the conversation.
        text = fields["soundbite"]
    else:
        text = _capitalise(rng.choice(_PHRASEBOOK["quotes"]).format_map(fields))
    return text + ".", "{person}, {person_role} at {org}".format_map(fields)


def _pick_in_order(rng: random.Random, optional: list[str], count: int) -> list[str]:
    count = max(0, min(count, len(optional)))
    return [optional[position] for position in sorted(rng.sample(range(len(optional)), count))]


def _news_templates(
    rng: random.Random,
    lede: str,
    mood: str,
    has_second_country: bool,
    quote: tuple[str, str] | None,
) -> list[str]:
    body = _PHRASEBOOK["news_body"]
    head = [lede]
    if has_second_country:
        head.append(rng.choice(_PHRASEBOOK["second_country"]))
    if quote:
        head.append(rng.choice(_PHRASEBOOK["quote_paragraphs"]))
    optional = [
        *rng.sample(body["facts"], 2),
        # A setback story does not go on to report gains on the same figure.
        *(body["progress"] if mood != "setback" else ()),
        *rng.sample(body["background"], 2),
        rng.choice(body["critic"]),
        rng.choice(body["outlook"]),
    ]
    # The topic's own paragraph always follows the news: it is what the story is about.
    return [*head, "{context}", *_pick_in_order(rng, optional, rng.randint(4, 9) - len(head) - 1)]


def _analysis_templates(
    rng: random.Random,
    lede: str,
    mood: str,
    has_second_country: bool,
    quote: tuple[str, str] | None,
) -> list[str]:
    body = _PHRASEBOOK["news_body"]
    head = [lede]
    if has_second_country:
        head.append(rng.choice(_PHRASEBOOK["second_country"]))
    optional = [
        *rng.sample(_PHRASEBOOK["kinds"]["analysis"]["body"], 2),
        rng.choice(body["facts"]),
        rng.choice(body["background"]),
        rng.choice(body["critic"]),
        rng.choice(body["outlook"]),
    ]
    rest = _pick_in_order(rng, optional, rng.randint(5, 9) - len(head) - 1 - bool(quote))
    if quote:
        rest.insert(0, rng.choice(_PHRASEBOOK["quote_paragraphs"]))
    return [*head, "{context}", *rest]


def _column(
    rng: random.Random, lede: str, kind: str, opener: str, section: str, quote
) -> list[str]:
    """An opinion piece or a blog post: the lede, its opener, one to three paragraphs of the
    kind's own section (the quote second, if any), and a close."""
    words = _PHRASEBOOK["kinds"][kind]
    paragraphs = [opener, *rng.sample(words[section], rng.randint(1, 3))]
    if quote:
        paragraphs.insert(1, _PHRASEBOOK["quote_paragraphs"][0])
    return [lede, *paragraphs, rng.choice(words["closes"])]


def _opinion_templates(
    rng: random.Random,
    lede: str,
    mood: str,
    has_second_country: bool,
    quote: tuple[str, str] | None,
) -> list[str]:
    return _column(rng, lede, "opinion", "{argument}", "arguments", quote)


def _blog_templates(
    rng: random.Random,
    lede: str,
    mood: str,
    has_second_country: bool,
    quote: tuple[str, str] | None,
) -> list[str]:
    return _column(rng, lede, "blog", "{context}", "body", quote)


def _interview_templates(
    rng: random.Random,
    lede: str,
    mood: str,
    has_second_country: bool,
    quote: tuple[str, str] | None,
) -> list[str]:
    words = _PHRASEBOOK["kinds"]["interview"]
    exchanges = [
        words["topic_exchange"],
        *rng.sample(words["exchanges"], rng.randint(1, 2)),
        words["last_exchange"],
    ]
    return [lede, *(line for exchange in exchanges for line in exchange)]


def _press_release_templates(
    rng: random.Random,
    lede: str,
    mood: str,
    has_second_country: bool,
    quote: tuple[str, str] | None,
) -> list[str]:
    words = _PHRASEBOOK["kinds"]["press_release"]
    templates = [lede, *words["details"], "{context}"]
    if has_second_country:
        templates.append(rng.choice(_PHRASEBOOK["second_country"]))
    if quote:
        templates.append(_PHRASEBOOK["quote_paragraphs"][0])
    return [*templates, words["about"]]


def _brief_templates(
    rng: random.Random,
    lede: str,
    mood: str,
    has_second_country: bool,
    quote: tuple[str, str] | None,
) -> list[str]:
    templates = [lede]
    if rng.random() < 0.5:
        templates.append(rng.choice(_PHRASEBOOK["kinds"]["brief"]["follow_ups"]))
    return templates


_TEMPLATES_BY_KIND = {
    "news": _news_templates,
    "analysis": _analysis_templates,
    "opinion": _opinion_templates,
    "blog": _blog_templates,
    "interview": _interview_templates,
    "press_release": _press_release_templates,
    "brief": _brief_templates,
}


def _global_templates(rng: random.Random, lede: str, quote: tuple[str, str] | None) -> list[str]:
    body = _pick_in_order(rng, list(_PHRASEBOOK["global_body"]), rng.randint(3, 6))
    if quote:
        body.insert(1, _PHRASEBOOK["global_quote_paragraph"])
    return [lede, *body]


def _fact_box(
    rng: random.Random, kind: str, fields: dict[str, str]
) -> tuple[str, list[str]] | None:
    if rng.random() >= _FACT_BOX_CHANCE[kind]:
        return None
    title = rng.choice(_PHRASEBOOK["fact_box_titles"]).format_map(fields)
    bullets = _pick_in_order(rng, list(_PHRASEBOOK["fact_box_bullets"]), rng.randint(3, 5))
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
    correspondent = _PHRASEBOOK["regional_correspondents"][edition]
    if kind == "opinion":
        return [rng.choice(_PHRASEBOOK["columnists"])], ""
    if kind == "blog":
        return [rng.choice((*_PHRASEBOOK["bloggers"], correspondent))], ""
    desk_written = provenance in ("wire", "ai_assisted") or (
        provenance == "agency_rewrite" and rng.random() < 0.8
    )
    if desk_written:
        return [], _desk(rng, sector, edition)
    reporters = [correspondent]
    for colleague in (_PHRASEBOOK["sector_specialists"].get(sector), _PHRASEBOOK["data_reporter"]):
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
    rng: random.Random,
    now: datetime,
    first_published: datetime,
    fields: dict[str, str],
    *,
    quoted: bool,
) -> tuple[datetime, str, str]:
    """Return (last updated, update note, correction) for a story."""
    room = (now - first_published).total_seconds()
    if rng.random() < 0.65 or room < 60:
        return first_published, "", ""
    delay = timedelta(seconds=min(room, rng.randint(600, 18 * 3600)))
    if rng.random() < 0.08:
        # Only a story that quotes someone can have got their job title wrong.
        corrections = _PHRASEBOOK["corrections"]
        if quoted:
            corrections = (*corrections, *_PHRASEBOOK["quoted_person_corrections"])
        correction = rng.choice(corrections).format_map(fields)
        return first_published + delay, "", correction
    update_note = rng.choice(_PHRASEBOOK["update_notes"]).format_map(fields)
    return first_published + delay, update_note, ""


def _image(
    rng: random.Random, kind: str, is_global: bool, fields: dict[str, str]
) -> tuple[int | None, str]:
    """Return (seed, caption) for the story's hero image, or (None, "") for none.

    Demo pictures are abstract illustrations that depict nobody and nowhere, so the caption
    says what the picture is for and never claims to show people or a place.
    """
    without_image_chance = 0.8 if kind == "brief" else 0.06
    if rng.random() < without_image_chance:
        return None, ""
    place = "" if is_global else f" in {fields['country']}"
    return rng.getrandbits(31), f"Illustration for this story on {fields['topic']}{place}."


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
