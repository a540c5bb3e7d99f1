"""The offline assisted draft on real copy: the labelled event sets' reports of one event by
different agencies (the tuning part only) and the shared corpora's wire items. No database."""

from collections import defaultdict

import pytest

from dateline.assistant import drafting
from dateline.assistant.facts import FIGURE, Sources, facts, figures
from dateline.wire.formats import WireFormatError, parse_payload
from dateline.wire.text import plain_text, strip_boilerplate
from tests.wire.corpora import corpus_files
from tests.wire.events import evaluate


def report(item):
    """A labelled item as the desk hands it to the assistant (wire/assisted.py reports_of)."""
    return drafting.Report(
        key=item["id"],
        agency=item["agency"],
        headline=item["headline"],
        body=strip_boilerplate("\n".join(item["body"].split("\n\n"))),
        link=f"/desk/{item['id']}/",
    )


def tuning_events():
    if not evaluate.part_path("tuning").exists():
        return []
    events = defaultdict(list)
    for item in sorted(evaluate.load_part("tuning"), key=lambda item: item["arrives"]):
        events[item["labels"]["event"]].append(item)
    return [[report(item) for item in items] for items in events.values() if len(items) > 1]


EVENTS = tuning_events()


def unique_figures(reports):
    """(report, figure text) of the figures only one report gives, in its body."""
    found = []
    for one in reports:
        others = Sources([other.text for other in reports if other is not one])
        for fact in facts(drafting.without_dateline(one.body)):
            if fact.kind == FIGURE and not others.knows(fact, either_rounder=True):
                found.append((one, fact))
    return found


def test_the_tuning_part_has_events_told_by_several_agencies():
    if not EVENTS:
        pytest.skip("the labelled event set is not available")
    assert len(EVENTS) >= 40


@pytest.mark.parametrize("reports", EVENTS, ids=lambda reports: reports[0].key)
def test_the_draft_has_each_reports_unique_figures_with_their_source(reports):
    draft = drafting.draft(reports)
    assert draft.lead in reports
    assert draft.headline == draft.lead.headline
    in_draft = figures(draft.text)
    for one, fact in unique_figures(reports):
        assert any(fact.figure.same_quantity(other) for other in in_draft), (one.key, fact.text)
        if one is not draft.lead:
            # Added in its own sentence, traced to the one report that gives it.
            assert any(
                addition.report is one and fact.text in addition.sentence
                for addition in draft.additions
            ), (one.key, fact.text)
    # What the offline draft says, the reports say.
    assert drafting.check(draft.text, reports) == []


@pytest.mark.parametrize("reports", EVENTS[:12], ids=lambda reports: reports[0].key)
def test_an_unknown_figure_is_flagged_and_a_rounded_one_is_not(reports):
    draft = drafting.draft(reports)
    invented = "Officials said 987,654 people were affected."
    assert [fact.text for fact in drafting.check(f"{draft.text}\n{invented}", reports)] == [
        "987,654"
    ]
    exact = next(
        (figure for one in reports for figure in figures(one.body) if figure.value >= 1000),
        None,
    )
    if exact is None:
        return
    digits = len(str(int(exact.value)))
    rounded = round(int(exact.value), 2 - digits)
    assert drafting.check(f"{draft.text}\nAbout {rounded:,} in all.", reports) == []


def test_the_best_report_is_the_one_the_others_confirm():
    follow_up = drafting.Report(
        1,
        "Desk A",
        "Markets rally",
        "Shares rose 3% in Lusaka on Tuesday as traders cheered the IMF.",
    )
    central = drafting.Report(
        2,
        "Desk B",
        "IMF approves $1.3 billion for Zambia",
        "The IMF approved a $1.3 billion loan to Zambia on Monday, Finance Minister Situmbeko "
        "Musokotwane said. Zambia will receive $185 million at once.",
    )
    release = drafting.Report(
        3,
        "IMF",
        "IMF Executive Board completes review for Zambia",
        "The Executive Board of the IMF completed the review of the arrangement for Zambia.",
    )
    draft = drafting.draft([follow_up, central, release])
    assert draft.lead is central
    added = {
        (addition.report.key, fact.text) for addition in draft.additions for fact in addition.facts
    }
    assert (1, "3%") in added and (1, "Lusaka") in added
    assert (3, "Executive Board of the IMF") in added
    assert not any(key == 2 for key, _ in added)


def test_bad_input_gets_a_clear_message_or_a_plain_draft():
    with pytest.raises(drafting.DraftError, match="no copy to draft from"):
        drafting.draft([])
    with pytest.raises(drafting.DraftError):
        drafting.draft([{"key": 1, "agency": "A", "headline": " ", "body": ""}])

    single = drafting.draft([{"key": 1, "agency": "A", "headline": "One", "body": "Text 12."}])
    assert single.paragraphs == ["Text 12."] and single.additions == []
    assert any("only one report" in notice for notice in single.notices)

    headline_only = drafting.draft(
        [
            {"key": 1, "agency": "A", "headline": "Quake of 6.1 hits Sulawesi", "body": ""},
            {"key": 2, "agency": "B", "headline": "Quake hits", "body": "A 6.1 quake hit Palu."},
        ]
    )
    assert headline_only.lead.key == 2
    assert any("has no body" in notice for notice in headline_only.notices)

    french = drafting.Report(
        3,
        "Agence C",
        "Séisme à Palu",
        "Un séisme de magnitude 6,1 a frappé la ville de Palu, selon les autorités locales, "
        "qui font état de 12 morts et de nombreux blessés dans les quartiers du nord de la ville.",
    )
    mixed = drafting.draft(
        [drafting.Report(4, "B", "Quake hits Palu", "A 6.1 quake hit Palu, killing 9."), french]
    )
    assert mixed.lead.key == 4 and mixed.additions == []
    assert any("is not in English" in notice for notice in mixed.notices)

    one_paragraph = " ".join(f"Item {n} counted {n * 1000 + 7:,} boats." for n in range(900))
    cut = drafting.draft([{"key": 6, "agency": "E", "headline": "Long", "body": one_paragraph}])
    assert len(cut.paragraphs[0]) <= drafting.MAX_LEAD_CHARACTERS
    assert cut.paragraphs[0].endswith("boats.")
    assert (
        drafting.check(
            cut.text, [{"key": 6, "agency": "E", "headline": "Long", "body": one_paragraph}]
        )
        == []
    )

    long_body = "\n".join(
        f"Paragraph {n} of a very long item, with {n} boats." for n in range(3000)
    )
    long = drafting.draft([{"key": 5, "agency": "D", "headline": "Long", "body": long_body}])
    assert sum(map(len, long.paragraphs)) <= drafting.MAX_LEAD_CHARACTERS
    assert any("paragraphs at its end are left out" in notice for notice in long.notices)


def corpus_reports():
    reports = []
    for path in corpus_files("ninjs", "nitf", "newsml-g2"):
        try:
            result = parse_payload(path.read_bytes())
        except WireFormatError:
            continue
        for item in result.items:
            body = plain_text(item.body_html) or item.summary
            if body:
                reports.append(drafting.Report(item.guid, path.parent.name, item.headline, body))
    return reports


def test_drafts_from_the_corpora_wire_items_say_only_what_their_items_say():
    reports = corpus_reports()
    if not reports:
        pytest.skip("the shared corpora are not available")
    # Items of a directory in threes, as if the desk had clustered them: unrelated copy is the
    # hard case for the check, which must still find every fact of the draft in its items.
    for start in range(0, min(len(reports), 90), 3):
        group = reports[start : start + 3]
        draft = drafting.draft(group)
        assert drafting.check(draft.text, group) == [], [report.key for report in group]
        for addition in draft.additions:
            assert addition.report in group
            assert " ".join(addition.sentence.split()) in " ".join(addition.report.body.split())
