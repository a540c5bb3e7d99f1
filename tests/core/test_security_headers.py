"""The headers that keep readers and editors safe: a strict Content-Security-Policy on the reader's
pages (scripts and styles only from the site, nothing inline, so a page shared by every reader
through a cache holds no per-response secret), the admin's
own policy, HSTS, Permissions-Policy, HTTPS only as far as our own proxies vouch for it, secure
cookies, and a clean `check --deploy`."""

import base64
import hashlib
import json
import os
import re
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings

from dateline.newsroom.factories import StoryFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_SECURITY = (
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
)


def production_settings(**environment):
    """The security settings dateline.settings.production gives for an environment.

    Read in a fresh interpreter, as a server would start, since the settings are read from the
    environment once, at import.
    """
    script = (
        "import json, dateline.settings.production as p; "
        f"print(json.dumps({{name: getattr(p, name, None) for name in {PRODUCTION_SECURITY!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SECRET_KEY": secrets.token_urlsafe(50), **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    values = json.loads(result.stdout)
    if values["SECURE_PROXY_SSL_HEADER"] is not None:
        values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


def policy(response):
    return dict(
        [*directive.split(" ", 1), ""][:2]
        for directive in (part.strip() for part in response["Content-Security-Policy"].split(";"))
    )


def header_nonce(response):
    found = re.search(r"'nonce-([^']+)'", policy(response)["script-src"])
    return found.group(1) if found else None


class InlineCode(HTMLParser):
    """Every script and style in a page that would run inline, and whether it carries a nonce."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in attrs:
            if name.startswith("on"):
                self.found.append((f"{tag} {name}=", None))
        if "style" in attrs:
            self.found.append((f"{tag} style=", None))
        # JSON-LD is a data block: browsers never run it, so CSP does not govern it (and its
        # markup is shared between readers in the fragment cache, where no nonce can live).
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/ld+json":
            self.found.append(("inline script", attrs.get("nonce")))
        if tag == "style":
            self.found.append(("inline style", attrs.get("nonce")))


def inline_code(response):
    parser = InlineCode()
    parser.feed(response.content.decode())
    return parser.found


@pytest.fixture
def story(home):
    return StoryFactory(headline="Floodwater recedes in the delta")


@pytest.fixture
def reader_pages(story):
    return ["/", story.url, "/latest/", "/news/", "/search/?q=flood", "/newsletter/"]


def test_reader_pages_have_a_strict_policy(client, reader_pages):
    for path in reader_pages:
        response = client.get(path)
        assert response.status_code == 200, path
        rules = policy(response)
        assert rules["default-src"] == "'self'"
        assert rules["object-src"] == "'none'"
        assert rules["base-uri"] == "'self'"
        assert rules["frame-ancestors"] == "'none'"
        for directive in ("script-src", "style-src"):
            assert "'unsafe-inline'" not in rules[directive], path
            assert "'unsafe-eval'" not in rules[directive], path
        assert "camera=()" in response["Permissions-Policy"]


def test_reader_pages_run_no_inline_code(client, reader_pages):
    for path in reader_pages:
        response = client.get(path)
        assert inline_code(response) == [], path


def test_reader_pages_carry_no_nonce_a_shared_cache_would_hand_to_everyone(client, story):
    """A nonce is a secret of one response; in a page that the edge serves to every reader it
    would be public and reused. Reader pages need none: their scripts are the site's own files."""
    first = client.get(story.url)
    assert header_nonce(first) is None
    assert "nonce" not in first.content.decode()
    caches["pages"].clear()
    again = client.get(story.url)
    assert again["X-Page-Cache"] == "miss"
    # Rendered twice, the page is the same bytes, so its ETag holds across renders and processes.
    assert again["ETag"] == first["ETag"]


def test_the_inline_style_of_the_error_page_is_allowed_by_its_hash(client):
    template = (Path(settings.TEMPLATES[0]["DIRS"][0]) / "500.html").read_text()
    style = re.search(r"<style>(.*?)</style>", template, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy(client.get("/"))["style-src"]


def test_feeds_and_the_admin_login_carry_the_headers(client, story):
    for path in ("/feed/", "/admin/login/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "default-src 'self'" in response["Content-Security-Policy"]
        assert "frame-ancestors" in response["Content-Security-Policy"]
        assert response["Permissions-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"


def test_the_admin_has_its_own_policy(client, home):
    rules = policy(client.get("/admin/login/"))
    # The Wagtail admin's inline scripts and styles need it; everything still comes from here.
    assert rules["script-src"] == "'self' 'unsafe-inline'"
    assert rules["default-src"] == "'self'"
    assert rules["frame-ancestors"] == "'self'"


def test_production_sends_hsts_and_redirects_to_https(client, home):
    with override_settings(**production_settings()):
        assert client.get("/").status_code == 301
        response = client.get("/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in response["Strict-Transport-Security"]


def test_forwarded_proto_is_ignored_without_trusted_proxies(client, home):
    with override_settings(**production_settings(DATELINE_TRUSTED_PROXIES="0")):
        response = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_forwarded_proto_is_honoured_from_our_proxy(client, home):
    with override_settings(**production_settings(DATELINE_TRUSTED_PROXIES="1")):
        response = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response


def test_the_edition_cookie_is_secure_in_production(client, home):
    with override_settings(**production_settings()):
        response = client.get("/editions/choose/?edition=pacific", secure=True)
    assert response.cookies[settings.DATELINE_EDITION_COOKIE]["secure"]
    assert response.cookies[settings.DATELINE_EDITION_COOKIE]["httponly"]


def test_the_edition_cookie_is_secure_over_https_anywhere(client, home):
    response = client.get("/editions/choose/?edition=pacific", secure=True)
    assert response.cookies[settings.DATELINE_EDITION_COOKIE]["secure"]


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for their own process; a deployment never has it.
    environment = {
        **{
            name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"
        },
        "DJANGO_SETTINGS_MODULE": "dateline.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DATELINE_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
