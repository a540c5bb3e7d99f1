"""The offline desk assistant: time per story for key takeaways and tag suggestions.

    .venv/bin/python bench/assistant_bench.py [N]      (default 1000 stories)

Generates N demo stories (the demo generator, deterministic seed) and, in this one process (one
core), times for each: the takeaways (sentence splitting, TextRank, choosing and shortening) and
the tags (YAKE key phrases, the wire tagger's countries and sectors). The baseline, measured in
the same run on the same stories, is one pass of the word regex over the text: the ratio says how
many such passes the assistant costs, whatever the machine. The word-frequency lists load once
before timing (printed apart). It only prints; nothing here passes or fails on a time.
"""

import os
import re
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.assistant import extractive  # noqa: E402
from dateline.demo.generator import generate_stories  # noqa: E402
from dateline.wire.tagging import countries_meant, sectors_meant  # noqa: E402

GOAL_MS = 50
WORDS = re.compile(r"\w+")


def stories(count):
    now = datetime(2026, 12, 6, 12, tzinfo=UTC)
    return [
        (spec.headline, spec.paragraphs) for spec in generate_stories(count, seed=2025, now=now)
    ]


def timed(function, items):
    """CPU seconds per item (this process, one core) of function over items."""
    started = time.process_time()
    for item in items:
        function(*item)
    return (time.process_time() - started) / len(items)


def takeaways(headline, paragraphs):
    return extractive.takeaways(extractive.read_text(paragraphs))


def tags(headline, paragraphs):
    reading = extractive.read_text(paragraphs)
    text = "\n\n".join(paragraphs)
    return (
        extractive.keyphrases(reading, headline),
        countries_meant(headline, text),
        sectors_meant(headline, text),
    )


def baseline(headline, paragraphs):
    return sum(len(WORDS.findall(paragraph)) for paragraph in paragraphs)


def figures(count):
    items = stories(count)
    started = time.process_time()
    # The word lists and the tagger's tables load on first use, once per process.
    takeaways(*items[0])
    tags(*items[0])
    startup = time.process_time() - started
    per_baseline = timed(baseline, items)
    per_takeaways = timed(takeaways, items)
    per_tags = timed(tags, items)
    return {
        "stories": count,
        "words": sum(baseline(*item) for item in items) / count,
        "startup_s": startup,
        "baseline_ms": per_baseline * 1000,
        "takeaways_ms": per_takeaways * 1000,
        "tags_ms": per_tags * 1000,
    }


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    found = figures(count)
    total = found["takeaways_ms"] + found["tags_ms"]
    verdict = "met" if total <= GOAL_MS else "NOT met"
    print(
        f"{found['stories']:,} demo stories, {found['words']:.0f} words each on average, one "
        f"process ({os.cpu_count()} CPUs on the machine), CPU time"
    )
    print(f"- first use (word lists, tagger tables): {found['startup_s']:.2f} s, once per process")
    print(f"- takeaways: {found['takeaways_ms']:.2f} ms per story")
    print(f"- tags (key phrases + wire tagger): {found['tags_ms']:.2f} ms per story")
    print(f"- both: {total:.2f} ms per story; goal ≤ {GOAL_MS} ms: {verdict}")
    print(
        f"- baseline, one regex pass over the words: {found['baseline_ms']:.3f} ms per story; "
        f"ratio {total / found['baseline_ms']:.0f}x"
    )


if __name__ == "__main__":
    main()
