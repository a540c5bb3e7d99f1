"""Captions for shorts: WebVTT as browsers read it, from a WebVTT or SubRip (SRT) file. Plain Python.

Both formats are a list of cues: a time range and some lines of text. An SRT cue writes its times
with a comma before the milliseconds and has a number above it; WebVTT wants a "WEBVTT" header and
a full stop. Cue text is kept as plain text (no markup reaches the page), and a file with no cue
is refused: it would show readers nothing.
"""

import html
import re

_TIMES = re.compile(
    r"^\s*(?P<start>(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*"
    r"(?P<end>(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3})(?P<settings>[^\n]*)$"
)
_TAGS = re.compile(r"<[^>]*>")
MAX_CUES = 5000


class CaptionError(ValueError):
    """Why a caption file was refused, for the editor."""


def _timestamp(text):
    """A timestamp as WebVTT writes it: hh:mm:ss.mmm."""
    text = text.replace(",", ".")
    whole, _, fraction = text.partition(".")
    parts = [int(part) for part in whole.split(":")]
    while len(parts) < 3:
        parts.insert(0, 0)
    hours, minutes, seconds = parts
    if minutes > 59 or seconds > 59:
        raise CaptionError(f"{text} is not a time.")
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{fraction.ljust(3, '0')[:3]}"


def _plain(line):
    """A cue line as plain text, escaped as WebVTT wants ("&", "<" and ">" are markup there)."""
    text = html.unescape(_TAGS.sub("", line)).strip()
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _seconds(timestamp):
    hours, minutes, seconds = timestamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def to_webvtt(data):
    """WebVTT text of a caption file's bytes (WebVTT or SRT), or CaptionError."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CaptionError("Caption files must be UTF-8 text (WebVTT or SRT).") from error
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    cues = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.split("\n") if line.strip()]
        timing = next((n for n, line in enumerate(lines) if _TIMES.match(line)), None)
        if timing is None:
            continue  # the header, a NOTE, a STYLE block or a stray line
        found = _TIMES.match(lines[timing])
        start, end = _timestamp(found["start"]), _timestamp(found["end"])
        if _seconds(end) <= _seconds(start):
            raise CaptionError(f"A caption ends before it starts ({start} --> {end}).")
        words = [_plain(line) for line in lines[timing + 1 :]]
        words = [line for line in words if line and "-->" not in line]
        if words:
            cues.append(f"{start} --> {end}\n" + "\n".join(words))
        if len(cues) > MAX_CUES:
            raise CaptionError(f"More than {MAX_CUES:,} captions: is this the right file?")
    if not cues:
        raise CaptionError("No captions were found: upload a WebVTT (.vtt) or SubRip (.srt) file.")
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"
