"""Text that any XML document can carry.

XML 1.0 has no way to write most C0 control characters (not even as `&#11;`), the
noncharacters U+FFFE and U+FFFF, or lone surrogates: one of them in a headline makes a feed or a
sitemap ill-formed, and readers drop the whole file. They are removed wherever text comes in
(editor forms, wire copy, the API) and again wherever XML goes out, so text stored before that
rule cannot break a feed either.

Plain Python with no Django import, so that every layer, the wire's format parsers included,
can use it.
"""

import re

# The complement of the XML 1.0 `Char` production (https://www.w3.org/TR/xml/#charsets):
# tab, newline and carriage return are the only controls it allows.
_NOT_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """The text without the characters XML 1.0 cannot carry."""
    return _NOT_XML_CHAR.sub("", text)


def xml_safe_data(value):
    """`value` with xml_safe applied to every string in it, through lists, tuples and dicts
    (keys included); anything else is returned as it is."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {xml_safe_data(key): xml_safe_data(item) for key, item in value.items()}
    if type(value) in (list, tuple):
        return type(value)(xml_safe_data(item) for item in value)
    return value
