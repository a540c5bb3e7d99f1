"""Listings by sector, country, tag, author and edition; latest news; search."""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from taggit.models import Tag

from dateline.newsroom.models import Author, StoryKind, StoryPage, StoryTag, paginate
from dateline.taxonomy.editions import edition_table, reader_edition
from dateline.taxonomy.models import Country, Sector
from dateline.video.models import Short

from .front import front_html
from .search import RELEVANCE, SORTS, find_stories

SEARCH_QUERY_MAX = 200
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
ONE_YEAR = 365 * 24 * 3600


def listing(request, title, stories, *, intro="", extra=None):
    context = {
        "listing_title": title,
        "listing_intro": intro,
        "stories": paginate(request, stories.for_cards().newest_first()),
        "edition": reader_edition(request),
        **(extra or {}),
    }
    return render(request, "listing.html", context)


def sector(request, slug):
    found = get_object_or_404(Sector, slug=slug)
    return listing(
        request,
        found.name,
        StoryPage.objects.published().filter(sectors=found),
        intro=found.description,
    )


def country(request, slug):
    found = get_object_or_404(Country, slug=slug)
    return listing(request, found.name, StoryPage.objects.published().filter(countries=found))


def tag(request, slug):
    published = StoryPage.objects.published()
    # A tag exists for readers only while a published story carries it: the name of a tag on a
    # draft, scheduled, embargoed or private story alone would give that story away.
    carried = StoryTag.objects.filter(tag=OuterRef("pk"), content_object__in=published.values("pk"))
    found = get_object_or_404(Tag.objects.filter(Exists(carried)), slug=slug)
    return listing(request, f"Tagged “{found.name}”", published.filter(tags=found))


def authors(request):
    people = Author.objects.select_related("photo").prefetch_related("photo__renditions")
    return render(request, "authors.html", {"authors": people, "page_title": "Our writers"})


def author(request, slug):
    found = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    stories = StoryPage.objects.published().filter(story_authors__author=found)
    return listing(request, found.name, stories, intro=found.role, extra={"author": found})


def latest(request):
    edition = reader_edition(request)
    intro = f"Every story, newest first: {edition.name} edition."
    return listing(
        request, "Latest news", StoryPage.objects.published().in_edition(edition), intro=intro
    )


def edition_front(request, slug):
    edition = edition_table()["by_slug"].get(slug)
    if edition is None:
        raise Http404("No such edition.")
    context = {
        "edition": edition,
        "page_title": f"{edition.name} edition",
        "front_html": front_html(edition),
    }
    return render(request, "front.html", context)


def choose_edition(request):
    """Remember the reader's edition in a cookie and take them to its front; works without JS."""
    edition = edition_table()["by_slug"].get(request.GET.get("edition", ""))
    if edition is None:
        raise Http404("No such edition.")
    target = edition.get_absolute_url()
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        target = next_url
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.DATELINE_EDITION_COOKIE,
        edition.slug,
        max_age=ONE_YEAR,
        samesite="Lax",
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE or request.is_secure(),
    )
    return response


def clean_query(raw):
    query = CONTROL_CHARACTERS.sub(" ", raw)
    return " ".join(query.split())[:SEARCH_QUERY_MAX]


def search(request):
    raw_query = request.GET.get("q", "")
    query = clean_query(raw_query)
    kind = request.GET.get("kind", "")
    if kind not in StoryKind.values:
        kind = ""
    # An unknown order is ignored rather than refused: the reader still gets their results.
    sort = request.GET.get("sort", "")
    if sort not in SORTS:
        sort = RELEVANCE
    context = {
        "query": query,
        "query_was_cut": len(raw_query) > SEARCH_QUERY_MAX,
        "kind": kind,
        "kinds": StoryKind.choices,
        "sort": sort,
        "sorts": SORTS.items(),
        "results": None,
        "edition": reader_edition(request),
    }
    if query:
        stories = StoryPage.objects.published().for_cards()
        if kind:
            stories = stories.filter(kind=kind)
        outcome = find_stories(request, stories, query, sort)
        # Links to other pages, and to a suggested spelling, keep the reader's kind and order.
        kept = {"kind": kind} if kind else {}
        if sort != RELEVANCE:
            kept["sort"] = sort
        context.update(
            results=outcome.results,
            result_count=outcome.result_count,
            shown_query=outcome.shown_query,
            corrected_from=outcome.corrected_from,
            suggestion=outcome.suggestion,
            query_string=urlencode({"q": outcome.shown_query, **kept}),
            suggestion_query_string=urlencode({"q": outcome.suggestion, **kept}),
        )
    return render(request, "search.html", context)


SHORTS_PER_PAGE = 24
RELATED_TO_A_SHORT = 4


def shorts(request):
    """Every short that is ready, newest first."""
    ready = Short.objects.ready().order_by("-processed_at", "-pk")
    context = {
        "shorts": paginate(request, ready, per_page=SHORTS_PER_PAGE),
        "edition": reader_edition(request),
    }
    return render(request, "shorts.html", context)


def short(request, pk):
    """One short: its player, caption, credit and provenance, and stories on its subjects."""
    found = get_object_or_404(Short.objects.ready().prefetch_related("sectors", "captions"), pk=pk)
    edition = reader_edition(request)
    related = (
        StoryPage.objects.published()
        .in_edition(edition)
        .filter(sectors__in=found.sectors.all())
        .distinct()
        .for_cards()
        .newest_first()[:RELATED_TO_A_SHORT]
    )
    context = {"short": found, "related": related, "edition": edition}
    return render(request, "short.html", context)
