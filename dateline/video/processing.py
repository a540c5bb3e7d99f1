"""Turn an uploaded short video into what every reader's player can play. Plain Python + ffmpeg.

A short is shown vertically. Each upload, whatever its shape, codecs or container, becomes two
H.264/AAC MP4 renditions (720x1280 and 480x854, letterboxed when the original is not 9:16,
`+faststart` so playback starts before the whole file has arrived), an HLS ladder cut from those
same files without encoding again, and a poster frame as JPEG and WebP. ffprobe reads what the
upload is before anything is encoded, so a file that is not a video, is corrupt or runs too long
is refused with a message for the editor.
"""

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

# (name, width, height, video bitrate for the HLS master playlist's BANDWIDTH), best first.
RENDITIONS = (("720p", 720, 1280, 2_500_000), ("480p", 480, 854, 1_200_000))
AUDIO_BITRATE = 128_000
HLS_SEGMENT_SECONDS = 4
# The poster is the frame at this point of the video (or its middle, if shorter).
POSTER_AT_SECONDS = 1.0
# ffmpeg gets this long per second of video before it is stopped (a hostile file can make it
# spin); at least MIN_TIMEOUT.
TIMEOUT_PER_SECOND = 20
MIN_TIMEOUT = 60
# The codec strings players need in the HLS master playlist: H.264 Main 3.1 and AAC-LC.
HLS_CODECS = "avc1.4d401f,mp4a.40.2"


class ProcessingError(Exception):
    """What went wrong, in words for the editor who uploaded the file."""


@dataclass
class Probe:
    duration: float
    width: int
    height: int
    has_audio: bool


@dataclass
class Outputs:
    duration: float
    width: int
    height: int
    renditions: dict  # name -> Path of its MP4
    hls_master: Path  # the master playlist; its variant playlists and segments sit beside it
    poster_jpeg: Path
    poster_webp: Path


def _run(command, timeout):
    try:
        return subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as error:
        raise ProcessingError("Processing took too long and was stopped.") from error
    except FileNotFoundError as error:
        raise ProcessingError(f"{command[0]} is not installed on the server.") from error


def probe(path, max_seconds):
    """What the file holds, or ProcessingError if it is no playable video of at most max_seconds."""
    result = _run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", path],
        timeout=MIN_TIMEOUT,
    )
    try:
        found = json.loads(result.stdout or b"{}")
    except json.JSONDecodeError:
        found = {}
    streams = found.get("streams", [])
    video = next(
        (
            stream
            for stream in streams
            if stream.get("codec_type") == "video"
            and not stream.get("disposition", {}).get("attached_pic")
        ),
        None,
    )
    if result.returncode != 0 or video is None:
        raise ProcessingError("This file is not a video that can be read (or it is damaged).")
    try:
        duration = float(found.get("format", {}).get("duration") or video.get("duration"))
        width, height = int(video["width"]), int(video["height"])
    except (TypeError, ValueError, KeyError) as error:
        raise ProcessingError("This video does not say how long or how large it is.") from error
    if duration <= 0 or width <= 0 or height <= 0:
        raise ProcessingError("This video has no frames to show.")
    if duration > max_seconds:
        raise ProcessingError(
            f"This video runs {duration:.0f} seconds; shorts may run at most {max_seconds} seconds."
        )
    # A phone's portrait video is often stored landscape with a rotation to apply.
    rotation = _rotation(video)
    if rotation in (90, 270):
        width, height = height, width
    has_audio = any(stream.get("codec_type") == "audio" for stream in streams)
    return Probe(duration, width, height, has_audio)


def _rotation(video):
    for side_data in video.get("side_data_list", []):
        if "rotation" in side_data:
            return abs(int(side_data["rotation"])) % 360
    try:
        return abs(int(video.get("tags", {}).get("rotate", 0))) % 360
    except ValueError:
        return 0


def _encode(source, found, name, width, height, target, timeout):
    # Fit inside the frame and letterbox, so that a landscape clip is shown whole.
    frame = (
        f"scale={width}:{height}:force_original_aspect_ratio=decrease,"
        f"pad={width}:{height}:(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p"
    )
    command = ["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(source)]
    if not found.has_audio:
        # A silent track, so that every rendition and HLS variant has the same two streams.
        command += ["-f", "lavfi", "-i", "anullsrc=channel_layout=stereo:sample_rate=44100"]
        command += ["-map", "0:v:0", "-map", "1:a:0", "-shortest"]
    else:
        command += ["-map", "0:v:0", "-map", "0:a:0"]
    command += [
        "-vf", frame,
        "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "main", "-level", "3.1",
        "-crf", "23", "-g", "48", "-keyint_min", "48", "-sc_threshold", "0",
        "-c:a", "aac", "-b:a", str(AUDIO_BITRATE), "-ac", "2",
        "-movflags", "+faststart",
        str(target),
    ]  # fmt: skip
    result = _run(command, timeout)
    if result.returncode != 0 or not target.exists():
        detail = result.stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
        raise ProcessingError(f"The video could not be converted ({name}): {detail[0][:200]}")


def _hls(renditions, directory, timeout):
    """Variant playlists cut from the MP4 renditions (no second encoding) and a master list."""
    lines = ["#EXTM3U", "#EXT-X-VERSION:3"]
    for name, width, height, bitrate in RENDITIONS:
        playlist = directory / f"{name}.m3u8"
        segments = str(directory / f"{name}-%03d.ts")
        command = [
            "ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(renditions[name]), "-c", "copy",
            "-f", "hls", "-hls_time", str(HLS_SEGMENT_SECONDS), "-hls_playlist_type", "vod",
            "-hls_segment_filename", segments, str(playlist),
        ]  # fmt: skip
        result = _run(command, timeout)
        if result.returncode != 0 or not playlist.exists():
            raise ProcessingError("The streaming version (HLS) could not be made.")
        lines += [
            f"#EXT-X-STREAM-INF:BANDWIDTH={bitrate + AUDIO_BITRATE},"
            f'RESOLUTION={width}x{height},CODECS="{HLS_CODECS}"',
            playlist.name,
        ]
    master = directory / "master.m3u8"
    master.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return master


def _posters(rendition, duration, directory, timeout):
    jpeg, webp = directory / "poster.jpg", directory / "poster.webp"
    at = min(POSTER_AT_SECONDS, duration / 2)
    command = [
        "ffmpeg", "-nostdin", "-v", "error", "-y", "-ss", f"{at:.3f}", "-i", str(rendition),
        "-frames:v", "1", "-q:v", "3", str(jpeg),
    ]  # fmt: skip
    result = _run(command, timeout)
    if result.returncode != 0 or not jpeg.exists():
        raise ProcessingError("No poster frame could be taken from the video.")
    with Image.open(jpeg) as image:
        image.save(webp, "WEBP", quality=80)
    return jpeg, webp


def process(source, directory, max_seconds):
    """Make the renditions, the HLS ladder and the posters of `source` in `directory`."""
    source, directory = Path(source), Path(directory)
    found = probe(source, max_seconds)
    timeout = max(MIN_TIMEOUT, int(found.duration * TIMEOUT_PER_SECOND))
    renditions = {}
    for name, width, height, _bitrate in RENDITIONS:
        target = directory / f"{name}.mp4"
        _encode(source, found, name, width, height, target, timeout)
        renditions[name] = target
    hls_directory = directory / "hls"
    hls_directory.mkdir(exist_ok=True)
    master = _hls(renditions, hls_directory, timeout)
    jpeg, webp = _posters(renditions[RENDITIONS[0][0]], found.duration, directory, timeout)
    return Outputs(found.duration, found.width, found.height, renditions, master, jpeg, webp)
