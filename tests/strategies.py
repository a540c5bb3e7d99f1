"""Hypothesis strategies shared by the tests of text that must survive XML."""

from hypothesis import strategies as st

# Every character XML 1.0 cannot carry, lone surrogates included: code can hand them over.
UNCARRIABLE = [chr(c) for c in range(32) if chr(c) not in "\t\n\r"] + [
    "\ufffe",
    "\uffff",
    "\ud800",
    "\udfff",
]


def text_with(bad_characters, others=None, **sizes):
    """Text mixing these characters with others. Joined from a list: st.text() never draws
    U+FFFE, U+FFFF or a surrogate, whatever its alphabet."""
    return st.lists(st.sampled_from(bad_characters) | (others or st.characters()), **sizes).map(
        "".join
    )
