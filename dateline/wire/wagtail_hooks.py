"""The wire desk in Wagtail's admin: its URLs, its menu and the sources' screens."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import include, path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, NumberColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from . import desk
from .dashboard import DeskQueuesPanel
from .models import Source
from .roles import DESK_PERMISSION
from .views import SIGNATURE_HEADER

desk_urls = [
    path("", desk.queue, name="queue"),
    path("shift/", desk.toggle_shift, name="shift"),
    path("clusters/<int:pk>/", desk.cluster, name="cluster"),
    path("clusters/<int:pk>/story/", desk.cluster_story, name="cluster_story"),
    path("clusters/<int:pk>/spike/", desk.cluster_spike, name="cluster_spike"),
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
]


@hooks.register("register_admin_urls")
def register_desk_urls():
    return [path("wire/", include((desk_urls, "wire_desk"), namespace="wire_desk"))]


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
