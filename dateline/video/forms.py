"""The upload form's checks: what can be refused before the worker spends time on a file."""

import re
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from wagtail.admin.forms import WagtailAdminModelForm

from .captions import CaptionError, to_webvtt
from .models import language_name

VIDEO_SUFFIXES = (".mp4", ".m4v", ".mov", ".webm")
CAPTION_SUFFIXES = (".vtt", ".srt")
CAPTION_MAX_BYTES = 1024 * 1024
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def looks_like_video(head):
    """Whether the first bytes are those of an MP4/QuickTime or a WebM (Matroska) file."""
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return True
    return head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip")


class ShortForm(WagtailAdminModelForm):
    captions_file = forms.FileField(
        label="Captions",
        required=False,
        help_text="A WebVTT (.vtt) or SubRip (.srt) file; it replaces the captions of its language.",
    )
    captions_language = forms.CharField(
        label="Language of the captions",
        initial="en",
        max_length=35,
        required=False,
        help_text='A language tag: "en", "hi", "pt-BR".',
    )

    def clean_captions_language(self):
        tag = self.cleaned_data.get("captions_language", "").strip()
        if tag and (not LANGUAGE_TAG.fullmatch(tag) or language_name(tag) is None):
            raise forms.ValidationError(f'"{tag}" is not a language tag such as "en" or "pt-BR".')
        return tag

    def clean_captions_file(self):
        upload = self.cleaned_data.get("captions_file")
        if upload is None:
            return None
        if PurePosixPath(upload.name).suffix.lower() not in CAPTION_SUFFIXES:
            raise forms.ValidationError("Upload captions as a WebVTT (.vtt) or SubRip (.srt) file.")
        if upload.size > CAPTION_MAX_BYTES:
            raise forms.ValidationError("Caption files may be at most 1 MB.")
        try:
            return to_webvtt(upload.read())
        except CaptionError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("captions_file") and not cleaned.get("captions_language"):
            self.add_error("captions_language", "Say which language the captions are in.")
        return cleaned

    def clean_original(self):
        upload = self.cleaned_data.get("original")
        if upload is None or not hasattr(upload, "content_type"):
            return upload  # the stored file, unchanged
        if PurePosixPath(upload.name).suffix.lower() not in VIDEO_SUFFIXES:
            raise forms.ValidationError("Upload an MP4, MOV or WebM video.")
        limit = settings.DATELINE_SHORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"This file is {filesizeformat(upload.size)}; shorts may be at most "
                f"{filesizeformat(limit)}."
            )
        upload.seek(0)
        head = upload.read(12)
        upload.seek(0)
        if not looks_like_video(head):
            raise forms.ValidationError("This file is not an MP4, MOV or WebM video.")
        return upload
