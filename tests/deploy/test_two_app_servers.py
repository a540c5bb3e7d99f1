"""Two app servers behind the edge, sharing PostgreSQL and Redis: a story published through one
process reaches readers of every server and of the edge, and only its pages are dropped.

Each app server is a real granian process on the test database; the story is published from this
test process, as from a third server (the admin of any of them).
"""

import http.client
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from dateline.fronts.setup import ensure_site
from dateline.newsroom.factories import StoryFactory

from .conftest import edge, free_port

UNAVAILABLE = edge.edge_unavailable()
GRANIAN = Path(sys.executable).parent / "granian"
HOST = "127.0.0.1"
# Guards against a hang only; the announcement reaches a server on its next request after a
# quarter of a second.
HANG_GUARD_SECONDS = 60

pytestmark = [
    pytest.mark.skipif(UNAVAILABLE is not None, reason=str(UNAVAILABLE)),
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not settings.REDIS_URL,
        reason="app servers share PostgreSQL and Redis (the suite's PostgreSQL run)",
    ),
    # The servers are other processes: they see only committed rows.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def database_url():
    database = connection.settings_dict
    return (
        f"postgres://{quote(database['USER'])}:{quote(database['PASSWORD'] or '')}"
        f"@{database['HOST'] or HOST}:{database['PORT'] or 5432}/{database['NAME']}"
    )


def start_app_server(port, log_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dateline.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
    }
    with log_path.open("w") as log:
        return subprocess.Popen(
            [
                str(GRANIAN),
                "--interface",
                "wsgi",
                "--host",
                HOST,
                "--port",
                str(port),
                "--workers",
                "1",
                "dateline.wsgi:application",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def get(port, path):
    connection_ = http.client.HTTPConnection(HOST, port)
    try:
        connection_.request("GET", path)
        response = connection_.getresponse()
        return response.headers, response.read().decode()
    finally:
        connection_.close()


def wait_until_answering(port, process, log_path):
    while True:
        if process.poll() is not None:
            pytest.fail(f"the app server exited:\n{log_path.read_text()}")
        try:
            get(port, "/robots.txt")
            return
        except OSError:
            time.sleep(0.1)


@pytest.fixture
def servers(tmp_path, settings):
    settings.ALLOWED_HOSTS = [HOST]
    ensure_site()
    ports = [free_port(), free_port()]
    processes = [start_app_server(port, tmp_path / f"app-{port}.log") for port in ports]
    try:
        for port, process in zip(ports, processes, strict=True):
            wait_until_answering(port, process, tmp_path / f"app-{port}.log")
        edge_port = free_port()
        edge_process = edge.start_edge(
            tmp_path / "edge",
            port=edge_port,
            app_addresses=[f"{HOST}:{port}" for port in ports],
            static_root=tmp_path / "static",
            media_root=tmp_path / "media",
        )
        settings.WAGTAILFRONTENDCACHE = {
            "edge": {
                "BACKEND": "dateline.core.edge_purge.EditionVariantsPurgeBackend",
                "LOCATION": f"http://{HOST}:{edge_port}",
            }
        }
        yield ports, edge_port
        edge.stop(edge_process)
    finally:
        for process in processes:
            edge.stop(process)


def test_a_publish_reaches_every_app_server_and_the_edge(servers):
    ports, edge_port = servers
    wells = StoryFactory(headline="Wells reopen across the district")
    sector = "/sectors/wash/"
    for port in ports:
        for path in (sector, wells.url):
            get(port, path)
            headers, _ = get(port, path)
            assert headers["X-Page-Cache"] == "hit", (port, path)
    get(edge_port, sector)
    assert get(edge_port, sector)[0]["X-Cache-Status"] == "HIT"

    # Readers keep coming while the story is published: each server keeps looking at the shared
    # cache, and the edge fetches the listing again the moment it is purged.
    publishing = threading.Event()

    def keep_reading():
        while not publishing.is_set():
            get(edge_port, sector)
            for port in ports:
                get(port, "/robots.txt")

    reader = threading.Thread(target=keep_reading)
    reader.start()
    try:
        clinic = StoryFactory(headline="Clinic opens beside the new wells")
    finally:
        publishing.set()
        reader.join()

    # The edge was purged only after every process had its turn to hear of the publish, so the
    # page it fetched again, from whichever server, is the new one.
    assert clinic.title in get(edge_port, sector)[1]
    for port in ports:
        started = time.monotonic()
        while clinic.title not in get(port, sector)[1]:
            assert time.monotonic() - started < HANG_GUARD_SECONDS, port
            time.sleep(0.05)
        # The story's listing was dropped; another story's page, which does not show the new
        # one, stays in each server's memory.
        assert get(port, wells.url)[0]["X-Page-Cache"] == "hit", port
