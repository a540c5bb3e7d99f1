"""Picture suggestions: the time to suggest library pictures for one story, over 1,000 stories.

    .venv/bin/python bench/picture_suggestions_bench.py [STORIES] [IMAGES]   # 1,000 and 2,000

Uses PostgreSQL (BENCH_PICTURES_DATABASE_URL, default the local `dateline_bench_pictures`
database, created and migrated if missing); a `sqlite:///` URL keeps the database in the process,
whose CPU time is then the whole work on one core. The first run fills it (deterministic seed): IMAGES
library pictures with titles, alt text and tags from a newsroom's vocabulary, one in ten
AI-generated, and STORIES published stories, half of them with a library picture as hero image
and a caption, so pictures are linked to sectors and countries as in a newsroom's library. Later
runs reuse what is there when the counts match.

Then, for every story loaded afresh, it times `picture_suggestions(story)` (the function the
page editor's view calls, with its queries) and, as the baseline in the same run, the same
story's `related_stories()` (the related-stories sidebar: link tables read and scored per
story). It prints wall and CPU time per story (mean, p50, p99) for both, their ratio, and the
issue's goal (at most 50 ms per story on one core; the wall time, the database's work included). Nothing passes or fails on a time.
"""

import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/dateline_bench_pictures"
SEED = 20261206
GOAL_MS = 50
WARM_UP = 20

# fmt: off
SUBJECTS = {
    "health": ["clinic", "nurses", "hospital", "vaccination", "cholera", "malaria", "patients", "doctors", "ward", "medicine"],
    "wash": ["water", "tap", "well", "sanitation", "toilets", "pipeline", "handwashing", "borehole", "drought", "tanker"],
    "education": ["school", "classroom", "pupils", "teachers", "university", "exam", "books", "students", "library", "lesson"],
    "agro-forestry": ["farmers", "harvest", "maize", "rice", "forest", "cattle", "irrigation", "seeds", "market", "fields"],
    "energy-extractives": ["solar", "panels", "mine", "coal", "power", "grid", "oil", "turbines", "pylons", "plant"],
    "urban-development": ["housing", "slum", "construction", "street", "traffic", "flyover", "market", "skyline", "metro", "bus"],
    "science-environment": ["floods", "cyclone", "river", "coast", "glacier", "wildlife", "heatwave", "mangroves", "storm", "rain"],
    "politics": ["parliament", "election", "ballot", "minister", "rally", "summit", "protest", "voters", "campaign", "president"],
}
PLACES = {
    "IN": ["Assam", "Mumbai", "Patna", "Chennai"], "KE": ["Nairobi", "Kibera", "Mombasa", "Kisumu"],
    "NG": ["Lagos", "Kano", "Abuja"], "BD": ["Dhaka", "Sylhet", "Khulna"], "BR": ["Recife", "Manaus"],
    "FJ": ["Suva", "Lautoka"], "PK": ["Karachi", "Lahore"], "ZM": ["Lusaka", "Kafue"],
}
PHRASES = ["{a} and {b} in {place}", "{a} near {place}", "{place}: {a}, {b}", "{a} after the {b}"]
# fmt: on


def setup_django():
    sys.path.insert(0, str(ROOT))
    from bench.run import set_up_django

    url = os.environ.get("BENCH_PICTURES_DATABASE_URL") or DEFAULT_DATABASE_URL
    return set_up_django(url, ROOT / "bench" / "out" / "var-pictures")


def _title(rng, sector, place):
    a, b = rng.sample(SUBJECTS[sector], 2)
    return rng.choice(PHRASES).format(a=a, b=b, place=place).capitalize()


def load(story_count, image_count):
    """Fill the database unless it holds this bench's content already; say what was done."""
    from django.core.files.images import ImageFile

    from dateline.fronts.setup import ensure_site
    from dateline.media.factories import jpeg_bytes
    from dateline.media.models import DigitalSourceType, NewsImage
    from dateline.newsroom.models import Provenance, StoryKind, StoryPage
    from dateline.newsroom.stories import create_story
    from dateline.taxonomy.models import Country, Sector

    if NewsImage.objects.count() == image_count and StoryPage.objects.count() == story_count:
        return "reused"
    if NewsImage.objects.exists() or StoryPage.objects.exists():
        raise SystemExit(
            "The picture bench's database holds other content: drop it "
            "(dropdb dateline_bench_pictures) and run again."
        )
    ensure_site()
    rng = random.Random(SEED)
    sectors = {sector.slug: sector for sector in Sector.objects.filter(slug__in=SUBJECTS)}
    countries = {country.code: country for country in Country.objects.filter(code__in=PLACES)}
    picture = jpeg_bytes(64, 36)
    images = []
    for number in range(image_count):
        sector, code = rng.choice(sorted(SUBJECTS)), rng.choice(sorted(PLACES))
        title = _title(rng, sector, rng.choice(PLACES[code]))
        image = NewsImage.objects.create(
            title=title,
            alt_text=f"{title}, seen from the street",
            credit="Bench Photographer / Bench Agency",
            digital_source_type=(
                DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA
                if number % 10 == 0
                else DigitalSourceType.DIGITAL_CAPTURE
            ),
            file=ImageFile(io.BytesIO(picture), name=f"bench-{number}.jpg"),
        )
        image.tags.add(*rng.sample(SUBJECTS[sector], 2))
        images.append(image)
    for number in range(story_count):
        sector, code = rng.choice(sorted(SUBJECTS)), rng.choice(sorted(PLACES))
        place = rng.choice(PLACES[code])
        words = rng.sample(SUBJECTS[sector], 4)
        hero = rng.choice(images) if number % 2 else None
        create_story(
            kind=StoryKind.NEWS,
            headline=f"{_title(rng, sector, place)} ({number})",
            summary=f"Officials in {place} say {words[0]} and {words[1]} need attention.",
            body=[
                (
                    "paragraph",
                    f"<p>{' '.join(rng.choice(SUBJECTS[sector]) for _ in range(60))}.</p>",
                )
            ],
            sectors=[sectors[sector]],
            countries=[countries[code]],
            tags=words[2:],
            hero_image=hero,
            hero_caption=f"{words[0].capitalize()} in {place}." if hero else "",
            provenance=Provenance.STAFF,
        )
    return "loaded"


def timed(function, stories):
    """Wall and CPU milliseconds of function(story) for each story, each story loaded afresh."""
    from dateline.newsroom.models import StoryPage

    wall, cpu = [], []
    for pk in stories:
        story = StoryPage.objects.get(pk=pk)
        started, started_cpu = time.perf_counter(), time.process_time()
        function(story)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def describe(times):
    times = sorted(times)
    p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
    return f"mean {statistics.fmean(times):.2f}, p50 {statistics.median(times):.2f}, p99 {p99:.2f}"


def main():
    story_count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    image_count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    database = setup_django()
    started = time.perf_counter()
    state = load(story_count, image_count)
    load_seconds = time.perf_counter() - started

    from dateline.assistant.pictures import picture_suggestions
    from dateline.newsroom.models import StoryPage

    stories = list(StoryPage.objects.order_by("pk").values_list("pk", flat=True))
    timed(picture_suggestions, stories[:WARM_UP])
    wall, cpu = timed(picture_suggestions, stories)
    shown = [len(picture_suggestions(StoryPage.objects.get(pk=pk))) for pk in stories[:100]]
    base_wall, base_cpu = timed(lambda story: story.related_stories(), stories)

    ratio = statistics.fmean(wall) / statistics.fmean(base_wall)
    mean_wall = statistics.fmean(wall)
    print(
        f"{len(stories):,} stories, {image_count:,} library pictures on "
        f"{database.split(':', 1)[0]} ({state} in {load_seconds:,.0f} s)\n"
        f"picture suggestions, ms per story: wall {describe(wall)}; CPU {describe(cpu)}\n"
        f"baseline, related stories, ms per story: wall {describe(base_wall)}; "
        f"CPU {describe(base_cpu)}\n"
        f"ratio (mean wall): picture suggestions = {ratio:.2f} x related stories\n"
        f"suggestions shown per story (first 100): mean {statistics.fmean(shown):.1f}\n"
        f"goal <= {GOAL_MS} ms per story on one core, database included (mean wall "
        f"{mean_wall:.2f} ms): {'met' if mean_wall <= GOAL_MS else 'NOT met'}",
        flush=True,
    )


if __name__ == "__main__":
    main()
