"""The OpenAPI 3.1 description of the content API, built as data from the same constants the views
use, so the description cannot drift from what the views accept."""

from django.conf import settings

from dateline.core.links import absolute
from dateline.newsroom.models import StoryKind

from .access import WINDOW_SECONDS
from .ninjs import NINJS_VERSION, STORY_FIELDS
from .params import DEFAULT_LIMIT, MAX_LIMIT, MAX_VALUE_LENGTH

API_VERSION = "1.0.0"
SLUG_PATTERN = r"^[-\w]{1,100}$"
URI = {"type": "string", "format": "uri"}
TEXT = {"type": "string"}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties, required=()):
    return {
        "type": "object",
        "properties": properties,
        "required": list(required or properties),
        "additionalProperties": False,
    }


def array_of(schema):
    return {"type": "array", "items": schema}


def labelled(*names, required=("value",)):
    """ninjs objects such as headlines: a value with an optional role and content type."""
    return array_of(obj({name: TEXT for name in names}, required))


def query(name, description, schema, **extra):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
        **extra,
    }


def slug_filter(name, what):
    return query(
        name,
        f"Only stories {what}, by slug (see /{name}s/ or the taxonomy endpoints). A slug that "
        "names nothing is a 400.",
        {"type": "string", "pattern": SLUG_PATTERN},
    )


LIMIT = query(
    "limit",
    "How many items a page holds.",
    {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
)
CURSOR = query(
    "cursor",
    "Where to continue: copy it from the `next` link of the previous page; never build one.",
    {"type": "string", "minLength": 1, "maxLength": MAX_VALUE_LENGTH},
)
FIELDS = query(
    "fields",
    "Only these top-level ninjs properties, comma-separated; `uri` is always included.",
    {"type": "array", "items": {"type": "string", "enum": list(STORY_FIELDS)}, "minItems": 1},
    style="form",
    explode=False,
)
SHORT_LIST_PARAMETERS = [
    query(
        "sector",
        "Only shorts in this sector, by slug (see /sectors/). A slug that names nothing is a 400.",
        {"type": "string", "pattern": SLUG_PATTERN},
    ),
    query(
        "edition",
        "Only shorts filed under this regional edition, by slug (the global edition has every "
        "short). A slug that names nothing is a 400.",
        {"type": "string", "pattern": SLUG_PATTERN},
    ),
    LIMIT,
    CURSOR,
]
STORY_LIST_PARAMETERS = [
    query("kind", "Only stories of this kind.", {"type": "string", "enum": StoryKind.values}),
    slug_filter("sector", "in this sector"),
    slug_filter("edition", "in this regional edition (the global edition has every story)"),
    slug_filter("country", "about this country"),
    slug_filter("tag", "with this tag"),
    slug_filter("author", "by this author"),
    query(
        "published_after",
        "Only stories first published at or after this time (ISO 8601 with a UTC offset).",
        {"type": "string", "format": "date-time"},
    ),
    query(
        "published_before",
        "Only stories first published before this time (ISO 8601 with a UTC offset).",
        {"type": "string", "format": "date-time"},
    ),
    FIELDS,
    LIMIT,
    CURSOR,
]

RATE_HEADERS = {
    "X-RateLimit-Limit": {
        "description": "Requests this key may make per minute.",
        "schema": {"type": "integer"},
    },
    "X-RateLimit-Remaining": {
        "description": "Requests left in the current minute.",
        "schema": {"type": "integer"},
    },
    "X-RateLimit-Reset": {
        "description": "Seconds until the current minute's count starts again.",
        "schema": {"type": "integer"},
    },
}


def story_schema():
    concept = obj({"name": TEXT, "uri": URI})
    rendition = obj(
        {
            "name": TEXT,
            "href": URI,
            "contenttype": TEXT,
            "width": {"type": "integer"},
            "height": {"type": "integer"},
        }
    )
    picture = obj(
        {
            "name": {"const": "featuremedia"},
            "uri": URI,
            "type": {"const": "picture"},
            "by": {"type": "string", "description": "The image credit."},
            "descriptions": labelled("role", "value", required=("role", "value")),
            "digitalsourcetype": obj({"uri": URI, "name": TEXT}),
            "renditions": array_of(rendition),
        },
        required=("name", "uri", "type", "descriptions"),
    )
    properties = {
        "uri": {**URI, "description": "A tag: URI that never changes, whatever is edited."},
        "standard": obj({"name": {"const": "ninjs"}, "version": TEXT, "schema": URI}),
        "type": {"const": "text"},
        "representationtype": {"enum": ["full", "partial"]},
        "version": {"type": "string", "description": "Grows each time the story is republished."},
        "firstcreated": {"type": "string", "format": "date-time"},
        "versioncreated": {"type": "string", "format": "date-time"},
        "pubstatus": {"const": "usable"},
        "language": {"type": "string", "description": "An IETF BCP 47 language tag."},
        "headlines": labelled("role", "value"),
        "descriptions": labelled("role", "value"),
        "bodies": labelled("role", "contenttype", "value"),
        "by": {"type": "string", "description": "The byline."},
        "located": {"type": "string", "description": "The dateline place."},
        "subjects": array_of(concept),
        "places": array_of(concept),
        "genres": array_of(obj({"name": TEXT, "literal": TEXT})),
        "infosources": array_of(obj({"name": TEXT, "role": {"const": "source"}})),
        "usageterms": TEXT,
        "associations": array_of(picture),
        "altids": labelled("role", "value"),
    }
    return {
        "type": "object",
        "description": (
            f"A story as IPTC ninjs {NINJS_VERSION}: "
            f"http://www.iptc.org/std/ninjs/ninjs-schema_{NINJS_VERSION}.json"
        ),
        "properties": properties,
        "required": ["uri"],
        "additionalProperties": False,
    }


def short_schema():
    rendition = obj(
        {
            "name": TEXT,
            "title": TEXT,
            "href": URI,
            "contenttype": TEXT,
            "width": {"type": "integer"},
            "height": {"type": "integer"},
            "duration": {"type": "number", "description": "Seconds."},
            "sizeinbytes": {"type": "integer"},
        },
        required=("name", "href", "contenttype"),
    )
    properties = {
        "uri": {**URI, "description": "A tag: URI that never changes, whatever is edited."},
        "standard": obj({"name": {"const": "ninjs"}, "version": TEXT, "schema": URI}),
        "type": {"const": "video"},
        "representationtype": {"const": "full"},
        "firstcreated": {"type": "string", "format": "date-time"},
        "versioncreated": {
            "type": "string",
            "format": "date-time",
            "description": "When the short's renditions were made and readers could see it.",
        },
        "pubstatus": {"const": "usable"},
        "language": {"type": "string", "description": "An IETF BCP 47 language tag."},
        "headlines": labelled("role", "value"),
        "descriptions": labelled("role", "value"),
        "by": {"type": "string", "description": "The video's credit."},
        "subjects": array_of(obj({"name": TEXT, "uri": URI})),
        "infosources": array_of(obj({"name": TEXT, "role": {"const": "source"}})),
        "digitalsourcetype": obj({"uri": URI, "name": TEXT}),
        "usageterms": TEXT,
        "renditions": {
            **array_of(rendition),
            "description": (
                "The MP4s (720p, 480p), the HLS master playlist (hls), the posters (poster, "
                "poster-webp) and WebVTT captions (captions-<language>)."
            ),
        },
        "altids": labelled("role", "value"),
    }
    return {
        "type": "object",
        "description": f"A short (a vertical news video) as an IPTC ninjs {NINJS_VERSION} video.",
        "properties": properties,
        "required": [
            "uri",
            "type",
            "firstcreated",
            "versioncreated",
            "headlines",
            "descriptions",
            "by",
            "renditions",
            "altids",
        ],
        "additionalProperties": False,
    }


def page_of(item):
    return obj(
        {
            "items": array_of(item),
            "next": {
                "type": ["string", "null"],
                "format": "uri",
                "description": "The next page, or null on the last one.",
            },
        }
    )


def live_update_page():
    update = obj(
        {
            "id": {"type": "integer"},
            "url": {**URI, "description": "The update's anchor on the live page."},
            "key_event": {"type": "boolean"},
            "pinned": {"type": "boolean"},
            "ninjs": {
                "type": "object",
                "description": f"The update as ninjs {NINJS_VERSION}; pubstatus 'canceled' for "
                "an update that was deleted (only in answers to `since`).",
            },
        }
    )
    return obj(
        {
            "version": {
                "type": "integer",
                "description": "The coverage's version now: ask for `since` this next time.",
            },
            "ended": {"type": "boolean", "description": "Coverage has ended."},
            "items": array_of(update),
            "next": {"type": ["string", "null"], "format": "uri"},
        }
    )


def listing_of(item):
    return obj({"items": array_of(item)})


def schemas():
    return {
        "Error": obj(
            {
                "error": obj(
                    {
                        "code": TEXT,
                        "message": TEXT,
                        "parameter": {
                            "type": "string",
                            "description": "The query parameter that was wrong, when one was.",
                        },
                    },
                    required=("code", "message"),
                )
            }
        ),
        "Story": story_schema(),
        "StoryPage": page_of(ref("Story")),
        "Short": short_schema(),
        "ShortPage": page_of(ref("Short")),
        "SectorList": listing_of(
            obj({"slug": TEXT, "name": TEXT, "description": TEXT, "uri": URI})
        ),
        "EditionList": listing_of(
            obj(
                {
                    "slug": TEXT,
                    "name": TEXT,
                    "is_global": {"type": "boolean"},
                    "countries": array_of(
                        {"type": "string", "description": "ISO 3166-1 alpha-2 code."}
                    ),
                    "uri": URI,
                }
            )
        ),
        "CountryList": listing_of(obj({"code": TEXT, "slug": TEXT, "name": TEXT, "uri": URI})),
        "KindList": listing_of(obj({"slug": {"enum": StoryKind.values}, "name": TEXT, "uri": URI})),
        "LiveUpdatePage": live_update_page(),
        "AuthorPage": page_of(obj({"slug": TEXT, "name": TEXT, "role": TEXT, "uri": URI})),
        "TagPage": page_of(obj({"slug": TEXT, "name": TEXT, "uri": URI})),
    }


def error(description, extra_headers=None):
    response = {
        "description": description,
        "content": {"application/json": {"schema": ref("Error")}},
    }
    if extra_headers:
        response["headers"] = extra_headers
    return response


def responses(schema_name, description, *, link=False, not_found=None):
    ok_headers = {**RATE_HEADERS, "ETag": {"schema": {"type": "string"}}}
    if link:
        ok_headers["Link"] = {
            "description": 'The next page as `<url>; rel="next"`, when there is one.',
            "schema": {"type": "string"},
        }
    found = {
        "200": {
            "description": description,
            "headers": ok_headers,
            "content": {"application/json": {"schema": ref(schema_name)}},
        },
        "304": {"description": "Unchanged since the ETag sent in If-None-Match."},
        "400": error("A parameter is wrong, unknown or repeated; the error names it."),
        "401": error(
            "No key, or a key that is not valid or has been revoked.",
            {"WWW-Authenticate": {"schema": {"type": "string"}}},
        ),
        "405": error("Anything but GET or HEAD."),
        "429": error(
            f"Over the key's limit for this {WINDOW_SECONDS}-second window.",
            {**RATE_HEADERS, "Retry-After": {"schema": {"type": "integer"}}},
        ),
    }
    if not_found:
        found["404"] = error(not_found)
    return found


def operation(operation_id, summary, schema_name, description, parameters=(), **kinds):
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": list(parameters),
            "responses": responses(schema_name, description, **kinds),
        }
    }


def openapi_document():
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{settings.WAGTAIL_SITE_NAME} content API",
            "version": API_VERSION,
            "description": (
                f"Published stories and shorts as IPTC ninjs {NINJS_VERSION}, and the taxonomy "
                "they are filed under. Read-only; every endpoint but this description needs an "
                "API key."
            ),
        },
        "servers": [{"url": absolute("/api/v1")}],
        "security": [{"bearerKey": []}, {"headerKey": []}],
        "paths": {
            "/stories/": operation(
                "listStories",
                "Published stories, newest first",
                "StoryPage",
                "A page of stories and the link to the next.",
                STORY_LIST_PARAMETERS,
                link=True,
            ),
            "/stories/{id}/": {
                **operation(
                    "getStory",
                    "One published story",
                    "Story",
                    "The story.",
                    [FIELDS],
                    not_found="No published story has this id.",
                ),
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "minimum": 1},
                    }
                ],
            },
            "/shorts/": operation(
                "listShorts",
                "Ready shorts (vertical news videos), newest first",
                "ShortPage",
                "A page of shorts and the link to the next.",
                SHORT_LIST_PARAMETERS,
                link=True,
            ),
            "/shorts/{id}/": {
                **operation(
                    "getShort",
                    "One ready short",
                    "Short",
                    "The short.",
                    not_found="No ready short has this id.",
                ),
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "minimum": 1},
                    }
                ],
            },
            "/stories/{id}/updates/": {
                **operation(
                    "listLiveUpdates",
                    "The updates of a live story",
                    "LiveUpdatePage",
                    "Published updates, newest first; with `since`, every update published, "
                    "edited or deleted after that version, oldest change first, on one page.",
                    [
                        query(
                            "since",
                            "A `version` from an earlier answer: only what changed after it.",
                            {"type": "integer", "minimum": 0},
                        ),
                        LIMIT,
                        CURSOR,
                    ],
                    link=True,
                    not_found=True,
                ),
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "minimum": 1},
                    }
                ],
            },
            "/sectors/": operation("listSectors", "Sectors", "SectorList", "Every sector."),
            "/editions/": operation(
                "listEditions",
                "Regional editions and their countries",
                "EditionList",
                "Every edition.",
            ),
            "/countries/": operation("listCountries", "Countries", "CountryList", "Every country."),
            "/kinds/": operation("listKinds", "Kinds of story", "KindList", "Every kind."),
            "/authors/": operation(
                "listAuthors",
                "Authors, by slug",
                "AuthorPage",
                "A page of authors.",
                [LIMIT, CURSOR],
                link=True,
            ),
            "/tags/": operation(
                "listTags",
                "Tags on published stories, by slug",
                "TagPage",
                "A page of tags.",
                [LIMIT, CURSOR],
                link=True,
            ),
            "/openapi.json": {
                "get": {
                    "operationId": "getOpenApi",
                    "summary": "This description",
                    "security": [],
                    "responses": {
                        "200": {
                            "description": "The OpenAPI description.",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
        },
        "components": {
            "schemas": schemas(),
            "securitySchemes": {
                "bearerKey": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "Authorization: Bearer <key>",
                },
                "headerKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
            },
        },
    }
