"""The reader's pages laid out in a real browser, on a laptop (1280 px) and a phone (390 px).

Each test opens the pages a reader meets first (home, an edition front, a sector, an article with
and without a picture, search results) on a newsroom with a realistic amount of content, and
measures what a reader would see: nothing sticking out sideways, rows of cards that line up,
no column left empty beside the content, and on a phone a small header with a menu, dates that
do not break across lines and the trending list within reach.
"""

import mimetypes
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Site

from dateline.analytics.counting import add_views, hour_start
from dateline.core.models import SiteSettings
from dateline.media.factories import NewsImageFactory
from dateline.newsroom.factories import AuthorFactory, StoryFactory
from dateline.newsroom.models import StoryKind
from dateline.taxonomy.models import Country, Sector

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium", allow_module_level=True)

pytestmark = pytest.mark.e2e

LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
HEADER_SHARE_LIMIT = 0.2
TRENDING_SCREENS = 2

PLACES = ["IN", "KE", "BR", "NP", "GH", "PE", "BD"]
HEADLINES = [
    "Clinics in {place} extend evening hours",
    "Drought pushes water prices up in {place} as wells run dry before the monsoon",
    "{place} budget doubles spending on rural roads",
    "Farmers in {place} switch to drought-tolerant millet after three failed harvests in a row",
    "New rules for {place} schools",
    "Solar mini-grids reach 40 villages in {place}, cutting diesel bills by half for clinics",
]
SUMMARY = (
    "Officials say the change will reach most districts by the end of next year, while local "
    "groups warn that funding and staff shortages could slow the work."
)
BODY = [
    ("paragraph", f"<p>{SUMMARY} Paragraph {n} adds the figures and the voices.</p>")
    for n in range(12)
]


def headline(index, place):
    return HEADLINES[index % len(HEADLINES)].format(place=place.name) + f" ({index})"


@pytest.fixture
def newsroom(site):
    """A day's worth of stories: every sector has some, about a third without a picture; the
    footer carries the desk's contacts, as a real site's does."""
    contacts = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    contacts.contact_email = "news-desk-and-corrections@dateline.example"
    contacts.contact_phone = "+91 11 5550 0100"
    contacts.contact_address = "Dateline Newsroom\nNew Delhi"
    contacts.save()
    images = [NewsImageFactory() for _ in range(3)]
    places = [Country.objects.get(code=code) for code in PLACES]
    now = timezone.now()
    stories = []

    def story(**fields):
        index = len(stories)
        place = fields.pop("place", places[index % len(places)])
        fields.setdefault("hero_image", images[index % 3] if index % 3 else None)
        made = StoryFactory(
            headline=headline(index, place),
            summary=SUMMARY,
            body=BODY,
            countries=[place],
            dateline_place=place.name,
            first_published_at=now - timedelta(minutes=7 * index),
            **fields,
        )
        stories.append(made)
        return made

    for sector in Sector.objects.all():
        for _ in range(3):
            story(sectors=[sector])
    wash = Sector.objects.get(slug="wash")
    for _ in range(18):
        story(sectors=[wash])
    columnist = AuthorFactory(photo=images[0])
    for kind in (StoryKind.OPINION, StoryKind.BLOG, StoryKind.INTERVIEW, StoryKind.OPINION):
        story(kind=kind, authors=[columnist], sectors=[wash])
    for _ in range(6):
        story(kind=StoryKind.BRIEF, hero_image=None, sectors=[wash])
    with_image = story(sectors=[wash], hero_image=images[1], hero_caption="Pumps at a new well.")
    without_image = story(sectors=[wash], hero_image=None)
    hour = hour_start(now)
    for rank, popular in enumerate(stories[:10]):
        add_views(popular.pk, hour, 100 - rank)
    return {
        "home": "/",
        "edition front": "/editions/south-asia/",
        "sector page": "/sectors/wash/",
        "article with image": with_image.url,
        "article without image": without_image.url,
        "search results": "/search/?q=water",
    }


def serve_media(route):
    """The pictures, from the storage the tests keep them in (memory), not from a folder."""
    name = unquote(urlsplit(route.request.url).path).removeprefix(settings.MEDIA_URL)
    if not default_storage.exists(name):
        route.fulfill(status=404)
        return
    with default_storage.open(name) as picture:
        route.fulfill(body=picture.read(), content_type=mimetypes.guess_type(name)[0])


def new_page(new_context, viewport, **options):
    page = new_context(viewport=viewport, **options).new_page()
    page.route(re.compile(r"://[^/]+/media/"), serve_media)
    return page


def open_pages(new_context, viewport, urls):
    """Each page, loaded with its lazy pictures in place (as after a reader scrolled past them)."""
    page = new_page(new_context, viewport)
    for name, url in urls.items():
        page.goto(url)
        page.evaluate(SCROLL_THROUGH)
        yield name, page


SCROLL_THROUGH = """async () => {
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) {
    scrollTo(0, y);
    await new Promise(requestAnimationFrame);
  }
  scrollTo(0, 0);
  await Promise.all([...document.images].map(img => img.complete || img.decode().catch(() => {})));
}"""

# Elements wider than the window, and whether the page itself scrolls sideways.
TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.body.querySelectorAll('*')]
    .filter(el => el.getBoundingClientRect().width > width + 1)
    .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
  if (document.documentElement.scrollWidth > width) wide.unshift('the page scrolls sideways');
  return wide;
}"""

# Cards side by side must start at the same height and so must their headlines; a card's headline
# must take at least half the card's width (not be squeezed into a picture's column).
MISALIGNED_CARDS = """() => {
  const problems = [];
  const name = card => (card.querySelector('h2, h3') || card).textContent.trim().slice(0, 50);
  const byParent = new Map();
  for (const card of document.querySelectorAll('main .card')) {
    if (!card.getClientRects().length) continue;
    const title = card.querySelector('h2, h3');
    const box = card.getBoundingClientRect();
    const titleBox = title.getBoundingClientRect();
    if (titleBox.width < box.width / 2 - 1)
      problems.push(`headline squeezed into ${Math.round(titleBox.width)} of ${Math.round(box.width)} px: ${name(card)}`);
    const siblings = byParent.get(card.parentElement) || [];
    siblings.push({card, box, titleTop: titleBox.top});
    byParent.set(card.parentElement, siblings);
  }
  for (const cards of byParent.values()) {
    for (const a of cards) for (const b of cards) {
      const sideBySide = a.box.right <= b.box.left + 1;
      const sameRow = a.box.top < b.box.bottom && b.box.top < a.box.bottom;
      if (!sideBySide || !sameRow) continue;
      if (Math.abs(a.box.top - b.box.top) > 1)
        problems.push(`cards start ${Math.round(Math.abs(a.box.top - b.box.top))} px apart: ${name(a.card)} | ${name(b.card)}`);
      else if (Math.abs(a.titleTop - b.titleTop) > 2)
        problems.push(`headlines start ${Math.round(Math.abs(a.titleTop - b.titleTop))} px apart: ${name(a.card)} | ${name(b.card)}`);
    }
  }
  return problems;
}"""

# Screen by screen, is one column of the content empty while the one beside it is not? The columns
# are the aside (trending, latest) and what sits beside it; anything that spans both fills both.
EMPTY_COLUMN = """async () => {
  const aside = document.querySelector('main aside');
  if (!aside) return [];
  const grid = aside.parentElement;
  const beside = [...grid.children].filter(el => el !== aside && el.getClientRects().length);
  const asideBox = aside.getBoundingClientRect();
  const mainBox = beside[0].getBoundingClientRect();
  if (asideBox.left < mainBox.right) return [];  // one column: nothing beside anything
  const frame = new Set([aside, grid, ...beside]);
  for (let el = grid.parentElement; el; el = el.parentElement) frame.add(el);
  const columnHasContent = (box, top, bottom) => {
    for (const fx of [0.2, 0.5, 0.8]) for (let y = top + 20; y < bottom; y += 60) {
      const hit = document.elementFromPoint(box.left + fx * box.width, y);
      if (hit && !frame.has(hit)) return true;
    }
    return false;
  };
  const gridTop = grid.getBoundingClientRect().top + scrollY;
  const gridBottom = grid.getBoundingClientRect().bottom + scrollY;
  const empty = [];
  for (let y = gridTop; y < gridBottom - 120; y += innerHeight) {
    scrollTo(0, y);
    await new Promise(requestAnimationFrame);
    const top = Math.max(0, grid.getBoundingClientRect().top);
    const bottom = Math.min(innerHeight, grid.getBoundingClientRect().bottom);
    const left = columnHasContent(mainBox, top, bottom);
    const right = columnHasContent(asideBox, top, bottom);
    if (left !== right) empty.push(`${left ? 'side' : 'main'} column empty at ${Math.round(y)} px`);
  }
  scrollTo(0, 0);
  return empty;
}"""

# How far below the header the page's first words start: a kicker must not touch the nav bar.
GAP_BELOW_HEADER = """() => {
  const header = document.querySelector('body > header').getBoundingClientRect().bottom;
  const first = [...document.querySelectorAll('main *')].find(el =>
    !el.children.length && el.textContent.trim() && el.getBoundingClientRect().height > 2);
  return first.getBoundingClientRect().top - header;
}"""
MIN_GAP_BELOW_HEADER = 12

# Dates and times that a line break cuts in two ("06-12-" on one line, "2026" on the next).
BROKEN_DATES = """() => [...document.querySelectorAll('time')]
  .filter(el => el.getClientRects().length > 1)
  .map(el => el.textContent)"""


def report(problems):
    return "\n".join(f"{page}: {problem}" for page, found in problems.items() for problem in found)


def test_reader_pages_fit_and_line_up_on_a_laptop(newsroom, new_context):
    problems = {}
    for name, page in open_pages(new_context, LAPTOP, newsroom):
        found = page.evaluate(TOO_WIDE) + page.evaluate(MISALIGNED_CARDS)
        found += page.evaluate(EMPTY_COLUMN)
        gap = page.evaluate(GAP_BELOW_HEADER)
        if gap < MIN_GAP_BELOW_HEADER:
            found.append(f"the first words start {gap:.0f} px below the header")
        if found:
            problems[name] = found
    assert not problems, report(problems)


def test_reader_pages_fit_a_phone_with_a_small_header_and_trending_near_the_top(
    newsroom, new_context
):
    problems = {}
    for name, page in open_pages(new_context, PHONE, newsroom):
        found = page.evaluate(TOO_WIDE) + page.evaluate(MISALIGNED_CARDS)
        found += [f"date broken across lines: {text}" for text in page.evaluate(BROKEN_DATES)]
        header = page.get_by_role("banner").bounding_box()
        if header["height"] > HEADER_SHARE_LIMIT * PHONE["height"]:
            found.append(f"header takes {header['height'] / PHONE['height']:.0%} of the screen")
        trending = page.get_by_role("heading", name=re.compile(r"^Trending"))
        if not trending.count():
            found.append("no trending list")
        else:
            top = trending.first.evaluate("el => el.getBoundingClientRect().top + scrollY")
            if top > TRENDING_SCREENS * PHONE["height"]:
                found.append(f"trending starts {top:.0f} px down")
        if found:
            problems[name] = found
    assert not problems, report(problems)


def test_phone_menu_button_opens_the_sections(site, new_context):
    story = StoryFactory()
    page = new_page(new_context, PHONE)
    page.goto(story.url)
    banner = page.get_by_role("banner")
    sections = banner.get_by_role("navigation", name="Sections", exact=True)
    expect(sections.get_by_role("link", name="Opinion", exact=True)).to_be_hidden()

    menu = banner.get_by_role("button", name="Menu")
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(sections.get_by_role("link", name="Opinion", exact=True)).to_be_visible()
    expect(banner.get_by_role("searchbox", name="Search stories")).to_be_visible()
    expect(banner.get_by_role("combobox", name="Edition")).to_be_visible()

    menu.click()
    expect(sections.get_by_role("link", name="Opinion", exact=True)).to_be_hidden()

    # Without JavaScript the menu cannot fold away, so it is open and the button is not offered.
    page = new_page(new_context, PHONE, java_script_enabled=False)
    page.goto(story.url)
    banner = page.get_by_role("banner")
    expect(banner.get_by_role("link", name="Opinion", exact=True)).to_be_visible()
    expect(banner.get_by_role("button", name="Menu")).to_be_hidden()
