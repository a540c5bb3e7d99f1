import pytest
from wagtail.rich_text import RichText

from dateline.live.coverage import save_update
from dateline.live.models import LiveUpdate
from dateline.newsroom.factories import AuthorFactory, StaffFactory, StoryFactory
from dateline.newsroom.models import StoryKind
from dateline.newsroom.roles import CHIEF_EDITOR, DESK_EDITOR, WRITER


@pytest.fixture
def live_story(home):
    return StoryFactory(
        kind=StoryKind.LIVE,
        headline="Cyclone Mira makes landfall",
        summary="Live coverage of the cyclone as it crosses the coast.",
    )


@pytest.fixture
def desk_editor(home):
    user = StaffFactory(username="dana", first_name="Dana", group=DESK_EDITOR)
    AuthorFactory(name="Dana Desk", slug="dana-desk", user=user)
    return user


@pytest.fixture
def writer(home):
    return StaffFactory(username="wren", first_name="Wren", group=WRITER)


@pytest.fixture
def chief(home):
    return StaffFactory(username="chief", group=CHIEF_EDITOR)


@pytest.fixture
def post(live_story, desk_editor):
    """Publish an update to the live story as the desk editor would; returns it."""

    def post(text, *, story=live_story, publish=True, user=desk_editor, **flags):
        update = LiveUpdate(story=story, body=[("paragraph", RichText(f"<p>{text}</p>"))], **flags)
        return save_update(update, user, publish=publish, authors=[desk_editor.author])

    return post
