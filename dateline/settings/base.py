"""Settings shared by every environment; every value an operator may change comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("DATELINE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # WhiteNoise serves static files under runserver too, exactly as in production.
    "whitenoise.runserver_nostatic",
    "dateline.core",
    "dateline.taxonomy",
    "dateline.media",
    "dateline.newsroom",
    "dateline.fronts",
    "dateline.analytics",
    "dateline.wire",
    "dateline.syndication",
    "dateline.audience",
    "dateline.video",
    "dateline.live",
    "dateline.assistant",
    "dateline.demo",
    "wagtail.contrib.redirects",
    # Purges the caches in front (edge, CDN) when pages change; see WAGTAILFRONTENDCACHE.
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
    "anymail",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's user admin, with a listing that offers only the accounts one may manage.
    "dateline.newsroom.apps.UserAdminConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "dateline.core.page_cache.PageCacheMiddleware",
    # Inside the page cache, so a cached page keeps the policy (and nonce) it was rendered with.
    "dateline.core.security.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "dateline.core.db_router.ReplicaMiddleware",
    # Whether this session gave a second factor (django-otp), and what follows from that.
    "django_otp.middleware.OTPMiddleware",
    "dateline.core.two_factor.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it answers locked-out logins with its own page.
    "axes.middleware.AxesMiddleware",
]

# django-axes counts failed logins first, so a locked-out account is refused before the
# password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "dateline.urls"
WSGI_APPLICATION = "dateline.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dateline.core.context_processors.site_context",
                "dateline.taxonomy.context_processors.edition",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'dateline.sqlite3'}"
# Health checks: a kept connection that died with a database restart is replaced before a request
# uses it, instead of answering that request with a 500 (one per web thread, up to a minute later).
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers (the site) and the writer (the worker) work at the same time;
    # IMMEDIATE transactions take the write lock up front instead of failing half-way.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
# Read replicas: DATABASE_REPLICA_URLS, comma-separated URLs of PostgreSQL streaming standbys,
# become "replica_1", "replica_2", …; readers' pages read from them, everything else uses the
# primary (dateline/core/db_router.py). Under tests each one stands for the primary, so no test
# database is made on a standby.
DATABASES.update(
    (
        f"replica_{number}",
        {
            **dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True),
            "TEST": {"MIRROR": "default"},
        },
    )
    for number, url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1)
)
if len(DATABASES) > 1:
    DATABASE_ROUTERS = ["dateline.core.db_router.ReplicaRouter"]
# How long a client that wrote reads from the primary, so that it sees its own change on the
# reader site while the replicas catch up.
DATELINE_REPLICA_PIN_SECONDS = int(os.environ.get("DATELINE_REPLICA_PIN_SECONDS", "10"))
# The cookie that pins a client; like the session cookie, it keeps the client out of page caches.
DATELINE_REPLICA_PIN_COOKIE = "dateline_primary"
# A replica that does not answer is left out this many seconds (its readers read the primary),
# so that while it is unreachable readers do not each wait for a connection attempt.
DATELINE_REPLICA_RETRY_SECONDS = float(os.environ.get("DATELINE_REPLICA_RETRY_SECONDS", "5"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "dateline",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        },
    }
else:
    # Without Redis the processes of one machine (web workers, the worker) still share what
    # changed, through files: a publish in one must reach the page caches of the others.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
# Whole pages are kept in each process's memory: a hit costs no network round trip.
# Bounded by bytes: one client sending endless unique URLs must not grow a worker without limit.
CACHES["pages"] = {
    "BACKEND": "dateline.core.memory_cache.BoundedMemoryCache",
    "LOCATION": "dateline-pages",
    "OPTIONS": {"MAX_BYTES": int(os.environ.get("DATELINE_PAGE_CACHE_MB", "64")) * 1024 * 1024},
}
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "dateline-fragments",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}
DATELINE_PAGE_CACHE_SECONDS = int(os.environ.get("DATELINE_PAGE_CACHE_SECONDS", "60"))
# What a public page tells shared caches (the edge, a CDN): keep it this many seconds, serve it
# stale while one request refreshes it, and serve it stale while the app answers errors or not at
# all. Browsers always revalidate (max-age=0) with the page's ETag. Changes to a story purge its
# pages at once (core/edge_purge.py); s-maxage bounds how long other pages show it in sidebars.
DATELINE_CACHE_S_MAXAGE = int(os.environ.get("DATELINE_CACHE_S_MAXAGE", "60"))
DATELINE_CACHE_STALE_WHILE_REVALIDATE = int(
    os.environ.get("DATELINE_CACHE_STALE_WHILE_REVALIDATE", "30")
)
DATELINE_CACHE_STALE_IF_ERROR = int(os.environ.get("DATELINE_CACHE_STALE_IF_ERROR", "86400"))
# The caches Dateline purges when pages change (Wagtail's frontend cache, in the task queue):
# the shipped nginx edge (deploy/nginx), and a CDN when its credentials are set.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("DATELINE_EDGE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["edge"] = {
        "BACKEND": "dateline.core.edge_purge.EditionVariantsPurgeBackend",
        "LOCATION": os.environ["DATELINE_EDGE_PURGE_URL"],
    }
if os.environ.get("DATELINE_CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["DATELINE_CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("DATELINE_CLOUDFLARE_API_TOKEN", ""),
    }
if os.environ.get("DATELINE_CLOUDFRONT_DISTRIBUTION_ID"):
    # Needs boto3 installed, with AWS credentials in the environment as boto3 reads them.
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["DATELINE_CLOUDFRONT_DISTRIBUTION_ID"],
    }
# /healthz reports the worker down when its last heartbeat is older than this many seconds.
DATELINE_WORKER_HEARTBEAT_MAX_AGE = int(os.environ.get("DATELINE_WORKER_HEARTBEAT_MAX_AGE", "120"))

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): DATELINE_LOGIN_FAILURE_LIMIT wrong passwords lock the account from
# every client (so rotating addresses does not help), and lock the client that sent them out of
# every account (so spreading guesses over accounts does not help), for
# DATELINE_LOGIN_LOCKOUT_MINUTES. Clients are told apart by the address our own proxies vouch for.
AXES_FAILURE_LIMIT = int(os.environ.get("DATELINE_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=float(os.environ.get("DATELINE_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "dateline.core.clients.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_COOLOFF_MESSAGE = (
    "Too many failed logins: this account is locked for a while. Try again later."
)
# A wrong second-factor code counts as a failed login too (core/two_factor/login.py); what was
# typed is not kept in the failure log.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]

# Two-factor authentication (django-otp): anyone may enrol an authenticator app on their account
# page, and then signs in with a code after the password. Enrolment is required at the first sign-in
# of the groups named here (comma-separated, e.g. "Chief editor"), of superusers when any group
# is named, and of every staff member with "*". Empty: nobody is required to enrol.
DATELINE_REQUIRE_TWO_FACTOR_FOR = env_list("DATELINE_REQUIRE_TWO_FACTOR_FOR")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("DATELINE_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DATELINE_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600
DATELINE_SERVE_MEDIA = env_bool("DATELINE_SERVE_MEDIA", default=True)

WAGTAIL_SITE_NAME = os.environ.get("DATELINE_SITE_NAME", "Dateline")
# The name authenticator apps show beside the account.
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
WAGTAILADMIN_BASE_URL = os.environ.get("DATELINE_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "media.NewsImage"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
# The image forms carry the assistant's alt text offer, recorded when the image is saved.
WAGTAILIMAGES_IMAGE_FORM_BASE = "dateline.assistant.forms.ImageForm"
# PostgreSQL stems English words ("floods" finds "flood") whatever the server's default text
# search configuration; SQLite's index stems them too (fronts migration 0003).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "english"}
}
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = False
# Wagtail's responsive wrapper sets its ratio in a style attribute, which the reader's CSP
# refuses; the stylesheet sizes embeds instead (.embed iframe).
WAGTAILEMBEDS_RESPONSIVE_HTML = False
TAGGIT_CASE_INSENSITIVE = True

# A header set by the CDN with the reader's ISO country code, used to pick a first edition.
DATELINE_GEO_HEADER = os.environ.get("DATELINE_GEO_HEADER", "")
DATELINE_EDITION_COOKIE = "edition"

# Headers every response carries (dateline/core/security.py). The reader's pages run only the
# site's own scripts and styles, and inline ones only with the nonce of the response.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        # The hash admits the one inline style of 500.html, which is rendered without a request
        # (so without a nonce) and must not depend on static files being served.
        "style-src": ["'self'", NONCE, "'sha256-rKpbXA+D1WTsmalX9iUrvb/bo+ZFpLwvLBwxDxQQdsQ='"],
        "img-src": ["'self'", "data:"],
        # Story bodies may embed video and posts from other sites (Wagtail embeds).
        "frame-src": ["https:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The Wagtail admin runs inline scripts and styles of its own, so it gets a looser policy that
# still keeps every script and style on this origin; its previews frame the admin itself.
DATELINE_ADMIN_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    # Wagtail shows editors' Gravatars and asks releases.wagtail.org whether an upgrade is out.
    "img-src": ["'self'", "data:", "blob:", "https:", "www.gravatar.com"],
    "connect-src": ["'self'", "https://releases.wagtail.org"],
    "frame-src": ["'self'", "https:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
DATELINE_ADMIN_PATH_PREFIX = "/admin/"
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail's previews and the newsletter preview allow their own frames, view by view.
X_FRAME_OPTIONS = "DENY"

# What the page cache keys an anonymous page on besides its URL: the reader's edition, from the
# module that decides it for the page itself.
DATELINE_READER_EDITION_KEY = "dateline.taxonomy.editions.edition_cache_key"
# Every edition's slug: the variants of each page the edge purge names (core/edge_purge.py).
DATELINE_EDITION_SLUGS = "dateline.taxonomy.editions.edition_slugs"
# The desk's assisted draft of a cluster (wire/assisted.py): reports (and the editor) in, draft
# out, ValueError when there is nothing to draft from; and the check of a story's facts against
# its reports.
DATELINE_ASSISTED_DRAFT = "dateline.assistant.rewrite.assisted_draft"
DATELINE_DRAFT_CHECK = "dateline.assistant.drafting.check"
# The desk's key takeaways of a cluster: reports and the editor in, suggested points out; and the
# points an editor kept, read against the suggestion's signed offer, to create the story with.
DATELINE_EVENT_TAKEAWAYS = "dateline.assistant.desk.event_takeaways"
DATELINE_ACCEPT_TAKEAWAYS = "dateline.assistant.desk.accept_takeaways"
# What holds a desk review's approval back: a story's text to the address where the editor must
# decide first (facts of an assisted draft that no report holds), or None.
DATELINE_PUBLISH_HOLD = "dateline.wire.assisted.publish_hold"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DATELINE_LOG_LEVEL", "WARNING")},
}


def require_secret_key():
    if not SECRET_KEY:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY to a long random value.")


# Plain functions the worker calls on every tick, each isolated from the others' failures.
DATELINE_PERIODIC_JOBS = [
    "dateline.analytics.counting.flush_buffered_views",
    "dateline.wire.jobs.run_wire_desk",
    "dateline.audience.sending.run_newsletter",
]

# Functions (no arguments) by which each app grants the newsroom's groups its permissions; the
# site set-up (bootstrap_site, the demo, the tests) calls every one.
DATELINE_PERMISSION_GRANTS = [
    "dateline.wire.roles.grant_desk_permissions",
    "dateline.audience.roles.grant_audience_permissions",
    "dateline.syndication.roles.grant_api_key_permissions",
    "dateline.video.roles.grant_short_permissions",
    "dateline.live.roles.grant_live_permissions",
    "dateline.assistant.roles.grant_assistant_permissions",
]

# Live coverage: how often an open live page asks for new updates, and how long a shared cache
# (the edge, a CDN) may keep an answer. Posting an update drops the answer readers are asking for
# at once; these bound the delay when that purge is lost, and the load of many open pages.
DATELINE_LIVE_POLL_SECONDS = float(os.environ.get("DATELINE_LIVE_POLL_SECONDS", "1.5"))
DATELINE_LIVE_UPDATES_S_MAXAGE = int(os.environ.get("DATELINE_LIVE_UPDATES_S_MAXAGE", "5"))

# Shorts: the largest upload and the longest video accepted (processing.py makes the renditions).
DATELINE_SHORT_MAX_BYTES = int(os.environ.get("DATELINE_SHORT_MAX_BYTES", 200 * 1024 * 1024))
DATELINE_SHORT_MAX_SECONDS = int(os.environ.get("DATELINE_SHORT_MAX_SECONDS", 180))

# Mail: SMTP by default; any django-anymail provider by naming its backend here.
EMAIL_BACKEND = os.environ.get(
    "DATELINE_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("DATELINE_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DATELINE_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DATELINE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DATELINE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DATELINE_EMAIL_TLS", default=False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("DATELINE_FROM_EMAIL", "Dateline <newsroom@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
DATELINE_NEWSLETTER_FROM_EMAIL = os.environ.get(
    "DATELINE_NEWSLETTER_FROM_EMAIL", DEFAULT_FROM_EMAIL
)
# Digests go out at this hour of the site's time zone; the weekly one on this weekday (0 = Monday).
DATELINE_NEWSLETTER_SEND_HOUR = int(os.environ.get("DATELINE_NEWSLETTER_SEND_HOUR", "6"))
DATELINE_NEWSLETTER_WEEKLY_DAY = int(os.environ.get("DATELINE_NEWSLETTER_WEEKLY_DAY", "0"))
# Messages sent on one SMTP connection; after a crash at most one batch is "in doubt".
DATELINE_NEWSLETTER_BATCH_SIZE = int(os.environ.get("DATELINE_NEWSLETTER_BATCH_SIZE", "100"))
DATELINE_NEWSLETTER_MAX_ATTEMPTS = int(os.environ.get("DATELINE_NEWSLETTER_MAX_ATTEMPTS", "5"))
DATELINE_NEWSLETTER_RETRY_SECONDS = int(os.environ.get("DATELINE_NEWSLETTER_RETRY_SECONDS", "300"))
DATELINE_NEWSLETTER_CONFIRM_DAYS = int(os.environ.get("DATELINE_NEWSLETTER_CONFIRM_DAYS", "3"))
# Posts of the newsletter and feedback forms allowed per client in ten minutes.
DATELINE_FORM_RATE_LIMIT = int(os.environ.get("DATELINE_FORM_RATE_LIMIT", "5"))
# How many proxies of our own (load balancer, CDN) stand in front of the site; 0 trusts none.
DATELINE_TRUSTED_PROXIES = int(os.environ.get("DATELINE_TRUSTED_PROXIES", "0"))
DATELINE_FEEDBACK_EMAIL = os.environ.get("DATELINE_FEEDBACK_EMAIL", "")
# Bounce and complaint webhooks are mounted only with a secret: open ones would let anyone
# suppress any address.
ANYMAIL = {"WEBHOOK_SECRET": os.environ.get("DATELINE_ANYMAIL_WEBHOOK_SECRET", "")}

# Addresses and networks (comma-separated, e.g. "10.20.0.0/16,fd00:1::/48") the wire may pull
# from besides the public internet; loopback, private, link-local (cloud metadata) and other
# internal ranges are refused unless named here.
DATELINE_WIRE_ALLOWED_NETWORKS = env_list("DATELINE_WIRE_ALLOWED_NETWORKS")
# Processes the worker reads a big batch of new wire items with (signatures, tags, event
# features; see wire/readings.py); 1 reads every batch in the worker itself. By default one per
# CPU, at most 4: the indexes and the database writes stay in the worker.
DATELINE_WIRE_READING_PROCESSES = int(
    os.environ.get("DATELINE_WIRE_READING_PROCESSES", min(os.cpu_count() or 1, 4))
)

# Content API
# Requests per minute a new API key may make; editors can change it per key.
DATELINE_API_RATE_LIMIT = int(os.environ.get("DATELINE_API_RATE_LIMIT", "120"))
# What API users may do with the content, sent with every story (ninjs usageterms); empty: none.
DATELINE_API_USAGE_TERMS = os.environ.get("DATELINE_API_USAGE_TERMS", "")

# Desk assistant (docs/editors.md). "offline" (the default) needs no network and no model; "openai"
# asks any OpenAI-compatible chat endpoint (a hosted service, Ollama, llama.cpp's llama-server,
# vLLM) at the base URL, e.g. http://127.0.0.1:11434/v1 for Ollama.
DATELINE_ASSISTANT_BACKEND = os.environ.get("DATELINE_ASSISTANT_BACKEND", "offline")
DATELINE_ASSISTANT_BASE_URL = os.environ.get("DATELINE_ASSISTANT_BASE_URL", "")
DATELINE_ASSISTANT_MODEL = os.environ.get("DATELINE_ASSISTANT_MODEL", "")
DATELINE_ASSISTANT_API_KEY = os.environ.get("DATELINE_ASSISTANT_API_KEY", "")
DATELINE_ASSISTANT_TIMEOUT = float(os.environ.get("DATELINE_ASSISTANT_TIMEOUT", "20"))
DATELINE_ASSISTANT_MAX_TOKENS = int(os.environ.get("DATELINE_ASSISTANT_MAX_TOKENS", "800"))
# Whether the model can see images (a vision model): alt text suggestions need one.
DATELINE_ASSISTANT_VISION = env_bool("DATELINE_ASSISTANT_VISION", default=False)
# Model calls per editor in ten minutes; past it, the offline result and a message.
DATELINE_ASSISTANT_RATE_LIMIT = int(os.environ.get("DATELINE_ASSISTANT_RATE_LIMIT", "30"))
# Characters of a story sent to the model (and read for tagging).
DATELINE_ASSISTANT_MAX_INPUT_CHARS = int(
    os.environ.get("DATELINE_ASSISTANT_MAX_INPUT_CHARS", "12000")
)
# The wire's tagger, wired into the assistant's tag suggestions: (headline, text) -> ISO codes,
# and (headline, text) -> sector slugs.
DATELINE_ASSISTANT_COUNTRY_TAGGER = "dateline.wire.tagging.countries_meant"
DATELINE_ASSISTANT_SECTOR_TAGGER = "dateline.wire.tagging.sectors_meant"
