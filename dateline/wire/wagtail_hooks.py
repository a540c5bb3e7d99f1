"""The wire desk in Wagtail's admin: its URLs, its menu and the sources' screens."""

from datetime import timedelta

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import include, path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, NumberColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from dateline.newsroom.models import StoryPage

from . import assisted, desk
from .dashboard import DeskQueuesPanel
from .models import AssistedDraft, Source
from .roles import DESK_PERMISSION
from .views import SIGNATURE_HEADER

# Facts in no report named in the editor's message; the draft's sources page lists them all.
FLAGS_NAMED = 6

desk_urls = [
    path("", desk.queue, name="queue"),
    path("shift/", desk.toggle_shift, name="shift"),
    path("clusters/<int:pk>/", desk.cluster, name="cluster"),
    path("clusters/<int:pk>/story/", desk.cluster_story, name="cluster_story"),
    path("clusters/<int:pk>/spike/", desk.cluster_spike, name="cluster_spike"),
    path("clusters/<int:pk>/takeaways/", desk.cluster_takeaways, name="cluster_takeaways"),
    path("clusters/<int:pk>/merge/", desk.cluster_merge, name="cluster_merge"),
    path("items/<int:pk>/", desk.item, name="item"),
    path("items/<int:pk>/claim/", desk.claim_item, name="claim"),
    path("items/<int:pk>/release/", desk.release_item, name="release"),
    path("items/<int:pk>/move-out/", desk.item_move_out, name="item_move_out"),
    path("items/<int:pk>/story/", desk.item_story, name="item_story"),
    path("items/<int:pk>/status/", desk.item_status, name="item_status"),
    path("items/<int:pk>/tags/", desk.correct_tags, name="tags"),
    path("failed/", desk.failed_payloads, name="failed_payloads"),
    path("payloads/<int:pk>/", desk.payload, name="payload"),
    path("payloads/<int:pk>/parse/", desk.parse_again, name="parse_again"),
    path("sources/<int:pk>/poll/", desk.poll_source, name="poll"),
    path("stories/<slug:which>/", desk.upcoming_stories, name="stories"),
    path("drafts/<int:pk>/", desk.draft_sources, name="draft_sources"),
    path("drafts/<int:pk>/publish/", desk.draft_publish, name="draft_publish"),
]


@hooks.register("register_admin_urls")
def register_desk_urls():
    return [path("wire/", include((desk_urls, "wire_desk"), namespace="wire_desk"))]


def assisted_draft_of(page):
    if not isinstance(page, StoryPage):
        return None
    return AssistedDraft.objects.filter(story_id=page.pk).first()


@hooks.register("before_edit_page")
def show_draft_sources(request, page):
    """Tell the editor of a story drafted by the assistant where its facts came from, and which
    of them no report has (on opening the editor, not on saving)."""
    assisted_draft = assisted_draft_of(page) if request.method == "GET" else None
    if assisted_draft is None:
        return
    added = len(assisted_draft.additions)
    messages.info(
        request,
        format_html(
            "Drafted by the assistant from agency reports: {} sentence{} added from reports "
            'other than the lead. <a class="button button-small button-secondary w-ml-2.5" '
            'href="{}">See where each added fact came from</a>',
            added,
            "" if added == 1 else "s",
            reverse("wire_desk:draft_sources", args=[page.pk]),
        ),
    )
    flags = assisted.unconfirmed(
        assisted.unknown_facts(page.get_latest_revision_as_object(), assisted_draft),
        assisted_draft,
    )
    if flags:
        messages.warning(request, flags_message(flags, "Publishing will ask you to confirm them."))


def flags_message(flags, then):
    shown = "; ".join(f"{flag['kind']} “{flag['text']}”" for flag in flags[:FLAGS_NAMED])
    more = f" and {len(flags) - FLAGS_NAMED} more" if len(flags) > FLAGS_NAMED else ""
    return f"In no agency report: {shown}{more}. {then}"


@hooks.register("before_publish_page")
def confirm_facts_in_no_report(request, page):
    """Publishing a story drafted by the assistant whose text has figures, names or quotes that
    none of its reports has waits for the editor's decision. The editor's changes are already
    saved as a revision (Wagtail saves it before this hook), so nothing is lost."""
    flags = assisted.pending_flags(page) if isinstance(page, StoryPage) else []
    if not flags:
        return None
    messages.warning(
        request,
        flags_message(flags, "Not published yet: your changes are saved as a draft."),
    )
    return redirect("wire_desk:draft_publish", page.pk)


@hooks.register("after_edit_page")
def hold_approval_with_facts_in_no_report(request, page):
    """The desk review's Approve in the editor: the editor's changes are saved, and the approval
    waits (the DeskReviewTask holds it) while the story has facts in no report; the editor is
    sent to decide on them, and deciding approves and publishes."""
    if request.POST.get("workflow-action-name") != "approve":
        return None
    story = page.get_latest_revision_as_object()
    flags = assisted.pending_flags(story)
    if not flags:
        return None
    messages.warning(
        request,
        flags_message(flags, "Not approved yet: your changes are saved as a draft."),
    )
    # Not publish_hold(): that would check the story's facts against its reports a second time.
    return redirect("wire_desk:draft_publish", story.pk)


@hooks.register("before_bulk_action")
def confirm_facts_before_bulk_publishing(request, action_type, objects, action_class_instance):
    """Publishing several pages at once from a listing is held back the same way, story by
    story: the first with facts in no report is opened for the editor's decision."""
    if action_type != "publish":
        return None
    drafts = AssistedDraft.objects.filter(story_id__in=[page.pk for page in objects])
    for assisted_draft in drafts.select_related("story"):
        story = assisted_draft.story.get_latest_revision_as_object()
        flags = assisted.unconfirmed(assisted.unknown_facts(story, assisted_draft), assisted_draft)
        if flags:
            messages.warning(
                request,
                f'Nothing was published: "{story.title}" has facts in no agency report. '
                + flags_message(flags, "Decide on them here, then publish the others."),
            )
            return redirect("wire_desk:draft_publish", story.pk)
    return None


class DeskMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(DESK_PERMISSION)


@hooks.register("construct_homepage_panels")
def add_desk_queues(request, panels):
    if request.user.has_perm(DESK_PERMISSION):
        panels.append(DeskQueuesPanel())


@hooks.register("register_admin_menu_item")
def register_desk_menu():
    items = [
        DeskMenuItem("Queue", reverse_lazy("wire_desk:queue"), icon_name="list-ul", order=100),
        DeskMenuItem("Sources", reverse_lazy("wire_sources:index"), icon_name="site", order=200),
        DeskMenuItem(
            "Failed payloads",
            reverse_lazy("wire_desk:failed_payloads"),
            icon_name="warning",
            order=300,
        ),
    ]
    return SubmenuMenuItem("Wire desk", Menu(items=items), icon_name="list-ul", order=150)


class LastErrorColumn(Column):
    cell_template_name = "wire/tables/last_error_cell.html"

    class Media:
        # The sources list's column widths (.wire-sources) live with the desk's styles.
        css = {"all": ["wire/desk.css"]}


def delivery(source):
    """ "Push" or "Pull": the choice's full label takes four lines in a narrow column."""
    return "Pull" if source.delivery == Source.Delivery.PULL else "Push"


class SourceIndexView(generic.IndexView):
    table_classname = "listing wire-sources"

    def get_base_queryset(self):
        day_ago = timezone.now() - timedelta(days=1)
        return (
            super()
            .get_base_queryset()
            .select_related("agency")
            .annotate(items_last_24h=Count("items", filter=Q(items__received_at__gte=day_ago)))
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.delivery == Source.Delivery.PULL:
            buttons.append(
                Button(
                    "Poll now",
                    url=reverse("wire_desk:poll", args=[instance.pk]),
                    icon_name="download",
                    priority=40,
                )
            )
        return buttons


class SourceEditView(generic.EditView):
    template_name = "wire/source_edit.html"

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.object.delivery == Source.Delivery.PULL:
            buttons.append(
                Button(
                    "Poll now",
                    url=reverse("wire_desk:poll", args=[self.object.pk]),
                    icon_name="download",
                    priority=40,
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["push_url"] = self.request.build_absolute_uri(self.object.push_url())
        context["signature_header"] = SIGNATURE_HEADER
        return context


class SourceViewSet(ModelViewSet):
    model = Source
    icon = "site"
    menu_label = "Sources"
    add_to_admin_menu = False
    url_prefix = "wire/sources"
    index_view_class = SourceIndexView
    edit_view_class = SourceEditView
    copy_view_enabled = False
    list_display = [
        "name",
        Column("agency", label="Agency", accessor="agency.name", sort_key="agency__name"),
        Column("delivery", accessor=delivery, sort_key="delivery"),
        BooleanColumn("enabled", sort_key="enabled"),
        BooleanColumn("auto_publish", label="Auto-publish", sort_key="auto_publish"),
        DateColumn(
            "last_success_at",
            label="Last success",
            sort_key="last_success_at",
            classname="wire-nowrap",
        ),
        LastErrorColumn(
            "last_error", label="Last error", sort_key="last_error_at", classname="wire-error"
        ),
        NumberColumn("items_last_24h", label="Items in 24 h", sort_key="items_last_24h"),
        NumberColumn(
            "consecutive_failures", label="Failures in a row", sort_key="consecutive_failures"
        ),
        DateColumn(
            "next_poll_at", label="Next poll", sort_key="next_poll_at", classname="wire-nowrap"
        ),
    ]


@hooks.register("register_admin_viewset")
def register_source_viewset():
    return SourceViewSet("wire_sources")
