"""Reading figures, names and quotes, and telling those in no source. No database."""

import math

from hypothesis import given
from hypothesis import strategies as st

from dateline.assistant.facts import FIGURE, NAME, QUOTE, figures, names, quotes, unknown_facts

SOURCE = (
    "About 2.3 million people need food aid, 45 per cent of them children, the agency said. "
    "Nearly 297 schools were closed. The World Bank approved a USD300 million loan. "
    '"We will rebuild every school before the rains," said Education Minister Grace Mbewe.'
)


def flagged(text, sources=(SOURCE,)):
    return [fact.text for fact in unknown_facts(text, list(sources))]


def test_one_figure_however_it_is_written():
    for text in ("1.2m", "1,200,000", "1.2 million", "1.2 mln", "1200000", "12 lakh"):
        (figure,) = figures(f"It costs {text} this year.")
        assert math.isclose(figure.value, 1_200_000), text
    assert [figure.unit for figure in figures("45% and 45 per cent and 45 percent")] == ["%"] * 3
    money = figures("$300m, USD300 million, US$ 300 million and 300 million dollars")
    assert [(figure.value, figure.unit) for figure in money] == [(3e8, "USD")] * 4
    assert figures("Tk 3,600 crore")[0].unit == "BDT"
    assert [figure.value for figure in figures("fourteen people and twenty boats")] == [14, 20]


def test_codes_and_names_with_digits_are_not_figures():
    assert figures("The G20, COVID-19 and the R21 vaccine") == []


def test_rounded_and_reformatted_figures_of_a_source_are_known():
    assert flagged("2,300,000 people need aid; 45% are children; 300 schools shut.") == []
    assert flagged("The $300m loan, approved by the World Bank.") == []


def test_figures_in_no_source_are_flagged():
    # 2,312,000 is more precise than "about 2.3 million": its digits came from elsewhere.
    assert flagged("2,312,000 people need aid.") == ["2,312,000"]
    assert flagged("260 schools were closed.") == ["260"]
    assert flagged("Some 4,700 cattle drowned.") == ["4,700"]
    # A share is not a count, and a loan in taka is not one in dollars.
    assert flagged("45 schools reopened.") == ["45"]
    assert flagged("a Tk300 million loan") == ["Tk300 million"]


def test_names():
    text = (
        "Malawi is still recovering. Neighbouring Mozambique and the Food and Agriculture "
        "Organization of the United Nations (FAO) sent help to Guinea-Bissau's coast on Monday."
    )
    assert names("\n" + text + " Floods hit southern Malawi.") == [
        "Malawi",
        "Mozambique",
        "Food and Agriculture Organization of the United Nations",
        "FAO",
        "Guinea-Bissau",
        "Malawi",
    ]


def test_unknown_names_are_flagged_and_known_ones_are_not():
    assert flagged("Education Minister Grace Mbewe met World Bank staff.") == []
    assert flagged("Staff of the World Bank and Education Minister Grace Mbewe met.") == []
    # The word opening the sentence counts only if the text capitalises it elsewhere too.
    assert flagged("Finance Minister John Banda met World Bank staff.") == ["Minister John Banda"]


def test_quotes_match_with_small_differences():
    assert quotes('He said "no" and then "we will rebuild every school".') == [
        "we will rebuild every school"
    ]
    assert flagged('"We will rebuild every school before the rains," she said.') == []
    assert flagged('"We will rebuild each school before the rains," Mbewe said.') == []
    assert flagged('"We will never rebuild the schools," Mbewe said.') == [
        "We will never rebuild the schools,"
    ]


def test_each_kind_is_flagged_once():
    kinds = [
        fact.kind for fact in unknown_facts('7,777 and 7,777, Zed Corp, "not said at all"', [])
    ]
    assert kinds == [FIGURE, NAME, QUOTE]


SIZES = st.integers(min_value=1_000, max_value=10**12)


def written(value, style):
    """A figure as one agency or another writes it."""
    if style == "digits":
        return f"{value:,}"
    if style == "plain":
        return str(value)
    for scale, word in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand")):
        if value >= scale:
            return f"{value / scale:.1f} {word}" if style == "word" else f"{value / scale:.1f}m"
    return str(value)


@given(SIZES, st.sampled_from(["digits", "plain"]))
def test_an_exact_figure_is_read_as_its_value(value, style):
    (figure,) = figures(f"They counted {written(value, style)} in all.")
    assert figure.value == value


@given(SIZES)
def test_a_figure_rounded_from_a_source_is_known(value):
    source = f"They counted {value:,} in all."
    rounded = round(value, -(len(str(value)) - 2))  # two significant digits, as agencies round
    if abs(rounded - value) <= 0.05 * rounded:
        assert flagged(f"About {rounded:,} were counted.", [source]) == []
    assert flagged(f"They counted {value:,} in all.", [f"They counted {value} in all."]) == []


@given(SIZES, st.floats(min_value=0.12, max_value=3.0))
def test_a_figure_far_from_every_source_is_flagged(value, factor):
    other = int(value * (1 + factor))
    assert flagged(f"They counted {other:,}.", [f"They counted {value:,}."]) == [f"{other:,}"]
