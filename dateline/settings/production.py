from .base import *  # noqa: F403
from .base import env_bool, require_secret_key

require_secret_key()
DATELINE_SERVE_MEDIA = env_bool("DATELINE_SERVE_MEDIA", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
