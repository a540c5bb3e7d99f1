"""The one background process: scheduled publishing, queued tasks and periodic jobs, on time, no cron.

Each tick publishes and expires what is due (Wagtail's go-live and expiry times), runs every queued
task (search indexing, reference index, …) and then each job in DATELINE_PERIODIC_JOBS.

The worker never exits on its own: a job that fails is logged and the others go on, and when the
database cannot be reached the tick stops there and the next one waits twice as long as the last,
up to MAX_BACKOFF_SECONDS, until the database answers again and the usual interval resumes.
Between and within ticks it records a heartbeat that /healthz reports.
"""

import logging
import signal
import time
import uuid

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django.utils.module_loading import import_string
from django_tasks_db.management.commands.db_worker import Worker

from dateline.core.health import record_heartbeat

logger = logging.getLogger(__name__)

# What a database that is down, restarting or out of reach raises.
DATABASE_UNREACHABLE_ERRORS = (OperationalError, InterfaceError)
MAX_BACKOFF_SECONDS = 60.0
# Well inside DATELINE_WORKER_HEARTBEAT_MAX_AGE, so a waiting worker never looks dead.
HEARTBEAT_SECONDS = 10.0


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
            self.wait(started + delay)

    def wait(self, until):
        last_beat = time.monotonic()
        while self.running and time.monotonic() < until:
            time.sleep(0.2)
            if time.monotonic() - last_beat >= HEARTBEAT_SECONDS:
                record_heartbeat()
                last_beat = time.monotonic()

    def stop(self, signum, frame):
        self.running = False

    def tick(self, worker_id):
        """Run every step once; False when the database could not be reached."""
        steps = [
            ("scheduled publishing", lambda: call_command("publish_scheduled", verbosity=0)),
            ("queued tasks", lambda: run_queued_tasks(worker_id)),
            *(
                (path, lambda path=path: import_string(path)())
                for path in settings.DATELINE_PERIODIC_JOBS
            ),
        ]
        try:
            close_old_connections()
            for name, step in steps:
                record_heartbeat()
                try:
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


def run_queued_tasks(worker_id):
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    ).run()
