"""The worker's side of shorts: process an upload and store what it made."""

import logging
import shutil
import tempfile
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from dateline.core.edge_purge import schedule_edge_purge
from dateline.core.page_cache import invalidate_paths
from dateline.taxonomy.editions import edition_slugs

from .models import Short
from .processing import ProcessingError, process

logger = logging.getLogger(__name__)


def _store(outputs, work):
    """Save every file made in `work` under a folder of its own; returns the short's fields that
    name them (and the MP4s' sizes)."""
    # A new folder per run: storage never renames a file (HLS playlists name their segments).
    folder = f"shorts/{uuid.uuid4().hex}"
    for path in sorted(work.rglob("*")):
        if path.is_file():
            with path.open("rb") as handle:
                default_storage.save(f"{folder}/{path.relative_to(work).as_posix()}", File(handle))
    stored = {
        "mp4_720": outputs.renditions["720p"],
        "mp4_480": outputs.renditions["480p"],
        "hls_master": outputs.hls_master,
        "poster_jpeg": outputs.poster_jpeg,
        "poster_webp": outputs.poster_webp,
    }
    names = {
        field: f"{folder}/{path.relative_to(work).as_posix()}" for field, path in stored.items()
    }
    sizes = {f"{field}_bytes": stored[field].stat().st_size for field in ("mp4_720", "mp4_480")}
    return {**names, **sizes}


@task()
def process_short(short_id):
    """Make a short's renditions and posters; a failure is kept on the short with its reason."""
    with transaction.atomic():
        short = Short.objects.select_for_update().filter(pk=short_id).first()
        if short is None:
            return
        short.status, short.error = Short.Status.PROCESSING, ""
        short.save(update_fields=["status", "error"])
    try:
        with tempfile.TemporaryDirectory(prefix="dateline-short-") as work:
            source = Path(work) / f"original{Path(short.original.name).suffix}"
            with short.original.open("rb") as original, source.open("wb") as copy:
                shutil.copyfileobj(original, copy)
            output_directory = Path(work) / "out"
            output_directory.mkdir()
            outputs = process(source, output_directory, settings.DATELINE_SHORT_MAX_SECONDS)
            stored = _store(outputs, output_directory)
    except ProcessingError as error:
        logger.warning("short %s failed: %s", short_id, error)
        Short.objects.filter(pk=short_id).update(status=Short.Status.FAILED, error=str(error))
        return
    except Exception:
        # Whatever else went wrong (storage, a poster the image library cannot read), the short
        # must not stay "processing" for ever: the editor sees it failed and can upload again.
        logger.exception("short %s failed unexpectedly", short_id)
        Short.objects.filter(pk=short_id).update(
            status=Short.Status.FAILED,
            error="Processing failed on the server; try uploading the file again.",
        )
        return
    updated = Short.objects.filter(pk=short_id).update(
        status=Short.Status.READY,
        error="",
        duration=outputs.duration,
        width=outputs.width,
        height=outputs.height,
        processed_at=timezone.now(),
        **stored,
    )
    if updated:
        # Readers see the new short on the next request, in every process.
        # Its page, the shorts page, the fronts, whose strip shows the newest shorts, and the
        # shorts' feeds and sitemap (named at the project level: no import of syndication).
        fronts = [reverse("reader:edition", args=[slug]) for slug in edition_slugs()]
        machines = [
            reverse(name)
            for name in (
                "syndication:shorts_feed",
                "syndication:shorts_atom",
                "syndication:sitemap_shorts",
                "syndication:sitemap_index",
            )
        ]
        paths = [f"/shorts/{short_id}/", "/shorts/", "/", *fronts, *machines]
        invalidate_paths(paths)
        schedule_edge_purge(paths)


def queue_processing(short):
    """Process the short in the worker once the upload is committed."""
    transaction.on_commit(lambda: process_short.enqueue(short.pk))
