"""Real ffmpeg on synthetic clips: what every player gets, and clean refusals."""

import pytest
from PIL import Image

from dateline.video.processing import ProcessingError, process

from .conftest import probe_streams


@pytest.mark.parametrize("clip", ["vertical", "horizontal"])
def test_any_clip_becomes_two_vertical_h264_aac_renditions_hls_and_posters(clips, tmp_path, clip):
    outputs = process(clips[clip], tmp_path, max_seconds=180)
    expected_seconds = {"vertical": 3, "horizontal": 2}[clip]
    assert outputs.duration == pytest.approx(expected_seconds, abs=0.1)
    for name, size in [("720p", (720, 1280)), ("480p", (480, 854))]:
        streams, container = probe_streams(outputs.renditions[name])
        assert (streams["video"]["codec_name"], streams["audio"]["codec_name"]) == ("h264", "aac")
        assert (streams["video"]["width"], streams["video"]["height"]) == size
        assert float(container["duration"]) == pytest.approx(expected_seconds, abs=0.2)
        # +faststart: the index (moov) comes before the media (mdat), so playback starts early.
        head = outputs.renditions[name].read_bytes()[:200_000]
        assert 0 <= head.find(b"moov") < head.find(b"mdat")
    master = outputs.hls_master.read_text()
    assert "RESOLUTION=720x1280" in master and "RESOLUTION=480x854" in master
    for variant in ("720p.m3u8", "480p.m3u8"):
        playlist = (outputs.hls_master.parent / variant).read_text()
        assert "#EXT-X-ENDLIST" in playlist and ".ts" in playlist
    with Image.open(outputs.poster_jpeg) as jpeg, Image.open(outputs.poster_webp) as webp:
        assert (jpeg.format, jpeg.size) == ("JPEG", (720, 1280))
        assert (webp.format, webp.size) == ("WEBP", (720, 1280))


def test_a_clip_too_long_is_refused_before_any_encoding(clips, tmp_path):
    with pytest.raises(ProcessingError, match="runs 6 seconds; shorts may run at most 5"):
        process(clips["long"], tmp_path, max_seconds=5)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "content",
    [b"", b"not a video at all, just words\n" * 100, bytes(range(256)) * 64],
    ids=["empty", "text", "noise"],
)
def test_what_is_not_a_video_is_refused_with_a_message(tmp_path, content):
    source = tmp_path / "upload.mp4"
    source.write_bytes(content)
    with pytest.raises(ProcessingError, match="not a video that can be read"):
        process(source, tmp_path, max_seconds=180)


def test_a_truncated_video_is_refused_or_processed_never_crashes(clips, tmp_path):
    data = clips["vertical"].read_bytes()
    source = tmp_path / "cut.mp4"
    source.write_bytes(data[: len(data) // 3])
    (tmp_path / "out").mkdir()
    try:
        outputs = process(source, tmp_path / "out", max_seconds=180)
    except ProcessingError as error:
        assert str(error)
    else:
        assert outputs.renditions["720p"].stat().st_size > 0
