"""Plain text of wire copy, and its normalised words for comparing. Plain Python: no Django import.

Dedupe, tagging, ingest and the desk's stories all read an item's text through here, so that a
fingerprint, a signature and the tags see the same words.
"""

import html
import re
import unicodedata

_BLOCK_TAGS = re.compile(r"<\s*(?:br|/?p|/?div|/?h[1-6]|/?li|/?tr|/?blockquote)\b[^>]*>", re.I)
_HIDDEN_ELEMENTS = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_TAGS = re.compile(r"<[^>]*>")
# Paragraphs a press office appends to every release, whatever it is about.
_BOILERPLATE = re.compile(
    r"^\s*(?:about\s+(?:the\s+)?[A-Z]|media\s+contacts?\b|press\s+contacts?\b|contacts?\s*:"
    r"|for\s+(?:more|further)\s+information\b|notes?\s+to\s+editors\b|\*\*\*|###)"
    r"|@[\w-]+\.\w|\+\d[\d ()-]{7,}",
    re.I | re.M,
)
# An issuer describing itself ("Founded in 1966, the Manila-based bank is owned by 68 members";
# "IDA ... was created in 1960"), which releases end with whether or not under an "About" heading.
_SELF_DESCRIPTION = re.compile(
    r"\b(?:founded|established|created|set up)\s+in\s+(?:19|20)\d\d\b"
    r"|\bowned by \d+ members\b|\b\d+ member (?:countries|states)\b",
    re.I,
)
# Among a release's last paragraphs, where such a description stands.
_SELF_DESCRIPTION_AT_END = 3
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_NOT_WORD = re.compile(r"[\W_]+")
# The same split for ASCII text (most agency copy): its non-word characters become spaces, which
# str.split() then drops, in a third of the regex's time.
_ASCII_NOT_WORD = str.maketrans({char: " " for char in map(chr, range(128)) if not char.isalnum()})
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r" ?\n[\n ]*")


def plain_text(text):
    """Text of a fragment of HTML (or of plain text): tags dropped, entities decoded, quotes and
    dashes unified, one newline between blocks."""
    if "<" in text:
        text = _HIDDEN_ELEMENTS.sub(" ", text)
        text = _BLOCK_TAGS.sub("\n", text)
        text = _TAGS.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    # The substitutions change nothing in text without a run of spaces or a blank line, such as
    # plain text (most of what the tagger and dedupe read has been through here once already);
    # looking for those costs a fraction of running the regexes over every character.
    if "  " in text or "\t" in text or "\r" in text or "\f" in text or "\v" in text:
        text = _SPACES.sub(" ", text)
    if " \n" in text or "\n\n" in text or "\n " in text:
        text = _BLANK_LINES.sub("\n", text)
    return text.strip()


def plain_body_or_summary(body_html, summary):
    """The plain text a fingerprint, a signature and the tagger read: the body, else the summary."""
    return plain_text(body_html) or summary


def normalise_text(text):
    """Casefolded words of the text, single-spaced: no markup, entities, punctuation or quotes."""
    # Folding again after NFKC: composing can produce characters that fold further, and a
    # normalised text must normalise to itself. Dotless i (U+0131) is the one lower-case letter
    # whose upper case ("I") folds to another letter, so the two are made to agree.
    folded = unicodedata.normalize("NFKC", plain_text(text).casefold()).casefold()
    folded = folded.replace("\u0131", "i")
    if folded.isascii():
        return " ".join(folded.translate(_ASCII_NOT_WORD).split())
    return " ".join(_NOT_WORD.split(folded)).strip()


def split_boilerplate(text):
    """(the text without the paragraphs a press office appends to every release, those
    paragraphs), each joined by newlines; ("text", "") when it has none."""
    if not _BOILERPLATE.search(text) and not _SELF_DESCRIPTION.search(text):
        return text, ""
    paragraphs = text.split("\n")
    appended = {
        index for index, paragraph in enumerate(paragraphs) if _BOILERPLATE.search(paragraph)
    }
    rest = [index for index in range(1, len(paragraphs)) if index not in appended]
    appended.update(
        index
        for index in rest[-_SELF_DESCRIPTION_AT_END:]
        if _SELF_DESCRIPTION.search(paragraphs[index])
    )
    return (
        "\n".join(paragraph for index, paragraph in enumerate(paragraphs) if index not in appended),
        "\n".join(paragraphs[index] for index in sorted(appended)),
    )


def strip_boilerplate(text):
    """The text without the paragraphs a press office appends to every release."""
    return split_boilerplate(text)[0]
