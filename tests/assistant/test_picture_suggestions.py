"""Picture suggestions in the page editor: which library pictures a story is offered, and the
view the editor's script asks."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from dateline.assistant import pictures
from dateline.assistant.pictures import picture_suggestions
from dateline.media.factories import NewsImageFactory
from dateline.media.models import AI_DISCLAIMER
from dateline.newsroom.factories import StoryFactory
from dateline.newsroom.models import StoryPage
from dateline.newsroom.roles import DESK_EDITOR, WRITER
from dateline.taxonomy.models import Country, Sector

from .picture_library import cholera_story, clinic_and_illustration

URL = "/admin/assistant/pictures/"


@pytest.fixture
def library(home):
    library = clinic_and_illustration()
    cricket = NewsImageFactory(title="Cricket final at Eden Gardens")
    StoryFactory(
        headline="India win the final",
        sectors=[Sector.objects.get(slug="sports")],
        countries=[Country.objects.get(code="IN")],
        hero_image=cricket,
    )
    return {**library, "cricket": cricket}


def staff(name, role):
    user = User.objects.create_user(name, password="pw")
    user.groups.add(Group.objects.get(name=role))
    return user


def test_pictures_sharing_the_story_s_sectors_countries_tags_and_words_come_first(library):
    story = cholera_story()
    suggestions = picture_suggestions(story)
    shown = [suggestion.image for suggestion in suggestions]
    assert shown[:2] == [library["clinic"], library["illustration"]]
    assert library["cricket"] not in shown
    clinic, illustration = suggestions[:2]
    assert clinic.reasons[:2] == ["Health", "Kenya"]
    assert "#cholera" in illustration.reasons
    assert picture_suggestions(story) == suggestions


def test_queries_stay_the_same_whatever_the_size_of_the_library(library, django_assert_num_queries):
    story = cholera_story()
    story = type(story).objects.get(pk=story.pk)
    # The story's sectors, countries and tags; the pictures its sectors and countries lead to;
    # the candidates' text, tags and captions; the chosen pictures.
    with django_assert_num_queries(9):
        picture_suggestions(story)
    for number in range(40):
        NewsImageFactory(title=f"Cholera clinic {number}").tags.add("cholera")
    story = type(story).objects.get(pk=story.pk)
    with django_assert_num_queries(9):
        assert len(picture_suggestions(story)) == 6


def test_pictures_matching_by_words_alone_come_from_the_newest_only(home, monkeypatch):
    """The bound that keeps the work the same for a library of any size: a picture reached by
    no sector, country or tag is looked at only among the newest."""
    monkeypatch.setattr(pictures, "RECENT_CANDIDATES", 3)
    older = [NewsImageFactory(title=f"Cholera clinic in Kibera {n}") for n in range(3)]
    newer = [NewsImageFactory(title=f"Cholera ward in Nairobi {n}") for n in range(3)]
    shown = {suggestion.image for suggestion in picture_suggestions(cholera_story(tags=[]))}
    assert shown == set(newer)
    assert not shown & set(older)


def test_an_empty_library_and_a_story_with_nothing_to_match_get_no_suggestions(home):
    assert picture_suggestions(cholera_story()) == []
    NewsImageFactory(title="Cholera ward")
    # A story as the editor starts it: no text, no tags, no sectors, not saved.
    assert picture_suggestions(StoryPage(title="", summary="")) == []


def test_a_desk_editor_sees_suggestions_with_the_ai_picture_marked(client, library):
    story = cholera_story(publish=False)
    client.force_login(staff("dara", DESK_EDITOR))
    response = client.get(URL, {"story": story.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Nurses at a clinic in Kibera") < html.index("Cholera ward, illustration")
    assert "Cricket final" not in html
    assert html.count("<strong>AI-generated</strong>") == 1
    assert AI_DISCLAIMER in html
    assert f'data-id="{library["illustration"].pk}"' in html
    assert "Use as hero image" in html


def test_a_story_with_a_hero_image_is_not_offered_pictures(client, library):
    story = cholera_story(hero_image=library["cricket"])
    client.force_login(staff("dara", DESK_EDITOR))
    response = client.get(URL, {"story": story.pk})
    assert response.status_code == 200
    assert "This story has a hero image" in response.content.decode()
    assert "data-picture-choice" not in response.content.decode()


def test_suggestions_follow_the_draft_the_editor_is_editing(client, library):
    story = cholera_story(hero_image=library["cricket"])
    draft = story.get_latest_revision_as_object()
    draft.hero_image = None
    draft.save_revision()
    client.force_login(staff("dara", DESK_EDITOR))
    html = client.get(URL, {"story": story.pk}).content.decode()
    assert "Nurses at a clinic in Kibera" in html


@pytest.mark.parametrize(
    "query",
    [{}, {"story": ""}, {"story": "abc"}, {"story": "-1"}, {"story": "1" * 40}, {"story": "٣"}],
)
def test_bad_query_strings_are_refused(client, home, query):
    client.force_login(staff("dara", DESK_EDITOR))
    assert client.get(URL, query).status_code == 400


def test_unknown_stories_and_other_pages_are_not_found(client, home):
    client.force_login(staff("dara", DESK_EDITOR))
    assert client.get(URL, {"story": "999999"}).status_code == 404
    assert client.get(URL, {"story": str(home.pk)}).status_code == 404


def test_only_editors_who_may_edit_the_story_see_its_suggestions(client, library):
    story = cholera_story()
    client.force_login(staff("wren", WRITER))
    assert client.get(URL, {"story": story.pk}).status_code == 403
    client.logout()
    response = client.get(URL, {"story": story.pk})
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]
    client.force_login(staff("dara", DESK_EDITOR))
    assert client.post(URL + f"?story={story.pk}").status_code == 405


def test_the_page_editor_loads_the_suggestions_script(client, library):
    story = cholera_story()
    client.force_login(staff("dara", DESK_EDITOR))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    assert "assistant/picture_suggestions.js" in html
    assert f'data-suggestions-url="{URL}"' in html


def test_a_suggested_picture_saved_as_the_hero_image_is_recorded(client, library):
    from dateline.assistant.models import AcceptedSuggestion, SuggestionKind

    from .test_suggestions import publish

    story = cholera_story(publish=False)
    editor = staff("dara", DESK_EDITOR)
    client.force_login(editor)
    html = client.get(URL, {"story": story.pk}).content.decode()
    illustration, clinic = library["illustration"], library["clinic"]
    offer = re.search(rf'data-id="{illustration.pk}".*?data-offer="([^"]+)"', html, re.S)[1]

    # The editor chose another picture after all: the offer of this one records nothing.
    publish(client, story, [offer], hero_image=clinic.pk)
    assert not AcceptedSuggestion.objects.exists()
    publish(client, story, [offer], hero_image=illustration.pk)
    record = AcceptedSuggestion.objects.get()
    assert (record.kind, record.story_id, record.image, record.editor) == (
        SuggestionKind.PICTURE,
        story.pk,
        illustration,
        editor,
    )
    assert record.text == illustration.title
