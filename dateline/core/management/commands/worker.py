"""The one background process: scheduled publishing, queued tasks and periodic jobs, on time, no cron.

Each tick publishes and expires what is due (Wagtail's go-live and expiry times), runs every queued
task (search indexing, reference index, …) and then each job in DATELINE_PERIODIC_JOBS.
"""

import logging
import signal
import time
import uuid

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.module_loading import import_string
from django_tasks_db.management.commands.db_worker import Worker

logger = logging.getLogger(__name__)


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
        while self.running:
            started = time.monotonic()
            self.tick(worker_id)
            if once:
                break
            while self.running and time.monotonic() - started < interval:
                time.sleep(0.2)

    def stop(self, signum, frame):
        self.running = False

    def tick(self, worker_id):
        close_old_connections()
        try:
            call_command("publish_scheduled", verbosity=0)
        except Exception:
            logger.exception("Scheduled publishing failed; trying again next tick")
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
        for path in settings.DATELINE_PERIODIC_JOBS:
            try:
                import_string(path)()
            except Exception:
                logger.exception("Periodic job %s failed; the others go on", path)
        close_old_connections()
