"""Fixtures for the browser tests: one Chromium per session, one fresh context per test.

The tests drive Debian's Chromium through Playwright's sync API against pytest-django's
``live_server``. Playwright's sync API runs an event loop in the test thread, so Django's guard
against ORM calls from async code has to be lifted for the test thread to create content.
"""

import os
from pathlib import Path

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser(django_db_setup, live_server):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    set_up_connections = {connection.alias: connection for connection in connections.all()}
    with sync_playwright() as playwright:
        # Playwright's event loop now counts as running in this thread, and Django keeps database
        # connections per async context while a loop runs: the test thread would get new ones,
        # without the serialized contents that restore the database between tests and (with
        # SQLite in memory) apart from the connection the live server shares. Keep the old ones.
        for alias, connection in set_up_connections.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def no_autosave(settings):
    """Wagtail's editor autosaves half a second after typing stops. A test clicks within
    milliseconds of typing, so an autosave still in flight would race the click (and, on the
    in-memory SQLite database, share the live server's one connection with it): the browser
    tests save only when the editor does. tests/newsroom covers what autosave posts."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


@pytest.fixture
def site(transactional_db, django_db_serialized_rollback, live_server):
    """The home page, sections, roles and desk review workflow, as `bootstrap_site` makes them.

    Serialized rollback restores the taxonomy the data migrations load (sectors, countries,
    editions), which a transactional test's flush would otherwise wipe for the next test.
    """
    from dateline.fronts.setup import ensure_site

    return ensure_site()


@pytest.fixture
def new_context(browser, live_server):
    """Open a fresh browser context on the live server; every context is closed after the test."""
    contexts = []

    def open_context(**options):
        context = browser.new_context(base_url=live_server.url, **options)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context):
    return context.new_page()
