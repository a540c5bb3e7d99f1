"""/healthz, what a load balancer or a monitor asks of every web process."""

import socket
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test import override_settings
from freezegun import freeze_time

from dateline.core.health import record_heartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_var_dir(tmp_path, settings):
    # Without Redis the heartbeat is a file in the var directory; each test gets its own.
    settings.VAR_DIR = tmp_path


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def unreachable_database(tmp_path):
    """The default connection points where no database answers, then is put back as it was."""
    connection = connections["default"]
    saved_settings, saved_connection = connection.settings_dict, connection.connection
    unreachable = dict(saved_settings)
    if connection.vendor == "sqlite":
        unreachable["NAME"] = str(tmp_path / "no-such-directory" / "dateline.sqlite3")
    else:
        unreachable.update(HOST="127.0.0.1", PORT=str(closed_port()))
    # The live connection is set aside, not closed: an in-memory test database dies with it.
    connection.settings_dict, connection.connection = unreachable, None
    yield
    connection.settings_dict, connection.connection = saved_settings, saved_connection


def test_healthy_site_answers_200_with_each_check(client):
    record_heartbeat()
    response = client.get("/healthz")
    assert response.status_code == 200
    report = response.json()
    assert report["ok"] is True
    assert {name: check["ok"] for name, check in report["checks"].items()} == {
        "database": True,
        "cache": True,
        "worker": True,
    }
    assert report["checks"]["worker"]["last_heartbeat"]


def test_answers_to_head_for_load_balancers_that_use_it(client):
    record_heartbeat()
    assert client.head("/healthz").status_code == 200


def test_no_worker_ever_started_is_503_for_monitoring_but_the_site_still_serves(client):
    response = client.get("/healthz/worker")
    assert response.status_code == 503
    assert response.json() == {
        "ok": False,
        "last_heartbeat": None,
        "error": "no heartbeat from the worker",
    }
    # A load balancer must not take every host out for a background process.
    serving = client.get("/healthz")
    assert serving.status_code == 200
    assert serving.json()["checks"]["worker"]["ok"] is False


def test_dead_worker_turns_the_answer_503_even_after_a_healthy_answer(client):
    record_heartbeat()
    assert client.get("/healthz/worker").status_code == 200
    later = timedelta(seconds=settings.DATELINE_WORKER_HEARTBEAT_MAX_AGE + 1)
    with freeze_time() as frozen:
        frozen.tick(later)
        response = client.get("/healthz/worker")
    # Neither the page cache nor anything downstream may keep the earlier "healthy".
    assert response.status_code == 503
    assert "X-Page-Cache" not in response
    assert "no-store" in response["Cache-Control"]
    assert response.json()["ok"] is False


# The worker closes connections between ticks, so this runs outside a test transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_tick_is_a_heartbeat(client, home):
    call_command("worker", once=True)
    assert client.get("/healthz").json()["checks"]["worker"]["ok"] is True


# Connecting anew resets a connection's transaction state, so no test transaction is kept open.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_unreachable_database_is_503(client, unreachable_database):
    record_heartbeat()
    response = client.get("/healthz")
    assert response.status_code == 503
    check = response.json()["checks"]["database"]
    assert check["ok"] is False and check["error"]


def test_unreachable_redis_is_503(client):
    unreachable_redis = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            # As configured in production: the site serves on without Redis, so only a probe
            # that reads back what it wrote can tell Redis is gone.
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        },
    }
    with override_settings(CACHES=unreachable_redis):
        response = client.get("/healthz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"]["ok"] is False
    # The heartbeat lives in Redis too: with Redis gone no web host can vouch for the worker.
    assert checks["worker"]["ok"] is False
