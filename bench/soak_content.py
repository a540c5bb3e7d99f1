"""In-process helper for bench/soak.py: what to load, what to schedule, and what the database kept.

Run with the same environment as the server (soak.py sets it); each command prints one JSON object.

    soak_content.py prepare                      a push source; pages, story ids, views so far
    soak_content.py schedule STEP COUNT          COUNT stories scheduled to go live STEP,
                                                 2 STEP, … seconds from now
    soak_content.py check < acknowledged.json    which acknowledged pushes are stored, the views
                                                 counted, which scheduled stories went live
"""

import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings.production")

import django  # noqa: E402

django.setup()

from django.db.models import Sum  # noqa: E402

from dateline.analytics.models import HourlyViews, PendingView  # noqa: E402
from dateline.newsroom.models import Provenance, StoryKind, StoryPage  # noqa: E402
from dateline.newsroom.stories import create_story  # noqa: E402
from dateline.taxonomy.models import Agency, Country, Edition, Sector  # noqa: E402
from dateline.wire.models import Item, Source  # noqa: E402

PUSH_SOURCE_SLUG = "soak-push"
ARTICLES = 200


def views_counted():
    """Every view the database holds: the hourly totals and those not yet folded into them."""
    folded = HourlyViews.objects.aggregate(total=Sum("views"))["total"] or 0
    return folded + PendingView.objects.count()


def headline_words(headlines):
    """Words to search for and to write wire copy with."""
    words = (word.lower() for title in headlines for word in title.split())
    return sorted({word for word in words if len(word) > 3 and word.isalpha()})


def prepare():
    agency = Agency.objects.order_by("pk").first()
    source, _ = Source.objects.update_or_create(
        slug=PUSH_SOURCE_SLUG,
        defaults={
            "name": "Soak test push",
            "agency": agency,
            "delivery": Source.Delivery.PUSH,
            "format": Source.Format.NINJS,
            "auto_publish": False,
            "enabled": True,
        },
    )
    stories = list(StoryPage.objects.live().order_by("-first_published_at")[:ARTICLES])
    return {
        "push_source": source.slug,
        "push_secret": source.push_secret,
        "articles": [[story.pk, story.get_url()] for story in stories],
        "sectors": list(Sector.objects.values_list("slug", flat=True)),
        "editions": list(Edition.objects.values_list("slug", flat=True)),
        "words": headline_words([story.title for story in stories]),
        "views_before": views_counted(),
        "items_before": Item.objects.filter(source=source).count(),
    }


def schedule(step, count):
    """Stories an editor scheduled: saved, given a go-live time and published, so that the
    worker's scheduled publishing makes them live (Wagtail's go_live_at path)."""
    start = time.time()
    sector = Sector.objects.order_by("pk").first()
    country = Country.objects.filter(editions__isnull=False).order_by("pk").first()
    scheduled = []
    for number in range(1, count + 1):
        go_live_at = datetime.fromtimestamp(start + number * step, UTC)
        story = create_story(
            kind=StoryKind.NEWS,
            headline=f"Soak test scheduled story {number} at {go_live_at:%H:%M:%S}",
            summary="A story scheduled by the soak test to go live while the site is under load.",
            body=[("paragraph", f"<p>Scheduled to go live at {go_live_at:%H:%M:%S} UTC.</p>")],
            sectors=[sector],
            countries=[country],
            provenance=Provenance.STAFF,
            publish=False,
        )
        story.go_live_at = go_live_at
        story.save_revision().publish()
        scheduled.append({"id": story.pk, "go_live_at": go_live_at.timestamp()})
    return {"scheduled": scheduled}


def check(acknowledged):
    """What the database holds of what the site acknowledged."""
    pushed = acknowledged["push_items"]
    stored = set(
        Item.objects.filter(
            source__slug=PUSH_SOURCE_SLUG, pk__in=[item_id for item_id, _guid in pushed]
        ).values_list("pk", "guid")
    )
    missing = [[item_id, guid] for item_id, guid in pushed if (item_id, guid) not in stored]
    live = {
        story["pk"]: story
        for story in StoryPage.objects.filter(pk__in=acknowledged["scheduled_ids"]).values(
            "pk", "live", "last_published_at"
        )
    }
    return {
        "push_items_stored": len(pushed) - len(missing),
        "push_items_missing": missing,
        "push_items_in_source": Item.objects.filter(source__slug=PUSH_SOURCE_SLUG).count(),
        "views_counted": views_counted(),
        "views_pending": PendingView.objects.count(),
        "scheduled": [
            {
                "id": story_id,
                "live": bool(live.get(story_id, {}).get("live")),
                "published_at": (
                    live[story_id]["last_published_at"].timestamp()
                    if live.get(story_id, {}).get("last_published_at")
                    else None
                ),
            }
            for story_id in acknowledged["scheduled_ids"]
        ],
    }


def main():
    command, *args = sys.argv[1:]
    if command == "prepare":
        result = prepare()
    elif command == "schedule":
        step, count = args
        result = schedule(float(step), int(count))
    elif command == "check":
        result = check(json.load(sys.stdin))
    else:
        raise SystemExit(f"unknown command {command!r}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
