"""`make bench`: live coverage, measured end to end on the production setup of bench/run.py.

    .venv/bin/python bench/live_bench.py [UPDATES]      (default 50)

granian (2 workers, page cache on, Redis for the announcements between processes) serves a live
story on the bench database. Updates are posted from this process through the same function the
admin uses (dateline.live.coverage.save_update), and a reader polls the updates endpoint the way
an open page does:

1. post → seen: for each update, the time from the post until a polling reader's answer holds it;
   once with the page's own interval (DATELINE_LIVE_POLL_SECONDS, what readers get) and once
   polling every 10 ms (what the server adds: commit, the page cache dropping the answer in both
   workers, a fresh answer). p50 and p99 over UPDATES updates each.
2. the updates endpoint's req/s out of the page cache (wrk, an up-to-date reader's request),
   with the article page out of the page cache in the same run as its baseline.

It only prints (and appends to bench/out/results.md); nothing passes or fails on a time.
"""

import os
import random
import statistics
import sys
import threading
import time
from datetime import UTC, datetime

from run import (
    OUT,
    ROOT,
    bench_duration,
    bench_env,
    ensure_database,
    http_get,
    log,
    log_problems,
    manage,
    measure,
    serve,
)

UPDATES = int(sys.argv[1]) if len(sys.argv) > 1 else 50
FAST_POLL_SECONDS = 0.01
GIVE_UP_SECONDS = 20
HEADLINE = "Bench live coverage"


def setup_django(env):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def live_story():
    """The bench's live story, made once."""
    from dateline.fronts.setup import ensure_site
    from dateline.newsroom.models import Provenance, StoryKind, StoryPage
    from dateline.newsroom.stories import create_story

    ensure_site()
    story = StoryPage.objects.filter(kind=StoryKind.LIVE, title=HEADLINE).first()
    return story or create_story(
        kind=StoryKind.LIVE,
        headline=HEADLINE,
        summary="Updates posted by the benchmark.",
        provenance=Provenance.STAFF,
    )


def post(story, number):
    from wagtail.rich_text import RichText

    from dateline.live.coverage import save_update
    from dateline.live.models import LiveUpdate

    update = LiveUpdate(
        story=story, body=[("paragraph", RichText(f"<p>Bench update {number}.</p>"))]
    )
    return save_update(update, None, publish=True, authors=[])


def version_of(story):
    from dateline.live.models import LiveCoverage

    return LiveCoverage.objects.filter(story=story).values_list("version", flat=True).first() or 0


class Reader(threading.Thread):
    """Polls the endpoint as live.js does: since the version of its last answer."""

    def __init__(self, port, story, interval, since):
        super().__init__(daemon=True)
        self.port, self.path, self.interval, self.since = (
            port,
            f"/live-updates/{story.pk}/",
            interval,
            since,
        )
        self.seen = {}
        self.running = True

    def run(self):
        import json

        while self.running:
            status, _response, body = http_get(self.port, f"{self.path}?since={self.since}")
            if status == 200:
                answer = json.loads(body)
                now = time.monotonic()
                for update in answer["updates"]:
                    self.seen.setdefault(update["id"], now)
                self.since = answer["version"]
            time.sleep(self.interval)


def post_and_watch(port, story, interval, count):
    reader = Reader(port, story, interval, version_of(story))
    reader.start()
    delays = []
    for number in range(count):
        # Readers' pages poll on their own clocks: a post lands anywhere in a reader's interval.
        time.sleep(random.uniform(0, interval))
        posted_at = time.monotonic()
        update = post(story, number)
        while update.pk not in reader.seen and time.monotonic() - posted_at < GIVE_UP_SECONDS:
            time.sleep(0.002)
        if update.pk not in reader.seen:
            log(f"  update {update.pk} not seen within {GIVE_UP_SECONDS} s; stopping")
            break
        delays.append(reader.seen[update.pk] - posted_at)
    reader.running = False
    reader.join()
    return delays


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    env = {**bench_env(), "DATELINE_PAGE_CACHE_SECONDS": "60"}
    ensure_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    setup_django(env)
    from django.conf import settings

    story = live_story()
    post(story, "first")
    lines = [f"## Live coverage ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)", ""]
    log_path = OUT / "granian-live.log"
    with serve(env, log_path) as port:
        for label, interval in (
            (
                f"the page's interval ({settings.DATELINE_LIVE_POLL_SECONDS} s)",
                settings.DATELINE_LIVE_POLL_SECONDS,
            ),
            (
                f"polling every {FAST_POLL_SECONDS * 1000:.0f} ms (the server's share)",
                FAST_POLL_SECONDS,
            ),
        ):
            log(f"Posting {UPDATES} updates, reader polling at {label}")
            delays = post_and_watch(port, story, interval, UPDATES)
            if delays:
                lines.append(
                    f"- post → seen by a polling reader, {label}: p50 {statistics.median(delays):.3f} s, "
                    f"p99 {percentile(delays, 0.99):.3f} s, max {max(delays):.3f} s "
                    f"({len(delays)} updates)"
                )
        endpoint = f"/live-updates/{story.pk}/?since={version_of(story)}"
        article = story.url
        duration = bench_duration()
        updates_rate = measure(port, endpoint, duration, mode="page cache")
        article_rate = measure(port, article, duration, mode="page cache")
        lines.append(
            f"- updates endpoint from the page cache: {updates_rate['rps']:,.0f} req/s "
            f"(p99 {updates_rate['p99']:.2f} ms); the live article from the page cache in the same "
            f"run: {article_rate['rps']:,.0f} req/s; ratio {updates_rate['rps'] / article_rate['rps']:.2f}"
        )
    problems = log_problems(log_path)
    if problems:
        lines.append(f"- {len(problems)} problem lines in {log_path.name}")
    report = "\n".join(lines) + "\n"
    print(report)
    with (OUT / "results.md").open("a") as results:
        results.write("\n" + report)


if __name__ == "__main__":
    main()
