"""The one hardened XML parser every XML wire format goes through.

Agency XML is untrusted: entity declarations can expand without bound (billion laughs) or pull
in local files and URLs (XXE), so a payload that declares entities is refused outright, and the
parser never resolves entities, loads a DTD or touches the network.
"""

from copy import deepcopy

from lxml import etree

from .items import WireFormatError

_ENCODINGS_TO_SCAN = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
_DOCTYPE_MARKERS = tuple("<!DOCTYPE".encode(codec) for codec in _ENCODINGS_TO_SCAN)
_ENTITY_MARKERS = tuple("<!ENTITY".encode(codec) for codec in _ENCODINGS_TO_SCAN)
ENTITY_REFUSAL = (
    "the payload declares XML entities in its DOCTYPE; they are refused because they can "
    "expand without bound or read local files and URLs"
)


def refuse_entity_declarations(payload: bytes) -> None:
    """Raise WireFormatError when a DOCTYPE declares entities, before any parser sees it."""
    has_doctype = any(marker in payload for marker in _DOCTYPE_MARKERS)
    if has_doctype and any(marker in payload for marker in _ENTITY_MARKERS):
        raise WireFormatError(ENTITY_REFUSAL)


def _hardened_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
    )


def parse_xml(payload: bytes) -> etree._Element:
    """The root element of a well-formed, entity-free XML payload, else WireFormatError."""
    refuse_entity_declarations(payload)
    try:
        root = etree.fromstring(payload, parser=_hardened_parser())
    except etree.LxmlError as error:
        raise WireFormatError(f"not well-formed XML: {error}") from None
    internal_dtd = root.getroottree().docinfo.internalDTD
    if internal_dtd is not None and any(True for _ in internal_dtd.iterentities()):
        raise WireFormatError(ENTITY_REFUSAL)
    return root


def local_name(element: etree._Element) -> str:
    """The tag without its namespace; "" for comments and other non-element nodes."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def child(element: etree._Element | None, name: str) -> etree._Element | None:
    """The first direct child with this local name, in any namespace."""
    if element is None:
        return None
    return next(element.iterchildren(f"{{*}}{name}"), None)


def children(element: etree._Element | None, name: str) -> list[etree._Element]:
    return [] if element is None else list(element.iterchildren(f"{{*}}{name}"))


def descendant(element: etree._Element | None, name: str) -> etree._Element | None:
    """The first element below this one with this local name, in any namespace."""
    if element is None:
        return None
    return next(element.iterdescendants(f"{{*}}{name}"), None)


def descendants(element: etree._Element | None, name: str) -> list[etree._Element]:
    return [] if element is None else list(element.iterdescendants(f"{{*}}{name}"))


def attribute(element: etree._Element | None, name: str) -> str:
    """The attribute's value, "" when the element or the attribute is missing."""
    return "" if element is None else element.get(name, "")


def text_of(element: etree._Element | None) -> str:
    """All text inside the element, comments left out."""
    return "" if element is None else element.xpath("string()")


def serialise(element: etree._Element) -> str:
    return etree.tostring(element, encoding="unicode", with_tail=False)


def markup_of_children(
    element: etree._Element, renames: dict[str, str] | None = None, leave_out: tuple[str, ...] = ()
) -> str:
    """The element's content as HTML with namespaces dropped, for sanitising into a body.

    `renames` maps a local name to an HTML tag (NITF's hl2 → h2, for instance); elements named
    in `leave_out` are dropped with their content.
    """
    copy = deepcopy(element)
    for name in leave_out:
        for node in list(copy.iterdescendants(f"{{*}}{name}")):
            node.getparent().remove(node)
    for node in copy.iter():
        name = local_name(node)
        if name:
            node.tag = (renames or {}).get(name, name)
            for attribute in [key for key in node.attrib if key.startswith("{")]:
                del node.attrib[attribute]
    etree.cleanup_namespaces(copy)
    parts = [copy.text or ""]
    parts.extend(etree.tostring(node, encoding="unicode", method="html") for node in copy)
    return "".join(parts)
