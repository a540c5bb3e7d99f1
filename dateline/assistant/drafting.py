"""An assisted draft from the reports of one event (a wire cluster), and its fact check.
Plain Python: no Django import.

Offline, the draft is the copy of the best report, followed by the sentences of the other
reports that add a fact the draft does not have yet (a figure, a name, a quote), each traced to
its report. Whatever writes a draft's text (this module, a language model, the editor later),
`check()` reads its figures, names and quotes and returns those that no report holds: a model's
rewrite goes through the same check as the offline draft and as the editor's changes.

The best report is the most central one: the report sharing the most facts with the others
(counted from both sides of each pair). It tells the event as the others tell it, so it is the least likely to be a
follow-up, a side story or a release padded with its issuer's boilerplate, and it leaves the
fewest facts to add. Ties go to the report with the most facts of its own, then to the longer
copy, then to the earliest. A report that is not in English is not chosen while one in English
is, and its sentences are not added to an English draft (its facts still count as sources).
"""

import re
from dataclasses import dataclass, field

from .facts import Sources, facts, sentences, unknown_facts, unwrapped, words_of

# The best report's copy beyond this many characters is left out of the draft, whole paragraphs
# at a time; the editor is told. Agency copy runs to 400-800 words; 6,000 characters is ample.
MAX_LEAD_CHARACTERS = 6_000
# Of each report, this many characters are read for the facts it adds (a 200,000-character
# item would otherwise slow the desk for a few sentences).
MAX_READ_CHARACTERS = 50_000
# Reports compared for the best one and read for additions: the first ones received.
MAX_REPORTS = 20
# Sentences added from the other reports, in all; the rest are listed on the cluster's page.
MAX_ADDITIONS = 20
# An agency's dateline opening its copy ("DHAKA, April 14 --", "NAIROBI (Wire) -"): the story
# has a dateline field of its own.
_DATELINE = re.compile(
    r"^[A-Z][A-Z .,'\u2019-]{1,40}?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)\n]{1,40}\)\s*)?"
    r"(?:--|\u2014|\u2013|-|:)\s+"
)
# Words that make up a tenth or more of any English copy and little of other languages'.
_ENGLISH_TEXT = "the of and to in a is was for on that said with by at from has have will are it be"
_ENGLISH_WORDS = frozenset(_ENGLISH_TEXT.split())
ENGLISH_SHARE = 0.05
# Below this many words, copy is too short to tell its language.
LANGUAGE_MIN_WORDS = 20


class DraftError(ValueError):
    """Nothing to draft from; the message says why, for the editor."""


@dataclass
class Report:
    """One agency's report: what the draft is made from and what its facts are checked against."""

    key: object  # the desk's id of the item
    agency: str
    headline: str
    body: str  # plain text, one paragraph a line
    link: str = ""  # the item on the desk
    language: str = ""  # as the agency labels it, if it does

    @property
    def text(self):
        return f"{self.headline}\n{self.body}"

    def read(self):
        return self.text[:MAX_READ_CHARACTERS]

    def in_english(self):
        if self.language:
            return self.language.lower().startswith("en")
        words = words_of(self.body[:MAX_READ_CHARACTERS] or self.headline)
        if len(words) < LANGUAGE_MIN_WORDS:
            return True
        return sum(word in _ENGLISH_WORDS for word in words) >= ENGLISH_SHARE * len(words)


@dataclass
class Addition:
    """A sentence of another report that adds facts to the draft, and those facts."""

    sentence: str
    report: Report
    facts: list


@dataclass
class Draft:
    headline: str
    lead: Report  # the best report, whose copy opens the draft
    paragraphs: list  # the lead's paragraphs, then the added sentences one a paragraph
    additions: list = field(default_factory=list)
    notices: list = field(default_factory=list)  # what the editor should know about the draft
    written_by: str = ""  # the language model that wrote the paragraphs; "" for this module

    @property
    def text(self):
        return "\n".join([self.headline, *self.paragraphs])


def as_report(data):
    """A Report from the plain values a caller hands over (key, agency, headline, body, ...)."""
    return data if isinstance(data, Report) else Report(**data)


def draft(reports):
    """The offline draft from the reports of one event, the first received first."""
    reports = [as_report(report) for report in reports]
    usable = [report for report in reports if report.body.strip() or report.headline.strip()]
    if not usable:
        raise DraftError("There is no copy to draft from: the reports have no text.")
    notices = [
        f'{report.agency}\'s report "{report.headline}" has no body: only its headline is read.'
        for report in usable
        if not report.body.strip()
    ]
    if len(usable) > MAX_REPORTS:
        notices.append(
            f"The cluster has {len(usable)} reports: the draft reads the first {MAX_REPORTS}."
        )
        usable = usable[:MAX_REPORTS]
    lead = best_report(usable)
    paragraphs, cut = lead_paragraphs(lead)
    if cut:
        notices.append(
            f"The lead report is long: {cut} paragraph{'s' if cut != 1 else ''} at its end "
            "are left out of the draft."
        )
    additions, more = added_sentences(lead, usable)
    if more:
        notices.append(
            f"{more} more sentence{'s' if more != 1 else ''} of other reports add facts; "
            "they are on the cluster's page."
        )
    for report in usable:
        if report is not lead and not report.in_english() and lead.in_english():
            notices.append(
                f'{report.agency}\'s report "{report.headline}" is not in English: none of its '
                "sentences is added, but its facts count as sources for the check."
            )
    if len(usable) == 1:
        notices.append("There is only one report: the draft is its copy, with nothing to add.")
    return Draft(
        headline=lead.headline,
        lead=lead,
        paragraphs=paragraphs + [addition.sentence for addition in additions],
        additions=additions,
        notices=notices,
    )


def best_report(reports):
    """The most central report (see the module's docstring)."""
    if len(reports) == 1:
        return reports[0]
    known = {id(report): Sources([report.read()]) for report in reports}
    # Each fact once per report: a report naming a country ten times does not outweigh one
    # that gives the figures.
    own = {
        id(report): list({(f.kind, f.text.casefold()): f for f in facts(report.read())}.values())
        for report in reports
    }

    def rank(position):
        report = reports[position]
        # What it shares with each other report, counted from both sides: the facts of the
        # other's it has and its own the other has (a figure one rounds and the other does not
        # is one fact both ways).
        shared = sum(
            sum(known[id(report)].knows(fact, either_rounder=True) for fact in own[id(other)])
            + sum(known[id(other)].knows(fact, either_rounder=True) for fact in own[id(report)])
            for other in reports
            if other is not report
        )
        has_body = bool(report.body.strip())
        return (has_body, report.in_english(), shared, len(own[id(report)]), len(report.body))

    # max() keeps the first of equals: the earliest report.
    return reports[max(range(len(reports)), key=rank)]


def without_dateline(text):
    """The copy without the agency's dateline opening it."""
    return _DATELINE.sub("", text.lstrip(), count=1)


def lead_paragraphs(report):
    """(the report's paragraphs for the draft, how many were left out for length)."""
    paragraphs = [line.strip() for line in unwrapped(report.body).split("\n") if line.strip()]
    if not paragraphs:
        return [], 0
    paragraphs[0] = without_dateline(paragraphs[0])
    kept, length = [], 0
    for paragraph in paragraphs:
        length += len(paragraph)
        if kept and length > MAX_LEAD_CHARACTERS:
            break
        kept.append(_cut(paragraph))
    return kept, len(paragraphs) - len(kept)


def _cut(paragraph):
    """A paragraph longer than the draft may hold, cut after its last whole sentence that fits
    (a figure cut in half would be a fact no report has)."""
    if len(paragraph) <= MAX_LEAD_CHARACTERS:
        return paragraph
    kept = ""
    for sentence in sentences(paragraph):
        if len(kept) + len(sentence) + 1 > MAX_LEAD_CHARACTERS:
            break
        kept = f"{kept} {sentence}".strip()
    return kept or paragraph[:MAX_LEAD_CHARACTERS].rsplit(" ", 1)[0]


def added_sentences(lead, reports):
    """([Addition], how many more sentences would have added facts), in the reports' order."""
    said = Sources([lead.read()])
    additions, more = [], 0
    for report in reports:
        if report is lead or (lead.in_english() and not report.in_english()):
            continue
        by_sentence = {}
        for fact in facts(without_dateline(report.body[:MAX_READ_CHARACTERS])):
            by_sentence.setdefault(fact.sentence, []).append(fact)
        for sentence, found in by_sentence.items():
            new = [fact for fact in found if not said.knows(fact, either_rounder=True)]
            if not new:
                continue
            if len(additions) == MAX_ADDITIONS:
                more += 1
                continue
            additions.append(Addition(sentence, report, new))
            said.add(sentence)
    return additions, more


def check(text, reports):
    """The facts of `text` (a draft, a model's rewrite, the story as edited) no report holds."""
    return unknown_facts(text, [as_report(report).text for report in reports])
