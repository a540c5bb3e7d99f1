"""Demo wire sources: agency files shipped in demo_feeds/, loaded without any network.

Several fictional agencies report the same events in different formats, so a newcomer sees
clusters on the desk, a re-filed version, an embargoed item, a payload that failed, and one
source trusted to auto-publish raw wire copy.
"""

from pathlib import Path

from django.contrib.auth.models import User

from dateline.newsroom.models import Desk, StoryKind
from dateline.taxonomy.models import Agency

from .clustering import cluster_new_items
from .ingest import receive
from .models import Payload, ShiftEditor, Source
from .stories import publish_raw_wire

FEEDS = Path(__file__).resolve().parent / "demo_feeds"

# (agency slug, format, files in the order they arrive, auto-publish)
DEMO_SOURCES = [
    ("meridian-press-agency", "ninjs", ["meridian-press-agency.ninjs.json"], False),
    ("harbourline-news-service", "rss", ["harbourline-news-service.rss.xml"], False),
    ("kestrel-development-wire", "newsml-g2", ["kestrel-development-wire.newsml.xml"], False),
    ("cobaltwire", "newsml-g2", ["cobaltwire.newsml.xml"], False),
    (
        "lanternfield-newswire",
        "nitf",
        ["lanternfield-newswire.nitf.xml", "lanternfield-newswire-truncated.nitf.xml"],
        False,
    ),
    ("tidewater-dispatch", "rss", ["tidewater-dispatch.rss.xml"], True),
    ("meridian-press-agency", "ninjs", ["meridian-press-agency-update.ninjs.json"], False),
]
CONTENT_TYPES = {"ninjs": "application/json", "rss": "application/rss+xml"}


def load_demo_wire():
    """Create the demo sources and feed them their files once; returns how many items arrived."""
    if Payload.objects.filter(via=Payload.Via.FILE).exists():
        return 0
    desk = Desk.objects.filter(slug="news-desk").first() or Desk.objects.first()
    arrived = 0
    for agency_slug, wire_format, files, auto_publish in DEMO_SOURCES:
        agency = Agency.objects.get(slug=agency_slug)
        source, _ = Source.objects.get_or_create(
            slug=f"{agency_slug}-demo",
            defaults={
                "name": f"{agency.name} (demo feed)",
                "agency": agency,
                "format": wire_format,
                "delivery": Source.Delivery.PUSH,
                "story_kind": StoryKind.NEWS,
                "byline_desk": desk,
                "auto_publish": auto_publish,
            },
        )
        for name in files:
            _, outcomes = receive(
                source,
                (FEEDS / name).read_bytes(),
                via=Payload.Via.FILE,
                content_type=CONTENT_TYPES.get(wire_format, "application/xml"),
            )
            arrived += len(outcomes)
    for user in User.objects.filter(username__in=["desk", "chief"]):
        ShiftEditor.objects.update_or_create(user=user, defaults={"on_shift": True})
    while cluster_new_items():
        pass
    publish_raw_wire()
    return arrived
