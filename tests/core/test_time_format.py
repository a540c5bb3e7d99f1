from datetime import UTC, datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from dateline.core.templatetags.dateline_tags import clip, newsroom_datetime, newsroom_time

MOMENT = datetime(2025, 4, 8, 5, 46, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Kolkata", "08-04-2025 11:16 IST"),
        ("UTC", "08-04-2025 05:46 UTC"),
        ("America/New_York", "08-04-2025 01:46 EDT"),
        ("Pacific/Auckland", "08-04-2025 17:46 NZST"),
    ],
)
def test_times_read_in_the_site_zone(zone, expected):
    with override_settings(TIME_ZONE=zone), timezone.override(zone):
        assert newsroom_datetime(MOMENT) == expected


def test_winter_time_has_its_own_abbreviation():
    january = datetime(2025, 1, 8, 5, 46, tzinfo=UTC)
    with timezone.override("America/New_York"):
        assert newsroom_datetime(january) == "08-01-2025 00:46 EST"


def test_time_element_carries_machine_readable_instant():
    with timezone.override("Asia/Kolkata"):
        html = newsroom_time(MOMENT)
    assert html == '<time datetime="2025-04-08T05:46:00+00:00">08-04-2025 11:16 IST</time>'


def test_clip_cuts_on_a_word_boundary():
    headline = "Monsoon floods cut power to three districts as rivers crest above danger marks"
    clipped = clip(headline, 40)
    assert clipped == "Monsoon floods cut power to three…"
    assert len(clipped) <= 40
    assert clip("Short headline", 40) == "Short headline"


def test_machine_readable_instant_is_valid_html():
    # HTML allows at most three fractional digits; whole seconds are what readers need.
    html = newsroom_time(MOMENT.replace(microsecond=926827))
    assert 'datetime="2025-04-08T05:46:00+00:00"' in html
