"""Read replicas: readers' pages read from a standby; editors, writes and everything else from the
primary; a client that wrote is pinned to the primary; a standby that is down is left out.

The routing decision is tested on its own first. Then the site runs under granian against a real
PostgreSQL primary and a real streaming standby of the test's own (tests/replica_cluster.py), and
the standby's replay is paused to make it lag: whether a page shows a change made on the primary
says which of the two answered it.
"""

import http.client
import os
import re
import signal
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection
from django.test import RequestFactory

from dateline.core.db_router import ReplicaRouter, is_reader_request, is_write
from dateline.newsroom.models import StoryPage
from tests.replica_cluster import ReplicatedPair, free_port, has_postgres_tools

VENV_BIN = Path(sys.executable).parent
EDITOR = ("replica-editor", "a long editor passphrase")
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"
PIN = settings.DATELINE_REPLICA_PIN_COOKIE
SESSION = settings.SESSION_COOKIE_NAME
# Polling granian until it answers; startup takes as long as it takes.
STARTUP_POLL_SECONDS = 0.1

# ---- which database a request reads from ------------------------------------------------------


def pinned_until(offset):
    return str(int(time.time() + offset))


@pytest.mark.parametrize(
    ("method", "path", "cookies", "from_replica"),
    [
        ("GET", "/", {}, True),
        ("HEAD", "/news/2025/a-story/", {}, True),
        ("GET", "/feed/", {"edition": "pacific"}, True),
        ("GET", "/api/v1/stories/", {}, True),
        ("POST", "/newsletter/", {}, False),
        ("POST", "/api/v1/stories/", {}, False),
        ("GET", "/admin/pages/", {}, False),
        ("GET", "/django-admin/", {}, False),
        ("GET", "/wire/push/reuters/", {}, False),
        # An editor reads the primary everywhere, their session included.
        ("GET", "/", {SESSION: "abc"}, False),
        # Pinned after a write, until the pin runs out.
        ("GET", "/", {PIN: pinned_until(86400)}, False),
        ("GET", "/", {PIN: pinned_until(-86400)}, True),
        ("GET", "/", {PIN: "not a time"}, True),
    ],
)
def test_reads_from_a_replica_only_for_readers(method, path, cookies, from_replica):
    request = RequestFactory().generic(method, path)
    request.COOKIES.update(cookies)
    assert is_reader_request(request) is from_replica


@pytest.mark.parametrize(
    ("sql", "writes"),
    [
        ('INSERT INTO "analytics_pendingview" ("story_id") VALUES (%s)', True),
        ('  update "wagtailcore_page" SET "live" = false', True),
        ('DELETE FROM "django_session" WHERE "session_key" = %s', True),
        ('SELECT "wagtailcore_page"."id" FROM "wagtailcore_page"', False),
        ('SELECT 1 FROM "wagtailcore_page" FOR UPDATE', False),
        ('SAVEPOINT "s1"', False),
    ],
)
def test_tells_writes_from_reads(sql, writes):
    assert is_write(sql) is writes


def test_router_outside_a_request_uses_the_primary():
    """The worker, management commands and the shell read and write the primary."""
    router = ReplicaRouter()
    assert router.db_for_read(StoryPage) == DEFAULT_DB_ALIAS
    assert router.db_for_write(StoryPage) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "newsroom")
    assert not router.allow_migrate("replica_1", "newsroom")


@pytest.mark.django_db
def test_page_cache_serves_no_pinned_client(client, home):
    """A client that just wrote must not get a page cached before its change."""
    client.get("/latest/")
    assert client.get("/latest/")["X-Page-Cache"] == "hit"
    client.cookies[PIN] = pinned_until(86400)
    response = client.get("/latest/")
    assert "X-Page-Cache" not in response
    assert "no-store" in response["Cache-Control"]


# ---- a real primary and standby ---------------------------------------------------------------

# The cluster runs on its own ports whatever the suite's database is; CI runs the suite on SQLite
# and on PostgreSQL side by side, and the PostgreSQL run is where these belong.
cluster = pytest.mark.skipif(
    not has_postgres_tools() or connection.vendor != "postgresql",
    reason="runs with the PostgreSQL suite (DATABASE_URL) and PostgreSQL's initdb, pg_ctl, pg_basebackup",
)

SEED = f"""
from django.contrib.auth import get_user_model
from django.core.management import call_command
from dateline.newsroom.models import Provenance
from dateline.newsroom.stories import create_story
call_command("bootstrap_site")
get_user_model().objects.create_superuser({EDITOR[0]!r}, "editor@example.org", {EDITOR[1]!r})
for headline in ("Rivers rise in the delta", "Clinics reopen after the storm"):
    story = create_story(kind="news", headline=headline, summary="Seen by everyone.",
                         provenance=Provenance.STAFF)
    print(story.pk, story.url)
"""

CREATE_STORY = """
from dateline.newsroom.models import Provenance
from dateline.newsroom.stories import create_story
story = create_story(kind="news", headline={headline!r}, summary="Only on the primary yet.",
                     provenance=Provenance.STAFF)
print(story.pk, story.url)
"""


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def created_stories(output):
    """(pk, url) of each story a shell script printed."""
    return [(int(pk), url) for pk, url in re.findall(r"^(\d+) (/\S+)$", output, re.MULTILINE)]


class Browser:
    """One browser's cookies, over a new connection per request, without following redirects."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, form=None):
        headers = {
            "User-Agent": BROWSER,
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
        }
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or ():
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response, text

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, form):
        """A form post the way a browser makes it: with the CSRF token of the page it came from."""
        _, page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request("POST", path, {"csrfmiddlewaretoken": token, **form})


def start_granian(env, log_path, port):
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [
                str(VENV_BIN / "granian"),
                *("--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port)),
                *("--workers", "1", "--blocking-threads", "2", "dateline.wsgi:application"),
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    while True:
        if server.poll() is not None:
            raise RuntimeError(f"granian exited with {server.returncode}:\n{log_path.read_text()}")
        try:
            if Browser(port).get("/robots.txt")[0].status == 200:
                return server
        except OSError:
            time.sleep(STARTUP_POLL_SECONDS)


def stop_granian(server):
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


class Site:
    def __init__(self, pair, env, port, stories):
        self.pair = pair
        self.env = env
        self.port = port
        self.stories = stories

    def browser(self):
        return Browser(self.port)

    def create_story(self, headline):
        return created_stories(
            manage(self.env, "shell", "-c", CREATE_STORY.format(headline=headline))
        )[0]


@pytest.fixture(scope="module")
def site():
    """The site on granian: the primary migrated and set up, a standby copied from it."""
    pair = ReplicatedPair()
    server = None
    try:
        env = {
            name: value
            for name, value in os.environ.items()
            if name not in {"DATABASE_URL", "REDIS_URL", "DATABASE_REPLICA_URLS"}
        }
        env |= {
            "DJANGO_SETTINGS_MODULE": "dateline.settings.dev",
            "DJANGO_SECRET_KEY": "dateline-replica-test",
            "DATABASE_URL": pair.primary.url,
            "DATELINE_VAR_DIR": str(pair.base / "var"),
            "DATELINE_PAGE_CACHE_SECONDS": "0",
            # Static files as they are in the source tree, with no collectstatic run.
            "DJANGO_DEBUG": "1",
            # A standby that comes back is used again by the next reader.
            "DATELINE_REPLICA_RETRY_SECONDS": "0",
            # A pin that outlasts the test, however slowly the machine runs it.
            "DATELINE_REPLICA_PIN_SECONDS": "3600",
        }
        manage(env, "migrate", "--noinput", "--skip-checks")
        stories = created_stories(manage(env, "shell", "-c", SEED))
        pair.add_standby()
        env["DATABASE_REPLICA_URLS"] = pair.standby.url
        port = free_port()
        server = start_granian(env, pair.base / "granian.log", port)
        yield Site(pair, env, port, stories)
    finally:
        if server is not None:
            stop_granian(server)
        pair.destroy()


@pytest.fixture(scope="module")
def editor(site):
    """A signed-in editor's browser."""
    browser = site.browser()
    response, _ = browser.post("/admin/login/", {"username": EDITOR[0], "password": EDITOR[1]})
    assert response.status == 302 and SESSION in browser.cookies
    return browser


def pins(response):
    """Whether a response pins its client to the primary."""
    return any(
        PIN in SimpleCookie(header) for header in response.headers.get_all("Set-Cookie") or ()
    )


@cluster
def test_readers_read_the_primary_while_the_standby_is_down(site):
    _, url = site.stories[1]
    site.pair.standby.stop()
    try:
        response, page = site.browser().get(url)
        assert response.status == 200 and "Clinics reopen after the storm" in page
    finally:
        site.pair.standby.start()


@cluster
def test_readers_read_the_standby_and_the_admin_reads_the_primary(site, editor):
    site.pair.pause_replay()
    try:
        pk, url = site.create_story("Harvest estimates revised upward")
        # The standby has not replayed the new story: readers do not see it yet...
        assert site.browser().get(url)[0].status == 404
        # ...while the admin, on the primary, does.
        response, page = editor.get(f"/admin/pages/{pk}/edit/")
        assert response.status == 200 and "Harvest estimates revised upward" in page
    finally:
        site.pair.resume_replay()
    response, page = site.browser().get(url)
    assert response.status == 200 and "Harvest estimates revised upward" in page
    # Reading a page writes nothing, so it pins no reader to the primary.
    assert not pins(response)


@cluster
def test_an_editor_who_saves_sees_the_change_while_the_standby_lags(site, editor):
    pk, url = site.stories[0]
    site.pair.pause_replay()
    try:
        response, _ = editor.post(f"/admin/pages/{pk}/unpublish/", {})
        assert response.status == 302 and pins(response)
        assert editor.get(url)[0].status == 404
        # The pin alone, without the session, is enough: a browser holding it reads the primary.
        pinned = site.browser()
        pinned.cookies[PIN] = editor.cookies[PIN]
        assert pinned.get(url)[0].status == 404
        # Everyone else still reads the lagging standby, where the story is still published.
        assert site.browser().get(url)[0].status == 200
    finally:
        site.pair.resume_replay()
    assert site.browser().get(url)[0].status == 404


@cluster
def test_a_page_views_beacon_pins_nobody(site):
    """The beacon stores a view on the primary that no reader reads back: pinning every reader
    after each page view would take them all off the standby and out of the page cache."""
    pk, _ = site.stories[1]
    before = site.pair.primary.query("SELECT count(*) FROM analytics_pendingview")
    response, _ = site.browser().request("POST", "/beacon/", {"story": pk})
    assert response.status == 204 and not pins(response)
    assert site.pair.primary.query("SELECT count(*) FROM analytics_pendingview") == before + 1
