"""The desk's queues on Wagtail's dashboard: what waits for someone, each count a link to its list.

Three queries however much waits: the new wire copy, the desk review, and the scheduled and
embargoed stories.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Workflow, WorkflowState

from dateline.newsroom.models import StoryPage
from dateline.newsroom.roles import DESK_REVIEW

from .models import Item


@dataclass(frozen=True)
class DeskQueue:
    label: str
    count: int
    url: str


def new_wire_rows():
    """The rows the wire queue lists for "new" items: clusters with a new item, and new items
    the worker has not clustered yet."""
    counts = Item.objects.filter(status=Item.Status.NEW).aggregate(
        clusters=Count("cluster", distinct=True, filter=Q(cluster__lead__isnull=False)),
        unclustered=Count("pk", filter=Q(cluster__isnull=True)),
    )
    return counts["clusters"] + counts["unclustered"]


def desk_queues():
    review = (
        Workflow.objects.filter(name=DESK_REVIEW)
        .annotate(
            waiting=Count(
                "workflow_states",
                filter=Q(workflow_states__status=WorkflowState.STATUS_IN_PROGRESS),
            )
        )
        .values_list("pk", "waiting")
        .first()
    )
    stories = StoryPage.objects.annotate_approved_schedule().aggregate(
        scheduled=Count("pk", filter=Q(_approved_schedule=True)),
        embargoed=Count("pk", filter=Q(embargoed_until__gt=timezone.now())),
    )
    review_filter = {"status": WorkflowState.STATUS_IN_PROGRESS}
    if review:
        review_filter["workflow"] = review[0]
    return [
        DeskQueue(
            "new wire clusters waiting",
            new_wire_rows(),
            reverse("wire_desk:queue") + "?" + urlencode({"status": Item.Status.NEW}),
        ),
        DeskQueue(
            "stories awaiting desk review",
            review[1] if review else 0,
            reverse("wagtailadmin_reports:workflow") + "?" + urlencode(review_filter),
        ),
        DeskQueue(
            "stories scheduled",
            stories["scheduled"],
            reverse("wire_desk:stories", args=["scheduled"]),
        ),
        DeskQueue(
            "stories under embargo",
            stories["embargoed"],
            reverse("wire_desk:stories", args=["embargoed"]),
        ),
    ]


class DeskQueuesPanel(Component):
    name = "desk_queues"
    template_name = "wire/dashboard_queues.html"
    # Before Wagtail's own panels (the lowest of which is 110): what waits comes first.
    order = 50

    class Media:
        css = {"all": ["wire/desk.css"]}

    def get_context_data(self, parent_context):
        return {"queues": desk_queues()}
