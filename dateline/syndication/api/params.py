"""Reading query parameters strictly: every mistake is a 400 that names the parameter.

Unknown parameters are refused rather than ignored, so that a misspelt filter cannot silently
return every story.
"""

import re
from datetime import UTC, datetime

from django.core import signing

from .errors import ApiError, bad_parameter

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_VALUE_LENGTH = 200
MAX_ID_DIGITS = 18
SLUG = re.compile(r"^[-\w]{1,100}$")
# A "+" in a query string means a space, so "…T10:00:00+05:30" often arrives as "… 05:30"
# (or "… 05:30:15": ISO 8601 offsets may carry seconds).
UNESCAPED_OFFSET = re.compile(r" (\d{2}:?\d{2}(?::?\d{2}(?:\.\d{1,6})?)?)$")
CURSOR_SALT = "dateline.syndication.api.cursor"


def checked_query(request, allowed):
    """The query parameters as a plain dict, after refusing unknown and repeated ones."""
    values = {}
    for name, given in request.GET.lists():
        if name not in allowed:
            raise ApiError(
                400,
                "unknown_parameter",
                f"Unknown parameter '{name}'. This endpoint takes: {', '.join(sorted(allowed))}.",
                parameter=name,
            )
        if len(given) > 1:
            raise bad_parameter(name, f"Give '{name}' once.")
        if len(given[0]) > MAX_VALUE_LENGTH:
            raise bad_parameter(name, f"'{name}' is longer than {MAX_VALUE_LENGTH} characters.")
        values[name] = given[0]
    return values


def limit_from(query):
    raw = query.get("limit")
    if raw is None:
        return DEFAULT_LIMIT
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 3 or not 1 <= int(raw) <= MAX_LIMIT:
        raise bad_parameter("limit", f"'limit' must be a whole number from 1 to {MAX_LIMIT}.")
    return int(raw)


def id_from(raw, what):
    """An id from the URL, e.g. `id_from("12", "A story")`; a 400 for anything but a number."""
    if not (raw.isascii() and raw.isdigit()) or len(raw) > MAX_ID_DIGITS:
        raise bad_parameter("id", f"{what}'s id is a positive whole number.")
    return int(raw)


def slug_from(query, name):
    raw = query.get(name)
    if raw is None:
        return None
    if not SLUG.match(raw):
        raise bad_parameter(name, f"'{name}' must be a slug, e.g. 'health'.")
    return raw


def datetime_from(query, name):
    """The moment a parameter names, in UTC.

    Any offset Python reads (up to ±23:59:59, seconds included) is valid ISO 8601, but
    PostgreSQL refuses offsets beyond ±15:59 with an error, so the value is converted to UTC
    before it reaches the database.
    """
    raw = query.get(name)
    if raw is None:
        return None
    try:
        value = datetime.fromisoformat(UNESCAPED_OFFSET.sub(r"+\1", raw.strip()))
    except ValueError:
        value = None
    if value is None or value.tzinfo is None or "T" not in raw.upper():
        raise bad_parameter(
            name,
            f"'{name}' must be an ISO 8601 date and time with a UTC offset, "
            "e.g. 2025-01-31T09:30:00Z or 2025-01-31T15:00:00%2B05:30.",
        )
    try:
        return value.astimezone(UTC)
    except OverflowError:
        # In UTC the moment would fall before year 1 or after year 9999.
        raise bad_parameter(name, f"'{name}' is outside the years 1 to 9999 in UTC.") from None


def fields_from(query, allowed):
    """The requested top-level fields, or None for all of them."""
    raw = query.get("fields")
    if raw is None:
        return None
    names = [name.strip() for name in raw.split(",") if name.strip()]
    unknown = [name for name in names if name not in allowed]
    if not names or unknown:
        raise bad_parameter(
            "fields",
            f"Unknown field '{unknown[0] if unknown else raw}'. Choose from: {', '.join(allowed)}.",
        )
    return set(names)


def make_cursor(position):
    """An opaque token for "continue after this position"; signed, so it cannot be forged."""
    return signing.dumps(position, salt=CURSOR_SALT, compress=True)


def position_from(query, check):
    """The position a cursor points after, or None without a cursor.

    `check` takes the decoded position and returns it in the form the caller needs, raising
    ValueError, TypeError or KeyError for a position it does not recognise.
    """
    raw = query.get("cursor")
    if raw is None:
        return None
    try:
        return check(signing.loads(raw, salt=CURSOR_SALT))
    except (signing.BadSignature, ValueError, TypeError, KeyError):
        raise bad_parameter(
            "cursor", "This cursor is not valid: use the 'next' link of the previous page."
        ) from None
