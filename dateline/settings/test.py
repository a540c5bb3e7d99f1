from .base import *  # noqa: F403

SECRET_KEY = "dateline-tests-only"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
DATELINE_PAGE_CACHE_SECONDS = 60
if not REDIS_URL:  # noqa: F405
    # One process: the shared cache may live in its memory, cleared between tests.
    CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405
# The bounce and complaint webhooks are only mounted with a secret.
ANYMAIL = {"WEBHOOK_SECRET": "anymail-tests:webhook-secret"}
# The wire's tests pull from servers they start on 127.0.0.1; production allows no loopback.
DATELINE_WIRE_ALLOWED_NETWORKS = ["127.0.0.1/32"]
