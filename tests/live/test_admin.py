"""The live desk in the admin: who may draft, publish, edit and delete, and what bad input gets."""

import pytest
from django.urls import reverse

from dateline.live.models import LiveCoverage, LiveUpdate

pytestmark = pytest.mark.django_db


def post_form(client, story, action="publish", **fields):
    data = {"text": "", "action": action, **fields}
    return client.post(reverse("live_admin:post", args=[story.pk]), data)


def refused(response):
    """Wagtail answers a refused admin request with a redirect to the dashboard and a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def rich(text):
    """The rich-text editor's value for one paragraph, as the browser sends it."""
    import json

    return json.dumps(
        {
            "blocks": [
                {"key": "a1b2c", "text": text, "type": "unstyled", "depth": 0,
                 "inlineStyleRanges": [], "entityRanges": [], "data": {}}
            ],
            "entityMap": {},
        }
    )  # fmt: skip


def test_a_desk_editor_publishes_an_update_with_a_key_event(client, live_story, desk_editor):
    client.force_login(desk_editor)
    response = post_form(
        client, live_story, text=rich("Polls have closed."), key_event="on",
        key_event_title="Polls close",
    )  # fmt: skip
    assert response.status_code == 302
    update = LiveUpdate.objects.get()
    assert update.status == LiveUpdate.Status.PUBLISHED and update.key_event_title == "Polls close"
    assert [author["name"] for author in update.byline] == ["Dana Desk"]
    assert (
        "Polls have closed."
        in client.get(reverse("live_admin:post", args=[live_story.pk])).content.decode()
    )
    client.logout()
    assert "Polls have closed." in client.get(live_story.url).content.decode()


def test_a_writer_drafts_but_cannot_publish(client, live_story, writer, desk_editor):
    client.force_login(writer)
    screen = client.get(reverse("live_admin:post", args=[live_story.pk])).content.decode()
    assert "Save as draft" in screen and "Publish update" not in screen
    assert refused(post_form(client, live_story, text=rich("A draft.")))
    assert not LiveUpdate.objects.exists()
    assert post_form(client, live_story, action="draft", text=rich("A draft.")).status_code == 302
    draft = LiveUpdate.objects.get()
    assert draft.status == LiveUpdate.Status.DRAFT
    # The desk publishes it; the writer may then no longer change what readers have seen.
    client.force_login(desk_editor)
    edit = reverse("live_admin:edit", args=[draft.pk])
    assert (
        client.post(edit, {"text": rich("A draft, checked."), "action": "publish"}).status_code
        == 302
    )
    draft.refresh_from_db()
    assert draft.status == LiveUpdate.Status.PUBLISHED
    client.force_login(writer)
    assert refused(client.get(edit))
    assert refused(client.post(reverse("live_admin:end", args=[live_story.pk])))
    assert LiveCoverage.objects.get(story=live_story).ended_at is None


def test_an_empty_or_inconsistent_update_is_refused_with_a_message(client, live_story, desk_editor):
    client.force_login(desk_editor)
    empty = post_form(client, live_story, text=rich(""))
    assert empty.status_code == 200
    assert "An update needs some text, a picture, a quote or an embed." in empty.content.decode()
    untitled = post_form(client, live_story, text=rich("Something."), key_event="on")
    assert "A key event needs a short title" in untitled.content.decode()
    garbled = post_form(client, live_story, text="{not the editor's json")
    assert garbled.status_code == 200 and "could not be read" in garbled.content.decode()
    bad_embed = post_form(client, live_story, text=rich("See this."), embed_url="not a link")
    assert bad_embed.status_code == 200 and "Enter a valid URL." in bad_embed.content.decode()
    assert not LiveUpdate.objects.exists()


def test_an_edit_over_someone_elses_is_refused(client, live_story, desk_editor, chief, post):
    update = post("Ten boats are out.")
    seen = update.version
    client.force_login(chief)
    edit = reverse("live_admin:edit", args=[update.pk])
    fields = {"text": rich("Twelve boats are out."), "action": "publish", "seen_version": seen}
    assert client.post(edit, fields).status_code == 302
    client.force_login(desk_editor)
    stale = client.post(edit, {**fields, "text": rich("Eleven boats are out.")})
    assert "Someone changed this update while you were editing it" in stale.content.decode()
    update.refresh_from_db()
    assert "Twelve boats" in update.body_html


def test_deleting_asks_first_and_keeps_the_record(client, live_story, chief, post):
    update = post("Wrong figure.")
    client.force_login(chief)
    delete = reverse("live_admin:delete", args=[update.pk])
    assert "Yes, delete it" in client.get(delete).content.decode()
    assert client.post(delete).status_code == 302
    update.refresh_from_db()
    assert update.status == LiveUpdate.Status.DELETED
    assert update.changes.filter(action="deleted", user=chief).exists()


def test_ending_and_resuming_coverage(client, live_story, chief):
    client.force_login(chief)
    client.post(reverse("live_admin:end", args=[live_story.pk]))
    assert LiveCoverage.objects.get(story=live_story).ended_at is not None
    client.post(reverse("live_admin:resume", args=[live_story.pk]))
    assert LiveCoverage.objects.get(story=live_story).ended_at is None


def test_the_live_desk_is_for_live_stories_only(client, home, desk_editor):
    from dateline.newsroom.factories import StoryFactory

    client.force_login(desk_editor)
    story = StoryFactory()
    assert client.get(reverse("live_admin:post", args=[story.pk])).status_code == 404
    assert client.get(reverse("live_admin:edit", args=[999999])).status_code == 404


def test_the_live_story_list_and_the_button_on_the_story(client, live_story, desk_editor, post):
    post("An update.")
    client.force_login(desk_editor)
    listing = client.get(reverse("live_admin:stories")).content.decode()
    assert "Cyclone Mira makes landfall" in listing
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[live_story.pk])).content.decode()
    assert reverse("live_admin:post", args=[live_story.pk]) in editor


def test_an_update_with_a_picture_from_the_library_keeps_its_credit_and_disclaimer(
    client, live_story, desk_editor
):
    from dateline.media.factories import NewsImageFactory
    from dateline.media.models import AI_DISCLAIMER, DigitalSourceType

    picture = NewsImageFactory(
        credit="Illustration / Dateline",
        digital_source_type=DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA,
    )
    client.force_login(desk_editor)
    response = post_form(
        client,
        live_story,
        text=rich("Shelters are full in Puri."),
        image=picture.pk,
        image_caption="A shelter, drawn.",
        quote="We have room for 300 more.",
        quote_attribution="District collector",
    )
    assert response.status_code == 302
    client.logout()
    html = client.get(live_story.url).content.decode()
    assert "A shelter, drawn." in html and "Illustration / Dateline" in html
    assert AI_DISCLAIMER in html
    assert "We have room for 300 more." in html and "District collector" in html
    # The edit form opens with what was posted.
    client.force_login(desk_editor)
    edit = client.get(reverse("live_admin:edit", args=[LiveUpdate.objects.get().pk]))
    assert (
        "A shelter, drawn." in edit.content.decode()
        and "District collector" in edit.content.decode()
    )
