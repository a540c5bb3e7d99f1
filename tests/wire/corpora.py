"""The shared sample corpora, which live beside the repository rather than in it."""

from pathlib import Path

import pytest

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
WIRE_FORMAT_DIRECTORIES = ("ninjs", "newsml-g2", "nitf", "rss-atom")


def corpus_files(*directories: str) -> list[Path]:
    """Every file under these corpus directories, or none when the corpora are absent."""
    return sorted(
        path
        for directory in directories
        if (CORPORA / directory).is_dir()
        for path in (CORPORA / directory).rglob("*")
        if path.is_file()
    )


def read_corpus(relative_path: str) -> bytes:
    """A corpus file's bytes; the calling test is skipped when the corpora are absent."""
    path = CORPORA / relative_path
    if not path.is_file():
        pytest.skip(f"corpus file {relative_path} is not available")
    return path.read_bytes()
