"""Caption files: SRT and WebVTT in, WebVTT out; anything else refused, never a crash."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.video.captions import CaptionError, to_webvtt

SRT = (
    b"1\r\n00:00:01,000 --> 00:00:02,500\r\nWater levels <i>fell</i> overnight & roads reopened\r\n"
    b"\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nSecond line\r\n"
)


def test_srt_becomes_webvtt_with_plain_escaped_text():
    assert to_webvtt(SRT) == (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:02.500\nWater levels fell overnight &amp; roads reopened\n\n"
        "00:00:03.000 --> 00:00:04.000\nSecond line\n"
    )


def test_webvtt_keeps_its_cues_and_drops_notes_and_styles():
    source = b"\xef\xbb\xbfWEBVTT\n\nNOTE from the desk\n\nSTYLE\n::cue { color: red }\n\n"
    source += b"intro\n01:02.5 --> 01:04.25 align:start\nA cue\n"
    assert to_webvtt(source) == "WEBVTT\n\n00:01:02.500 --> 00:01:04.250\nA cue\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "No captions were found"),
        (b"just some words\nand more", "No captions were found"),
        (b"\xff\xfe\x00w", "must be UTF-8"),
        (b"1\n00:00:05,000 --> 00:00:02,000\nBackwards\n", "ends before it starts"),
        (b"1\n00:00:75,000 --> 00:01:02,000\nNo such second\n", "is not a time"),
    ],
)
def test_files_that_are_no_captions_are_refused_with_a_reason(data, message):
    with pytest.raises(CaptionError, match=message):
        to_webvtt(data)


@given(st.binary(max_size=2000))
def test_any_bytes_give_webvtt_or_a_caption_error(data):
    try:
        result = to_webvtt(data)
    except CaptionError:
        return
    assert result.startswith("WEBVTT\n\n") and "-->" in result
