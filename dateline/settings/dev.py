"""Development and demo: a fixed secret key and media served by Django."""

from .base import *  # noqa: F403
from .base import SECRET_KEY

SECRET_KEY = SECRET_KEY or "dateline-development-only-not-secret"
