"""What the worker processes of tests/core/test_worker_cluster.py run, writing into the var
directory each test gives them: a periodic job that notes every run, and every run that began
while another was still going, and a task."""

import os
import time
from pathlib import Path

from django.conf import settings
from django_tasks import task

# Most of a 0.5 s tick: two workers that both ran the job on every tick could not avoid overlapping.
RUN_SECONDS = 0.4


def record_run():
    var = Path(settings.VAR_DIR)
    with (var / "runs").open("a") as runs:
        runs.write(f"{os.getpid()}\n")
    running = var / "running"
    try:
        running.touch(exist_ok=False)
    except FileExistsError:
        with (var / "overlaps").open("a") as overlaps:
            overlaps.write(f"{os.getpid()}\n")
        return
    try:
        time.sleep(RUN_SECONDS)
    finally:
        running.unlink()


@task()
def report_worker():
    """Tells which process ran it."""
    return os.getpid()
