"""The upload form's checks: what can be refused before the worker spends time on a file."""

from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from wagtail.admin.forms import WagtailAdminModelForm

VIDEO_SUFFIXES = (".mp4", ".m4v", ".mov", ".webm")


def looks_like_video(head):
    """Whether the first bytes are those of an MP4/QuickTime or a WebM (Matroska) file."""
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return True
    return head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip")


class ShortForm(WagtailAdminModelForm):
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
