"""What the worker reads off each new item before it clusters it: its MinHash signature, its
country and sector tags and its event features.

These are pure functions of an item's stored fields, and they are most of the job's time, so a
big batch is read by several processes at once while the indexes, which must see items one by
one in order, and the database stay with the worker. No Django import here: the reading
processes start from a fresh interpreter ("spawn", safe whatever threads the worker runs) and
import only this module and what it needs.
"""

import logging
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import repeat
from multiprocessing import get_context
from typing import NamedTuple

from . import dedupe, events, tagging
from .text import plain_body_or_summary

logger = logging.getLogger(__name__)

# Below this many items one process reads a batch sooner than it can send it to others and get
# the results back (about 0.1 ms an item each way).
PARALLEL_FROM = 400
# Items per chunk sent to a reading process: the worker places a chunk's items in the indexes
# while the processes read the next ones, so the first chunk should come back soon.
CHUNK = 200
# A batch the processes have not read in this long is read by the worker itself: a pool that
# stops answering (a process stuck, or the pool's own bookkeeping) must not stop the wire.
BATCH_TIMEOUT_SECONDS = 600
# The score of a country copy is about only because its source's copy usually is: the item's
# only country, so any score routes the whole item to its edition.
USUAL_COUNTRY_SCORE = 1.0


class Job(NamedTuple):
    """What is read of one item."""

    headline: str
    summary: str
    body_html: str
    dateline_place: str
    subjects: list
    retag: bool  # False when the desk corrected its tags: they stay, and so do its scores
    stored_scores: dict
    day: object  # the date it was received, which resolves "Tuesday" and "May 6"
    # The country its source's copy is usually about (enrich.usual_countries), or "": the
    # country of copy that names none at all.
    usual_country: str = ""


class Vocabulary(NamedTuple):
    """The taxonomy tags may point at, read once per batch by the worker."""

    country_codes: frozenset
    sector_slugs: frozenset
    edition_of_country: dict


class Reading(NamedTuple):
    signature: bytes
    countries: list  # empty, like sectors and the scores, when the job did not retag
    sectors: list
    country_scores: dict
    edition_scores: dict
    features: frozenset


def tags(headline, text, dateline_place, subjects, vocabulary, usual_country=""):
    """(country codes, sector slugs, country scores, edition scores) for one item.

    The scores kept are those of the countries the story is about, and its editions follow
    from them alone: a country the copy merely names routes it to no edition. Copy that names
    no country at all, nor any place, people or currency of one, is about `usual_country`, the
    one its source's copy is usually about, if it has one."""
    meant = tagging.countries_meant(headline, text, dateline_place)
    if not meant and usual_country:
        meant = {usual_country: USUAL_COUNTRY_SCORE}
    country_scores = {code: s for code, s in meant.items() if code in vocabulary.country_codes}
    sectors = tagging.sectors_meant(
        headline,
        text,
        [(subject.get("scheme", ""), subject.get("code", "")) for subject in subjects],
    )
    sectors = [slug for slug in sectors if slug in vocabulary.sector_slugs]
    editions = tagging.edition_scores(country_scores, vocabulary.edition_of_country)
    return list(country_scores), sectors, country_scores, editions


def read_chunk(jobs, vocabulary):
    """The Reading of each job, in order."""
    texts = [plain_body_or_summary(job.body_html, job.summary) for job in jobs]
    signatures = dedupe.signatures(
        f"{job.headline}\n{text}" for job, text in zip(jobs, texts, strict=True)
    )
    found = []
    for job, text, signature in zip(jobs, texts, signatures, strict=True):
        if job.retag:
            countries, sectors, scores, editions = tags(
                job.headline, text, job.dateline_place, job.subjects, vocabulary, job.usual_country
            )
        else:
            countries, sectors, scores, editions = [], [], job.stored_scores or {}, {}
        # The main country first: it keeps the item out of clusters about other countries.
        by_score = sorted(scores, key=scores.get, reverse=True)
        features = frozenset(events.features(job.headline, text, job.day, by_score))
        found.append(Reading(signature, countries, sectors, scores, editions, features))
    return found


class _Pool:
    executor = None
    processes = 0


def _warm_up():
    # The gazetteer's patterns and the keyword tables are built on first use: build them once
    # when a process starts, not inside the first batch it is given.
    read_chunk(
        [Job("Warm-up in Nairobi", "", "<p>Floods in Kenya.</p>", "", [], True, {}, None)],
        Vocabulary(frozenset(), frozenset(), {}),
    )


def _executor(processes):
    if _Pool.executor is None or _Pool.processes != processes:
        shut_down()
        _Pool.executor = ProcessPoolExecutor(
            max_workers=processes, mp_context=get_context("spawn"), initializer=_warm_up
        )
        _Pool.processes = processes
    return _Pool.executor


def shut_down(wait=True):
    """Stop the reading processes (they start again when a big batch needs them); without
    `wait`, a broken pool is left to finish on its own rather than waited for."""
    if _Pool.executor is not None:
        _Pool.executor.shutdown(wait=wait, cancel_futures=True)
    _Pool.executor, _Pool.processes = None, 0


def read_items(jobs, vocabulary, processes=1):
    """The Reading of each job, in order (an iterable); a batch of PARALLEL_FROM jobs or more
    is read by `processes` processes, and its readings come as each chunk is read. The
    readings are the same either way."""
    if processes < 2 or len(jobs) < PARALLEL_FROM:
        return read_chunk(jobs, vocabulary)
    chunks = [jobs[start : start + CHUNK] for start in range(0, len(jobs), CHUNK)]
    return _read_in_processes(chunks, vocabulary, processes)


def _read_in_processes(chunks, vocabulary, processes):
    done = 0
    try:
        for readings in _executor(processes).map(
            read_chunk, chunks, repeat(vocabulary), timeout=BATCH_TIMEOUT_SECONDS
        ):
            yield from readings
            done += 1
    except (BrokenProcessPool, TimeoutError) as error:
        # A reading process died (killed for memory, say) or the pool stopped answering: the
        # rest of the batch is read here, and the next big batch starts new processes.
        logger.warning("wire reading processes failed (%r); reading the batch here", error)
        shut_down(wait=False)
        for chunk in chunks[done:]:
            yield from read_chunk(chunk, vocabulary)
