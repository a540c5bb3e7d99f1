"""IPTC ninjs 1.x, 2.x and 3.x: one JSON object, or a list of them as a batch.

1.x has flat properties (headline, body_html, description_text, subject, byline); 2.x moved to
arrays of role/value objects (headlines, bodies, descriptions, subjects) and "by"; 3.x keeps that
shape with camelCase names (versionCreated, contentType, embargoedUntil).
"""

import codecs
import json
import re

from .items import Image, ItemError, ParseResult, Subject, WireFormatError, WireItem
from .sanitise import (
    clean_html,
    clean_text,
    drop_unwanted_characters,
    parse_datetime,
    parse_pixels,
    parse_urgency,
    subject_from_uri,
    text_to_html,
    web_url,
)

FORMAT = "ninjs"
_DECLARED_VERSION = re.compile(r"ninjs-schema_(\d+)\.|^(\d+)(?:\.|$)")
# Properties that only ninjs 3.x spells in camelCase; any of them marks a 3.x object.
_CAMEL_CASE_MARKERS = ("versionCreated", "firstCreated", "embargoedUntil", "altIds", "pubStatus")
_SECOND_GENERATION_MARKERS = ("headlines", "bodies", "descriptions", "subjects", "by")
_MARKUP_HINTS = ("html", "xml", "richtext")
_PICTURE_TYPES = ("picture", "graphic")
# Description roles in the order they make a good summary; a credit line never does.
_SUMMARY_ROLES = ("summary", "abstract", "text", "", "caption")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def parse(payload: bytes) -> ParseResult:
    text = decode_json_bytes(payload)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise WireFormatError(f"not valid JSON: {error}") from None
    except (ValueError, RecursionError) as error:
        raise WireFormatError(f"not readable JSON: {error}") from None
    if isinstance(document, dict):
        objects, raws = [document], [text.strip()]
    elif isinstance(document, list):
        objects, raws = document, [_serialise(value) for value in document]
    else:
        raise WireFormatError(
            f"ninjs must be a JSON object or a list of objects, not {type(document).__name__}"
        )
    result = ParseResult()
    for index, (value, raw) in enumerate(zip(objects, raws, strict=True), start=1):
        guid = _guid(value) if isinstance(value, dict) else ""
        try:
            result.items.append(read_object(value, raw))
        except WireFormatError as error:
            result.errors.append(ItemError(index, f"item {index} {error}", guid, raw))
    return result


def decode_json_bytes(payload: bytes) -> str:
    """JSON text from bytes in UTF-8/16/32; bytes that are not valid become U+FFFD."""
    for bom, codec in _BOMS:
        if payload.startswith(bom):
            return payload[len(bom) :].decode(codec, errors="replace")
    return payload.decode("utf-8", errors="replace")


def ninjs_version(value: dict) -> int:
    """The ninjs major version, as declared ($schema, standard.version) or else by shape."""
    standard = value.get("standard") or value.get("$standard")
    declarations = [value.get("$schema")]
    if isinstance(standard, dict):
        declarations += [standard.get("version"), standard.get("schema")]
    for declared in declarations:
        match = _DECLARED_VERSION.search(declared) if isinstance(declared, str) else None
        if match and int(match.group(1) or match.group(2)) in (1, 2, 3):
            return int(match.group(1) or match.group(2))
    if any(name in value for name in _CAMEL_CASE_MARKERS):
        return 3
    if any(name in value for name in _SECOND_GENERATION_MARKERS):
        return 2
    return 1


def read_object(value: object, raw: str) -> WireItem:
    if not isinstance(value, dict):
        raise WireFormatError(f"is {type(value).__name__}, not a JSON object")
    guid = _guid(value)
    if not guid:
        raise WireFormatError("has no uri")
    version = ninjs_version(value)
    headline = _headline_v1(value) if version == 1 else _headline_v2(value)
    if not headline:
        raise WireFormatError("has no headline")
    first_version = version == 1
    return WireItem(
        format=FORMAT,
        guid=guid,
        headline=headline,
        version=_scalar(value.get("version")),
        agency=clean_text(
            _string(value, "copyrightHolder", "copyrightholder") or _string(value, "source")
        ),
        summary=_summary_v1(value) if first_version else _summary_v2(value),
        body_html=_body_v1(value) if first_version else _body_v2(value),
        byline=clean_text(_string(value, "byline") if first_version else _string(value, "by")),
        dateline_place=clean_text(_string(value, "located")),
        language=clean_text(_string(value, "language")),
        urgency=parse_urgency(value.get("urgency")),
        subjects=_subjects(value, first_version),
        first_created=parse_datetime(_string(value, "firstCreated", "firstcreated")),
        version_created=parse_datetime(_string(value, "versionCreated", "versioncreated")),
        embargoed_until=parse_datetime(_string(value, "embargoedUntil", "embargoed")),
        images=_images(value, first_version),
        raw=raw,
    )


def _serialise(value: object) -> str:
    return drop_unwanted_characters(json.dumps(value, ensure_ascii=False))


def _guid(value: dict) -> str:
    return clean_text(_string(value, "uri", "guid"))


def _string(value: dict, *names: str) -> str:
    """The first of these properties that holds a non-empty string."""
    for name in names:
        found = value.get(name)
        if isinstance(found, str) and found.strip():
            return found
    return ""


def _scalar(found: object) -> str:
    if isinstance(found, str):
        return clean_text(found)
    if isinstance(found, int) and not isinstance(found, bool):
        return str(found)
    return ""


def _suffixed(value: dict, prefix: str) -> list[tuple[str, str]]:
    """1.x role properties such as body_html or headline_main, as (role, text) pairs."""
    return [
        (name[len(prefix) :].lower(), found)
        for name, found in value.items()
        if name.startswith(prefix) and isinstance(found, str) and found.strip()
    ]


def _role_values(value: dict, name: str) -> list[tuple[str, str, str]]:
    """2.x/3.x role arrays (headlines, bodies, descriptions) as (role, content type, value)."""
    entries = value.get(name)
    found = []
    for entry in entries if isinstance(entries, list) else ():
        if isinstance(entry, dict) and isinstance(entry.get("value"), str):
            role = entry.get("role") if isinstance(entry.get("role"), str) else ""
            content_type = _string(entry, "contentType", "contenttype")
            found.append((role.lower(), content_type.lower(), entry["value"]))
    return found


def _is_markup(*hints: str) -> bool:
    return any(marker in hint for hint in hints for marker in _MARKUP_HINTS)


def _headline_v1(value: dict) -> str:
    headline = _string(value, "headline")
    if not headline:
        roles = dict(_suffixed(value, "headline_"))
        headline = roles.get("main") or next(iter(roles.values()), "")
    return clean_text(headline)


def _headline_v2(value: dict) -> str:
    headlines = _role_values(value, "headlines")
    main = [text for role, _, text in headlines if role == "main"]
    return clean_text(next(iter(main or [text for _, _, text in headlines]), ""))


def _summary_v1(value: dict) -> str:
    descriptions = _suffixed(value, "description_")
    plain = [text for role, text in descriptions if not _is_markup(role)]
    return clean_text(next(iter(plain or [text for _, text in descriptions]), ""))


def _summary_v2(value: dict) -> str:
    descriptions = {role: text for role, _, text in reversed(_role_values(value, "descriptions"))}
    preferred = next((descriptions[role] for role in _SUMMARY_ROLES if role in descriptions), "")
    others = (text for role, text in descriptions.items() if "credit" not in role)
    return clean_text(preferred or next(others, ""))


def _body_v1(value: dict) -> str:
    bodies = _suffixed(value, "body_")
    return _best_body([(role, role, text) for role, text in bodies])


def _body_v2(value: dict) -> str:
    return _best_body(_role_values(value, "bodies"))


def _best_body(bodies: list[tuple[str, str, str]]) -> str:
    """Marked-up bodies keep their structure, so they win over plain text."""
    for role, content_type, text in bodies:
        if _is_markup(role, content_type):
            body = clean_html(text)
            if body:
                return body
    for _, _, text in bodies:
        body = text_to_html(text)
        if body:
            return body
    return ""


def _subjects(value: dict, first_version: bool) -> list[Subject]:
    entries = value.get("subject" if first_version else "subjects")
    subjects = []
    for entry in entries if isinstance(entries, list) else ():
        if not isinstance(entry, dict):
            continue
        # IPTC NewsCodes come as one URI (2.x/3.x) or a scheme URI plus a code (1.x).
        uri = _string(entry, "uri") or _string(entry, "scheme") + _string(entry, "code")
        scheme, code = subject_from_uri(uri)
        if not code:
            scheme, code = _string(entry, "scheme"), _string(entry, "code", "literal")
        if not code:
            scheme, code = "", _string(entry, "uri")
        if clean_text(code):
            name = clean_text(_string(entry, "name"))
            subjects.append(Subject(clean_text(scheme), clean_text(code), name))
    return subjects


def _images(value: dict, first_version: bool) -> list[Image]:
    """The item's own renditions when it is a picture, and each associated picture's best one."""
    found = []
    if value.get("type") in _PICTURE_TYPES:
        found.extend(_rendition_images(value, first_version, best_only=False))
    associations = value.get("associations")
    if isinstance(associations, dict):
        associations = list(associations.values())
    for associated in associations if isinstance(associations, list) else ():
        if isinstance(associated, dict) and associated.get("type") in _PICTURE_TYPES:
            found.extend(_rendition_images(associated, first_version, best_only=True))
    return found


def _rendition_images(value: dict, first_version: bool, best_only: bool) -> list[Image]:
    renditions = value.get("renditions")
    if isinstance(renditions, dict):
        renditions = list(renditions.values())
    caption = _summary_v1(value) if first_version else _summary_v2(value)
    if not caption:
        caption = _headline_v1(value) if first_version else _headline_v2(value)
    credit = clean_text(_string(value, "byline", "by"))
    images = []
    for rendition in renditions if isinstance(renditions, list) else ():
        if not isinstance(rendition, dict):
            continue
        url = web_url(_string(rendition, "href"))
        media_type = clean_text(_string(rendition, "contentType", "contenttype", "mimetype"))
        if url and (not media_type or media_type.startswith("image/")):
            images.append(
                Image(
                    url=url,
                    caption=caption,
                    credit=credit,
                    width=parse_pixels(rendition.get("width")),
                    height=parse_pixels(rendition.get("height")),
                    media_type=media_type,
                )
            )
    if best_only and images:
        return [max(images, key=lambda image: image.width or 0)]
    return images
