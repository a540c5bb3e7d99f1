"""Editors upload shorts in the admin; the worker processes them; failures stay listed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from dateline.newsroom.factories import StaffFactory, StoryFactory
from dateline.newsroom.roles import CHIEF_EDITOR, WRITER
from dateline.taxonomy.models import Sector
from dateline.video.models import Short
from dateline.video.tasks import process_short

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer_client(client, home):
    client.force_login(StaffFactory(username="wren", group=WRITER))
    return client


def upload(client, content, name="clip.mp4", **fields):
    data = {
        "title": "Flood waters recede in Sylhet",
        "caption": "Residents return to their homes as the water falls.",
        "credit": "Dateline video desk",
        "source": "Dateline",
        "digital_source_type": "digitalCapture",
        "sectors": [Sector.objects.get(slug="science-environment").pk],
        "original": SimpleUploadedFile(name, content, content_type="video/mp4"),
        **fields,
    }
    return client.post(reverse("shorts:add"), data)


def test_a_writer_uploads_a_short_and_the_worker_makes_it_ready(
    writer_client, client, clips, django_capture_on_commit_callbacks
):
    # Readers' cached home page, shorts feed and sitemap index (without the short) are dropped
    # as soon as it is ready. (The writer's client is signed in: the page cache never serves it.)
    reader = Client()
    # A story published first: the first purge a fresh shared cache sees drops every page (it
    # cannot tell what came before), which would hide what the short's own purge drops.
    StoryFactory()
    watched = {
        "/": "Flood waters recede in Sylhet",
        "/feeds/shorts/": "Flood waters recede in Sylhet",
    }
    watched["/sitemap.xml"] = "/sitemaps/shorts.xml"
    for path, text in watched.items():
        assert text not in reader.get(path).content.decode(), path
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(writer_client, clips["vertical"].read_bytes())
    assert response.status_code == 302
    short = Short.objects.get()
    assert short.status == Short.Status.READY and short.error == ""
    assert short.duration == pytest.approx(3, abs=0.1)
    assert short.uploaded_by.username == "wren"
    assert short.original.name.startswith("shorts/originals/") and short.original.size > 0
    for field in ("mp4_720", "mp4_480", "hls_master", "poster_jpeg", "poster_webp"):
        assert getattr(short, field).size > 0, field
    # Feeds and the API give each MP4's size without asking storage.
    assert (short.mp4_720_bytes, short.mp4_480_bytes) == (short.mp4_720.size, short.mp4_480.size)
    listing = writer_client.get(reverse("shorts:index")).content.decode()
    assert "Ready (3 s)" in listing
    for path, text in watched.items():
        assert text in reader.get(path).content.decode(), path


def test_a_damaged_video_fails_with_its_reason_and_nothing_else_is_affected(
    writer_client, clips, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(writer_client, clips["vertical"].read_bytes(), title="Good one")
        damaged = b"\x00\x00\x00\x18ftypmp42" + b"\x00garbage" * 500
        upload(writer_client, damaged, title="Broken one")
    statuses = dict(Short.objects.values_list("title", "status"))
    assert statuses == {"Good one": "ready", "Broken one": "failed"}
    listing = writer_client.get(reverse("shorts:index")).content.decode()
    assert "Failed: This file is not a video that can be read (or it is damaged)." in listing


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("clip.txt", b"\x00\x00\x00\x18ftypmp42", "Upload an MP4, MOV or WebM video."),
        ("clip.mp4", b"plain words, not a video", "This file is not an MP4, MOV or WebM video."),
        ("clip.mov", b"\x00\x00\x00\x18ftypqt  " + b"\x00" * 2048, "shorts may be at most 1.0"),
    ],
)
def test_uploads_that_are_no_video_or_too_large_are_refused_in_the_form(
    writer_client, settings, name, content, message
):
    settings.DATELINE_SHORT_MAX_BYTES = 1024
    response = upload(writer_client, content, name=name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Short.objects.exists()


def test_replacing_the_file_processes_it_again(
    client, home, clips, django_capture_on_commit_callbacks
):
    client.force_login(StaffFactory(username="chief", group=CHIEF_EDITOR))
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, b"\x00\x00\x00\x18ftypmp42" + b"\x00junk" * 300)
    short = Short.objects.get()
    assert short.status == Short.Status.FAILED
    edit = reverse("shorts:edit", args=[short.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit,
            {
                "title": short.title,
                "caption": short.caption,
                "credit": short.credit,
                "digital_source_type": "trainedAlgorithmicMedia",
                "original": SimpleUploadedFile("new.webm", clips["horizontal"].read_bytes()),
            },
        )
    assert response.status_code == 302
    short.refresh_from_db()
    assert (short.status, short.error, short.width, short.height) == ("ready", "", 640, 360)
    assert short.ai_disclaimer.startswith("This video is AI-generated")


def test_people_outside_the_newsroom_cannot_upload(client, home, clips):
    client.force_login(StaffFactory(username="nobody", group=None))
    response = upload(client, clips["vertical"].read_bytes())
    assert response.status_code in (302, 403)
    assert not Short.objects.exists()


def test_srt_captions_are_stored_as_webvtt_and_shown_to_readers(
    writer_client, client, clips, django_capture_on_commit_callbacks
):
    srt = b"1\n00:00:00,500 --> 00:00:02,000\nThe water is falling.\n"
    with django_capture_on_commit_callbacks(execute=True):
        upload(
            writer_client,
            clips["vertical"].read_bytes(),
            captions_file=SimpleUploadedFile("captions.srt", srt),
            captions_language="en",
        )
    caption = Short.objects.get().captions.get()
    assert caption.language == "en" and caption.label == "English"
    assert caption.file.read().decode().startswith("WEBVTT\n\n00:00:00.500 --> 00:00:02.000")
    page = client.get(f"/shorts/{caption.short_id}/").content.decode()
    assert '<track kind="captions"' in page and 'srclang="en" label="English" default' in page


@pytest.mark.parametrize(
    ("name", "content", "language", "message"),
    [
        ("captions.txt", b"1\n00:00:00,500 --> 00:00:02,000\nHi\n", "en", "WebVTT (.vtt) or"),
        ("captions.srt", b"no cues here", "en", "No captions were found"),
        ("captions.srt", b"1\n00:00:00,500 --> 00:00:02,000\nHi\n", "xx-zz", "is not a language"),
        ("captions.srt", b"1\n00:00:00,500 --> 00:00:02,000\nHi\n", "", "Say which language"),
    ],
)
def test_bad_captions_are_refused_in_the_form(
    writer_client, clips, name, content, language, message
):
    response = upload(
        writer_client,
        clips["vertical"].read_bytes(),
        captions_file=SimpleUploadedFile(name, content),
        captions_language=language,
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Short.objects.exists()


def test_a_short_whose_stored_original_is_gone_fails_instead_of_hanging(
    writer_client, clips, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(writer_client, b"\x00\x00\x00\x18ftypmp42" + b"\x00junk" * 300)
    short = Short.objects.get()
    short.original.delete(save=False)  # as after a lost disk or a cleaned bucket
    short.original.name = "shorts/originals/missing.mp4"
    short.save()
    process_short.call(short.pk)
    short.refresh_from_db()
    assert short.status == Short.Status.FAILED
    assert short.error == "Processing failed on the server; try uploading the file again."
