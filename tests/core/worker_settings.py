"""Settings for the worker processes that tests/core/test_worker_cluster.py starts: the test
settings, with tasks queued in the database as in production and one periodic job to watch."""

import dateline.settings.base
from dateline.settings.test import *  # noqa: F403

TASKS = dateline.settings.base.TASKS
DATELINE_PERIODIC_JOBS = ["tests.core.worker_jobs.record_run"]
