"""A front shows each story once: the lead and top stories, the opinion strip, the briefs and
the sector blocks never repeat one, and a sector block fills up with its next story not yet
shown. The trending and latest lists beside the front are indexes and may repeat a story."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from dateline.fronts.front import PER_SECTOR, TOP_SLOTS
from dateline.fronts.models import HomePage, PinnedStory
from dateline.newsroom.factories import StoryFactory
from dateline.newsroom.models import StoryKind
from dateline.taxonomy.models import Edition, Sector

pytestmark = pytest.mark.django_db

CARDS = ("article", "li")


class _StoryCards(HTMLParser):
    """The links of each card (an article or a list item) in the page's main content, leaving
    out its asides."""

    def __init__(self):
        super().__init__()
        self.in_main = 0
        self.in_aside = 0
        self.open_cards = []
        self.cards = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main += 1
        elif tag == "aside":
            self.in_aside += 1
        elif tag in CARDS and self.in_main and not self.in_aside:
            self.open_cards.append(set())
        elif tag == "a" and self.open_cards:
            self.open_cards[-1].add(dict(attrs).get("href", ""))

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main -= 1
        elif tag == "aside":
            self.in_aside -= 1
        elif tag in CARDS and self.in_main and not self.in_aside and self.open_cards:
            self.cards.append(self.open_cards.pop())


def cards_per_story(html, story_urls):
    """{story URL: how many cards of the page's main content link to it}."""
    parser = _StoryCards()
    parser.feed(html)
    counts = {}
    for links in parser.cards:
        for url in links & set(story_urls):
            counts[url] = counts.get(url, 0) + 1
    return counts


def repeated_stories(html, story_urls):
    return {url: seen for url, seen in cards_per_story(html, story_urls).items() if seen > 1}


def story(minutes_ago, kind=StoryKind.NEWS, sectors=("wash",), **fields):
    return StoryFactory(
        kind=kind,
        sectors=list(Sector.objects.filter(slug__in=sectors)),
        first_published_at=timezone.now() - timedelta(minutes=minutes_ago),
        **fields,
    )


def sector_block(html, slug):
    start = html.index(f'id="sector-{slug}"')
    return html[start : html.index("</section>", start)]


def test_a_story_in_two_sectors_is_shown_in_one_block_and_the_next_fills_the_other(client, home):
    # Enough newer hard news to fill the top slots, so the sector blocks hold what follows.
    for minutes in range(TOP_SLOTS):
        story(minutes, sectors=("politics",))
    both = story(100, sectors=("health", "wash"), headline="Clinics and wells share one budget")
    wash_only = [story(200 + minutes, headline=f"Well repaired {minutes}") for minutes in range(3)]

    html = client.get("/").content.decode()

    urls = [both.url, *(s.url for s in wash_only)]
    assert repeated_stories(html, urls) == {}
    # Health comes before WASH on the front, so the shared story leads the health block and
    # WASH shows its own three stories instead.
    assert both.title in sector_block(html, "health")
    wash = sector_block(html, "wash")
    assert both.title not in wash
    assert all(s.title in wash for s in wash_only)


def test_sector_blocks_leave_out_the_opinion_strip_and_the_briefs(client, home):
    for minutes in range(TOP_SLOTS):
        story(minutes, sectors=("politics",))
    opinion = story(10, kind=StoryKind.OPINION, headline="Wells need patient money")
    brief = story(20, kind=StoryKind.BRIEF, headline="Four new wells for Gulu")
    news = story(30, headline="Water board repairs pumps")

    html = client.get("/").content.decode()

    assert repeated_stories(html, [opinion.url, brief.url, news.url]) == {}
    wash = sector_block(html, "wash")
    assert news.title in wash
    assert opinion.title not in wash and brief.title not in wash


def test_a_pinned_opinion_piece_leads_the_front_and_is_not_repeated_in_the_strip(client, home):
    pinned = story(5, kind=StoryKind.OPINION, headline="The case for clean water first")
    PinnedStory.objects.create(
        home=HomePage.objects.get(), story=pinned, edition=Edition.objects.get(slug="global")
    )

    html = client.get("/").content.decode()

    assert cards_per_story(html, [pinned.url]) == {pinned.url: 1}
    assert html.index(pinned.title) < html.index("top-stories__rest")


def test_each_block_still_shows_its_newest_stories_when_nothing_is_shared(client, home):
    for minutes in range(TOP_SLOTS):
        story(minutes, sectors=("politics",))
    health = [story(100 + m, sectors=("health",), headline=f"Clinic {m}") for m in range(4)]

    html = client.get("/").content.decode()

    block = sector_block(html, "health")
    assert [s.title in block for s in health] == [True] * PER_SECTOR + [False]
