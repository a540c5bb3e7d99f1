"""Reader search: the search backend finds the stories that hold every word; the order, the
spelling help and the highlighted words are ours, so they are the same on SQLite and PostgreSQL.

Relevance: a word in the headline weighs more than a word in the summary, which weighs more than
a word only in the body (every story found has each word somewhere); newer stories break ties.
"""

from dataclasses import dataclass
from itertools import chain

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Value, When
from django.utils.safestring import mark_safe
from taggit.models import Tag

from dateline.core.page_cache import shared_fragment
from dateline.newsroom.models import ListingPage, StoryPage, StoryTag, paginate
from dateline.taxonomy.models import Country, Sector

from .search_text import (
    corrected_terms,
    highlight,
    query_terms,
    respelled,
    vocabulary_counts,
    word_pattern,
)

RELEVANCE = "relevance"
NEWEST = "newest"
SORTS = {RELEVANCE: "Relevance", NEWEST: "Newest first"}
RESULTS_PER_PAGE = 20
HEADLINE_WEIGHT = 3
SUMMARY_WEIGHT = 1
# Words beyond these still have to match, but no longer change the order: each costs a pattern
# test per story found.
RANKED_TERMS = 8
# Below this many stories, a query with a misspelt word is offered (or given) the spelling that
# finds more.
FEW_RESULTS = 3
# Spelling suggestions come from the newest headlines (and every tag, sector and country): the
# words readers search for now, at a bounded cost whenever something is published.
VOCABULARY_HEADLINES = 10_000
VOCABULARY_SECONDS = 3600


@dataclass
class SearchOutcome:
    results: ListingPage
    result_count: int
    # What the results were found and highlighted with: the reader's query and words, or the
    # corrected ones when the reader's found nothing.
    shown_query: str
    terms: list
    corrected_from: str = ""
    suggestion: str = ""


def word_score(field_name, term, weight):
    return Case(
        When(**{f"{field_name}__iregex": word_pattern(term)}, then=Value(weight)),
        default=Value(0),
        output_field=IntegerField(),
    )


def relevance(terms):
    scores = [
        word_score(name, term, weight)
        for term in terms[:RANKED_TERMS]
        for name, weight in (("title", HEADLINE_WEIGHT), ("summary", SUMMARY_WEIGHT))
    ]
    return sum(scores[1:], scores[0])


def matching(stories, terms, sort):
    """The stories holding every word, in the reader's order. The search backend only matches:
    its own ranking ignores our fields' weights on SQLite and knows nothing of dates."""
    newest = (F("first_published_at").desc(nulls_last=True), F("pk").desc())
    if sort == NEWEST:
        ordered = stories.order_by(*newest)
    else:
        ordered = stories.order_by(relevance(terms).desc(), *newest)
    return ordered.search(" ".join(terms), operator="and", order_by_relevance=False)


def found_page(request, stories, terms, sort):
    """One page of results and how many there are; the count costs a query only when there is
    more than one page."""
    if not terms:
        return paginate(request, stories.none(), per_page=RESULTS_PER_PAGE), 0
    matches = matching(stories, terms, sort)
    page = paginate(request, matches, per_page=RESULTS_PER_PAGE)
    if page.has_next:
        return page, matches.count()
    return page, (page.number - 1) * RESULTS_PER_PAGE + len(page.object_list)


def build_vocabulary():
    published = StoryPage.objects.published()
    headlines = published.order_by("-first_published_at").values_list("title", flat=True)
    # Only tags readers can see: the tag of a draft alone would give the draft away.
    carried = StoryTag.objects.filter(tag=OuterRef("pk"), content_object__in=published.values("pk"))
    return vocabulary_counts(
        chain(
            headlines[:VOCABULARY_HEADLINES],
            Tag.objects.filter(Exists(carried)).values_list("name", flat=True),
            Sector.objects.values_list("name", flat=True),
            Country.objects.values_list("name", flat=True),
        )
    )


def search_vocabulary():
    """Word counts of what readers can see, rebuilt after the next publish like every fragment."""
    return shared_fragment("search-vocabulary", build_vocabulary, timeout=VOCABULARY_SECONDS)


def find_stories(request, stories, query, sort):
    """The page of `stories` a reader asked for, with spelling help when their words found few."""
    terms = query_terms(query)
    page, count = found_page(request, stories, terms, sort)
    outcome = SearchOutcome(page, count, query, terms)
    if count < FEW_RESULTS and terms:
        spelled = corrected_terms(terms, search_vocabulary())
        if [t.casefold() for t in spelled] != [t.casefold() for t in terms]:
            if count == 0:
                spelled_page, spelled_count = found_page(request, stories, spelled, sort)
                if spelled_count:
                    shown = respelled(query, terms, spelled)
                    outcome = SearchOutcome(
                        spelled_page, spelled_count, shown, spelled, corrected_from=query
                    )
            elif matching(stories, spelled, NEWEST).count() > count:
                outcome.suggestion = respelled(query, terms, spelled)
    for story in outcome.results.object_list:
        # These stories are read for this page only and never saved: the card shows the
        # headline and summary as given, here escaped with the reader's words marked.
        story.title = mark_safe(highlight(story.title, outcome.terms))
        story.summary = mark_safe(highlight(story.summary, outcome.terms))
    return outcome
