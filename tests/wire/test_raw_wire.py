"""Stories from the wire: raw wire from trusted sources, desk drafts, and embargoes."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from dateline.newsroom.models import Provenance, StoryPage
from dateline.wire.clustering import cluster_new_items
from dateline.wire.ingest import receive
from dateline.wire.models import Item, Payload
from dateline.wire.stories import draft_story, publish_raw_wire

from .conftest import ninjs_item, ninjs_payload

DROUGHT = [
    "About 2.1 million people in Kenya's arid north need food assistance after a fourth failed "
    "rainy season, the World Food Programme said in Nairobi on Tuesday.",
    "Livestock deaths in Turkana, Marsabit and Wajir have wiped out pastoralists' income.",
]


@pytest.fixture
def trusted_source(push_source, home):
    push_source.auto_publish = True
    push_source.save()
    return push_source


def arrive(source, *items):
    receive(source, ninjs_payload(*items), via=Payload.Via.PUSH)
    cluster_new_items()


def test_a_trusted_source_publishes_raw_wire_labelled_as_unedited(client, trusted_source):
    arrive(
        trusted_source, ninjs_item("urn:mpa:1", "Kenya drought leaves 2.1 million hungry", DROUGHT)
    )
    [story] = publish_raw_wire()
    assert story.live
    assert story.provenance == Provenance.WIRE
    assert list(story.agencies.values_list("credit", flat=True)) == ["MPA"]
    assert list(story.countries.values_list("code", flat=True)) == ["KE"]
    page = client.get(story.url).content.decode()
    assert "has not been edited by our staff" in page
    assert "syndicated feed" in page
    assert Item.objects.get().story == story.page_ptr.specific


def test_only_the_first_report_of_an_event_is_published(trusted_source):
    arrive(
        trusted_source, ninjs_item("urn:mpa:1", "Kenya drought leaves 2.1 million hungry", DROUGHT)
    )
    publish_raw_wire()
    arrive(
        trusted_source,
        ninjs_item("urn:mpa:2", "Kenya: 2.1 million need food aid, WFP says", DROUGHT),
    )
    assert publish_raw_wire() == []
    assert StoryPage.objects.count() == 1


def test_sources_not_trusted_never_publish(push_source, home):
    arrive(push_source, ninjs_item("urn:mpa:1", "Kenya drought", DROUGHT))
    assert publish_raw_wire() == []
    assert not StoryPage.objects.exists()


def test_an_embargoed_item_goes_live_only_when_its_embargo_ends(client, trusted_source):
    lifted = timezone.now() + timedelta(hours=6)
    arrive(
        trusted_source,
        ninjs_item(
            "urn:mpa:1",
            "Report finds one in four children stunted",
            DROUGHT,
            embargoed=lifted.isoformat(),
        ),
    )
    [story] = publish_raw_wire()
    story.refresh_from_db()
    assert not story.live
    assert story.go_live_at == story.embargoed_until
    assert abs(story.embargoed_until - lifted) < timedelta(seconds=1)
    call_command("publish_scheduled")
    story.refresh_from_db()
    assert not story.live
    with freeze_time(lifted + timedelta(minutes=1)):
        call_command("publish_scheduled")
    story.refresh_from_db()
    assert story.live


def test_an_embargoed_draft_cannot_be_published_early(trusted_source, django_user_model):
    lifted = timezone.now() + timedelta(days=1)
    trusted_source.auto_publish = False
    trusted_source.save()
    arrive(
        trusted_source,
        ninjs_item("urn:mpa:1", "Embargoed report", DROUGHT, embargoed=lifted.isoformat()),
    )
    editor = django_user_model.objects.create_superuser("chief-editor")
    story = draft_story(list(Item.objects.all()), editor)
    assert story.provenance == Provenance.AGENCY_REWRITE
    story.go_live_at = None
    story.save_revision(user=editor).publish(user=editor)
    story.refresh_from_db()
    assert not story.live
    assert story.go_live_at >= lifted - timedelta(seconds=1)
