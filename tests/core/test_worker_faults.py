"""The worker process rides out a database outage: it retries, and publishes once the database is back.

The database goes away for real: the worker reaches PostgreSQL through a TCP relay that the test
can cut (every connection dropped, new ones closed at once, as during a restart) and restore.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from wagtail.models import Revision

from dateline.newsroom.factories import StoryFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: the worker runs as its own process against the test database",
    ),
    # The worker is another process: it sees only committed rows.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class CuttableRelay:
    """Relays TCP connections to a server until cut; while cut, every connection is dropped."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.lock = threading.Lock()
        self.open_sockets = []
        self.cut = True
        threading.Thread(target=self.accept_forever, daemon=True).start()

    def accept_forever(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self.lock:
                if self.cut:
                    client.close()
                    continue
                server = socket.create_connection(self.target)
                self.open_sockets += [client, server]
            threading.Thread(target=self.pipe, args=(client, server), daemon=True).start()
            threading.Thread(target=self.pipe, args=(server, client), daemon=True).start()

    @staticmethod
    def pipe(source, destination):
        try:
            while data := source.recv(65536):
                destination.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, destination):
                end.close()

    def restore(self):
        with self.lock:
            self.cut = False

    def close(self):
        with self.lock:
            self.cut = True
            for end in self.open_sockets:
                end.close()
        self.listener.close()


@pytest.fixture
def database_relay():
    relay = CuttableRelay(
        connection.settings_dict["HOST"] or "127.0.0.1",
        int(connection.settings_dict["PORT"] or 5432),
    )
    yield relay
    relay.close()


@pytest.fixture
def overdue_scheduled_story(home):
    story = StoryFactory(publish=False)
    story.go_live_at = timezone.now() + timedelta(minutes=5)
    story.save_revision().publish()
    # Due a minute ago: the first tick that reaches the database publishes it.
    due = timezone.now() - timedelta(minutes=1)
    scheduled = Revision.objects.get(object_id=str(story.pk), approved_go_live_at__isnull=False)
    scheduled.approved_go_live_at = due
    scheduled.content["go_live_at"] = due.isoformat()
    scheduled.save(update_fields=["approved_go_live_at", "content"])
    return story


def read_until(stream, text, seen):
    """Read the worker's log up to a line containing `text`; the end of the log fails the test."""
    for line in stream:
        seen.append(line)
        if text in line:
            return
    pytest.fail(f"the worker exited before logging {text!r}:\n{''.join(seen)}")


def test_worker_survives_an_unreachable_database_and_publishes_when_it_returns(
    database_relay, overdue_scheduled_story, tmp_path
):
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dateline.settings.test",
        "DATABASE_URL": (
            f"postgres://{quote(database['USER'])}:{quote(database['PASSWORD'] or '')}"
            f"@127.0.0.1:{database_relay.port}/{database['NAME']}"
        ),
        "DATELINE_VAR_DIR": str(tmp_path),
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--interval", "0.1"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    log = []
    try:
        # Two failed ticks in a row: the worker retried instead of exiting.
        read_until(worker.stderr, "Database unreachable; next tick in", log)
        read_until(worker.stderr, "Database unreachable; next tick in", log)
        overdue_scheduled_story.refresh_from_db()
        assert not overdue_scheduled_story.live

        database_relay.restore()
        read_until(worker.stderr, "Database reachable again", log)
        overdue_scheduled_story.refresh_from_db()
        assert overdue_scheduled_story.live, "".join(log)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.communicate()
    assert worker.returncode == 0
