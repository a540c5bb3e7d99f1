"""Fictional development-news stories for the demo site and the benchmarks.

Everything is deterministic from a seed, so a demo install and a benchmark run can be rebuilt
byte for byte. People, organisations, programmes and figures are invented; countries and
cities are real, so that editions, maps and datelines behave as they would in production.
Agency names come from `dateline.taxonomy.defaults`, which invents those too.

The words are data: phrasebook.json beside this module holds the people, places, sector
vocabularies and templates, and this module the rules that pick and combine them.

No Django import: the demo loader turns these specs into pages, and the benchmarks use them
without a database. So story kinds and provenances are plain strings here; tests/demo holds
them, and the phrasebook's tables keyed by kind, to the newsroom's StoryKind and Provenance.
"""

import colorsys
import io
import json
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from dateline.taxonomy.defaults import AGENCIES, EDITIONS, GLOBAL_EDITION, SECTORS

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
PLACES: dict[str, tuple[str, tuple[str, ...]]] = _PHRASEBOOK["places"]

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


_VOCAB = {slug: _SectorVocab(**words) for slug, words in _PHRASEBOOK["sectors"].items()}

# Given names and surnames are paired at random, so the people quoted are invented; pools
# follow the region so that a quote from Nairobi does not come from a Lima-sounding name.
_NAMES = _PHRASEBOOK["names"]
_NAME_POOLS = tuple(_NAMES.values())

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

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
    names = _NAMES[edition] if edition in _NAMES else rng.choice(_NAME_POOLS)
    person_surname, critic_surname = rng.sample(names["surnames"], 2)
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
        "duration": rng.choice(_PHRASEBOOK["number_words"]),
        "district_total": str(district_total),
        "district_n": str(rng.randint(2, district_total // 2)),
        "n_countries": str(rng.randint(12, 90)),
        "waiting": str(rng.randint(20, 300)),
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
    # Each kind has enough templates, each drawing on several pools, that twenty thousand
    # stories rarely repeat a headline.
    by_kind = _PHRASEBOOK["global_headlines"] if is_global else _PHRASEBOOK["headlines"]
    templates = by_kind[kind]
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
    sentences = _PHRASEBOOK["global_summaries"] if is_global else _PHRASEBOOK["summaries"][kind]
    opener = rng.choice(sentences["openers"]).format_map(fields)
    if not sentences["follow_ups"] or rng.random() < 0.4:
        return opener
    summary = f"{opener} {rng.choice(sentences['follow_ups']).format_map(fields)}"
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
    head = [rng.choice(_PHRASEBOOK["news_ledes"])]
    if has_second_country:
        head.append(rng.choice(_PHRASEBOOK["second_country"]))
    if quote:
        head.append(rng.choice(_PHRASEBOOK["quote_paragraphs"]))
    optional = [
        *rng.sample(_PHRASEBOOK["facts"], 2),
        *rng.sample(_PHRASEBOOK["background"], 2),
        rng.choice(_PHRASEBOOK["critic"]),
        rng.choice(_PHRASEBOOK["outlook"]),
    ]
    return head + _pick_in_order(rng, optional, rng.randint(4, 9) - len(head))


def _analysis_templates(
    rng: random.Random, has_second_country: bool, quote: tuple[str, str] | None
) -> list[str]:
    head = [rng.choice(_PHRASEBOOK["analysis_ledes"])]
    if has_second_country:
        head.append(rng.choice(_PHRASEBOOK["second_country"]))
    optional = [
        *rng.sample(_PHRASEBOOK["analysis_body"], 2),
        rng.choice(_PHRASEBOOK["facts"]),
        rng.choice(_PHRASEBOOK["background"]),
        rng.choice(_PHRASEBOOK["critic"]),
        rng.choice(_PHRASEBOOK["outlook"]),
    ]
    body = _pick_in_order(rng, optional, rng.randint(5, 9) - len(head) - bool(quote))
    if quote:
        body.insert(1, rng.choice(_PHRASEBOOK["quote_paragraphs"]))
    return head + body


def _opinion_templates(rng: random.Random, quote: tuple[str, str] | None) -> list[str]:
    arguments = rng.sample(_PHRASEBOOK["opinion_arguments"], rng.randint(2, 4))
    if quote:
        arguments.insert(1, _PHRASEBOOK["quote_paragraphs"][0])
    return [
        rng.choice(_PHRASEBOOK["opinion_ledes"]),
        *arguments,
        rng.choice(_PHRASEBOOK["opinion_closes"]),
    ]


def _blog_templates(rng: random.Random, quote: tuple[str, str] | None) -> list[str]:
    body = rng.sample(_PHRASEBOOK["blog_body"], rng.randint(2, 4))
    if quote:
        body.insert(1, _PHRASEBOOK["quote_paragraphs"][0])
    return [rng.choice(_PHRASEBOOK["blog_ledes"]), *body, rng.choice(_PHRASEBOOK["blog_closes"])]


def _interview_templates(rng: random.Random) -> list[str]:
    exchanges = [
        *rng.sample(_PHRASEBOOK["interview_exchanges"], rng.randint(1, 3)),
        _PHRASEBOOK["interview_last_exchange"],
    ]
    return [_PHRASEBOOK["interview_intro"], *(line for exchange in exchanges for line in exchange)]


def _press_release_templates(
    rng: random.Random, has_second_country: bool, quote: tuple[str, str] | None
) -> list[str]:
    templates = [_PHRASEBOOK["press_release_lede"], *_PHRASEBOOK["press_release_details"]]
    if has_second_country:
        templates.append(rng.choice(_PHRASEBOOK["second_country"]))
    if quote:
        templates.append(_PHRASEBOOK["quote_paragraphs"][0])
    return [*templates, _PHRASEBOOK["press_release_about"]]


def _brief_templates(rng: random.Random) -> list[str]:
    templates = [rng.choice(_PHRASEBOOK["brief_ledes"])]
    if rng.random() < 0.5:
        templates.append(rng.choice(_PHRASEBOOK["brief_follow_ups"]))
    return templates


def _global_templates(rng: random.Random, kind: str, quote: tuple[str, str] | None) -> list[str]:
    body = _pick_in_order(rng, list(_PHRASEBOOK["global_body"]), rng.randint(3, 6))
    if quote:
        body.insert(1, _PHRASEBOOK["global_quote_paragraph"])
    return [_PHRASEBOOK["global_ledes"][kind], *body]


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
    rng: random.Random, now: datetime, first_published: datetime, fields: dict[str, str]
) -> tuple[datetime, str, str]:
    """Return (last updated, update note, correction) for a story."""
    room = (now - first_published).total_seconds()
    if rng.random() < 0.65 or room < 60:
        return first_published, "", ""
    delay = timedelta(seconds=min(room, rng.randint(600, 18 * 3600)))
    if rng.random() < 0.08:
        correction = rng.choice(_PHRASEBOOK["corrections"]).format_map(fields)
        return first_published + delay, "", correction
    update_note = rng.choice(_PHRASEBOOK["update_notes"]).format_map(fields)
    return first_published + delay, update_note, ""


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
    photographer = rng.choice(_PHRASEBOOK["photographers"])
    return image_seed, False, caption, f"{photographer} / {source}"


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
