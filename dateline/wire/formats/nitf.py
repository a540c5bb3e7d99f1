"""NITF 3.x: one story per document. Elements are matched by local name, so documents with and
without the NITF namespace read alike."""

import hashlib

from lxml import etree

from .items import Image, ItemError, ParseResult, Subject, WireFormatError, WireItem
from .safexml import (
    attribute,
    child,
    children,
    descendant,
    descendants,
    local_name,
    markup_of_children,
    parse_xml,
    serialise,
    text_of,
)
from .sanitise import clean_html, clean_text, parse_datetime, parse_pixels, parse_urgency, web_url

FORMAT = "nitf"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# NITF's own block names that have an HTML equivalent in a story body.
HTML_EQUIVALENTS = {"hl2": "h2", "bq": "blockquote", "dl": "ul", "dt": "li", "dd": "li"}


def parse(payload: bytes) -> ParseResult:
    root = parse_xml(payload)
    if local_name(root) != "nitf":
        raise WireFormatError(f"not NITF: the root element is <{local_name(root)}>, not <nitf>")
    raw = serialise(root)
    try:
        item = read_nitf(root, raw)
    except WireFormatError as error:
        return ParseResult(errors=[ItemError(index=1, message=f"item 1 {error}", raw=raw)])
    return ParseResult(items=[item])


def read_nitf(root: etree._Element, raw: str) -> WireItem:
    """One WireItem from a <nitf> element; WireFormatError("has no headline") when it lacks one."""
    head = child(root, "head")
    docdata = child(head, "docdata")
    body = child(root, "body")
    body_head = child(body, "body.head")
    body_content = child(body, "body.content")

    headline = clean_text(text_of(descendant(child(body_head, "hedline"), "hl1")))
    if not headline:
        headline = clean_text(text_of(child(head, "title")))
    if not headline:
        raise WireFormatError("has no headline")

    issued = _norm_date(child(docdata, "date.issue"))
    released = _norm_date(child(docdata, "date.release"))
    doc_id = child(docdata, "doc-id")
    return WireItem(
        format=FORMAT,
        guid=_guid(doc_id, headline, raw),
        headline=headline,
        version=clean_text(attribute(child(docdata, "du-key"), "version")),
        agency=_agency(docdata, body_head, doc_id),
        summary=clean_text(text_of(child(body_head, "abstract"))),
        body_html=body_html(body_content),
        byline=_byline(child(body_head, "byline")),
        dateline_place=_dateline_place(child(body_head, "dateline")),
        language=clean_text(root.get("baselang") or root.get(XML_LANG) or ""),
        urgency=parse_urgency(attribute(child(docdata, "urgency"), "ed-urg")),
        subjects=_subjects(head, docdata),
        version_created=issued,
        # A release time later than the issue time holds the story back: an embargo.
        embargoed_until=released if released and (not issued or released > issued) else None,
        images=images(body_content),
        raw=raw,
    )


def body_html(body_content: etree._Element | None) -> str:
    """Sanitised HTML of a <body.content>, media blocks left to `images`."""
    if body_content is None:
        return ""
    return clean_html(
        markup_of_children(body_content, renames=HTML_EQUIVALENTS, leave_out=("media",))
    )


def images(body_content: etree._Element | None) -> list[Image]:
    found = []
    for media in descendants(body_content, "media"):
        if media.get("media-type", "image") not in ("image", "graphic", "photo"):
            continue
        caption = clean_text(text_of(child(media, "media-caption")))
        credit = clean_text(text_of(child(media, "media-producer")))
        for reference in children(media, "media-reference"):
            url = web_url(reference.get("source") or reference.get("data-location") or "")
            if url:
                found.append(
                    Image(
                        url=url,
                        caption=caption,
                        credit=credit,
                        alt=clean_text(reference.get("alternate-text", "")),
                        width=parse_pixels(reference.get("width")),
                        height=parse_pixels(reference.get("height")),
                        media_type=clean_text(reference.get("mime-type", "")),
                    )
                )
    return found


def _norm_date(element: etree._Element | None):
    return parse_datetime(attribute(element, "norm"))


def _guid(doc_id: etree._Element | None, headline: str, raw: str) -> str:
    guid = clean_text(attribute(doc_id, "id-string"))
    if guid:
        return guid
    # doc-id is optional in NITF; the same document must still map to the same guid.
    return "urn:sha1:" + hashlib.sha1(f"{headline}\n{raw}".encode()).hexdigest()


def _agency(docdata, body_head, doc_id) -> str:
    candidates = (
        attribute(child(docdata, "doc.copyright"), "holder"),
        text_of(child(body_head, "distributor")),
        attribute(doc_id, "regsrc"),
    )
    return next((clean_text(value) for value in candidates if clean_text(value)), "")


def _byline(byline: etree._Element | None) -> str:
    if byline is None:
        return ""
    titles = [clean_text(text_of(title)) for title in children(byline, "byttl")]
    names = [clean_text(byline.text or "")]
    for part in byline:
        if local_name(part) not in ("", "byttl"):
            names.append(clean_text(text_of(part)))
        names.append(clean_text(part.tail or ""))
    return ", ".join(value for value in [clean_text(" ".join(names)), *titles] if value)


def _dateline_place(dateline: etree._Element | None) -> str:
    location = descendant(dateline, "location")
    if location is not None:
        return clean_text(text_of(location))
    if dateline is None:
        return ""
    without_date = [dateline.text or ""]
    for part in dateline:
        if local_name(part) not in ("", "story.date"):
            without_date.append(text_of(part))
        without_date.append(part.tail or "")
    return clean_text(" ".join(without_date)).rstrip(" -\N{EN DASH},")


def _subjects(head, docdata) -> list[Subject]:
    subjects = []
    for tobject_subject in descendants(child(head, "tobject"), "tobject.subject"):
        code = clean_text(tobject_subject.get("tobject.subject.refnum", ""))
        name = tobject_subject.get("tobject.subject.detail") or tobject_subject.get(
            "tobject.subject.matter"
        )
        name = name or tobject_subject.get("tobject.subject.type", "")
        if code:
            subjects.append(Subject(scheme="subj", code=code, name=clean_text(name)))
    for classifier in descendants(child(docdata, "identified-content"), "classifier"):
        code = clean_text(classifier.get("value", ""))
        scheme = clean_text(classifier.get("idsrc") or classifier.get("type") or "")
        if code:
            subjects.append(Subject(scheme=scheme, code=code, name=clean_text(text_of(classifier))))
    return subjects
