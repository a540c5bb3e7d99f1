"""`bench/soak.py`: the shipped production setup under steady load while things break under it.

It starts what deploy/ documents, each process from its line in deploy/Procfile: granian with the
Procfile's flags (2 workers, `--respawn-failed-workers`) and `manage.py worker`, on production
settings (plain HTTP on loopback), against a PostgreSQL cluster and a redis-server of its own on
free loopback ports, so that it can restart and kill them without touching anyone else's. This
script plays systemd: a process of the Procfile that exits is started again after RestartSec (2 s),
as `Restart=always` in deploy/systemd/ does.

Then it measures the capacity of the request mix (a short closed-loop burst), and drives an
open-loop schedule at 80 % of it for the stated minutes, in nine equal phases: a baseline, then for
each fault the phase it strikes in and a quiet phase after it. The faults: a PostgreSQL restart
(`pg_ctl restart -m fast`), a Redis kill (SIGKILL, started again 15 s later), a SIGKILL of one
granian worker, and a SIGKILL of the worker process. Stories scheduled to go live during the run
are published by the worker.

It prints requests and answers per phase, the recovery time of each fault, and whether what the
site acknowledged was kept: every wire push answered 202 stored, every view answered 204 counted.
Timings only print; the exit status is 1 when something acknowledged was lost.

    .venv/bin/python bench/soak.py --minutes 10

See bench/README.md.
"""

import argparse
import contextlib
import http.client
import importlib.util
import itertools
import json
import os
import queue
import random
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import redis
from run import (
    BIN,
    OUT,
    ROOT,
    analyze_database,
    bench_env,
    free_port,
    git_commit,
    http_get,
    log,
    log_problems,
    manage,
    stop,
    tool_version,
)


def _load_tool(name):
    """A module of tools/, which is not a package on this script's path."""
    spec = importlib.util.spec_from_file_location(f"dateline_{name}", ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


local_postgres = _load_tool("local_postgres")
# The shipped processes ({name: command} from deploy/Procfile), read as `make edge` reads them.
procfile = _load_tool("edge").procfile

# Everything the soak owns on disk (the clusters, the app's media and static files) lives here
# and is removed at the end; its logs stay in bench/out/soak-*.log.
SOAK = OUT / "var" / "soak"
DATABASE_NAME = "dateline_soak"
REDIS_DB = 11
# systemd's RestartSec in deploy/systemd/: how long the supervisor waits before a restart.
RESTART_SECONDS = 2.0
PHASES = 9
MIN_PHASE_SECONDS = 20.0
REDIS_DOWN_SECONDS = 15.0
CAPACITY_CLIENTS = 16
CAPACITY_WARM_UP = 3.0
CAPACITY_SECONDS = 15.0
LOAD_FRACTION = 0.8
# Open loop: requests leave on schedule; this many connections carry them.
CLIENT_THREADS = 64
REQUEST_TIMEOUT = 10.0
HEALTH_PROBE_SECONDS = 0.25
# "Recovered": the first run of this many consecutive successes after the fault.
HEALTHZ_RUN = 8
PAGES_RUN = 50
MIX = {
    "home": 12,
    "edition": 8,
    "article": 30,
    "sector": 10,
    "feed": 6,
    "search": 6,
    "beacon": 22,
    "push": 6,
}
PAGE_KINDS = ("home", "edition", "article", "sector", "feed", "search")
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126"
FAULTS = ("PostgreSQL restart", "Redis kill", "granian worker kill", "worker process kill")


# ---- the clusters of its own ------------------------------------------------------------------


def postgres_tool(name):
    """A PostgreSQL server tool: from SOAK_PG_BIN, the PATH, or Debian's versioned directories."""
    found = local_postgres.postgres_tool(name, os.environ.get("SOAK_PG_BIN"))
    if found is None:
        raise SystemExit(f"{name} not found: install PostgreSQL or set SOAK_PG_BIN")
    return found


as_postgres = local_postgres.as_postgres
give_to_postgres = local_postgres.give_to_postgres


class Postgres:
    """A PostgreSQL cluster in SOAK/pg, serving only on 127.0.0.1:port."""

    def __init__(self, port):
        self.port = port
        self.data = SOAK / "pg"
        self.log_path = OUT / "soak-postgres.log"
        self.url = f"postgres://postgres@127.0.0.1:{port}/{DATABASE_NAME}"

    def pg_ctl(self, *args):
        command = [postgres_tool("pg_ctl"), "-D", str(self.data), "-l", str(self.log_path), *args]
        subprocess.run(as_postgres(command), check=True, capture_output=True)

    def create(self):
        self.data.mkdir(parents=True)
        give_to_postgres(self.data)
        self.log_path.write_text("")
        give_to_postgres(self.log_path)
        initdb = [postgres_tool("initdb"), "-D", str(self.data), "--auth=trust", "-U", "postgres"]
        subprocess.run(
            as_postgres([*initdb, "-E", "UTF8", "--no-locale"]), check=True, capture_output=True
        )
        # In the configuration file, not on pg_ctl's command line, so that a restart keeps them;
        # the socket goes into the cluster's directory, away from the machine's own server.
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.data}'\n"
            )
        self.pg_ctl("start", "-w")
        with self.connect("postgres") as conn:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')

    def connect(self, database=DATABASE_NAME):
        return psycopg.connect(
            f"postgres://postgres@127.0.0.1:{self.port}/{database}", autocommit=True
        )

    def bulk_loading(self, on):
        """Loading the demo needs no durability; the soak does, so it is switched back on."""
        with self.connect() as conn:
            if on:
                for setting in ("fsync", "full_page_writes", "synchronous_commit"):
                    conn.execute(f"ALTER SYSTEM SET {setting} = off")
            else:
                conn.execute("ALTER SYSTEM RESET ALL")
            conn.execute("SELECT pg_reload_conf()")
            if not on:
                conn.execute("CHECKPOINT")

    def restart(self):
        self.pg_ctl("restart", "-m", "fast", "-w")

    def destroy(self):
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self.pg_ctl("stop", "-m", "immediate", "-w")
        shutil.rmtree(self.data, ignore_errors=True)


class RedisServer:
    """A redis-server on 127.0.0.1:port that keeps nothing on disk, like a cache-only Redis."""

    def __init__(self, port):
        self.port = port
        self.dir = SOAK / "redis"
        self.log_path = OUT / "soak-redis.log"
        self.process = None
        self.url = f"redis://127.0.0.1:{port}/{REDIS_DB}"

    def start(self):
        self.dir.mkdir(parents=True, exist_ok=True)
        command = [
            shutil.which("redis-server") or "redis-server",
            *("--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.dir)),
            *("--save", "", "--appendonly", "no"),
        ]
        with self.log_path.open("a") as log_file:
            self.process = subprocess.Popen(
                command, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
            )
        client = redis.Redis(port=self.port, socket_timeout=1)
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(redis.RedisError):
                if client.ping():
                    return
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"redis-server did not start; see {self.log_path}")
            time.sleep(0.05)

    def kill(self):
        self.process.kill()
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.kill()


# ---- the Procfile's processes, supervised -----------------------------------------------------


class Supervised:
    """One process of the Procfile, started again RESTART_SECONDS after it exits (systemd's
    Restart=always). Its own process group, so that Ctrl-C reaches only this script."""

    def __init__(self, name, command, env):
        self.command = ["bash", "-c", f"exec {command}"]
        self.env = env
        self.log_path = OUT / f"soak-{name}.log"
        self.log_path.write_text("")
        self.lock = threading.Lock()
        self.stopping = False
        self.exits = 0
        self.starts = []
        self.launch()
        self.watcher = threading.Thread(target=self.watch, daemon=True)
        self.watcher.start()

    def launch(self):
        with self.log_path.open("a") as log_file:
            self.process = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.starts.append(time.monotonic())

    def watch(self):
        while not self.stopping:
            if self.process.poll() is not None:
                self.exits += 1
                time.sleep(RESTART_SECONDS)
                with self.lock:
                    if not self.stopping:
                        self.launch()
            time.sleep(0.05)

    def stop(self):
        with self.lock:
            self.stopping = True
        stop(self.process)


def granian_workers(pid):
    """granian's worker processes: live children running its own command line."""
    try:
        command_line = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return set()
    workers = set()
    for process in Path("/proc").glob("[0-9]*"):
        try:
            fields = (process / "stat").read_text().rsplit(")", 1)[1].split()
            same_command = (process / "cmdline").read_bytes() == command_line
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z" and same_command:
            workers.add(int(process.name))
    return workers


def wait_until(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"{what} within {seconds:.0f} s")
        time.sleep(0.2)


def answers(port, path):
    try:
        return http_get(port, path)[0]
    except OSError:
        return None


# ---- the request mix and its bookkeeping ------------------------------------------------------


@dataclass(slots=True)
class Result:
    kind: str
    due: float
    done: float
    status: int | None
    resent: bool = False


@dataclass
class Ledger:
    """Every request's outcome, and what the site acknowledged."""

    results: list = field(default_factory=list)
    push_items: list = field(default_factory=list)


class Mix:
    """Builds the requests a reader, a browser's beacon and a pushing agency send."""

    def __init__(self, facts):
        self.facts = facts
        self.numbers = itertools.count(1)
        self.kinds = list(MIX)
        self.weights = list(MIX.values())

    def pick(self, rng):
        return rng.choices(self.kinds, self.weights)[0]

    def request(self, kind, rng):
        """(method, path, body, headers) of one request of this kind."""
        facts = self.facts
        if kind == "home":
            return "GET", "/", None, {}
        if kind == "edition":
            return "GET", f"/editions/{rng.choice(facts['editions'])}/", None, {}
        if kind == "article":
            return "GET", rng.choice(facts["articles"])[1], None, {}
        if kind == "sector":
            return "GET", f"/sectors/{rng.choice(facts['sectors'])}/", None, {}
        if kind == "feed":
            if rng.random() < 0.5:
                return "GET", "/feed/", None, {}
            return "GET", f"/feeds/sector/{rng.choice(facts['sectors'])}/", None, {}
        if kind == "search":
            return "GET", f"/search/?{urlencode({'q': rng.choice(facts['words'])})}", None, {}
        if kind == "beacon":
            return self.beacon(rng)
        return self.push(rng)

    def beacon(self, rng):
        """What story.html's beacon.js sends, from a reader of its own.

        A view counts once per address, story and hour: each beacon comes from a new address,
        which the site reads from X-Forwarded-For as behind nginx (DATELINE_TRUSTED_PROXIES=1),
        so that every beacon the site acknowledges is one more view in the database.
        """
        number = next(self.numbers)
        address = f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"
        story_id = rng.choice(self.facts["articles"])[0]
        headers = {
            "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
            "User-Agent": BROWSER,
            "X-Forwarded-For": address,
        }
        return "POST", "/beacon/", f"story={story_id}".encode(), headers

    def push(self, rng):
        """One ninjs item, as an agency pushes it with its bearer token; texts vary, so that the
        desk clusters them as separate events."""
        number = next(self.numbers)
        words = self.facts["words"]
        now = datetime.now(UTC).isoformat(timespec="seconds")
        headline = " ".join(rng.sample(words, 6)).capitalize()
        paragraphs = [" ".join(rng.sample(words, 14)).capitalize() + "." for _ in range(3)]
        item = {
            "uri": f"urn:soak:{number}",
            "type": "text",
            "version": "1",
            "firstcreated": now,
            "versioncreated": now,
            "language": "en",
            "urgency": 4,
            "headlines": [{"role": "main", "value": f"{headline} ({number})"}],
            "bodies": [
                {
                    "role": "main",
                    "contenttype": "text/html",
                    "value": "".join(f"<p>{p}</p>" for p in paragraphs),
                }
            ],
        }
        headers = {
            "Content-Type": "application/json",
            "Authorization": f"Bearer {self.facts['push_secret']}",
        }
        path = f"/wire/push/{self.facts['push_source']}/"
        return "POST", path, json.dumps(item).encode(), headers


class Client:
    """One keep-alive connection, as the shipped nginx keeps to granian, opened again after any
    error. Like nginx, a GET that fails on a kept connection (not by a timeout) is sent once more
    on a new one; a POST is not, since it may have been handled (nginx answers it 502)."""

    def __init__(self, port):
        self.port = port
        self.connection = None

    def send(self, method, path, body, headers):
        """(status, body, whether the request had to be sent again)."""
        kept = self.connection is not None
        try:
            return (*self.send_once(method, path, body, headers), False)
        except TimeoutError:
            raise
        except (OSError, http.client.HTTPException):
            if not (kept and method == "GET"):
                raise
        return (*self.send_once(method, path, body, headers), True)

    def send_once(self, method, path, body, headers):
        if self.connection is None:
            self.connection = http.client.HTTPConnection(
                "127.0.0.1", self.port, timeout=REQUEST_TIMEOUT
            )
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        if response.will_close:
            self.close()
        return response.status, content

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def execute(client, mix, ledger, kind, due, rng):
    method, path, body, headers = mix.request(kind, rng)
    try:
        status, content, resent = client.send(method, path, body, headers)
    except (OSError, http.client.HTTPException):
        status, content, resent = None, b"", False
    ledger.results.append(Result(kind, due, time.monotonic(), status, resent))
    if kind == "push" and status == 202:
        answer = json.loads(content)
        ledger.push_items.extend([item["id"], item["guid"]] for item in answer["items"])


def closed_loop(port, mix, ledger, seconds):
    """CAPACITY_CLIENTS clients, each sending its next request as soon as the last is answered."""
    until = time.monotonic() + seconds

    def client_loop(seed):
        rng, client = random.Random(seed), Client(port)
        while time.monotonic() < until:
            execute(client, mix, ledger, mix.pick(rng), time.monotonic(), rng)
        client.close()

    threads = [
        threading.Thread(target=client_loop, args=(n,), daemon=True)
        for n in range(CAPACITY_CLIENTS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


class OpenLoop:
    """Requests due at a fixed rate, whatever the answers: a slow site gets a queue, not fewer
    requests. Latency counts from when a request was due."""

    def __init__(self, port, mix, ledger, rate, until):
        self.queue = queue.SimpleQueue()
        self.mix, self.ledger, self.rate, self.until = mix, ledger, rate, until
        self.clients = [
            threading.Thread(target=self.client_loop, args=(port, n), daemon=True)
            for n in range(CLIENT_THREADS)
        ]
        self.dispatcher = threading.Thread(target=self.dispatch, daemon=True)

    def start(self):
        for thread in [*self.clients, self.dispatcher]:
            thread.start()

    def dispatch(self):
        rng = random.Random(0)
        started = time.monotonic()
        for number in itertools.count():
            due = started + number / self.rate
            if due >= self.until:
                break
            time.sleep(max(0.0, due - time.monotonic()))
            self.queue.put((due, self.mix.pick(rng)))
        for _ in self.clients:
            self.queue.put(None)

    def client_loop(self, port, seed):
        rng, client = random.Random(1000 + seed), Client(port)
        while (job := self.queue.get()) is not None:
            due, kind = job
            execute(client, self.mix, self.ledger, kind, due, rng)
        client.close()

    def join(self):
        """Until every request sent has its answer (each has a timeout)."""
        self.dispatcher.join()
        for thread in self.clients:
            thread.join()


@dataclass(slots=True)
class Probe:
    at: float
    status: int | None
    heartbeat: float | None


class HealthProber:
    """A load balancer's view: GET /healthz on a new connection every HEALTH_PROBE_SECONDS."""

    def __init__(self, port):
        self.port = port
        self.probes = []
        self.running = True
        self.thread = threading.Thread(target=self.loop, daemon=True)
        self.thread.start()

    def loop(self):
        while self.running:
            at = time.monotonic()
            status, heartbeat = None, None
            client = Client(self.port)
            with contextlib.suppress(OSError, http.client.HTTPException, ValueError, KeyError):
                status, body, _ = client.send("GET", "/healthz", None, {})
                beat = json.loads(body)["checks"]["worker"].get("last_heartbeat")
                heartbeat = datetime.fromisoformat(beat).timestamp() if beat else None
            client.close()
            self.probes.append(Probe(at, status, heartbeat))
            time.sleep(max(0.0, at + HEALTH_PROBE_SECONDS - time.monotonic()))

    def stop(self):
        self.running = False
        self.thread.join()


# ---- faults -----------------------------------------------------------------------------------


@dataclass
class Fault:
    name: str
    at: float
    wall: float
    notes: list = field(default_factory=list)


def restart_postgres(postgres, fault, phase_end):
    postgres.restart()
    fault.notes.append(f"pg_ctl restart -m fast took {time.monotonic() - fault.at:.1f} s")


def kill_redis(server, fault, phase_end):
    server.kill()
    time.sleep(max(0.0, fault.at + REDIS_DOWN_SECONDS - time.monotonic()))
    server.start()
    fault.notes.append(f"Redis answering again at +{time.monotonic() - fault.at:.1f} s")


def kill_granian_worker(granian, fault, phase_end):
    workers = granian_workers(granian.process.pid)
    if not workers:
        fault.notes.append("granian had no worker to kill")
        return
    victim = min(workers)
    os.kill(victim, signal.SIGKILL)
    while time.monotonic() < phase_end:
        now = granian_workers(granian.process.pid)
        if len(now) == len(workers) and victim not in now:
            fault.notes.append(
                f"SIGKILL to worker {victim}; {len(now)} workers again after "
                f"{time.monotonic() - fault.at:.1f} s"
            )
            return
        time.sleep(0.05)
    fault.notes.append(f"SIGKILL to worker {victim}; not replaced within the phase")


def kill_worker_process(worker, fault, phase_end):
    victim = worker.process.pid
    os.kill(victim, signal.SIGKILL)
    while time.monotonic() < phase_end and worker.process.pid == victim:
        time.sleep(0.05)
    if worker.process.pid == victim:
        fault.notes.append(f"SIGKILL to pid {victim}; not started again within the phase")
    else:
        fault.notes.append(
            f"SIGKILL to pid {victim}; started again by the supervisor after "
            f"{worker.starts[-1] - fault.at:.1f} s (RestartSec={RESTART_SECONDS:g})"
        )


def first_run(events, ok, length):
    """Index of the first event that starts `length` consecutive successes, or None."""
    streak = 0
    for index, event in enumerate(events):
        streak = streak + 1 if ok(event) else 0
        if streak == length:
            return index - length + 1
    return None


def recovery(fault, until, probes, pages):
    """Seconds from the fault to the first run of successes of /healthz and of pages, and the
    time of the last failure before the next fault."""
    window_probes = [p for p in probes if fault.at <= p.at < until]
    window_pages = [r for r in pages if fault.at <= r.done < until]

    def measure(events, at, ok, length):
        start = first_run(events, ok, length)
        failures = [at(e) for e in events if not ok(e)]
        return {
            "back": None if start is None else at(events[start]) - fault.at,
            "failures": len(failures),
            "last_failure": max(failures) - fault.at if failures else None,
        }

    healthz = measure(window_probes, lambda p: p.at, lambda p: p.status == 200, HEALTHZ_RUN)
    page = measure(window_pages, lambda r: r.done, lambda r: r.status and r.status < 400, PAGES_RUN)
    beats = [p.at for p in window_probes if p.heartbeat and p.heartbeat > fault.wall]
    return {"healthz": healthz, "pages": page, "heartbeat": beats[0] - fault.at if beats else None}


# ---- the report -------------------------------------------------------------------------------


def percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def answer_columns(results):
    """requests | 2xx/3xx | 4xx | 5xx | no answer | p50 ms | p99 ms, as table cells."""
    statuses = [r.status for r in results]
    latencies = [(r.done - r.due) * 1000 for r in results if r.status is not None]
    p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
    return (
        f"{len(results):,} | {sum(1 for s in statuses if s and s < 400):,} | "
        f"{sum(1 for s in statuses if s and 400 <= s < 500):,} | "
        f"{sum(1 for s in statuses if s and s >= 500):,} | {statuses.count(None):,} | "
        f"{'-' if p50 is None else f'{p50:.0f}'} | {'-' if p99 is None else f'{p99:.0f}'}"
    )


def phase_row(name, start, end, results, probes):
    here = [r for r in results if start <= r.done < end]
    probes_here = [p for p in probes if start <= p.at < end]
    failed = sum(1 for p in probes_here if p.status != 200)
    return (
        f"| {name} | {end - start:.0f} | {len(here) / (end - start):,.0f} | "
        f"{answer_columns(here)} | {f'{failed}/{len(probes_here)}' if probes_here else '-'} |"
    )


def phase_table(capacity_window, phases, results, probes):
    lines = [
        "| phase | s | req/s | requests | 2xx/3xx | 4xx | 5xx | no answer | p50 ms | p99 ms "
        "| /healthz not 200 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        phase_row("capacity (closed loop, with warm-up)", *capacity_window, results, probes),
    ]
    lines += [phase_row(name, start, end, results, probes) for name, start, end in phases]
    return lines


def kind_table(results, start, end):
    """The soak's requests by kind (the capacity burst left out)."""
    lines = [
        "| kind | requests | 2xx/3xx | 4xx | 5xx | no answer | p50 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind in MIX:
        here = [r for r in results if r.kind == kind and start <= r.done < end]
        lines.append(f"| {kind} | {answer_columns(here)} |")
    return lines


def seconds_or(value, absent):
    return absent if value is None else f"{value:.1f} s"


def recovery_table(faults, phases_end, probes, results):
    pages = sorted((r for r in results if r.kind in PAGE_KINDS), key=lambda r: r.done)
    lines = [
        f"| fault | /healthz {HEALTHZ_RUN} in a row after | failed probes (last at) | "
        f"pages {PAGES_RUN} in a row after | failed pages (last at) | worker heartbeat after "
        "| notes |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for index, fault in enumerate(faults):
        until = faults[index + 1].at if index + 1 < len(faults) else phases_end
        found = recovery(fault, until, probes, pages)
        health, page = found["healthz"], found["pages"]
        lines.append(
            f"| {fault.name} | {seconds_or(health['back'], 'never')} | {health['failures']} "
            f"({seconds_or(health['last_failure'], '-')}) | {seconds_or(page['back'], 'never')} "
            f"| {page['failures']} ({seconds_or(page['last_failure'], '-')}) | "
            f"{seconds_or(found['heartbeat'], 'none')} | {'; '.join(fault.notes)} |"
        )
    return lines


def correctness(ledger, facts, checked, soak_end_wall):
    """Lines on what was acknowledged and kept, and whether anything acknowledged was lost."""
    beacons = [r for r in ledger.results if r.kind == "beacon"]
    pushes = sum(1 for r in ledger.results if r.kind == "push")
    acknowledged = sum(1 for r in beacons if r.status == 204)
    not_counted = sum(1 for r in beacons if r.status == 503)
    unknown = sum(1 for r in beacons if r.status is None or (r.status >= 500 and r.status != 503))
    counted = checked["views_counted"] - facts["views_before"]
    missing = checked["push_items_missing"]
    scheduled = checked["scheduled"]
    late = [
        story["published_at"] - story["go_live_at"]
        for story in scheduled
        if story["published_at"] and story["published_at"] <= soak_end_wall
    ]
    not_live = [story["id"] for story in scheduled if not story["live"]]
    # A beacon with no answer, or a 500, may have been counted before it failed; one answered 204
    # must have been, and one answered 503 must not.
    views_add_up = acknowledged <= counted <= acknowledged + unknown
    if counted < acknowledged:
        views_verdict = f"{acknowledged - counted:,} acknowledged views LOST"
    elif counted == acknowledged:
        views_verdict = "as many as acknowledged"
    elif views_add_up:
        views_verdict = f"{counted - acknowledged:,} more, of the beacons with no clear answer"
    else:
        views_verdict = (
            f"{counted - acknowledged:,} more: MORE than the beacons with no clear answer"
        )
    lines = [
        f"- wire pushes: {pushes:,} sent, {len(ledger.push_items):,} items acknowledged (202), "
        f"{checked['push_items_stored']:,} of them stored"
        + (f"; MISSING item ids: {', '.join(str(i) for i, _ in missing)}" if missing else ""),
        f"- views: {len(beacons):,} beacons, {acknowledged:,} answered 204 (counted), "
        f"{not_counted:,} answered 503 (not counted), {unknown:,} with no answer or another 5xx; "
        f"{counted:,} views counted in the database after the final flush "
        f"({checked['views_pending']} still pending): {views_verdict}",
        f"- scheduled stories: {len(scheduled)} due during the run, {len(late)} made live by the "
        "running worker"
        + (
            f" (go-live to live: median {statistics.median(late):.1f} s, max {max(late):.1f} s)"
            if late
            else ""
        )
        + (
            f"; NOT live after the final tick: {', '.join(map(str, not_live))}"
            if not_live
            else "; all live after the final tick"
        ),
    ]
    return lines, bool(missing or not views_add_up or not_live)


# ---- the run ----------------------------------------------------------------------------------


def soak_env(postgres, redis_server):
    env = bench_env()
    env.update(
        DATABASE_URL=postgres.url,
        REDIS_URL=redis_server.url,
        DATELINE_VAR_DIR=str(SOAK / "app"),
        # As behind the shipped nginx, which sets X-Forwarded-For (docs/deploy.md, Proxies).
        DATELINE_TRUSTED_PROXIES="1",
        PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        GRANIAN_HOST="127.0.0.1",
    )
    # Production's own defaults: media is nginx's, the Procfile chooses the worker count.
    for name in ("DATELINE_SERVE_MEDIA", "WEB_CONCURRENCY", "DATELINE_PAGE_CACHE_SECONDS"):
        env.pop(name, None)
    return env


def content_helper(env, *args, stdin=None):
    result = subprocess.run(
        [sys.executable, "bench/soak_content.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"bench/soak_content.py {args[0]} failed")
    return json.loads(result.stdout.strip().splitlines()[-1])


def clear_leftovers():
    """A run stopped by SIGKILL leaves its cluster behind; nothing else of it outlives it."""
    Postgres(0).destroy()
    shutil.rmtree(SOAK, ignore_errors=True)


def setup(postgres, redis_server, stories, cleanup):
    log(f"PostgreSQL of its own on 127.0.0.1:{postgres.port} ({postgres.data})")
    cleanup.callback(postgres.destroy)
    postgres.create()
    log(f"redis-server of its own on 127.0.0.1:{redis_server.port}")
    cleanup.callback(redis_server.stop)
    redis_server.start()
    env = soak_env(postgres, redis_server)
    postgres.bulk_loading(True)
    log("Migrating")
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    log(f"Loading {stories:,} demo stories")
    started = time.monotonic()
    manage(env, "load_demo", "--stories", str(stories), "--quiet")
    log(f"Loaded in {time.monotonic() - started:,.0f} s")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    postgres.bulk_loading(False)
    analyze_database(postgres.url)
    return env


def start_site(env, cleanup):
    commands = procfile()
    port = free_port()
    log(f"granian (deploy/Procfile web) on 127.0.0.1:{port}; manage.py worker (Procfile worker)")
    worker = Supervised("worker", commands["worker"], env)
    cleanup.callback(worker.stop)
    granian = Supervised("web", commands["web"], {**env, "PORT": str(port)})
    cleanup.callback(granian.stop)
    wait_until(lambda: answers(port, "/healthz") == 200, 120, "granian did not answer /healthz")
    wait_until(lambda: len(granian_workers(granian.process.pid)) == 2, 60, "no 2 granian workers")
    return port, granian, worker


def run_phases(port, mix, ledger, rate, phase_seconds, postgres, redis_server, granian, worker):
    start = time.monotonic()
    end = start + PHASES * phase_seconds
    load = OpenLoop(port, mix, ledger, rate, end)
    prober = HealthProber(port)
    load.start()
    names = ["baseline"]
    for fault_name in FAULTS:
        names += [fault_name, f"after {fault_name}"]
    phases = [
        (name, start + n * phase_seconds, start + (n + 1) * phase_seconds)
        for n, name in enumerate(names)
    ]
    injections = {
        "PostgreSQL restart": lambda fault, end: restart_postgres(postgres, fault, end),
        "Redis kill": lambda fault, end: kill_redis(redis_server, fault, end),
        "granian worker kill": lambda fault, end: kill_granian_worker(granian, fault, end),
        "worker process kill": lambda fault, end: kill_worker_process(worker, fault, end),
    }
    faults = []
    for name, phase_start, phase_end in phases:
        time.sleep(max(0.0, phase_start - time.monotonic()))
        log(f"  {time.monotonic() - start:6.1f} s  {name}")
        if name in injections:
            fault = Fault(name, time.monotonic(), time.time())
            injections[name](fault, phase_end)
            faults.append(fault)
    time.sleep(max(0.0, end - time.monotonic()))
    load.join()
    prober.stop()
    # Requests are counted in the phase their answer (or failure) came in; the last phase keeps
    # the answers that came after the schedule ended.
    name, last_start, _ = phases[-1]
    phases[-1] = (name, last_start, time.monotonic())
    return phases, faults, prober.probes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--minutes",
        type=float,
        default=float(os.environ.get("SOAK_MINUTES", "5")),
        help="length of the open-loop run (default: SOAK_MINUTES or 5)",
    )
    parser.add_argument(
        "--stories",
        type=int,
        default=int(os.environ.get("SOAK_STORIES", "200")),
        help="demo stories to load (default: SOAK_STORIES or 200)",
    )
    arguments = parser.parse_args()
    phase_seconds = arguments.minutes * 60 / PHASES
    if phase_seconds < MIN_PHASE_SECONDS:
        parser.error(f"--minutes must be at least {PHASES * MIN_PHASE_SECONDS / 60:g}")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    OUT.mkdir(parents=True, exist_ok=True)
    clear_leftovers()

    with contextlib.ExitStack() as cleanup:
        cleanup.callback(shutil.rmtree, SOAK, ignore_errors=True)
        postgres, redis_server = Postgres(free_port()), RedisServer(free_port())
        env = setup(postgres, redis_server, arguments.stories, cleanup)
        facts = content_helper(env, "prepare")
        port, granian, worker = start_site(env, cleanup)

        ledger = Ledger()
        mix = Mix(facts)
        log(f"Capacity: {CAPACITY_CLIENTS} clients, closed loop, {CAPACITY_SECONDS:g} s")
        warm_up_start = time.monotonic()
        closed_loop(port, mix, ledger, CAPACITY_WARM_UP)
        capacity_start = time.monotonic()
        closed_loop(port, mix, ledger, CAPACITY_SECONDS)
        capacity_window = (warm_up_start, time.monotonic())
        capacity_end = capacity_start + CAPACITY_SECONDS
        answered = [
            r
            for r in ledger.results
            if capacity_start <= r.done < capacity_end and r.status and r.status < 500
        ]
        capacity = len(answered) / CAPACITY_SECONDS
        rate = LOAD_FRACTION * capacity
        log(f"  {capacity:,.0f} req/s; the soak runs at {rate:,.0f} req/s")

        step = phase_seconds / 2
        scheduled = content_helper(env, "schedule", str(step), str(PHASES * 2 - 1))["scheduled"]
        log(
            f"Soak: {arguments.minutes:g} min, {PHASES} phases of {phase_seconds:.0f} s; "
            f"{len(scheduled)} stories scheduled to go live every {step:.0f} s"
        )
        busy = os.getloadavg()[0]
        phases, faults, probes = run_phases(
            port, mix, ledger, rate, phase_seconds, postgres, redis_server, granian, worker
        )
        soak_end_wall = time.time()

        log("Final tick: the worker stopped (SIGTERM), then `manage.py worker --once`")
        worker.stop()
        manage(env, "worker", "--once", "--verbosity", "0")
        checked = content_helper(
            env,
            "check",
            stdin=json.dumps(
                {
                    "push_items": ledger.push_items,
                    "scheduled_ids": [story["id"] for story in scheduled],
                }
            ),
        )
        for story, state in zip(scheduled, checked["scheduled"], strict=True):
            state["go_live_at"] = story["go_live_at"]

        problems = {name: len(log_problems(OUT / f"soak-{name}.log")) for name in ("web", "worker")}
        facts_lines, lost = correctness(ledger, facts, checked, soak_end_wall)
        report = [
            f"# Dateline soak, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {git_commit()}",
            "",
            f"{arguments.minutes:g} min at {rate:,.0f} req/s ({LOAD_FRACTION:.0%} of the "
            f"{capacity:,.0f} req/s measured), {arguments.stories:,} demo stories, "
            f"PostgreSQL, Redis, granian from deploy/Procfile "
            f"({tool_version([str(BIN / 'granian'), '--version'])}), `manage.py worker`, "
            f"on {os.cpu_count()} CPUs, load average {busy:.2f} before the soak. "
            f"Mix (weights): {', '.join(f'{kind} {weight}' for kind, weight in MIX.items())}.",
            "",
            f"Total requests: {len(ledger.results):,} (and {len(probes):,} /healthz probes); "
            f"{sum(r.resent for r in ledger.results):,} GETs sent again on a new connection "
            "after their kept one failed, as nginx does.",
            "",
            *phase_table(capacity_window, phases, ledger.results, probes),
            "",
            "By kind, over the soak:",
            "",
            *kind_table(ledger.results, phases[0][1], phases[-1][2]),
            "",
            "Recovery (seconds from the fault; failures counted until the next fault):",
            "",
            *recovery_table(faults, phases[-1][2], probes, ledger.results),
            "",
            *facts_lines,
            f"- exits seen by the supervisor: granian {granian.exits}, the worker process "
            f"{worker.exits} (the soak kills it once)",
            f"- suspicious log lines: {problems['web']} in bench/out/soak-web.log, "
            f"{problems['worker']} in bench/out/soak-worker.log",
            "",
            "RESULT: "
            + (
                "FAILED: acknowledged work was lost, or the counts do not add up"
                if lost
                else "nothing acknowledged was lost"
            ),
        ]
        (OUT / "soak.md").write_text("\n".join(report) + "\n")
        log("")
        log("\n".join(report))
    return 1 if lost else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        # Every process and cluster was already ended on the way out (the ExitStack in main).
        sys.exit("interrupted")
