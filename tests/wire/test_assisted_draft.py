"""Stories started from the assistant's draft of a cluster: the sources of the added facts shown
to the editor, and facts in no report held back from publishing until the editor decides."""

import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from dateline.newsroom.models import Provenance, StoryPage
from dateline.taxonomy.models import Sector
from dateline.wire.assisted import unknown_facts
from dateline.wire.factories import ClusterFactory, ItemFactory, SourceFactory
from dateline.wire.models import AssistedDraft
from tests.assistant.fake_model import completion
from tests.wire.malawi import flashed

pytestmark = pytest.mark.django_db


def create_assisted(client, cluster):
    return client.post(
        reverse("wire_desk:cluster_story", args=[cluster.pk]), {"picture": "none", "assisted": "1"}
    )


def test_the_draft_opens_with_the_lead_and_adds_what_other_agencies_add(
    editor_client, malawi_cluster
):
    page = editor_client.get(reverse("wire_desk:cluster", args=[malawi_cluster.pk]))
    assert "Create story from an assisted draft" in page.content.decode()

    response = create_assisted(editor_client, malawi_cluster)
    story = StoryPage.objects.get()
    assert response.url == reverse("wagtailadmin_pages:edit", args=[story.pk])
    body = story.body_html
    assert "At least 14 people have died" in body  # the lead's copy
    assert "6,200 households" in body  # a figure only the second agency gives
    assert "Quick replanting is the difference" in body  # a quote only the FAO gives
    added = {
        fact["text"]: addition["agency"]
        for addition in AssistedDraft.objects.get(story=story).additions
        for fact in addition["facts"]
    }
    assert added["6,200"] == "Harbourline News Service"
    assert "fourteen" not in added  # the lead has that figure already, as "14"
    assert "NSANJE --" not in body

    editor = editor_client.get(response.url).content.decode()
    sources_url = reverse("wire_desk:draft_sources", args=[story.pk])
    assert sources_url in editor
    sources = editor_client.get(sources_url).content.decode()
    assert "6,200" in sources and "Harbourline News Service" in sources
    assert "Nsanje farmers lose harvest as Shire overflows" in sources
    assert "Every figure, name and quote of the story is in at least one of its reports." in sources
    # Nothing of the traceability goes into what readers see.
    assert "Harbourline" not in body


def body_source(story):
    return story.body[0].value.source


def edit_form(story, body_html, publish=False):
    data = nested_form_data(
        {
            "title": story.title,
            "slug": story.slug,
            "summary": story.summary,
            "desk": "",
            "dateline_place": story.dateline_place,
            "story_authors": inline_formset([]),
            "hero_image": "",
            "hero_caption": "",
            "body": streamfield([("paragraph", rich_text(body_html))]),
            "countries": [],
            "lead_country": "",
            "editions": [],
            "tags": "",
            "provenance": story.provenance,
            "agencies": [agency.pk for agency in story.agencies.all()],
            "embargoed_until": "",
            "notes": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data["sectors"] = [Sector.objects.get(slug="science-environment").pk]
    if publish:
        data["action-publish"] = "action-publish"
    return data


def test_an_unknown_figure_holds_back_publishing_until_the_editor_decides(
    editor_client, editor, malawi_cluster
):
    create_assisted(editor_client, malawi_cluster)
    story = StoryPage.objects.get()
    edited = body_source(story) + "<p>Some 4,700 cattle drowned, said Grace Mbewe.</p>"
    edit_url = reverse("wagtailadmin_pages:edit", args=[story.pk])
    response = editor_client.post(edit_url, edit_form(story, edited, publish=True))
    publish_url = reverse("wire_desk:draft_publish", args=[story.pk])
    assert response.status_code == 302, response.context["form"].errors
    assert response.url == publish_url
    story.refresh_from_db()
    assert not story.live
    assert "4,700 cattle" in body_source(story.get_latest_revision_as_object())

    reopened = editor_client.get(edit_url).content.decode()
    assert "In no agency report: figure “4,700”; name “Grace Mbewe”." in reopened

    page = editor_client.get(publish_url).content.decode()
    assert "Figure: “4,700”" in page and "Name: “Grace Mbewe”" in page
    assert "9,000" not in page.split("The reports it is checked against")[0]

    refused = editor_client.post(publish_url, {})
    assert refused.status_code == 400
    story.refresh_from_db()
    assert not story.live

    published = editor_client.post(publish_url, {"confirm": "1"})
    assert published.url == edit_url
    story.refresh_from_db()
    assert story.live
    assert "4,700 cattle" in story.body_html
    record = AssistedDraft.objects.get()
    assert {flag["text"] for flag in record.confirmed_flags} == {"4,700", "Grace Mbewe"}
    assert record.confirmed_by == editor

    # Publishing again with the same facts asks nothing more.
    again = editor_client.post(edit_url, edit_form(story, body_source(story), publish=True))
    assert again.status_code == 302 and again.url != publish_url


def test_a_rounded_figure_from_a_source_is_not_flagged(editor_client, malawi_cluster):
    create_assisted(editor_client, malawi_cluster)
    story = StoryPage.objects.get()
    edited = body_source(story).replace("9,000 hectares", "about 9,000 hectares (9 thousand)")
    edited = edited.replace("6,200 households", "some 6,000 households")
    edit_url = reverse("wagtailadmin_pages:edit", args=[story.pk])
    response = editor_client.post(edit_url, edit_form(story, edited, publish=True))
    assert response.status_code == 302
    assert response.url != reverse("wire_desk:draft_publish", args=[story.pk])
    story.refresh_from_db()
    assert story.live and "some 6,000 households" in story.body_html


def test_a_cluster_with_no_copy_gets_a_message_not_a_story(editor_client, mpa):
    empty = ClusterFactory(
        items=[ItemFactory(source=SourceFactory(agency=mpa), headline="", body_html="", summary="")]
    )
    response = create_assisted(editor_client, empty)
    assert response.status_code == 400
    assert "No assisted draft: There is no copy to draft from" in response.content.decode()
    assert not StoryPage.objects.exists()


def test_others_cannot_see_the_sources_of_a_story_they_may_not_edit(
    client, editor_client, malawi_cluster
):
    from dateline.newsroom.factories import StaffFactory
    from dateline.newsroom.roles import WRITER

    create_assisted(editor_client, malawi_cluster)
    story = StoryPage.objects.get()
    client.force_login(StaffFactory(username="wren", group=WRITER))
    # Wagtail's admin turns a refusal into a redirect to the dashboard, with a message.
    seen = client.get(reverse("wire_desk:draft_sources", args=[story.pk]))
    assert seen.status_code == 302 and seen.url == reverse("wagtailadmin_home")
    posted = client.post(reverse("wire_desk:draft_publish", args=[story.pk]), {"confirm": "1"})
    assert posted.status_code == 302 and posted.url == reverse("wagtailadmin_home")
    story.refresh_from_db()
    assert not story.live
    assert client.get(reverse("wire_desk:draft_sources", args=[987654])).status_code == 404


def assisted_with_an_unknown_figure(editor_client, cluster):
    """An assisted story whose summary, edited, has a figure no report has."""
    create_assisted(editor_client, cluster)
    story = StoryPage.objects.get()
    revision = story.get_latest_revision_as_object()
    revision.summary = "Floods killed 31 people, officials said."
    revision.save_revision()
    return story


def test_bulk_publishing_holds_back_a_story_with_facts_in_no_report(editor_client, malawi_cluster):
    story = assisted_with_an_unknown_figure(editor_client, malawi_cluster)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = editor_client.post(f"{url}?id={story.pk}", {"include_descendants": ""})
    assert response.status_code == 302
    assert response.url == reverse("wire_desk:draft_publish", args=[story.pk])
    assert any('"31"' in message or "31" in message for message in flashed(response))
    story.refresh_from_db()
    assert not story.live


REWRITE = [
    "At least 14 people died in floods in southern Malawi, the disaster management department "
    "said on Tuesday.",
    "The Department of Disaster Management Affairs said 6,200 households were sheltering in "
    "schools and churches in Nsanje and Chikwawa.",
    "The FAO said it would give seed and tools to 8,000 farming households; 75 boats were sent.",
]


@pytest.fixture
def model(fake_model):
    fake_model.answer = (200, completion(json.dumps({"paragraphs": REWRITE})))
    return fake_model


def test_with_a_model_the_draft_is_its_rewrite_labelled_and_checked_against_the_reports(
    editor_client, malawi_cluster, model
):
    create_assisted(editor_client, malawi_cluster)
    story = StoryPage.objects.get()
    assert [block.value.source for block in story.body] == [
        "".join(f"<p>{paragraph}</p>" for paragraph in REWRITE)
    ]
    assert story.provenance == Provenance.AI_ASSISTED
    record = AssistedDraft.objects.get(story=story)
    assert record.written_by == "test-model"
    assert any("The language model test-model wrote this draft" in n for n in record.notices)
    # What each report adds stays traced for the editor, whoever wrote the text.
    assert {addition["agency"] for addition in record.additions} >= {"Harbourline News Service"}
    # The model saw every report, named by its agency.
    prompt = model.requests[0]["body"]["messages"][1]["content"]
    assert "(Harbourline News Service)" in prompt and "Quick replanting" in prompt
    # A figure the model made up is flagged like any other fact in no report.
    flags = unknown_facts(story, record)
    assert [flag["text"] for flag in flags if flag["kind"] == "figure"] == ["75"]


def test_a_failing_model_leaves_the_offline_draft_and_says_why(
    editor_client, malawi_cluster, model
):
    model.answer = (200, completion("not json"))
    create_assisted(editor_client, malawi_cluster)
    story = StoryPage.objects.get()
    assert "At least 14 people have died" in story.body_html
    assert story.provenance == Provenance.AGENCY_REWRITE
    record = AssistedDraft.objects.get(story=story)
    assert record.written_by == ""
    assert any("not valid JSON" in notice for notice in record.notices)


def submitted_for_review(story):
    """The story as it stands, submitted to desk review by a writer."""
    from wagtail.models import Workflow

    from dateline.newsroom.factories import StaffFactory
    from dateline.newsroom.roles import DESK_REVIEW, WRITER

    Workflow.objects.get(name=DESK_REVIEW).start(story, StaffFactory(group=WRITER))
    return StoryPage.objects.get(pk=story.pk)


def approve_from_the_review_list(client, story):
    task_state = story.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[story.pk, "approve", task_state.pk])
    return client.post(url, {"comment": ""})


def test_approving_from_the_review_list_waits_for_the_editors_decision(
    editor_client, malawi_cluster
):
    story = submitted_for_review(assisted_with_an_unknown_figure(editor_client, malawi_cluster))
    response = approve_from_the_review_list(editor_client, story)
    publish_url = reverse("wire_desk:draft_publish", args=[story.pk])
    assert response.status_code == 302 and response.url == publish_url
    story.refresh_from_db()
    assert not story.live
    assert story.current_workflow_task_state is not None  # still awaiting review

    editor_client.post(publish_url, {"confirm": "1"})
    story.refresh_from_db()
    assert story.live and "31 people" in story.summary
    # Deciding approved the review: the workflow ends approved, not cancelled.
    assert story.workflow_states.get().status == "approved"


def test_approving_in_the_editor_saves_the_changes_and_waits_for_the_decision(
    editor_client, malawi_cluster
):
    story = submitted_for_review(assisted_with_an_unknown_figure(editor_client, malawi_cluster))
    data = edit_form(story, body_source(story) + "<p>Some 200 cattle drowned.</p>")
    data["summary"] = "Floods killed 31 people, officials said."
    data.update({"action-workflow-action": "true", "workflow-action-name": "approve"})
    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[story.pk]), data)
    assert response.status_code == 302
    assert response.url == reverse("wire_desk:draft_publish", args=[story.pk])
    assert any("31" in message and "200" in message for message in flashed(response))
    story.refresh_from_db()
    assert not story.live
    assert "200 cattle" in body_source(story.get_latest_revision_as_object())


def test_a_story_with_every_fact_in_a_report_is_approved_and_published(
    editor_client, malawi_cluster
):
    create_assisted(editor_client, malawi_cluster)
    story = submitted_for_review(StoryPage.objects.get())
    approve_from_the_review_list(editor_client, story)
    story.refresh_from_db()
    assert story.live
