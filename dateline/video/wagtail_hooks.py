"""Shorts in the admin: upload with credit and provenance; status and errors in the list."""

from django import forms
from django.core.files.base import ContentFile
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .forms import ShortForm
from .models import Short, ShortCaption
from .tasks import queue_processing


def status_text(short):
    """The status, and for a failed short why, as the editor needs it."""
    if short.status == Short.Status.FAILED:
        return f"Failed: {short.error}"
    if short.status == Short.Status.READY and short.duration:
        return f"Ready ({short.duration:.0f} s)"
    return short.get_status_display()


def save_captions(form, short):
    """Store the uploaded captions (already WebVTT) for their language, replacing any."""
    webvtt = form.cleaned_data.get("captions_file")
    if webvtt:
        ShortCaption.objects.filter(
            short=short, language=form.cleaned_data["captions_language"]
        ).delete()
        ShortCaption.objects.create(
            short=short,
            language=form.cleaned_data["captions_language"],
            file=ContentFile(webvtt.encode(), name="captions.vtt"),
        )


class ShortCreateView(generic.CreateView):
    def save_instance(self):
        short = self.form.save(commit=False)
        short.uploaded_by = self.request.user
        short.save()
        self.form.save_m2m()
        save_captions(self.form, short)
        queue_processing(short)
        return short


class ShortEditView(generic.EditView):
    def save_instance(self):
        replaced = "original" in self.form.changed_data
        short = self.form.save(commit=False)
        if replaced:
            short.status, short.error = Short.Status.WAITING, ""
        short.save()
        self.form.save_m2m()
        save_captions(self.form, short)
        if replaced:
            queue_processing(short)
        return short


class ShortViewSet(ModelViewSet):
    model = Short
    icon = "media"
    menu_label = "Shorts"
    menu_order = 310
    add_to_admin_menu = True
    url_prefix = "shorts"
    add_view_class = ShortCreateView
    edit_view_class = ShortEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("caption"),
            FieldPanel("original"),
            FieldPanel("captions_file"),
            FieldPanel("captions_language"),
            FieldPanel("credit"),
            FieldPanel("source"),
            FieldPanel("digital_source_type"),
            FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
            FieldPanel("editions", widget=forms.CheckboxSelectMultiple),
        ],
        base_form_class=ShortForm,
    )
    list_display = [
        "title",
        Column("status", label="Status", accessor=status_text, sort_key="status"),
        "credit",
        DateColumn("created_at", label="Uploaded", sort_key="created_at"),
    ]
    list_filter = ["status"]
    search_fields = ["title", "caption", "credit"]


@hooks.register("register_admin_viewset")
def register_short_viewset():
    return ShortViewSet("shorts")
