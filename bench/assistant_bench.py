"""The offline desk assistant: its time per story for key takeaways, tags and picture suggestions.

    .venv/bin/python bench/assistant_bench.py [STORIES] [IMAGES]      (1,000 and 2,000)

Uses PostgreSQL (BENCH_ASSISTANT_DATABASE_URL, default the local `dateline_bench_assistant`
database, created and migrated if missing); a `sqlite:///` URL keeps the database in this
process. The first run fills it (deterministic seed): IMAGES library pictures titled, tagged and
captioned from demo stories, one in ten AI-generated, and STORIES published demo stories (the demo
generator's text, sectors, countries and tags), every other one led by a library picture, so
pictures are linked to sectors and countries as in a newsroom's library. Later runs reuse what is
there when the counts match.

Then, for every story loaded afresh, it times what the page editor's buttons and the hero image
field call, offline: `suggest_takeaways`, `suggest_tags` (key phrases and the wire tagger) and
`picture_suggestions` (with its queries). One process, so the CPU time is one core's. Baselines
measured in the same run on the same stories: one pass of a word regex over the text, and the
story's `related_stories()` (the related-stories sidebar). The word lists and tagger tables load
once before timing (printed apart). It only prints; nothing here passes or fails on a time.
"""

import io
import os
import random
import re
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/dateline_bench_assistant"
SEED = 20261206
GOAL_MS = 50
WARM_UP = 20
WORDS = re.compile(r"\w+")


def setup_django():
    sys.path.insert(0, str(ROOT))
    from bench.run import set_up_django

    url = os.environ.get("BENCH_ASSISTANT_DATABASE_URL") or DEFAULT_DATABASE_URL
    return set_up_django(url, ROOT / "bench" / "out" / "var-assistant")


def load(story_count, image_count):
    """Fill the database unless it holds this bench's content already; say what was done."""
    from django.core.files.images import ImageFile

    from dateline.demo.generator import generate_stories
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
            "The assistant bench's database holds other content: drop it "
            "(dropdb dateline_bench_assistant) and run again."
        )
    ensure_site()
    now = datetime(2026, 12, 6, 12, tzinfo=UTC)
    rng = random.Random(SEED)
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    countries = {country.code: country for country in Country.objects.all()}
    picture = jpeg_bytes(64, 36)
    images = []
    for number, spec in enumerate(generate_stories(image_count, seed=SEED + 1, now=now)):
        title = (spec.image_caption or spec.headline)[:250]
        image = NewsImage.objects.create(
            title=title,
            alt_text=title,
            credit="Bench Photographer / Bench Agency",
            digital_source_type=(
                DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA
                if number % 10 == 0
                else DigitalSourceType.DIGITAL_CAPTURE
            ),
            file=ImageFile(io.BytesIO(picture), name=f"bench-{number}.jpg"),
        )
        image.tags.add(*spec.tags[:3])
        images.append(image)
    for number, spec in enumerate(generate_stories(story_count, seed=SEED, now=now)):
        hero = rng.choice(images) if number % 2 else None
        create_story(
            kind=StoryKind.NEWS,
            headline=f"{spec.headline} ({number})",
            summary=spec.summary,
            body=[("paragraph", f"<p>{paragraph}</p>") for paragraph in spec.paragraphs],
            sectors=[sectors[slug] for slug in spec.sector_slugs if slug in sectors],
            countries=[countries[code] for code in spec.country_codes if code in countries],
            tags=spec.tags,
            hero_image=hero,
            hero_caption=spec.image_caption if hero else "",
            provenance=Provenance.STAFF,
        )
    return "loaded"


def timed(parts, story_ids):
    """CPU and wall milliseconds of each part for each story, every story loaded afresh. A part is
    a function of (story, headline, paragraphs)."""
    from dateline.assistant.suggestions import body_paragraphs
    from dateline.newsroom.models import StoryPage

    cpu = {name: [] for name in parts}
    wall = {name: [] for name in parts}
    for pk in story_ids:
        story = StoryPage.objects.get(pk=pk)
        paragraphs = body_paragraphs(story.body)
        for name, function in parts.items():
            started, started_cpu = time.perf_counter(), time.process_time()
            function(story, story.title, paragraphs)
            wall[name].append((time.perf_counter() - started) * 1000)
            cpu[name].append((time.process_time() - started_cpu) * 1000)
    return cpu, wall


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
    from dateline.assistant.suggestions import suggest_tags, suggest_takeaways
    from dateline.newsroom.models import StoryPage

    assistant = {
        "takeaways": lambda story, headline, paragraphs: suggest_takeaways(headline, paragraphs),
        "tags": lambda story, headline, paragraphs: suggest_tags(headline, paragraphs),
        "pictures": lambda story, headline, paragraphs: picture_suggestions(story),
    }
    baselines = {
        "word regex": lambda story, headline, paragraphs: [WORDS.findall(p) for p in paragraphs],
        "related stories": lambda story, headline, paragraphs: story.related_stories(),
    }
    story_ids = list(StoryPage.objects.order_by("pk").values_list("pk", flat=True))
    started = time.process_time()
    # The word lists, the tagger's tables and the connection warm up once per process.
    timed(assistant, story_ids[:WARM_UP])
    startup = time.process_time() - started
    cpu, wall = timed(assistant, story_ids)
    base_cpu, base_wall = timed(baselines, story_ids)

    total_cpu = [sum(times) for times in zip(*cpu.values(), strict=True)]
    total_wall = [sum(times) for times in zip(*wall.values(), strict=True)]
    mean_cpu = statistics.fmean(total_cpu)
    words = sum(
        len(WORDS.findall(block.value.source))
        for story in StoryPage.objects.filter(pk__in=story_ids[:100])
        for block in story.body
    ) / min(100, len(story_ids))
    lines = [
        f"{len(story_ids):,} demo stories ({words:.0f} words each on average), {image_count:,} "
        f"library pictures on {database.split(':', 1)[0]} ({state} in {load_seconds:,.0f} s); "
        f"one process ({os.cpu_count()} CPUs on the machine)",
        f"- warm-up ({WARM_UP} stories, word lists and tagger tables): {startup:.2f} s CPU",
    ]
    for name in assistant:
        lines.append(
            f"- {name}, ms per story: CPU {describe(cpu[name])}; wall {describe(wall[name])}"
        )
    lines.append(
        f"- all three, ms per story: CPU {describe(total_cpu)}; wall {describe(total_wall)}"
    )
    for name in baselines:
        lines.append(
            f"- baseline, {name}, ms per story: CPU {describe(base_cpu[name])}; "
            f"wall {describe(base_wall[name])}"
        )
    related = statistics.fmean(base_cpu["related stories"])
    lines.append(f"- ratio (mean CPU): all three = {mean_cpu / related:.1f} x related stories")
    mean_wall = statistics.fmean(total_wall)
    lines.append(
        f"- goal <= {GOAL_MS} ms per story on one core: mean CPU {mean_cpu:.2f} ms, "
        f"{'met' if mean_cpu <= GOAL_MS else 'NOT met'}; mean wall, the database's work "
        f"included, {mean_wall:.2f} ms, {'met' if mean_wall <= GOAL_MS else 'NOT met'}"
    )
    print("\n".join(lines), flush=True)


if __name__ == "__main__":
    main()
