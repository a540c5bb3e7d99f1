"""Development and demo: a fixed secret key and media served by Django."""

import os

from .base import *  # noqa: F403
from .base import SECRET_KEY, VAR_DIR

SECRET_KEY = SECRET_KEY or "dateline-development-only-not-secret"

# No mail server is needed to try the site: mail is written to files in var/mail, one per message.
if not os.environ.get("DATELINE_EMAIL_BACKEND"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
