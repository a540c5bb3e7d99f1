"""Stories the desk starts from the assistant's draft of a cluster, and their fact check.

The wire does not import the assistant (they are siblings): the project names the assistant's
functions in settings. `DATELINE_ASSISTED_DRAFT` makes a draft from the reports of one event
and raises ValueError, with a message for the editor, when there is nothing to draft from;
`DATELINE_DRAFT_CHECK` returns the facts of a text that no report holds. Both take the reports
as plain values (see `reports_of`) and return objects read by their attributes.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.module_loading import import_string

from .models import AssistedDraft
from .text import plain_text, strip_boilerplate


def reports_of(items):
    """The items as the assistant reads them: plain text without a press office's boilerplate."""
    return [
        {
            "key": item.pk,
            "agency": item.agency_label,
            "headline": item.headline,
            "body": strip_boilerplate(plain_text(item.body_html) or item.summary),
            "link": reverse("wire_desk:item", args=[item.pk]),
            "language": item.language,
        }
        for item in items
    ]


def make_draft(items, user=None):
    """The assistant's draft of these items (the first received first), asked for by `user`
    (a model's calls count against the editor's limit); ValueError if there is none."""
    return import_string(settings.DATELINE_ASSISTED_DRAFT)(reports_of(items), user=user)


def event_takeaways(items, user):
    """The assistant's key takeaways of the event these items report (the first received
    first), for `user`: read by .points ((text, agency) pairs), .messages, .offer, .method and
    .model."""
    return import_string(settings.DATELINE_EVENT_TAKEAWAYS)(reports_of(items), user)


def accepted_takeaways(data, user):
    """The takeaways kept in a posted "Create story" form, or None when it carries none; read
    by .fields (for the story) and .record(story). ValueError, with a message for the editor,
    when they do not come from a suggestion made for `user`."""
    points = [point for point in data.getlist("takeaways") if point.strip()]
    if not points:
        return None
    accept = import_string(settings.DATELINE_ACCEPT_TAKEAWAYS)
    return accept(data.get("takeaways_offer", ""), points, user)


def body_of(draft):
    """The draft's paragraphs as the story's body (StreamField data)."""
    paragraphs = format_html_join("", "<p>{}</p>", ((text,) for text in draft.paragraphs))
    return [("paragraph", str(paragraphs))] if draft.paragraphs else []


def additions_of(draft):
    """What the draft added from reports other than the lead, with where each came from."""
    return [
        {
            "sentence": addition.sentence,
            "facts": [{"kind": fact.kind, "text": fact.text} for fact in addition.facts],
            "item": addition.report.key,
            "link": addition.report.link,
            "agency": addition.report.agency,
            "headline": addition.report.headline,
        }
        for addition in draft.additions
    ]


def record(story, draft, items, user, cluster_id):
    assisted = AssistedDraft.objects.create(
        story=story,
        lead_item_id=draft.lead.key,
        cluster_id=cluster_id,
        created_by=user,
        additions=additions_of(draft),
        notices=list(draft.notices),
        written_by=draft.written_by,
    )
    assisted.items.set(items)
    return assisted


def story_text(story):
    """The words of the story a reader sees: headline, summary and the text of its body."""
    parts = [story.title, story.summary]
    for block in story.body:
        if block.block_type == "paragraph":
            parts.append(plain_text(block.value.source))
        elif block.block_type == "quote":
            parts.append(f'"{block.value["text"]}" {block.value["attribution"]}')
        elif block.block_type == "fact_box":
            parts += [block.value["title"], *block.value["facts"]]
        elif block.block_type == "image":
            parts.append(block.value["caption"])
    return "\n".join(part for part in parts if part)


def unknown_facts(story, assisted):
    """[{kind, text, sentence}] of the story's facts that none of its reports holds."""
    check = import_string(settings.DATELINE_DRAFT_CHECK)
    flagged = check(story_text(story), reports_of(assisted.items.select_related("source__agency")))
    return [{"kind": fact.kind, "text": fact.text, "sentence": fact.sentence} for fact in flagged]


def unconfirmed(flags, assisted):
    """The flags no editor has decided to publish yet."""
    confirmed = {(flag["kind"], flag["text"]) for flag in assisted.confirmed_flags}
    return [flag for flag in flags if (flag["kind"], flag["text"]) not in confirmed]


def pending_flags(story):
    """The facts of `story` (a page or a revision's) in none of its reports that no editor has
    decided on; empty for a story not drafted by the assistant."""
    assisted = AssistedDraft.objects.filter(story_id=story.pk).first()
    if assisted is None:
        return []
    return unconfirmed(unknown_facts(story, assisted), assisted)


def publish_hold(story):
    """Where the editor decides on the facts in no report before `story` may go live, or None
    when there is nothing to decide (the desk review's approval asks, DATELINE_PUBLISH_HOLD)."""
    if pending_flags(story):
        return reverse("wire_desk:draft_publish", args=[story.pk])
    return None
