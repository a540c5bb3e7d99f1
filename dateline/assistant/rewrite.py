"""The desk's assisted draft of a cluster, from a language model when one is configured.

Offline the draft is drafting.draft's: the best report's copy and the facts other reports add,
each traced to its report. With a model, the model rewrites the reports into one story in the
house style (prompts/rewrite.txt); the offline draft's traced additions stay with it for the
editor, and its text goes through the same fact check as any other (drafting.check), so a figure,
name or quote the model made up is flagged before the story can be published. A model that fails
leaves the offline draft and a notice saying why.
"""

from dataclasses import replace

from django.conf import settings

from .backends import ask_json
from .drafting import MAX_REPORTS, as_report, draft

MAX_PARAGRAPHS = 12
MAX_PARAGRAPH_CHARS = 1_500


def reports_text(reports):
    """The reports as the prompt gives them, each with its agency, within the input cap."""
    limit = settings.DATELINE_ASSISTANT_MAX_INPUT_CHARS
    share = max(limit // max(len(reports), 1), 500)
    return "\n\n".join(
        f"Report {number} ({report.agency}): {report.headline}\n{report.body[:share]}"
        for number, report in enumerate(reports, start=1)
    )[:limit]


def _paragraphs(data):
    paragraphs = data.get("paragraphs")
    if not isinstance(paragraphs, list):
        raise ValueError("no list of paragraphs")
    cleaned = [
        " ".join(text.split())[:MAX_PARAGRAPH_CHARS] for text in paragraphs if isinstance(text, str)
    ]
    cleaned = [text for text in cleaned if text][:MAX_PARAGRAPHS]
    if not cleaned:
        raise ValueError("no paragraphs")
    return {"paragraphs": cleaned}


def assisted_draft(reports, user=None):
    """The draft a story starts from (see the module's docstring); DraftError (a ValueError)
    when the reports hold no text."""
    offline = draft(reports)
    usable = [as_report(report) for report in reports][:MAX_REPORTS]
    answer = ask_json(
        "rewrite", {"reports": reports_text(usable)}, lambda: {}, _paragraphs, user=user
    )
    if not answer.from_model:
        return replace(offline, notices=[*offline.notices, *answer.messages])
    return replace(
        offline,
        paragraphs=answer.data["paragraphs"],
        written_by=answer.model,
        notices=[
            *offline.notices,
            f"The language model {answer.model} wrote this draft from the reports (prompt "
            f"{answer.prompt}, version {answer.prompt_version}). Its figures, names and quotes "
            "are checked against the reports; the story is labelled AI-assisted.",
        ],
    )
