from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page
from wagtail.url_routing import RouteResult

from dateline.newsroom.models import StoryPage
from dateline.taxonomy.editions import reader_edition

from .front import front_html


class HomePage(Page):
    """The home front. Editors pin stories to the top slots of any edition's front here."""

    content_panels = [
        *Page.content_panels,
        InlinePanel(
            "pinned_stories",
            label="Pinned story",
            help_text="Pinned stories fill the lead and top slots first, in this order; "
            "automatic fill takes the rest.",
        ),
    ]
    subpage_types = ["newsroom.StoryIndexPage", "core.StandardPage"]
    max_count = 1
    template = "front.html"

    def route(self, request, path_components):
        # A story URL is resolved with one query instead of one per path segment.
        if len(path_components) >= 2:
            url_path = self.url_path + "/".join(path_components) + "/"
            # View restrictions are still enforced: Wagtail checks them before serving any page.
            # The slug is indexed and nearly unique; url_path then picks the exact page.
            story = (
                StoryPage.objects.live()
                .filter(slug=path_components[-1], url_path=url_path)
                .select_related("hero_image", "desk")
                .first()
            )
            if story is not None:
                return RouteResult(story)
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        edition = reader_edition(request)
        context["front_html"] = front_html(edition)
        context["edition"] = edition
        return context


class PinnedStory(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="pinned_stories")
    story = models.ForeignKey(StoryPage, on_delete=models.CASCADE, related_name="+")
    edition = models.ForeignKey(
        "taxonomy.Edition",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The front this story is pinned to.",
    )

    panels = [FieldPanel("story"), FieldPanel("edition")]
