"""`make bench`, after bench/run.py: the edge figures of issue 13, all in one run on one machine.

The shipped nginx edge (deploy/nginx/, run by tools/edge.py) in front of granian (2 workers) and
the worker, on the bench database and environment of bench/run.py. Measured with wrk like run.py,
each req/s also as a ratio to the nginx static ceiling of the same run:

1. the ceiling: the edge serving the site stylesheet from the collected static files on disk;
2. the home page and the newest article from the edge's cache (checked to be a HIT first), as
   wrk asks for them (uncompressed) and as a browser does (compressed by the edge per answer);
3. the same article from granian directly, out of Dateline's own page cache;
4. the article uncached (granian with the page cache off), beside the issue's figure for Ghost;
5. publish → visible at the edge: 50 times, a new headline published from a Django process and
   the story and home pages polled through the edge until they show it.

It only prints (and appends to bench/out/results.md): nothing here passes or fails on a time.
See bench/README.md.
"""

import contextlib
import html
import importlib.util
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime

import psycopg
from run import (
    OUT,
    ROOT,
    WARM_UP,
    WRK_LOAD,
    analyze_database,
    bench_duration,
    bench_env,
    check_page,
    ensure_database,
    free_port,
    git_commit,
    http_get,
    log,
    log_problems,
    manage,
    measure,
    serve,
    stop,
    tool_version,
    verdict,
)

# Loaded when the bench database has no stories (this script run on its own): enough for every
# page to have content, quick to load.
DEMO_STORIES = 300
PUBLISHES = 50
# How often the edge is asked whether a publish shows yet.
POLL_SECONDS = 0.01
# A publish not visible by then counts as not seen; the purges are not reaching the edge, so the
# remaining publishes are skipped rather than waited for.
GIVE_UP_SECONDS = 30
# Goals from the issue; printed next to the figures, never enforced.
GOAL_EDGE_RATIO = 0.90
GOAL_PAGE_CACHE_RATIO = 0.30
GOAL_PUBLISH_P50_SECONDS = 1.0
EDGE_LOG = OUT / "granian-edge.log"
UNCACHED_LOG = OUT / "granian-edge-uncached.log"
WORKER_LOG = OUT / "edge-worker.log"
# What browsers send (Chrome and Firefox add zstd, which nginx does not offer).
BROWSER_ENCODINGS = "Accept-Encoding: gzip, deflate, br"
# The measurement of Ghost 6.65 (a post, uncached), on a 2-core machine; Ghost is not run.
GHOST_RPS = (50, 63)


def load_edge_launcher():
    """tools/edge.py, which starts the shipped edge for `make edge` and the tests as well."""
    spec = importlib.util.spec_from_file_location("dateline_edge", ROOT / "tools" / "edge.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def story_count(database_url):
    with psycopg.connect(database_url) as conn:
        return conn.execute("SELECT count(*) FROM newsroom_storypage").fetchone()[0]


def publisher():
    """The child process: Django set up in the bench's environment. It reports what to load, then
    publishes each headline it reads on stdin as a new revision of the newest live story and
    answers when the publish has returned."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.staticfiles.storage import staticfiles_storage

    from dateline.newsroom.models import StoryPage

    story = StoryPage.objects.live().order_by("-first_published_at").first()
    if story is None:
        raise SystemExit("edge_bench: no live story")
    facts = {
        "article": story.get_url(),
        "title": story.title,
        "stylesheet": staticfiles_storage.url("css/site.css"),
        "static_root": str(settings.STATIC_ROOT),
        "media_root": str(settings.MEDIA_ROOT),
        "stories": StoryPage.objects.count(),
        "live_stories": StoryPage.objects.live().count(),
    }
    print(json.dumps(facts), flush=True)
    for line in sys.stdin:
        page = StoryPage.objects.get(pk=story.pk)
        page.title = line.rstrip("\n")
        page.save_revision().publish()
        # CLOCK_MONOTONIC is one clock for every process on the machine, so the parent can count
        # from this instant.
        print(json.dumps({"published_at": time.monotonic()}), flush=True)


@contextlib.contextmanager
def start_publisher(env, log_path):
    """Run this script as the publisher; yield (process, facts)."""
    with open(log_path, "w") as log_file:
        process = subprocess.Popen(
            [sys.executable, __file__, "--publisher"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log_file,
            text=True,
            start_new_session=True,
        )
    try:
        line = process.stdout.readline()
        if not line:
            raise SystemExit(f"the publisher exited with {process.wait()}; see {log_path}")
        yield process, json.loads(line)
    finally:
        process.stdin.close()
        stop(process)


def publish(process, title):
    """Publish a headline; the monotonic time at which the publish returned."""
    process.stdin.write(title + "\n")
    process.stdin.flush()
    line = process.stdout.readline()
    if not line:
        raise SystemExit("the publisher exited; see bench/out/edge-publisher.log")
    return json.loads(line)["published_at"]


def edge_hit(port, path, text):
    """Ask the edge for the page until it is a HIT (within half a second). True when that copy
    shows `text`; a HIT without it is an old page the purge missed."""
    for _ in range(50):
        status, response, body = http_get(port, path)
        if status == 200 and response.getheader("X-Cache-Status") == "HIT":
            return text.encode() in body
        time.sleep(POLL_SECONDS)
    raise SystemExit(f"{path} is never a HIT at the edge; see bench/out/edge/error.log")


def wait_visible(port, paths, shows_change, since):
    """Poll the edge until each page's body `shows_change`: {path: seconds from `since`} for the
    pages that did within GIVE_UP_SECONDS."""
    seen = {}
    while len(seen) < len(paths) and time.monotonic() - since < GIVE_UP_SECONDS:
        for path in paths:
            if path in seen:
                continue
            status, _, body = http_get(port, path)
            if status == 200 and shows_change(body):
                seen[path] = time.monotonic() - since
        time.sleep(POLL_SECONDS)
    return seen


def publish_to_edge(process, port, article, original):
    """PUBLISHES publishes, each of pages cached at the edge: {path: [seconds]}, and how many
    times a page was a HIT of an older headline just before a publish."""
    paths = [article, "/"]
    # As the page shows it: a headline with an ampersand or a quote is escaped in the HTML.
    original_html = html.escape(original)
    stamp = datetime.now(UTC).strftime("%H%M%S")
    latencies = {path: [] for path in paths}
    stale_hits = 0
    shown = original_html
    for number in range(1, PUBLISHES + 1):
        stale_hits += sum(not edge_hit(port, path, shown) for path in paths)
        # A token at the start of the headline: a card that shortens headlines still shows it.
        marker = f"[edge-{stamp}-{number}]"
        shown = marker
        published_at = publish(process, f"{marker} {original}")
        seen = wait_visible(
            port, paths, lambda body, marker=marker: marker.encode() in body, published_at
        )
        for path, seconds in seen.items():
            latencies[path].append(seconds)
        if len(seen) < len(paths):
            log(f"  publish {number}: not visible at the edge within {GIVE_UP_SECONDS} s; stopping")
            break
    # The story gets its headline back (the last marker gone: the headline with it contains the
    # original), and the worker its last purge done before it stops.
    published_at = publish(process, original)
    wait_visible(port, [article], lambda body: shown.encode() not in body, published_at)
    return latencies, stale_hits


def quantile(values, fraction):
    """Linear interpolation between the closest ranks, as numpy's default does."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]


@contextlib.contextmanager
def running_edge(env, edge_launcher, facts):
    """granian (page cache on), the shipped edge in front of it, and the worker, which purges the
    edge (started after it, so that its purges find it). Yields (app port, edge port)."""
    edge_port = int(env["DATELINE_EDGE_PURGE_URL"].rsplit(":", 1)[1])
    directory = OUT / "edge"
    # Pages cached by an earlier run may come from another database.
    shutil.rmtree(directory, ignore_errors=True)
    log(f"Serving with granian (page cache on), the nginx edge and the worker ({EDGE_LOG.name})")
    with serve(env, EDGE_LOG) as app_port:
        nginx = edge_launcher.start_edge(
            directory,
            port=edge_port,
            app_addresses=[f"127.0.0.1:{app_port}"],
            static_root=facts["static_root"],
            media_root=facts["media_root"],
            workers="auto",
        )
        try:
            with open(WORKER_LOG, "w") as worker_output:
                worker = subprocess.Popen(
                    [sys.executable, "manage.py", "worker"],
                    cwd=ROOT,
                    env=env,
                    stdout=worker_output,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            try:
                yield app_port, edge_port
            finally:
                stop(worker)
        finally:
            edge_launcher.stop(nginx)


def row(target, mode, size, figures, goal=None):
    """A line of the table: `goal` is the least req/s ÷ ceiling the issue asks for."""
    return {"target": target, "mode": mode, "bytes": size, "goal": goal, **figures}


def edge_rows(app_port, edge_port, facts, duration):
    """The ceiling, the home page and the article from the edge's cache, the article from
    granian's page cache."""
    stylesheet = facts["stylesheet"]
    size = check_page(edge_port, stylesheet, "nginx static")
    log(f"  static file {stylesheet} from the edge")
    rows = [row("static file", "nginx static", size, measure(edge_port, stylesheet, duration))]
    # The same file as browsers ask for it: nginx sends the .gz copy collectstatic wrote. Rows
    # measured with browsers' Accept-Encoding are compared with this ceiling.
    _, response, body = http_get(edge_port, stylesheet, [BROWSER_ENCODINGS])
    mode = f"nginx static, {response.getheader('Content-Encoding') or 'identity'}"
    figures = measure(edge_port, stylesheet, duration, headers=[BROWSER_ENCODINGS])
    rows.append(row("static file", mode, len(body), figures))
    for name, path in (("home", "/"), ("article", facts["article"])):
        size = check_page(edge_port, path, "edge")
        if not edge_hit(edge_port, path, html.escape(facts["title"])):
            log(f"  warning: the edge's copy of {path} does not show the headline")
        log(f"  {name} {path} from the edge's cache (X-Cache-Status: HIT)")
        figures = measure(edge_port, path, duration)
        rows.append(row(name, "edge HIT", size, figures, GOAL_EDGE_RATIO))
        # As a browser asks: the edge serves the compressed copy it keeps.
        _, response, body = http_get(edge_port, path, [BROWSER_ENCODINGS])
        mode = f"edge HIT, {response.getheader('Content-Encoding') or 'identity'}"
        log(f"  {name} {path} from the edge's cache, {BROWSER_ENCODINGS}")
        figures = measure(edge_port, path, duration, headers=[BROWSER_ENCODINGS])
        rows.append(row(name, mode, len(body), figures, GOAL_EDGE_RATIO))
    log(f"  article {facts['article']} from granian's page cache")
    size = check_page(app_port, facts["article"], "page cache")
    figures = measure(app_port, facts["article"], duration, mode="page cache")
    rows.append(row("article", "page cache", size, figures, GOAL_PAGE_CACHE_RATIO))
    _, response, body = http_get(app_port, facts["article"], [BROWSER_ENCODINGS])
    mode = f"page cache, {response.getheader('Content-Encoding') or 'identity'}"
    figures = measure(app_port, facts["article"], duration, headers=[BROWSER_ENCODINGS])
    rows.append(row("article", mode, len(body), figures, GOAL_PAGE_CACHE_RATIO))
    return rows


def uncached_row(env, facts, duration):
    """The article rendered on every request: granian directly, the page cache off."""
    log(f"Serving with granian, page cache off ({UNCACHED_LOG.name})")
    with serve({**env, "DATELINE_PAGE_CACHE_SECONDS": "0"}, UNCACHED_LOG) as port:
        size = check_page(port, facts["article"], "uncached")
        log(f"  article {facts['article']} uncached")
        return row("article", "uncached", size, measure(port, facts["article"], duration))


def throughput_table(rows):
    plain_ceiling, browser_ceiling = rows[0]["rps"], rows[1]["rps"]
    low, high = GHOST_RPS
    lines = [
        "| target | served by | bytes | req/s | p50 ms | p99 ms | req/s ÷ ceiling | goal | errors |",
        "|---|---|---:|---:|---:|---:|---:|---|---:|",
    ]
    for row in rows:
        # A row measured as browsers ask ("…, gzip") against the ceiling measured the same way.
        ceiling = browser_ceiling if ", " in row["mode"] else plain_ceiling
        ratio = row["rps"] / ceiling
        goal = ""
        if row["goal"] is not None:
            goal = f"≥ {row['goal']:.2f}: {verdict(ratio >= row['goal'])}"
        elif row["mode"] == "uncached":
            goal = f"Ghost {low}-{high} req/s: x{row['rps'] / high:.2f} to x{row['rps'] / low:.2f}"
        lines.append(
            f"| {row['target']} | {row['mode']} | {row['bytes']:,} | {row['rps']:,.0f} | "
            f"{row['p50']:.2f} | {row['p99']:.2f} | {ratio:.4f} | {goal} | {row['errors']} |"
        )
    return lines


def publish_table(latencies, article):
    lines = [
        "| page at the edge | publishes seen | p50 s | p99 s | max s | goal p50 < 1 s |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, path in (("story", article), ("home", "/")):
        seconds = latencies[path]
        if not seconds:
            lines.append(f"| {name} | 0 of {PUBLISHES} | | | | {verdict(False)} |")
            continue
        p50 = quantile(seconds, 0.50)
        lines.append(
            f"| {name} | {len(seconds)} of {PUBLISHES} | {p50:.3f} | {quantile(seconds, 0.99):.3f} "
            f"| {max(seconds):.3f} | "
            f"{verdict(p50 < GOAL_PUBLISH_P50_SECONDS and len(seconds) == PUBLISHES)} |"
        )
    return lines


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    OUT.mkdir(parents=True, exist_ok=True)
    edge_launcher = load_edge_launcher()
    if reason := edge_launcher.edge_unavailable():
        log(f"edge_bench: skipped, {reason}")
        return
    duration = bench_duration()
    env = bench_env()
    ensure_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    notes = []
    if not story_count(env["DATABASE_URL"]):
        log(f"The bench database has no stories: loading a small demo ({DEMO_STORIES} stories)")
        manage(env, "load_demo", "--stories", str(DEMO_STORIES), "--quiet")
        analyze_database(env["DATABASE_URL"])
        notes = [
            f"The bench database had no stories: this run loaded a small demo "
            f"({DEMO_STORIES} stories).",
            "",
        ]
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")

    edge_port = free_port()
    env.update(
        DATELINE_PAGE_CACHE_SECONDS="60",
        # What the app, the worker and the publisher purge: the edge started below.
        DATELINE_EDGE_PURGE_URL=f"http://127.0.0.1:{edge_port}",
        # As behind the shipped nginx: client addresses come from its X-Forwarded-For.
        DATELINE_TRUSTED_PROXIES="1",
    )
    busy = os.getloadavg()[0]
    with (
        start_publisher(env, OUT / "edge-publisher.log") as (publisher_process, facts),
        running_edge(env, edge_launcher, facts) as (app_port, edge_port),
    ):
        rows = edge_rows(app_port, edge_port, facts, duration)
        log(f"  {PUBLISHES} publishes of the article, polled through the edge")
        latencies, stale_hits = publish_to_edge(
            publisher_process, edge_port, facts["article"], facts["title"]
        )
    rows.append(uncached_row(env, facts, duration))
    problems = sum(len(log_problems(path)) for path in (EDGE_LOG, WORKER_LOG, UNCACHED_LOG))

    header = [
        f"# Dateline edge bench, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {git_commit()}",
        "",
        f"{facts['stories']:,} stories ({facts['live_stories']:,} live) on "
        f"{env['DATABASE_URL'].split(':', 1)[0]}, Redis {env['REDIS_URL']}. The shipped nginx "
        f"edge (deploy/nginx, worker_processes auto) in front of granian (2 workers, page cache "
        f"on) and the worker, on {os.cpu_count()} CPUs; wrk {' '.join(WRK_LOAD)} -d{duration} after "
        f"a {WARM_UP} warm-up; {tool_version(['nginx', '-v'])}; load average {busy:.2f} before "
        "serving.",
        "",
        f"article: {facts['article']}",
        "",
        *notes,
    ]
    low, high = GHOST_RPS
    body = [
        *throughput_table(rows),
        "",
        f"Ghost 6.65, a post uncached: {low}-{high} req/s (from the issue, measured on a 2-core "
        "machine; Ghost is not run here).",
        "",
        f"Publish → visible at the edge: {PUBLISHES} headline changes of the article, each "
        "published from a Django process (`save_revision().publish()`) with the story and home "
        "pages cached at the edge; seconds from the publish returning until the edge, polled "
        f"every {POLL_SECONDS * 1000:.0f} ms, answers with the new headline.",
        "",
        *publish_table(latencies, facts["article"]),
        "",
        f"- HITs of an older headline just before a publish: {stale_hits}",
        f"- granian and worker logs: {problems} suspicious lines"
        + (" (see bench/out/granian-edge*.log, bench/out/edge-worker.log)" if problems else ""),
    ]
    report = "\n".join([*header, *body, ""])
    with open(OUT / "results.md", "a") as results:
        results.write("\n" + report)
    log("")
    log(report)


if __name__ == "__main__":
    if sys.argv[1:] == ["--publisher"]:
        publisher()
        sys.exit()
    try:
        main()
    except KeyboardInterrupt:
        # Every process was already stopped on the way out (each is ended in a finally).
        sys.exit("interrupted")
