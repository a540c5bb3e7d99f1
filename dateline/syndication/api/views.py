"""The read-only content API: stories as ninjs, listings with cursors, and taxonomy.

Every endpoint but the OpenAPI description needs a key. Responses are private to the key holder
(the page cache and shared caches must not hand one key's response to another caller) and carry
an ETag, so a client that revalidates gets a 304 without the body.
"""

import hashlib
import json
from datetime import datetime
from functools import wraps
from urllib.parse import urlencode

from django.core.exceptions import SuspiciousOperation
from django.db.models import Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag
from django.views.decorators.csrf import csrf_exempt

from dateline.core.links import absolute
from dateline.newsroom.models import KIND_SECTIONS, Author, StoryKind, StoryPage
from dateline.syndication.stories import public_tags
from dateline.taxonomy.models import Country, Edition, Sector
from dateline.video.models import Short

from . import params
from .access import authenticate, count_request, refuse_key_in_query
from .errors import ApiError, bad_parameter, not_found
from .ninjs import STORY_FIELDS, short_ninjs, story_ninjs
from .openapi import openapi_document

CONTENT_TYPE = "application/json; charset=utf-8"
OPENAPI_MAX_AGE = 3600
STORY_FILTERS = ("kind", "sector", "edition", "country", "tag", "author")
STORY_LIST_PARAMETERS = frozenset(
    {*STORY_FILTERS, "published_after", "published_before", "fields", "limit", "cursor"}
)
PAGED_PARAMETERS = frozenset({"limit", "cursor"})
SHORT_LIST_PARAMETERS = frozenset({"sector", "edition", "limit", "cursor"})


def json_response(request, payload, status=200, headers=None):
    """JSON bytes, or a 304 when the client already holds this exact body."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    response = HttpResponse(body, status=status, content_type=CONTENT_TYPE)
    if status == 200:
        response["ETag"] = quote_etag(hashlib.sha256(body).hexdigest()[:32])
        response = get_conditional_response(request, etag=response["ETag"], response=response)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def method_not_allowed():
    return ApiError(
        405, "method_not_allowed", "This API is read-only: use GET.", headers={"Allow": "GET, HEAD"}
    )


def error_response(request, error, extra_headers=None):
    headers = {**(extra_headers or {}), **error.headers}
    response = json_response(request, error.as_json(), error.status, headers)
    patch_cache_control(response, private=True, no_store=True)
    return response


def api_endpoint(allowed_parameters):
    """Wrap a view that returns a JSON-ready payload with checks, auth, the rate limit and
    headers. The view gets the checked query as a dict."""

    def decorate(view):
        @csrf_exempt
        @wraps(view)
        def endpoint(request, *args, **kwargs):
            rate_headers = {}
            try:
                if request.method not in ("GET", "HEAD"):
                    raise method_not_allowed()
                refuse_key_in_query(request)
                api_key = authenticate(request)
                rate_headers = count_request(api_key)
                query = params.checked_query(request, allowed_parameters)
                payload, headers = view(request, query, *args, **kwargs)
            except ApiError as error:
                return error_response(request, error, rate_headers)
            except SuspiciousOperation:
                # Too many query parameters, or similar abuse Django refuses to parse.
                return error_response(
                    request, ApiError(400, "bad_request", "This request could not be read.")
                )
            response = json_response(request, payload, headers={**rate_headers, **headers})
            patch_cache_control(response, private=True, no_cache=True)
            return response

        return endpoint

    return decorate


def next_link(request, query, cursor):
    """The URL of the next page, on the canonical host, keeping every other parameter."""
    return absolute(f"{request.path}?{urlencode({**query, 'cursor': cursor})}")


def paged(request, query, items, next_cursor):
    link = next_link(request, query, next_cursor) if next_cursor else None
    headers = {"Link": f'<{link}>; rel="next"'} if link else {}
    return {"items": items, "next": link}, headers


def found(candidates, query, name):
    """The object a filter names, or a 400 that says which parameter named nothing.

    `candidates` returns the queryset to look in; it is only called when the filter is given.
    """
    slug = params.slug_from(query, name)
    if slug is None:
        return None
    queryset = candidates()
    try:
        return queryset.get(slug=slug)
    except queryset.model.DoesNotExist:
        raise bad_parameter(name, f"No {name} has the slug '{slug}'.") from None


def filtered_stories(query):
    visible = StoryPage.objects.published()
    stories = visible.for_cards().newest_first()
    kind = query.get("kind")
    if kind is not None:
        if kind not in StoryKind.values:
            raise bad_parameter("kind", f"'kind' must be one of: {', '.join(StoryKind.values)}.")
        stories = stories.filter(kind=kind)
    if sector := found(Sector.objects.all, query, "sector"):
        stories = stories.filter(sectors=sector)
    edition = found(Edition.objects.all, query, "edition")
    if edition:
        stories = stories.in_edition(edition)
    if country := found(Country.objects.all, query, "country"):
        stories = stories.filter(countries=country)
    if tag := found(lambda: public_tags(visible), query, "tag"):
        stories = stories.filter(tags=tag)
    if author := found(Author.objects.all, query, "author"):
        stories = stories.filter(story_authors__author=author)
    after = params.datetime_from(query, "published_after")
    before = params.datetime_from(query, "published_before")
    if after and before and after >= before:
        raise bad_parameter(
            "published_after", "'published_after' must be before 'published_before'."
        )
    if after:
        stories = stories.filter(first_published_at__gte=after)
    if before:
        stories = stories.filter(first_published_at__lt=before)
    return stories


def dated_position(position):
    published, pk = position
    return datetime.fromisoformat(published), int(pk)


def with_story_columns(stories, fields):
    """Load what the ninjs needs: reader_meta and the byline desk, the body only when asked."""
    stories = stories.select_related("desk").defer(None)
    if fields is None or "bodies" in fields:
        return stories.defer("body")
    return stories.defer("body", "body_html")


@api_endpoint(STORY_LIST_PARAMETERS)
def story_list(request, query):
    limit = params.limit_from(query)
    fields = params.fields_from(query, STORY_FIELDS)
    stories = filtered_stories(query)
    after = params.position_from(query, dated_position)
    if after:
        published, pk = after
        stories = stories.filter(
            Q(first_published_at__lt=published) | Q(first_published_at=published, pk__lt=pk)
        )
    page = list(with_story_columns(stories, fields)[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    cursor = (
        params.make_cursor([page[-1].first_published_at.isoformat(), page[-1].pk]) if more else None
    )
    return paged(request, query, [story_ninjs(s, request, fields) for s in page], cursor)


@api_endpoint(frozenset({"fields"}))
def story_detail(request, query, story_id):
    story_id = params.id_from(story_id, "A story")
    fields = params.fields_from(query, STORY_FIELDS)
    story = (
        with_story_columns(StoryPage.objects.published().for_cards(), fields)
        .filter(pk=story_id)
        .first()
    )
    if story is None:
        raise not_found(f"No published story has the id {story_id}.")
    return story_ninjs(story, request, fields), {}


def filtered_shorts(query):
    """Ready shorts, newest first; an edition holds the shorts filed under it (the global
    edition, every short)."""
    shorts = Short.objects.ready().order_by("-processed_at", "-pk")
    if sector := found(Sector.objects.all, query, "sector"):
        shorts = shorts.filter(sectors=sector)
    edition = found(Edition.objects.all, query, "edition")
    if edition and not edition.is_global:
        shorts = shorts.filter(editions=edition)
    return shorts


def with_short_relations(shorts):
    # Sectors and captions in one query each, whatever the page holds.
    return shorts.prefetch_related("sectors", "captions")


@api_endpoint(SHORT_LIST_PARAMETERS)
def short_list(request, query):
    limit = params.limit_from(query)
    shorts = filtered_shorts(query)
    after = params.position_from(query, dated_position)
    if after:
        processed, pk = after
        shorts = shorts.filter(Q(processed_at__lt=processed) | Q(processed_at=processed, pk__lt=pk))
    page = list(with_short_relations(shorts)[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    cursor = params.make_cursor([page[-1].processed_at.isoformat(), page[-1].pk]) if more else None
    return paged(request, query, [short_ninjs(short) for short in page], cursor)


@api_endpoint(frozenset())
def short_detail(request, query, short_id):
    short_id = params.id_from(short_id, "A short")
    short = with_short_relations(Short.objects.ready()).filter(pk=short_id).first()
    if short is None:
        raise not_found(f"No ready short has the id {short_id}.")
    return short_ninjs(short), {}


@api_endpoint(frozenset())
def sector_list(request, query):
    items = [
        {
            "slug": sector.slug,
            "name": sector.name,
            "description": sector.description,
            "uri": absolute(sector.get_absolute_url()),
        }
        for sector in Sector.objects.all()
    ]
    return {"items": items}, {}


@api_endpoint(frozenset())
def edition_list(request, query):
    editions = Edition.objects.prefetch_related("countries")
    items = [
        {
            "slug": edition.slug,
            "name": edition.name,
            "is_global": edition.is_global,
            "countries": sorted(country.code for country in edition.countries.all()),
            "uri": absolute(edition.get_absolute_url()),
        }
        for edition in editions
    ]
    return {"items": items}, {}


@api_endpoint(frozenset())
def country_list(request, query):
    items = [
        {
            "code": country.code,
            "slug": country.slug,
            "name": country.name,
            "uri": absolute(country.get_absolute_url()),
        }
        for country in Country.objects.all()
    ]
    return {"items": items}, {}


@api_endpoint(frozenset())
def kind_list(request, query):
    items = [
        {
            "slug": kind.value,
            "name": kind.label,
            "uri": absolute(f"/{KIND_SECTIONS[kind][0]}/"),
        }
        for kind in StoryKind
    ]
    return {"items": items}, {}


def slug_position(position):
    if not isinstance(position, str):
        raise TypeError("a slug cursor holds a string")
    return position


def slug_page(request, query, queryset, describe):
    """One page of a listing ordered by slug, continued by a cursor holding the last slug."""
    limit = params.limit_from(query)
    after = params.position_from(query, slug_position)
    if after is not None:
        queryset = queryset.filter(slug__gt=after)
    page = list(queryset.order_by("slug")[: limit + 1])
    cursor = params.make_cursor(page[limit - 1].slug) if len(page) > limit else None
    return paged(request, query, [describe(item) for item in page[:limit]], cursor)


@api_endpoint(PAGED_PARAMETERS)
def author_list(request, query):
    def describe(author):
        return {
            "slug": author.slug,
            "name": author.name,
            "role": author.role,
            "uri": absolute(author.get_absolute_url()),
        }

    return slug_page(request, query, Author.objects.only("slug", "name", "role"), describe)


@api_endpoint(PAGED_PARAMETERS)
def tag_list(request, query):
    def describe(tag):
        return {
            "slug": tag.slug,
            "name": tag.name,
            "uri": absolute(reverse("reader:tag", args=[tag.slug])),
        }

    return slug_page(request, query, public_tags(StoryPage.objects.published()), describe)


@csrf_exempt
def openapi(request):
    if request.method not in ("GET", "HEAD"):
        return error_response(request, method_not_allowed())
    response = json_response(request, openapi_document())
    patch_cache_control(response, public=True, max_age=OPENAPI_MAX_AGE)
    # Only the description is open to other origins, so browser-based API tools can read it;
    # the keyed endpoints send no CORS headers, since a key in a web page is a published key.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def unknown_endpoint(request):
    return error_response(
        request, ApiError(404, "not_found", "No such endpoint; see /api/v1/openapi.json.")
    )
