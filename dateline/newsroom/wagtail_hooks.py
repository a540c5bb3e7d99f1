from django.utils import timezone
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Author, Desk, StoryIndexPage, StoryPage
from .stories import year_folder


@hooks.register("after_create_page")
def file_story_in_year_folder(request, page):
    """A story created straight in a section is moved into that section's folder for the year."""
    if not isinstance(page, StoryPage):
        return
    parent = page.get_parent().specific
    if isinstance(parent, StoryIndexPage):
        page.move(
            year_folder(parent, timezone.localdate().year), pos="last-child", user=request.user
        )


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "role", "user"]


class DeskViewSet(SnippetViewSet):
    model = Desk
    icon = "group"


class PeopleGroup(SnippetViewSetGroup):
    menu_label = "Authors & desks"
    menu_icon = "user"
    menu_order = 250
    items = (AuthorViewSet, DeskViewSet)


register_snippet(PeopleGroup)
