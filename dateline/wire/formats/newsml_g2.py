"""NewsML-G2: a newsMessage with any number of newsItems, or one bare newsItem.

Each newsItem is read on its own, so one broken item never costs the others. Package, concept,
knowledge and planning items carry no story and are left out.
"""

from lxml import etree

from . import nitf
from .items import Image, ItemError, Link, ParseResult, Subject, WireFormatError, WireItem
from .safexml import (
    attribute,
    child,
    children,
    local_name,
    markup_of_children,
    parse_xml,
    serialise,
    text_of,
)
from .sanitise import (
    clean_html,
    clean_text,
    parse_datetime,
    parse_pixels,
    parse_urgency,
    text_to_html,
    web_url,
)

FORMAT = "newsml-g2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PICTURE_CLASSES = ("ninat:picture", "ninat:graphic", "icls:picture", "icls:graphic")


def parse(payload: bytes) -> ParseResult:
    root = parse_xml(payload)
    root_name = local_name(root)
    if root_name == "newsItem":
        news_items = [root]
    elif root_name == "newsMessage":
        news_items = list(root.iterdescendants("{*}newsItem"))
        if not news_items:
            raise WireFormatError("the newsMessage holds no newsItem, so no story to read")
    else:
        raise WireFormatError(
            f"not a NewsML-G2 news item: the root element is <{root_name}>; "
            "only <newsMessage> and <newsItem> carry stories"
        )
    result = ParseResult()
    for index, element in enumerate(news_items, start=1):
        raw = serialise(element)
        try:
            result.items.append(read_news_item(element, raw))
        except WireFormatError as error:
            guid = clean_text(element.get("guid", ""))
            result.errors.append(ItemError(index, f"item {index} {error}", guid, raw))
    return result


def read_news_item(element: etree._Element, raw: str) -> WireItem:
    guid = clean_text(element.get("guid", ""))
    if not guid:
        raise WireFormatError("has no guid attribute")
    item_meta = child(element, "itemMeta")
    content_meta = child(element, "contentMeta")
    content_set = child(element, "contentSet")

    headline = clean_text(text_of(child(content_meta, "headline")))
    if not headline:
        raise WireFormatError("has no headline")

    inline_nitf = _inline_nitf(content_set)
    return WireItem(
        format=FORMAT,
        guid=guid,
        headline=headline,
        version=clean_text(element.get("version", "")),
        agency=_concept_name(child(item_meta, "provider")),
        summary=_summary(content_meta),
        body_html=_body_html(content_set, inline_nitf),
        byline=_byline(content_meta),
        dateline_place=_dateline_place(content_meta),
        language=clean_text(
            attribute(child(content_meta, "language"), "tag") or element.get(XML_LANG, "")
        ),
        urgency=parse_urgency(text_of(child(content_meta, "urgency"))),
        subjects=_subjects(content_meta),
        first_created=parse_datetime(text_of(child(item_meta, "firstCreated"))),
        version_created=parse_datetime(text_of(child(item_meta, "versionCreated"))),
        embargoed_until=parse_datetime(text_of(child(item_meta, "embargoed"))),
        links=_links(item_meta),
        images=_images(element, content_meta, content_set, inline_nitf),
        raw=raw,
    )


def _concept_name(concept: etree._Element | None) -> str:
    """A G2 concept's display name: its <name>, else @literal, else the code of its @qcode."""
    if concept is None:
        return ""
    name = clean_text(text_of(child(concept, "name")))
    qcode = concept.get("qcode", "")
    return name or clean_text(concept.get("literal", "")) or clean_text(qcode.partition(":")[2])


def _summary(content_meta: etree._Element | None) -> str:
    descriptions = children(content_meta, "description")
    for description in descriptions:
        role = description.get("role", "").lower()
        if role.endswith((":summary", ":abstract", ":intro")):
            return clean_text(text_of(description))
    return next((clean_text(text_of(d)) for d in descriptions if not d.get("role")), "")


def _caption(content_meta: etree._Element | None) -> str:
    descriptions = children(content_meta, "description")
    captions = [d for d in descriptions if d.get("role", "").lower().endswith("caption")]
    return clean_text(text_of((captions or descriptions or [None])[0]))


def _byline(content_meta: etree._Element | None) -> str:
    by = clean_text(text_of(child(content_meta, "by")))
    if by:
        return by
    creators = (_concept_name(creator) for creator in children(content_meta, "creator"))
    return ", ".join(name for name in creators if name)


def _dateline_place(content_meta: etree._Element | None) -> str:
    located = child(content_meta, "located")
    if located is not None:
        return _concept_name(located)
    return clean_text(text_of(child(content_meta, "dateline")))


def _subjects(content_meta: etree._Element | None) -> list[Subject]:
    subjects = []
    for subject in children(content_meta, "subject"):
        scheme, _, code = subject.get("qcode", "").partition(":")
        if not code:
            scheme, code = "", subject.get("literal", "")
        if clean_text(code):
            subjects.append(
                Subject(clean_text(scheme), clean_text(code), _concept_name_only(subject))
            )
    return subjects


def _concept_name_only(concept: etree._Element) -> str:
    return clean_text(text_of(child(concept, "name")))


def _links(item_meta: etree._Element | None) -> list[Link]:
    links = []
    for link in children(item_meta, "link"):
        url = web_url(link.get("href", ""))
        if url:
            links.append(
                Link(url, clean_text(link.get("rel", "")), clean_text(link.get("title", "")))
            )
    return links


def _inline_nitf(content_set: etree._Element | None) -> etree._Element | None:
    for inline_xml in children(content_set, "inlineXML"):
        nitf_root = child(inline_xml, "nitf")
        if nitf_root is not None:
            return nitf_root
    return None


def _body_html(content_set: etree._Element | None, inline_nitf: etree._Element | None) -> str:
    if inline_nitf is not None:
        return nitf.body_html(child(child(inline_nitf, "body"), "body.content"))
    for inline_xml in children(content_set, "inlineXML"):
        html_body = next(inline_xml.iterdescendants("{*}body"), None)
        markup = markup_of_children(html_body if html_body is not None else inline_xml)
        body = clean_html(markup)
        if body:
            return body
    for inline_text in children(content_set, "inlineText"):
        body = text_to_html(text_of(inline_text))
        if body:
            return body
    return ""


def _images(element, content_meta, content_set, inline_nitf) -> list[Image]:
    item_class = attribute(child(child(element, "itemMeta"), "itemClass"), "qcode")
    is_picture = item_class in PICTURE_CLASSES
    caption = _caption(content_meta) if is_picture else ""
    credit = clean_text(text_of(child(content_meta, "creditline")))
    found = []
    for remote in children(content_set, "remoteContent"):
        media_type = clean_text(remote.get("contenttype", ""))
        url = web_url(remote.get("href", ""))
        if url and (media_type.startswith("image/") or (is_picture and not media_type)):
            found.append(
                Image(
                    url=url,
                    caption=caption,
                    credit=credit,
                    width=parse_pixels(remote.get("width")),
                    height=parse_pixels(remote.get("height")),
                    media_type=media_type,
                )
            )
    if inline_nitf is not None:
        found.extend(nitf.images(child(child(inline_nitf, "body"), "body.content")))
    return found
