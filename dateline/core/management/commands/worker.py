"""The background process: scheduled publishing, queued tasks and periodic jobs, on time, no cron.

Each tick publishes and expires what is due (Wagtail's go-live and expiry times), runs every queued
task (search indexing, reference index, edge purges, …) and then each job in DATELINE_PERIODIC_JOBS.
Between ticks it looks for a ready task every TASK_POLL_SECONDS and runs the queue at once, so a
task waits a fraction of a second, not a whole interval.

One worker may run on each app server, all sharing PostgreSQL: django-tasks-db claims each queued
task with SELECT … FOR UPDATE SKIP LOCKED, and scheduled publishing and each periodic job hold a
session advisory lock named after them while they run, so a worker that finds one taken skips it
for that tick. SQLite serves one machine, hence one worker: no lock is taken there.

The worker never exits on its own: a job that fails is logged and the others go on, and when the
database cannot be reached the tick stops there and the next one waits twice as long as the last,
up to MAX_BACKOFF_SECONDS, until the database answers again and the usual interval resumes. Until
a tick has reached the database again, the worker does not look for tasks between ticks either.
Between and within ticks it records a heartbeat that /healthz reports.
"""

import hashlib
import logging
import signal
import time
import uuid

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connections,
)
from django.utils.module_loading import import_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from dateline.core.health import record_heartbeat

logger = logging.getLogger(__name__)

# What a database that is down, restarting or out of reach raises.
DATABASE_UNREACHABLE_ERRORS = (OperationalError, InterfaceError)
MAX_BACKOFF_SECONDS = 60.0
# Well inside DATELINE_WORKER_HEARTBEAT_MAX_AGE, so a waiting worker never looks dead.
HEARTBEAT_SECONDS = 10.0
# How often a waiting worker looks for a ready task: the edge purge after a publish is a task, and
# a reader should see the story at the edge within a second.
TASK_POLL_SECONDS = 0.2
TASK_BACKEND = "default"


class Command(BaseCommand):
    help = "Run scheduled publishing, queued tasks and periodic jobs until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=10.0, help="Seconds between ticks.")
        parser.add_argument("--once", action="store_true", help="Run one tick and exit.")

    def handle(self, *args, interval, once, **options):
        self.running = True
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        worker_id = f"dateline-{uuid.uuid4().hex[:8]}"
        self.stdout.write(f"Worker {worker_id} running every {interval:g}s. Stop with Ctrl-C.")
        failed_ticks = 0
        while self.running:
            started = time.monotonic()
            if self.tick(worker_id):
                if failed_ticks:
                    logger.warning("Database reachable again after %d failed ticks", failed_ticks)
                failed_ticks = 0
                delay = interval
            else:
                failed_ticks += 1
                # The exponent is capped so that a long outage cannot overflow the float.
                backoff = interval * 2 ** min(failed_ticks, 16)
                delay = min(backoff, max(interval, MAX_BACKOFF_SECONDS))
                logger.error("Database unreachable; next tick in %gs", delay)
            record_heartbeat()
            if once:
                if failed_ticks:
                    raise CommandError("The database could not be reached")
                break
            # While the database is out of reach the backoff alone decides when to try it again.
            self.wait(started + delay, worker_id, pick_up_tasks=not failed_ticks)

    def wait(self, until, worker_id, pick_up_tasks):
        """Sleep until `until`; with pick_up_tasks, run queued tasks as soon as one is ready."""
        last_beat = time.monotonic()
        while self.running and time.monotonic() < until:
            time.sleep(TASK_POLL_SECONDS)
            if pick_up_tasks:
                pick_up_tasks = run_ready_tasks(worker_id)
            if time.monotonic() - last_beat >= HEARTBEAT_SECONDS:
                record_heartbeat()
                last_beat = time.monotonic()

    def stop(self, signum, frame):
        self.running = False

    def tick(self, worker_id):
        """Run every step once; False when the database could not be reached."""
        # (name, step, whether only one worker at a time may run it). Queued tasks need no lock of
        # ours: django-tasks-db claims each one with SELECT … FOR UPDATE SKIP LOCKED.
        steps = [
            ("scheduled publishing", lambda: call_command("publish_scheduled", verbosity=0), True),
            ("queued tasks", lambda: run_queued_tasks(worker_id), False),
            *(
                (path, lambda path=path: import_string(path)(), True)
                for path in settings.DATELINE_PERIODIC_JOBS
            ),
        ]
        try:
            close_old_connections()
            for name, step, alone in steps:
                record_heartbeat()
                try:
                    if alone:
                        run_alone(name, step)
                    else:
                        step()
                except DATABASE_UNREACHABLE_ERRORS:
                    raise
                except Exception:
                    logger.exception("%s failed; the other steps go on", name)
            close_old_connections()
        except DATABASE_UNREACHABLE_ERRORS:
            logger.exception("Database unreachable; the rest of this tick is skipped")
            # A broken connection is not reused: the next tick connects afresh.
            connections.close_all()
            return False
        return True


def lock_key(name):
    """The key of a step's advisory lock: a signed 64-bit number, the same in every worker."""
    digest = hashlib.blake2b(f"dateline.worker:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def run_alone(name, step):
    """Run `step` unless another worker sharing this PostgreSQL database is running it now.

    The lock belongs to the database session, so a worker that dies or loses its connection
    mid-step drops it with the session, and the next worker to tick takes the step over. Should
    the worker's machine vanish (power, network), the session's keepalive probes let PostgreSQL
    notice within about a minute instead of the operating system's default of two hours.
    """
    connection = connections["default"]
    if connection.vendor != "postgresql":
        step()
        return
    key = lock_key(name)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_try_advisory_lock(%s),"
            " set_config('tcp_keepalives_idle', '30', false),"
            " set_config('tcp_keepalives_interval', '10', false),"
            " set_config('tcp_keepalives_count', '3', false)",
            [key],
        )
        locked = cursor.fetchone()[0]
    if not locked:
        logger.info("%s is running on another worker; skipped this tick", name)
        return
    try:
        step()
    finally:
        release_lock(connection, key, name)


def release_lock(connection, key, name):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
            (released,) = cursor.fetchone()
    except DatabaseError:
        # The session cannot say; ending it releases every lock it holds. A step's own error, if
        # any, is what propagates.
        logger.warning("Could not release the lock of %s; closing the connection", name)
        try:
            connection.close()
        except DatabaseError:
            logger.warning("Closing the database connection failed", exc_info=True)
        return
    if not released:
        # The connection was replaced while the step ran, so another worker may have run it too.
        logger.warning("%s lost its lock while it ran", name)


def run_ready_tasks(worker_id):
    """Run the queued tasks if one is ready; False when that failed, and the next tick retries.

    The look reads django-tasks-db's partial index of ready rows only, so it stays cheap however
    many finished tasks the table keeps.
    """
    try:
        if DBTaskResult.objects.ready().filter(backend_name=TASK_BACKEND).exists():
            run_queued_tasks(worker_id)
    except DATABASE_UNREACHABLE_ERRORS:
        logger.exception("Database unreachable between ticks; queued tasks wait for the next tick")
        connections.close_all()
        return False
    except Exception:
        logger.exception("Running queued tasks between ticks failed; they wait for the next tick")
        return False
    return True


def run_queued_tasks(worker_id):
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=TASK_BACKEND,
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    ).run()
