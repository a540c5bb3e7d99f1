"""Shorts made before their MP4 sizes were kept get them once, from storage, when migrating."""

import importlib

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from dateline.video.factories import ShortFactory
from dateline.video.models import Short

pytestmark = pytest.mark.django_db

migration = importlib.import_module("dateline.video.migrations.0004_rendition_sizes")


def test_stored_renditions_are_measured_and_missing_ones_stay_unknown():
    high = default_storage.save("shorts/old/720p.mp4", ContentFile(b"x" * 1234))
    low = default_storage.save("shorts/old/480p.mp4", ContentFile(b"x" * 567))
    old = ShortFactory(mp4_720=high, mp4_480=low, mp4_720_bytes=None, mp4_480_bytes=None)
    lost = ShortFactory(title="Files gone", mp4_720_bytes=None, mp4_480_bytes=None)
    failed = ShortFactory(status=Short.Status.FAILED, mp4_720="", mp4_480="", mp4_720_bytes=None)

    migration.measure_stored_renditions(apps, None)

    for short in (old, lost, failed):
        short.refresh_from_db()
    assert (old.mp4_720_bytes, old.mp4_480_bytes) == (1234, 567)
    assert (lost.mp4_720_bytes, lost.mp4_480_bytes) == (None, None)
    assert failed.mp4_720_bytes is None
