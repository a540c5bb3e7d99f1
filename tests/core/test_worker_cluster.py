"""One worker per app server, all sharing PostgreSQL: each periodic job and scheduled publishing run
on one worker at a time, each queued task runs once, and a task queued between two ticks runs at
once rather than at the next tick.

The workers are real `manage.py worker` processes on the test database, with the periodic job and
the task of tests/core/worker_jobs.py (settings: tests/core/worker_settings.py).
"""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageLogEntry

import dateline.settings.base
from dateline.core.management.commands.worker import lock_key, run_alone
from dateline.newsroom.factories import StoryFactory
from tests.core.worker_jobs import report_worker

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: workers share it; SQLite serves one machine and one worker",
)
# The workers are other processes: they see only committed rows.
between_processes = pytest.mark.django_db(transaction=True, serialized_rollback=True)

JOB = "tests.core.worker_jobs.record_run"


def start_worker(var_dir, interval, name):
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.core.worker_settings",
        "DATABASE_URL": (
            f"postgres://{quote(database['USER'])}:{quote(database['PASSWORD'] or '')}"
            f"@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "DATELINE_VAR_DIR": str(var_dir),
        # The "skipped this tick" lines are logged at INFO.
        "DATELINE_LOG_LEVEL": "INFO",
    }
    # The heartbeat goes to a file in var_dir, not into the Redis the test suite shares.
    env.pop("REDIS_URL", None)
    with (var_dir / f"{name}.log").open("w") as log:
        return subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--interval", str(interval)],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )


def stop(workers):
    for worker in workers:
        worker.send_signal(signal.SIGTERM)
    for worker in workers:
        worker.wait()


def logs(var_dir):
    return "".join(path.read_text() for path in sorted(var_dir.glob("*.log")))


def wait_until(condition, workers, var_dir):
    """Poll until `condition()` holds; a worker that exits first fails the test."""
    while not condition():
        if any(worker.poll() is not None for worker in workers):
            pytest.fail(f"a worker exited:\n{logs(var_dir)}")
        time.sleep(0.05)


def job_runs(var_dir):
    """The process id of the worker behind each run of the job, in order."""
    path = var_dir / "runs"
    return [int(line) for line in path.read_text().split()] if path.exists() else []


def job_attempts(var_dir, worker, name):
    """How many times a worker took its turn at the job: ran it, or found another worker on it."""
    skipped = (var_dir / f"{name}.log").read_text().count(f"{JOB} is running on another worker")
    return job_runs(var_dir).count(worker.pid) + skipped


def enqueue_in_the_database(task):
    # The test settings run tasks at once, in this process; the workers read the database queue.
    with override_settings(TASKS=dateline.settings.base.TASKS):
        return task.enqueue()


@between_processes
def test_two_workers_run_each_job_and_each_scheduled_publish_once(home, tmp_path):
    names = ["worker-1", "worker-2"]
    workers = [start_worker(tmp_path, 0.5, name) for name in names]
    try:
        story = StoryFactory(publish=False)
        story.go_live_at = timezone.now() + timedelta(minutes=5)
        scheduled = story.save_revision()
        scheduled.publish()
        # Due now: whichever worker ticks first publishes it.
        scheduled.refresh_from_db()
        scheduled.approved_go_live_at = timezone.now()
        scheduled.content["go_live_at"] = scheduled.approved_go_live_at.isoformat()
        scheduled.save(update_fields=["approved_go_live_at", "content"])
        queued = [enqueue_in_the_database(report_worker).id for _ in range(20)]

        def done():
            story.refresh_from_db()
            return (
                story.live
                and DBTaskResult.objects.finished().filter(id__in=queued).count() == len(queued)
                and all(
                    job_attempts(tmp_path, worker, name) >= 4
                    for worker, name in zip(workers, names, strict=True)
                )
            )

        wait_until(done, workers, tmp_path)
    finally:
        stop(workers)

    assert not (tmp_path / "overlaps").exists(), logs(tmp_path)
    assert PageLogEntry.objects.filter(page=story, action="wagtail.publish.scheduled").count() == 1
    ran = DBTaskResult.objects.filter(id__in=queued)
    assert {row.status for row in ran} == {"SUCCESSFUL"}
    # SELECT … FOR UPDATE SKIP LOCKED: a task is claimed by one worker, and run there only.
    assert all(len(row.worker_ids) == 1 for row in ran)
    assert {row.return_value for row in ran} <= {worker.pid for worker in workers}


@between_processes
def test_a_task_queued_between_ticks_runs_before_the_next_tick(tmp_path):
    worker = start_worker(tmp_path, 30, "worker")
    try:
        # The job is a tick's last step: once it has started, that tick has run the queue.
        wait_until(lambda: job_runs(tmp_path), [worker], tmp_path)
        result = enqueue_in_the_database(report_worker)
        wait_until(
            lambda: DBTaskResult.objects.finished().filter(id=result.id).exists(),
            [worker],
            tmp_path,
        )
    finally:
        # A stopped worker still finishes a tick it has begun: had the task waited for the second
        # tick, that tick's job would have run as well.
        stop([worker])

    assert job_runs(tmp_path) == [worker.pid], logs(tmp_path)
    ran = DBTaskResult.objects.get(id=result.id)
    assert (ran.status, ran.return_value) == ("SUCCESSFUL", worker.pid)


@pytest.fixture
def other_worker_session():
    """A second database session, as another worker on another app server holds."""
    session = connection.get_new_connection(connection.get_connection_params())
    session.autocommit = True
    yield session
    session.close()


def try_lock(session, key):
    with session.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_a_step_another_worker_is_running_is_skipped_until_it_is_done(other_worker_session):
    ran = []
    assert try_lock(other_worker_session, lock_key(JOB))
    run_alone(JOB, lambda: ran.append("first"))
    with other_worker_session.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [lock_key(JOB)])
    run_alone(JOB, lambda: ran.append("second"))
    assert ran == ["second"]


@pytest.mark.django_db
def test_a_step_that_fails_leaves_it_to_the_next_worker(other_worker_session):
    taken_while_running = []

    def failing_step():
        taken_while_running.append(try_lock(other_worker_session, lock_key(JOB)))
        raise RuntimeError("the job failed")

    with pytest.raises(RuntimeError):
        run_alone(JOB, failing_step)
    assert taken_while_running == [False]
    assert try_lock(other_worker_session, lock_key(JOB))


@pytest.mark.skipif(
    not connection.settings_dict["HOST"] or connection.settings_dict["HOST"].startswith("/"),
    reason="keepalive probes are a TCP matter; a Unix socket has none",
)
@pytest.mark.django_db
def test_a_worker_whose_machine_vanishes_mid_step_lets_go_within_a_minute():
    run_alone(JOB, lambda: None)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('tcp_keepalives_idle'),"
            " current_setting('tcp_keepalives_interval'),"
            " current_setting('tcp_keepalives_count')"
        )
        # Idle for 30 s, then three unanswered probes 10 s apart: about a minute.
        assert cursor.fetchone() == ("30", "10", "3")
