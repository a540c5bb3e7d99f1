import json

import pytest

from dateline.taxonomy.models import Agency
from dateline.wire.clustering import reset_index
from dateline.wire.models import Source


@pytest.fixture(autouse=True)
def fresh_cluster_index():
    """The index lives in the worker's memory; each test starts as a freshly started worker."""
    reset_index()
    yield
    reset_index()


@pytest.fixture
def agency(db):
    return Agency.objects.get_or_create(
        slug="meridian-press-agency", defaults={"name": "Meridian Press Agency", "credit": "MPA"}
    )[0]


@pytest.fixture
def push_source(agency):
    return Source.objects.create(
        name="Meridian push", slug="meridian-push", agency=agency, delivery=Source.Delivery.PUSH
    )


def ninjs_item(guid, headline, paragraphs, *, version="1", urgency=4, **extra):
    """One ninjs 2.x item as an agency would send it."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return {
        "uri": guid,
        "type": "text",
        "version": version,
        "versioncreated": extra.pop("versioncreated", "2026-11-20T08:00:00Z"),
        "firstcreated": "2026-11-20T08:00:00Z",
        "language": "en",
        "urgency": urgency,
        "headlines": [{"role": "main", "value": headline}],
        "bodies": [{"role": "main", "contenttype": "text/html", "value": body}],
        **extra,
    }


def ninjs_payload(*items):
    return json.dumps(list(items) if len(items) > 1 else items[0]).encode()
