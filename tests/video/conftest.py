import json
import shutil
import subprocess

import pytest

if not shutil.which("ffmpeg") or not shutil.which("ffprobe"):
    pytest.skip("Debian's ffmpeg is not installed", allow_module_level=True)


def make_clip(path, width, height, seconds, audio=True, codec="libx264"):
    """A synthetic clip from ffmpeg's own test sources: colour bars and a counter, a tone."""
    command = ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi"]
    command += ["-i", f"testsrc=size={width}x{height}:rate=25:duration={seconds}"]
    if audio:
        command += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}", "-shortest"]
        command += ["-c:a", "aac" if codec == "libx264" else "libopus"]
    command += ["-c:v", codec, "-pix_fmt", "yuv420p", str(path)]
    subprocess.run(command, check=True)
    return path


@pytest.fixture(scope="session")
def clips(tmp_path_factory):
    """A vertical MP4 with sound and a horizontal WebM without, made once per run."""
    folder = tmp_path_factory.mktemp("clips")
    return {
        "vertical": make_clip(folder / "vertical.mp4", 360, 640, 3),
        "horizontal": make_clip(folder / "horizontal.webm", 640, 360, 2, False, "libvpx-vp9"),
        "long": make_clip(folder / "long.mp4", 180, 320, 6, False),
    }


def probe_streams(path):
    """{codec_type: stream} of a file, as ffprobe reads it."""
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_streams", "-show_format", path],
        capture_output=True,
        check=True,
    )
    found = json.loads(result.stdout)
    return {stream["codec_type"]: stream for stream in found["streams"]}, found["format"]
