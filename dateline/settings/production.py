import os

from .base import *  # noqa: F403
from .base import DATELINE_TRUSTED_PROXIES, env_bool, require_secret_key

require_secret_key()
DATELINE_SERVE_MEDIA = env_bool("DATELINE_SERVE_MEDIA", default=False)
# Only a proxy of our own may say the reader came over HTTPS; with none, any client could.
if DATELINE_TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# Load balancers often probe over plain HTTP from inside the network; a redirect is not an answer.
SECURE_REDIRECT_EXEMPT = [r"^healthz(/worker)?$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preloading is a promise to browsers' built-in lists that is slow to take back, so the operator
# opts in; the deploy check's reminder about it is silenced until then.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
