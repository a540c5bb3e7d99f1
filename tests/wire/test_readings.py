"""A big batch of new wire items is read (signatures, tags, event features) by several processes
at once: the worker then stores and clusters exactly what it would have read alone."""

import os
from concurrent.futures.process import BrokenProcessPool
from datetime import timedelta

import pytest
from freezegun import freeze_time

from dateline.taxonomy.defaults import EDITIONS, SECTORS, country_codes
from dateline.wire import readings
from dateline.wire.clustering import cluster_new_items
from dateline.wire.models import Item
from dateline.wire.text import plain_text

from .events import evaluate
from .test_events import NATIONAL, RELEASE, START, WIRE, push

VOCABULARY = readings.Vocabulary(
    country_codes(),
    frozenset(slug for slug, _ in SECTORS),
    {code: slug for slug, _, members in EDITIONS for code in members},
)


def test_a_kosovo_story_is_tagged_kosovo_and_goes_to_the_europe_edition():
    countries, _sectors, _scores, editions = readings.tags(
        "Kosovo and Serbia agree on joint search for the missing",
        "PRISTINA, May 4 (Agency) - Kosovar and Serbian officials agreed in Brussels to open "
        "files on 1,600 people still missing from the war.",
        "PRISTINA",
        [],
        VOCABULARY,
    )
    assert set(countries) == {"XK", "RS"}
    assert set(editions) == {"europe-central-asia"}


@pytest.fixture
def reading_processes():
    """Two reading processes, stopped after the test so none outlives it."""
    yield 2
    readings.shut_down()


def labelled_jobs():
    items = evaluate.load_part("labelled")
    if evaluate.part_path("tuning").exists():
        items += evaluate.load_part("tuning")
    return [
        readings.Job(
            item["headline"],
            "",
            evaluate.body_html(evaluate.paragraphs(item)),
            item["dateline"],
            [{"scheme": "medtop", "code": evaluate.medtop_code(code)} for code in item["subjects"]],
            position % 7 != 3,  # some items' tags corrected by the desk: their scores stay
            {"KE": 3.0, "UG": 1.0},
            evaluate.arrival(item).date(),
        )
        for position, item in enumerate(items)
    ]


def test_several_processes_read_a_batch_exactly_as_one_does(reading_processes, monkeypatch):
    jobs = labelled_jobs()
    monkeypatch.setattr(readings, "PARALLEL_FROM", min(len(jobs), readings.PARALLEL_FROM))
    alone = readings.read_items(jobs, VOCABULARY, processes=1)
    together = list(readings.read_items(jobs, VOCABULARY, processes=reading_processes))
    assert together == alone
    # The readings are real ones: the labelled copy names countries and sectors.
    retagged = [reading for job, reading in zip(jobs, alone, strict=True) if job.retag]
    assert sum(bool(reading.countries) for reading in retagged) > len(retagged) * 0.9
    assert all(
        reading.sectors == [] and reading.country_scores == job.stored_scores
        for job, reading in zip(jobs, alone, strict=True)
        if not job.retag
    )


def test_a_reading_process_that_dies_costs_the_batch_nothing(reading_processes, monkeypatch):
    jobs = labelled_jobs()[:40]
    monkeypatch.setattr(readings, "PARALLEL_FROM", 10)
    expected = readings.read_chunk(jobs, VOCABULARY)
    assert list(readings.read_items(jobs, VOCABULARY, processes=reading_processes)) == expected
    # A reading process killed (for memory, say) breaks the pool: the worker reads the batch
    # itself, and the next big batch starts new processes.
    dying = readings._Pool.executor.submit(os._exit, 1)
    # Once the pool knows (the dead process's work fails), not in a race with the next batch.
    with pytest.raises(BrokenProcessPool):
        dying.result(timeout=60)
    assert list(readings.read_items(jobs, VOCABULARY, processes=reading_processes)) == expected
    assert list(readings.read_items(jobs, VOCABULARY, processes=reading_processes)) == expected
    assert readings._Pool.executor is not None


def test_the_worker_clusters_and_tags_with_reading_processes(
    sources, settings, monkeypatch, reading_processes
):
    settings.DATELINE_WIRE_READING_PROCESSES = reading_processes
    monkeypatch.setattr(readings, "PARALLEL_FROM", 2)
    wire, unicef, national = sources
    with freeze_time(START):
        push(unicef, "u1", RELEASE)
        push(national, "n1", NATIONAL)
        push(wire, "w1", WIRE)
        assert cluster_new_items() == 3
    assert readings._Pool.executor is not None  # the batch was read by the processes
    items = {item.guid: item for item in Item.objects.prefetch_related("countries", "sectors")}
    assert len({item.cluster_id for item in items.values()}) == 1
    assert all(item.signature for item in items.values())
    assert {country.code for country in items["w1"].countries.all()} == {"MW"}
    assert items["w1"].edition_scores and "southern-africa" in items["w1"].edition_scores
    assert "Nsanje" in plain_text(items["w1"].body_html)
    with freeze_time(START + timedelta(hours=2)):
        assert cluster_new_items() == 0
