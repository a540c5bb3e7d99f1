"""Exact repeats, signatures and clustering of wire items (no database)."""

import itertools
import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.wire.dedupe import (
    SIGNATURE_BYTES,
    ClusterIndex,
    fingerprint,
    minhash_from_signature,
    signature,
    signatures,
    similarity,
)
from dateline.wire.text import normalise_text

LABELLED = Path(__file__).resolve().parent / "labelled" / "items.json"

KENYA_FLOODS = """NAIROBI, May 6 (Pan-African Press) - Floods in Kenya's Tana River county have killed 34
people and displaced more than 12,000, the Kenya Red Cross said on Monday.

"We are overwhelmed," county commissioner Rhoda Onyancha said in Garsen."""
KENYA_FLOODS_OTHER_AGENCY = """At least 34 people have died and 12,000 have been forced from their
homes after the Tana River burst its banks in eastern Kenya, the Kenya Red Cross said.

Commissioner Rhoda Onyancha told reporters in Garsen that rescuers were "overwhelmed"."""
PAKISTAN_FLOODS = """KARACHI, Aug 14 (Pan-African Press) - Floods have killed 61 people in Pakistan's Sindh
province and displaced more than 230,000, the National Disaster Management Authority said on Monday.

"The next 48 hours are critical," NDMA chairman Inam Haider said in Sukkur."""


def labelled_items():
    return json.loads(LABELLED.read_text(encoding="utf-8"))


def item_text(item):
    return f"{item['headline']}\n{item['body']}"


def cluster_labelled(items):
    index = ClusterIndex()
    cluster_of = {}
    for item, item_signature in zip(items, signatures(map(item_text, items)), strict=True):
        matched = index.add(item["id"], item_signature)
        cluster_of[item["id"]] = cluster_of[matched] if matched else item["id"]
    return cluster_of


def test_labelled_set_is_big_and_varied_enough():
    items = labelled_items()
    events = Counter(item["labels"]["event"] for item in items)
    assert len(items) >= 220
    assert len({item["id"] for item in items}) == len(items)
    assert sum(1 for size in events.values() if size >= 2) >= 40
    assert sum(1 for size in events.values() if size == 1) >= 40


def test_clustering_on_labelled_set_has_high_pairwise_precision_and_recall():
    items = labelled_items()
    cluster_of = cluster_labelled(items)
    true_positive = false_positive = false_negative = 0
    for a, b in itertools.combinations(items, 2):
        same_event = a["labels"]["event"] == b["labels"]["event"]
        same_cluster = cluster_of[a["id"]] == cluster_of[b["id"]]
        true_positive += same_event and same_cluster
        false_positive += same_cluster and not same_event
        false_negative += same_event and not same_cluster
    # Measured: precision 0.989, recall 0.979 (187 of 191 same-event pairs).
    assert true_positive / (true_positive + false_positive) >= 0.95
    assert true_positive / (true_positive + false_negative) >= 0.93


def test_exact_repeats_in_labelled_set_share_a_fingerprint():
    items = labelled_items()
    by_fingerprint = Counter(fingerprint(item["headline"], item["body"]) for item in items)
    # 21 exact repeats were re-sent as HTML, with other spacing or an upper-case headline.
    assert sum(count - 1 for count in by_fingerprint.values()) == 21


def test_reports_of_one_event_by_two_agencies_are_similar():
    assert similarity(signature(KENYA_FLOODS), signature(KENYA_FLOODS_OTHER_AGENCY)) >= 0.4


def test_floods_in_two_countries_are_not_similar():
    assert similarity(signature(KENYA_FLOODS), signature(PAKISTAN_FLOODS)) < 0.1


def test_refiled_item_with_one_changed_paragraph_joins_its_first_version():
    refiled = KENYA_FLOODS.replace(
        "in Garsen.", "in Garsen, as army helicopters dropped food to 3 villages."
    )
    index = ClusterIndex()
    assert index.add("first", signature(KENYA_FLOODS)) is None
    assert index.add("pakistan", signature(PAKISTAN_FLOODS)) is None
    assert index.add("refiled", signature(refiled)) == "first"


def test_cluster_index_returns_the_most_similar_item():
    index = ClusterIndex()
    index.add("other agency", signature(KENYA_FLOODS_OTHER_AGENCY))
    index.add("pakistan", signature(PAKISTAN_FLOODS))
    index.add("original", signature(KENYA_FLOODS))
    assert index.add("repeat", signature(KENYA_FLOODS)) == "original"
    assert index.most_similar(signature(KENYA_FLOODS)) == ("original", 1.0)


def test_cluster_index_rebuilt_from_stored_pairs_finds_the_same_matches():
    stored = [("kenya", signature(KENYA_FLOODS)), ("pakistan", signature(PAKISTAN_FLOODS))]
    index = ClusterIndex()
    index.load(stored)
    assert len(index) == 2
    assert "kenya" in index
    assert index.add("other agency", signature(KENYA_FLOODS_OTHER_AGENCY)) == "kenya"


def test_cluster_index_refuses_a_key_twice():
    index = ClusterIndex()
    index.add("a", signature(KENYA_FLOODS))
    with pytest.raises(ValueError, match="already indexed"):
        index.add("a", signature(PAKISTAN_FLOODS))


def test_signature_of_the_wrong_size_is_refused():
    with pytest.raises(ValueError, match="512 bytes"):
        minhash_from_signature(b"\x00" * 10)


def test_signatures_are_compact_and_match_one_by_one():
    texts = [KENYA_FLOODS, PAKISTAN_FLOODS, ""]
    batch = signatures(texts)
    assert batch == [signature(text) for text in texts]
    assert all(len(item_signature) == SIGNATURE_BYTES == 512 for item_signature in batch)


def test_fingerprint_ignores_markup_entities_and_quote_style():
    plain = fingerprint("Floods kill 34", 'Kenya\'s Red Cross said: "We are overwhelmed."')
    marked_up = fingerprint(
        "FLOODS  KILL 34", "<p>Kenya\u2019s Red Cross said: &ldquo;We are overwhelmed.&rdquo;</p>"
    )
    assert plain == marked_up
    assert plain != fingerprint("Floods kill 35", "Kenya's Red Cross said.")


def test_normalise_text_drops_tags_entities_punctuation_and_case():
    text = "<p>The  U.N.\u2019s  \u201cSchool\u2014Meals\u201d &amp; more</p><script>x()</script>"
    assert normalise_text(text) == "the u n s school meals more"


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)


@given(texts)
def test_normalise_text_is_idempotent(text):
    once = normalise_text(text)
    assert normalise_text(once) == once


@given(texts, texts, st.sampled_from([str.upper, str.lower, str.title]))
def test_fingerprint_is_stable_under_whitespace_and_case(headline, body, change_case):
    spaced = "  " + "\n\n ".join(body.split(" ")) + "\t"
    assert fingerprint(headline, body) == fingerprint(change_case(headline), spaced.swapcase())


@settings(max_examples=50)
@given(texts)
def test_signature_round_trips_through_a_minhash(text):
    item_signature = signature(text)
    minhash = minhash_from_signature(item_signature)
    assert minhash.hashvalues.astype("<u4").tobytes() == item_signature
    assert minhash.jaccard(minhash_from_signature(item_signature)) == 1.0


@settings(max_examples=50)
@given(st.lists(texts, min_size=1, max_size=5), st.data())
def test_a_text_always_joins_its_own_cluster(others, data):
    index = ClusterIndex()
    for number, other in enumerate(others):
        index.add(f"other {number}", signature(other))
    text = data.draw(st.sampled_from(others))
    matched = index.add("again", signature(text))
    assert matched is not None
    assert similarity(signature(text), signature(others[int(matched.split()[1])])) == 1.0


def test_a_dotless_i_and_its_upper_case_give_one_fingerprint():
    dotless = "\u0131"
    assert fingerprint(f"Iğd{dotless}r", f"K{dotless}r{dotless}kkale") == fingerprint(
        "IĞDIR", "KIRIKKALE"
    )
