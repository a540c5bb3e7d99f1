"""Whatever text a story holds, every feed and sitemap stays well-formed XML and answers 200.

The text here is written straight into the rows, past the editor's and the wire's cleaning, as
text stored before that cleaning existed would be: the feeds and sitemaps must not rely on it.
"""

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from taggit.models import Tag

from dateline.media.factories import NewsImageFactory
from dateline.newsroom.factories import AuthorFactory, StoryFactory
from dateline.newsroom.models import StoryPage, StoryTag
from dateline.taxonomy.models import Country
from dateline.video.factories import ShortFactory
from dateline.video.models import Short

pytestmark = pytest.mark.django_db

# Every character XML 1.0 cannot carry that a database can store (PostgreSQL stores no NUL and
# neither engine a lone surrogate), mixed into otherwise ordinary text.
UNCARRIABLE = [chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r"] + ["\ufffe", "\uffff"]
STORABLE = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
# Joined from a list: st.text() never draws U+FFFE, U+FFFF or a surrogate, whatever its alphabet.
TEXT = st.lists(st.sampled_from(UNCARRIABLE) | STORABLE, min_size=1, max_size=40).map("".join)
# Only tags with an ASCII slug have a feed URL; the rest still show in every feed's categories.
ASCII_SLUG = set(string.ascii_letters + string.digits + "-_")

FEEDS = [
    "/feed/",
    "/feeds/kind/news/",
    "/feeds/sector/wash/",
    "/feeds/edition/global/",
    "/feeds/edition/south-asia/",
    "/feeds/country/india/",
    "/feeds/tag/water/",
    "/feeds/author/ravi-menon/",
    "/feeds/shorts/",
]
SITEMAPS = [
    "/sitemap.xml",
    "/sitemaps/stories-1.xml",
    "/sitemaps/listings.xml",
    "/sitemaps/authors.xml",
    "/sitemap-news.xml",
    "/sitemaps/shorts.xml",
]


@pytest.fixture
def newsroom(home, settings):
    # Each example changes the stories; every response must be made afresh.
    settings.DATELINE_PAGE_CACHE_SECONDS = 0
    return {"image": NewsImageFactory(), "author": AuthorFactory(slug="ravi-menon")}


def well_formed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    # lxml refuses a control character, U+FFFE or U+FFFF anywhere in the document.
    return etree.fromstring(response.content)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(headline=TEXT, summary=TEXT, body=TEXT, caption=TEXT, tag=TEXT, author=TEXT)
def test_every_feed_and_sitemap_is_well_formed_whatever_the_stored_text(
    client, newsroom, headline, summary, body, caption, tag, author
):
    story = StoryFactory(
        hero_image=newsroom["image"],
        authors=[newsroom["author"]],
        countries=[Country.objects.get(code="IN")],
        tags=["water"],
    )
    named, _created = Tag.objects.get_or_create(name=tag)
    StoryTag.objects.create(content_object=story, tag=named)
    raw_body = f"<p>{body}</p>"
    StoryPage.objects.filter(pk=story.pk).update(
        title=f"Story {headline}",
        summary=summary,
        hero_caption=caption,
        body_html=raw_body,
        reader_meta={
            "authors": [{"name": author, "url": "/authors/ravi-menon/"}],
            "sectors": [{"name": tag, "url": "/sectors/wash/"}],
            "tags": [{"name": tag, "url": "/tags/water/"}, {"name": named.name, "url": "/"}],
        },
    )
    short = ShortFactory()
    Short.objects.filter(pk=short.pk).update(
        title=f"Short {headline}", caption=summary, credit=author
    )
    feeds = list(FEEDS)
    if named.slug and set(named.slug) <= ASCII_SLUG:
        feeds.append(f"/feeds/tag/{named.slug}/")
    # Every scope shares one writer; the full text, with the body, is checked on the site feed.
    for url in [*feeds, "/feed/?full=1", "/feed/atom/?full=1"]:
        well_formed(client, url)
        if "?" not in url:
            well_formed(client, f"{url}atom/")
    for url in SITEMAPS:
        well_formed(client, url)

    # What can be written survives: only the characters XML cannot carry are gone.
    kept = "".join(c for c in summary if c not in UNCARRIABLE)
    # An XML parser reads every line end as "\n".
    kept = kept.replace("\r\n", "\n").replace("\r", "\n")
    item = well_formed(client, "/feed/").find("channel/item")
    assert item.findtext("description") == kept
