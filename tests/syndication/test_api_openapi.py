"""Schemathesis drives every operation in /api/v1/openapi.json through the real WSGI stack, with a
real key, and checks that nothing is a server error and every response matches the description."""

from datetime import timedelta

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from dateline.media.factories import NewsImageFactory
from dateline.newsroom.factories import AuthorFactory, StoryFactory
from dateline.newsroom.models import StoryKind
from dateline.syndication.models import issue_api_key
from dateline.taxonomy.models import Agency, Edition, Sector
from dateline.video.factories import ShortFactory
from dateline.video.models import ShortCaption


@pytest.fixture
def keep_the_test_connection():
    """Run requests through the bare WSGI app as Django's test client does.

    At the end of each request Django closes a connection that is inside a transaction, which
    the test's transaction always is; on PostgreSQL (SQLite in memory is never closed) the next
    query would find it gone. The test client disconnects this handler for the same reason.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def newsroom(home, keep_the_test_connection):
    now = timezone.now()
    image = NewsImageFactory()
    author = AuthorFactory(slug="ravi-menon")
    agency = Agency.objects.create(name="Press Trust of India", slug="pti", credit="PTI")
    for number, kind in enumerate(StoryKind):
        StoryFactory(
            kind=kind,
            authors=[author] if number % 2 else [],
            hero_image=image if number % 3 == 0 else None,
            agencies=[agency] if number % 2 == 0 else [],
            dateline_place="Pune" if number % 2 else "",
            first_published_at=now - timedelta(hours=number),
        )
    # Shorts with and without what is optional: a source, sectors, editions, captions, sizes.
    short = ShortFactory(
        source="Dhaka bureau",
        sectors=[Sector.objects.get(slug="health")],
        editions=[Edition.objects.get(slug="south-asia")],
    )
    ShortCaption.objects.create(short=short, language="en", file="shorts/captions/en.vtt")
    ShortFactory(digital_source_type="trainedAlgorithmicMedia", mp4_720_bytes=None)
    ShortFactory(digital_source_type="", duration=None)
    return issue_api_key("Schemathesis", rate_limit_per_minute=100_000)[1]


# Reading the description needs no database, so it is fetched through the app at collection.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.django_db
def test_api_matches_its_description(case, newsroom):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {newsroom}"},
        # A well-formed slug or cursor that names nothing is a 400 by design, so "any value the
        # schema allows is accepted" does not hold here; every other check runs.
        excluded_checks=[positive_data_acceptance],
    )
