"""Key takeaways of an event for the wire desk, from the reports of a cluster, before any story.

The desk asks for them on a cluster's page; the points the editor keeps (edited or not) go into
the story created from the cluster, and that acceptance is recorded like one in the page editor.
Offline, the points are sentences of the reports, ranked together, each with the agency it is
from; with a model, the model writes them from the reports (prompts/event_takeaways.txt) and the
story is AI-assisted. The wire names these functions in settings (DATELINE_EVENT_TAKEAWAYS,
DATELINE_ACCEPT_TAKEAWAYS) and hands over the reports as plain values: it does not import the
assistant.
"""

from dataclasses import dataclass, field

from dateline.newsroom.models import MAX_TAKEAWAYS, TakeawaysMethod

from . import extractive
from .backends import OFFLINE, ask_json
from .drafting import MAX_REPORTS, as_report, unwrapped
from .models import SuggestionKind
from .records import offer_token, read_offer, record_acceptance
from .rewrite import reports_text
from .suggestions import MAX_POINT_CHARS, string_list

NO_COPY = "The reports of this cluster have no body text: there is nothing to take points from."
STALE_OFFER = (
    "The suggested takeaways could not be matched to a suggestion made for you in this session: "
    "ask for them again, or write your own in the story."
)


@dataclass
class EventTakeaways:
    """The points (text, agency they come from, empty for a model's), messages for the editor,
    the signed offer, and how they were made (a TakeawaysMethod value and the model)."""

    points: list
    messages: list = field(default_factory=list)
    offer: str = ""
    method: str = TakeawaysMethod.REPORTS
    model: str = ""


@dataclass
class AcceptedTakeaways:
    """What the story is created with, and the offer to record once it exists."""

    fields: dict
    offer: dict
    editor: object

    def record(self, story):
        record_acceptance(
            SuggestionKind.TAKEAWAYS,
            story,
            self.offer,
            "\n".join(self.fields["takeaways"]),
            self.editor,
        )


def _paragraphs(report):
    return [line.strip() for line in unwrapped(report.body).split("\n") if line.strip()]


def event_takeaways(reports, user):
    """Three to five key takeaways of the event these reports tell (the first received first)."""
    usable = [report for report in map(as_report, reports) if report.body.strip()][:MAX_REPORTS]
    if not usable:
        return EventTakeaways([], [NO_COPY])
    readings = [extractive.read_text(_paragraphs(report)) for report in usable]
    offline_points = [
        (text, usable[number].agency) for text, number in extractive.event_takeaways(readings)
    ]
    answer = ask_json(
        "event_takeaways",
        {"reports": reports_text(usable)},
        lambda: {"takeaways": [text for text, _agency in offline_points]},
        lambda data: {"takeaways": string_list(data, "takeaways", MAX_TAKEAWAYS)},
        user=user,
    )
    messages = list(answer.messages)
    if not offline_points and not answer.from_model:
        messages.append(NO_COPY)
    if answer.from_model:
        return EventTakeaways(
            [(text, "") for text in answer.data["takeaways"]],
            messages,
            offer_token(SuggestionKind.TAKEAWAYS, answer, user),
            TakeawaysMethod.MODEL,
            answer.model,
        )
    offer = offer_token(SuggestionKind.TAKEAWAYS, answer, user) if offline_points else ""
    return EventTakeaways(offline_points, messages, offer)


def accept_takeaways(offer, points, editor):
    """The takeaways `editor` kept of a suggestion signed for them, as an AcceptedTakeaways;
    ValueError when the offer is not one (forged, stale, another editor's)."""
    accepted = read_offer(offer or "", editor)
    if accepted is None or accepted["kind"] != SuggestionKind.TAKEAWAYS:
        raise ValueError(STALE_OFFER)
    from_model = accepted["backend"] != OFFLINE
    kept = [" ".join(point.split())[:MAX_POINT_CHARS] for point in points]
    return AcceptedTakeaways(
        fields={
            "takeaways": [point for point in kept if point][:MAX_TAKEAWAYS],
            "takeaways_method": TakeawaysMethod.MODEL if from_model else TakeawaysMethod.REPORTS,
            "takeaways_model": accepted["model"] if from_model else "",
        },
        offer=accepted,
        editor=editor,
    )
