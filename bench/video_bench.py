"""Shorts: seconds of processing per second of video (dateline/video/processing.py).

    .venv/bin/python bench/video_bench.py [SECONDS]      (default 30)

Generates two clips of SECONDS with ffmpeg's test sources, as phones record them (1080x1920
vertical with sound, 1920x1080 landscape without), and times the whole processing of each: probe,
two H.264/AAC renditions, the HLS ladder, posters. The baseline, measured in the same run on the
same clip, is one plain ffmpeg encode to 720x1280 at the same settings: the ratio says what the
second rendition, the ladder and the posters add. It only prints; nothing passes or fails on a time.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.video.processing import process  # noqa: E402

CLIPS = [
    ("vertical 1080x1920, sound", "testsrc2=size=1080x1920:rate=30", True),
    ("landscape 1920x1080, silent", "testsrc2=size=1920x1080:rate=30", False),
]


def make_clip(path, source, sound, seconds):
    command = ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", source]
    if sound:
        command += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}", "-c:a", "aac"]
    command += ["-t", str(seconds), "-c:v", "libx264", "-preset", "ultrafast", str(path)]
    subprocess.run(command, check=True)


def baseline(path, target):
    """One encode to the larger rendition, the least any player-ready pipeline does."""
    frame = "scale=720:1280:force_original_aspect_ratio=decrease,pad=720:1280:(ow-iw)/2:(oh-ih)/2"
    command = [
        "ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(path), "-vf", frame,
        "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-c:a", "aac", str(target),
    ]  # fmt: skip
    started = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - started


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    seconds = int(argv[0]) if argv else 30
    print(f"shorts processing, {seconds} s clips, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="dateline-video-bench-") as work:
        work = Path(work)
        for number, (label, source, sound) in enumerate(CLIPS):
            clip = work / f"clip-{number}.mp4"
            make_clip(clip, source, sound, seconds)
            plain = baseline(clip, work / f"baseline-{number}.mp4")
            out = work / f"out-{number}"
            out.mkdir()
            started = time.perf_counter()
            process(clip, out, max_seconds=seconds + 1)
            spent = time.perf_counter() - started
            print(
                f"  {label:<28} {spent:6.1f} s = {spent / seconds:5.2f} s per second of video; "
                f"baseline one encode {plain:5.1f} s (ratio {spent / plain:4.2f})"
            )


if __name__ == "__main__":
    main()
