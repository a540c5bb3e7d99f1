"""`make bench`: load 20,000 stories into PostgreSQL, serve them with granian, load with wrk.

Steps: create the database if missing, migrate, load the demo stories, collect static files,
count the queries of an article in-process (bench/probe.py), then serve the site twice with
granian (2 workers) — page cache off, then on — and load the home page, the newest article, a
sector page and, as the ceiling, a static file that granian serves itself. Prints req/s, p50 and
p99 for each, and req/s as a ratio to the ceiling; the table also goes to bench/out/results.md.

It only prints: nothing here passes or fails on a time. See bench/README.md.
"""

import contextlib
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
VAR = OUT / "var"
BIN = Path(sys.executable).parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/dateline_bench"
REDIS_URL = "redis://127.0.0.1:6379/5"
WRK_LOAD = ["-t2", "-c16"]
# wrk gives up on a request after 2 s by default; a slow page should show its real p99.
WRK_TIMEOUT = "10s"
WARM_UP = "2s"
SERIAL_DURATION = "5s"
# Targets from the project issue; printed next to the figures, never enforced.
TARGET_MEDIAN_MS = 15
TARGET_QUERIES = 12
TARGET_CACHED_RPS = 2000


def log(message):
    print(message, flush=True)


def bench_env():
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="dateline.settings.production",
        DJANGO_SECRET_KEY="bench-only",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATELINE_SERVE_MEDIA="1",
        # Plain HTTP on loopback, as behind a proxy that ends TLS: no redirect to https.
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATELINE_VAR_DIR=str(VAR),
        DATABASE_URL=os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL,
        REDIS_URL=os.environ.get("BENCH_REDIS_URL") or REDIS_URL,
        PYTHONUNBUFFERED="1",
    )
    # The dev var/ keeps its own media: everything the bench writes lives under bench/out/var.
    env.pop("DATELINE_MEDIA_ROOT", None)
    return env


def bench_duration():
    """Each measured wrk run, as wrk takes it ("10s"); BENCH_DURATION may be a bare number."""
    duration = os.environ.get("BENCH_DURATION", "10s")
    return duration + "s" if duration.isdigit() else duration


def ensure_database(url):
    """Create the PostgreSQL database named in url unless it exists (other engines: nothing)."""
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        return
    import psycopg  # the project's own driver, in the venv

    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return
        log(f"Creating database {name}")
        conn.execute(f'CREATE DATABASE "{name}"')


def set_up_django(url, var_dir):
    """Set Django up in this process for a side benchmark that works in-process: the production
    settings on the database at url (created if missing, and migrated), files under var_dir."""
    ensure_database(url)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="dateline.settings.production",
        DJANGO_SECRET_KEY="bench-only",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=url,
        DATELINE_VAR_DIR=str(var_dir),
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return url


def api_key(env):
    """A fresh content API key for the run, with a limit wrk cannot reach."""
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", "create_api_key", "bench", "--rate-limit", "100000"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def analyze_database(url):
    """VACUUM ANALYZE after the bulk load, as autovacuum would do on a live server.

    Without statistics PostgreSQL plans the listings on default row estimates (and a test
    server may run with autovacuum off), which is not what readers of a running site get.
    """
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        return
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(port, path, headers=()):
    """(status, headers, body) of one GET without following redirects."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=dict(header.split(": ", 1) for header in headers))
        response = conn.getresponse()
        return response.status, response, response.read()
    finally:
        conn.close()


def stop(process):
    """End granian and its workers: SIGTERM to the group, then SIGKILL to whatever is left."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


@contextlib.contextmanager
def serve(env, log_path):
    """Run granian on a free port in its own process group; yield the port once it answers."""
    port = free_port()
    command = [
        str(BIN / "granian"),
        "--interface",
        "wsgi",
        "--workers",
        "2",
        "--runtime-mode",
        "st",
        "--blocking-threads",
        "4",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--static-path-route",
        "/static",
        "--static-path-mount",
        str(VAR / "static"),
        "dateline.wsgi:application",
    ]
    with open(log_path, "w") as log_file:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise SystemExit(f"granian exited with {process.returncode}; see {log_path}")
            try:
                if http_get(port, "/robots.txt")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"granian did not answer within 60 s; see {log_path}")
            time.sleep(0.2)
        yield port
    finally:
        stop(process)


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(output):
    """req/s, p50 and p99 in ms, and the count of errors and non-2xx/3xx answers."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = {
        int(p): to_ms(value, unit)
        for p, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
    }
    errors = 0
    socket_errors = re.search(r"Socket errors: (.*)", output)
    if socket_errors:
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    return {"rps": rps, "p50": percentiles[50], "p99": percentiles[99], "errors": errors}


def wrk(port, path, duration, load=WRK_LOAD, headers=()):
    url = f"http://127.0.0.1:{port}{path}"
    command = ["wrk", *load, "-d", duration, "--timeout", WRK_TIMEOUT, "--latency", url]
    for header in headers:
        command[1:1] = ["-H", header]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return parse_wrk(result.stdout)


def measure(port, path, duration, load=WRK_LOAD, mode="", headers=()):
    """A warm-up run, then the measured one."""
    wrk(port, path, WARM_UP, load, headers)
    if mode == "page cache" and not headers:
        # Warm, both workers hold the page: a miss now means the page cache is not working.
        state = http_get(port, path)[1].getheader("X-Page-Cache")
        if state != "hit":
            log(f"  warning: {path} is not served from the page cache (X-Page-Cache: {state})")
    return wrk(port, path, duration, load, headers)


def check_page(port, path, mode, headers=()):
    """The page answers 200 (no redirect: wrk would measure the redirect)."""
    status, _, body = http_get(port, path, headers)
    if status != 200:
        raise SystemExit(f"GET {path} answered {status} ({mode})")
    return len(body)


def log_problems(log_path):
    """Lines of granian's log that look like errors (Django logs to the same stream)."""
    lines = Path(log_path).read_text(errors="replace").splitlines()
    pattern = re.compile(r"Traceback|Error|ERROR|Exception|WARNING|Internal Server Error")
    return [line for line in lines if pattern.search(line)]


def run_server(env, mode, cache_seconds, targets, duration, with_ceiling):
    rows, extra = [], {}
    log_path = OUT / f"granian-{mode.replace(' ', '-')}.log"
    server_env = {**env, "DATELINE_PAGE_CACHE_SECONDS": str(cache_seconds)}
    log(f"Serving with the page cache {'off' if not cache_seconds else 'on'} ({log_path.name})")
    with serve(server_env, log_path) as port:
        if with_ceiling:
            name, path, *_ = targets[0]
            size = check_page(port, path, "static")
            log(f"  {name} {path} ({size} bytes)")
            rows.append({"target": name, "mode": "granian static", **measure(port, path, duration)})
        for name, path, *headers in targets[1:]:
            size = check_page(port, path, mode, headers)
            log(f"  {name} {path} ({size} bytes)")
            figures = measure(port, path, duration, mode=mode, headers=headers)
            rows.append({"target": name, "mode": mode, **figures})
            if name == "article" and mode == "uncached":
                extra["serial"] = measure(port, path, SERIAL_DURATION, ["-t1", "-c1"])
    problems = log_problems(log_path)
    if problems:
        log(f"  {len(problems)} suspicious lines in {log_path.name}, e.g.: {problems[0][:200]}")
    extra["log_problems"] = len(problems)
    return rows, extra


def format_table(rows):
    ceiling = rows[0]["rps"]
    lines = [
        "| target | mode | req/s | p50 ms | p99 ms | req/s ÷ ceiling | errors |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['target']} | {row['mode']} | {row['rps']:,.0f} | {row['p50']:.2f} | "
            f"{row['p99']:.2f} | {row['rps'] / ceiling:.4f} | {row['errors']} |"
        )
    return lines


def verdict(ok):
    return "met" if ok else "NOT met"


def summary(rows, serial, facts):
    queries = facts["queries"]
    article = queries["article"]
    cached = next(r for r in rows if r["target"] == "article" and r["mode"] == "page cache")
    return [
        f"- median server time, uncached article (wrk -t1 -c1, p50): {serial['p50']:.2f} ms "
        f"(p99 {serial['p99']:.2f} ms, {serial['rps']:,.0f} req/s); "
        f"target ≤ {TARGET_MEDIAN_MS} ms: {verdict(serial['p50'] <= TARGET_MEDIAN_MS)}",
        f"- queries per uncached article request: {article['cold']} cold, {article['warm']} "
        f"with fragment caches warm; target ≤ {TARGET_QUERIES}: "
        f"{verdict(article['warm'] <= TARGET_QUERIES)}",
        f"- queries, home: {queries['home']['cold']} cold / {queries['home']['warm']} warm; "
        f"sector: {queries['sector']['cold']} cold / {queries['sector']['warm']} warm",
        f"- page cache, article: {cached['rps']:,.0f} req/s; target ≥ {TARGET_CACHED_RPS:,}: "
        f"{verdict(cached['rps'] >= TARGET_CACHED_RPS)}",
    ]


# Benchmarks of work done outside a web request, each its own script and process.
SIDE_BENCHES = [
    ("Wire ingest (PostgreSQL, one process)", "bench/wire_ingest.py", "20000"),
    ("Wire clustering (signatures + MinHash LSH, in memory)", "bench/wire_clustering.py"),
    ("Newsletter: one digest to 100,000 subscribers (SMTP sink)", "bench/digest_bench.py"),
    (
        "Desk assistant, offline: takeaways, tags and picture suggestions per story (PostgreSQL)",
        "bench/assistant_bench.py",
    ),
]


def side_bench(env, title, script, *args):
    """Run one side benchmark and return its output as a report section."""
    log(f"{title}: {script} {' '.join(args)}")
    result = subprocess.run(
        [sys.executable, script, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    output = (result.stdout + (result.stderr if result.returncode else "")).strip()
    log(output)
    return "\n".join(
        [f"## {title}", "", f"`{script} {' '.join(args)}`".strip(), "", "```", output, "```", ""]
    )


def tool_version(command):
    try:
        result = subprocess.run(command, capture_output=True, text=True)
    except OSError:
        return "?"
    return (result.stdout or result.stderr).strip().splitlines()[0]


def git_commit():
    """The commit measured, and whether the app had uncommitted changes (read-only git)."""
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    commit = result.stdout.strip() or "?"
    changed = subprocess.run(
        ["git", "diff", "--quiet", "HEAD", "--", ".", ":(exclude)bench"], cwd=ROOT
    ).returncode
    return commit + (" with uncommitted changes" if changed == 1 else "")


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    OUT.mkdir(parents=True, exist_ok=True)
    env = bench_env()
    stories = int(os.environ.get("BENCH_STORIES", "20000"))
    duration = bench_duration()

    ensure_database(env["DATABASE_URL"])
    log("Migrating")
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    log(f"Loading {stories:,} stories (the first time takes long: 10-20 stories/s)")
    started = time.monotonic()
    manage(env, "load_demo", "--stories", str(stories), "--quiet")
    load_seconds = time.monotonic() - started
    log(f"Loaded in {load_seconds:,.0f} s")
    log("VACUUM ANALYZE")
    analyze_database(env["DATABASE_URL"])
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")

    log("Counting queries in-process (bench/probe.py)")
    probe = subprocess.run(
        [sys.executable, "bench/probe.py", str(OUT)],
        cwd=ROOT,
        env={**env, "DATELINE_PAGE_CACHE_SECONDS": "0"},
        capture_output=True,
        text=True,
    )
    if probe.returncode:
        sys.stderr.write(probe.stderr)
        raise SystemExit("bench/probe.py failed")
    facts = json.loads(probe.stdout.strip().splitlines()[-1])

    # Other work on the machine (a test run, a build) skews every figure: say how busy it was.
    busy = os.getloadavg()[0]
    targets = [
        ("static file", facts["stylesheet"]),
        ("home", "/"),
        ("article", facts["article"]),
        ("sector", "/sectors/health/"),
        ("RSS feed", "/feed/"),
        ("API stories", "/api/v1/stories/", f"Authorization: Bearer {api_key(env)}"),
    ]
    rows, uncached = run_server(env, "uncached", 0, targets, duration, with_ceiling=True)
    cached_rows, cached = run_server(env, "page cache", 60, targets, duration, with_ceiling=False)
    rows += cached_rows

    header = [
        f"# Dateline bench, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {git_commit()}",
        "",
        f"{facts['stories']:,} stories ({facts['live_stories']:,} live) on "
        f"{urlsplit(env['DATABASE_URL']).scheme}, Redis {env['REDIS_URL']}; loading took "
        f"{load_seconds:,.0f} s. granian 2 workers (st, 4 blocking threads), "
        f"wrk {' '.join(WRK_LOAD)} -d{duration} after a {WARM_UP} warm-up, on "
        f"{os.cpu_count()} CPUs; {tool_version([str(BIN / 'granian'), '--version'])}, "
        f"{tool_version(['wrk', '--version']).split(' [')[0]}; load average {busy:.2f} "
        "before serving.",
        "",
        f"article: {facts['article']}",
        "",
    ]
    notes = summary(rows, uncached["serial"], facts)
    problems = uncached["log_problems"] + cached["log_problems"]
    notes.append(
        f"- granian logs: {problems} suspicious lines"
        + (" (see bench/out/granian-*.log)" if problems else "")
    )
    sections = [side_bench(env, title, script, *args) for title, script, *args in SIDE_BENCHES]
    report = "\n".join([*header, *format_table(rows), "", *notes, "", *sections])
    (OUT / "results.md").write_text(report)
    log("")
    log(report)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        # The servers were already stopped on the way out (serve() ends them in a finally).
        sys.exit("interrupted")
