"""What a reader finds around a story: ways to share it, the opinion / blog / interview rail, the
newsletter, who wrote an opinion piece and whether it speaks for the site, which agencies it came
from, the copyright line, and a feed for every listing."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import html as lxml_html

from dateline.media.factories import NewsImageFactory
from dateline.newsroom.factories import AuthorFactory, StoryFactory
from dateline.newsroom.models import StoryKind
from dateline.taxonomy.models import Agency, Country

pytestmark = pytest.mark.django_db


def page_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml_html.fromstring(response.content)


def having_class(name):
    """An XPath test for an element carrying a class among others."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def texts(elements):
    return [" ".join(element.text_content().split()) for element in elements]


def test_a_story_can_be_shared_without_loading_anyone_elses_script(client, home):
    story = StoryFactory(headline="Wells refilled & reopened in Kutch")
    html = page_of(client, story.url)
    address = f"{settings.WAGTAILADMIN_BASE_URL}{story.url}"

    share = {
        link.text_content().split(" (")[0]: link.get("href")
        for link in html.xpath(f"//*[{having_class('share')}]//a")
    }
    assert set(share) == {"X", "Facebook", "LinkedIn", "WhatsApp", "Email"}
    assert parse_qs(urlsplit(share["X"]).query) == {"url": [address], "text": [story.title]}
    assert parse_qs(urlsplit(share["Facebook"]).query) == {"u": [address]}
    assert parse_qs(urlsplit(share["LinkedIn"]).query) == {"url": [address]}
    assert parse_qs(urlsplit(share["WhatsApp"]).query) == {"text": [f"{story.title} {address}"]}
    assert share["Email"] == (
        "mailto:?subject=Wells%20refilled%20%26%20reopened%20in%20Kutch&body="
        + address.replace(":", "%3A").replace("/", "%2F")
    )
    [copy] = html.xpath("//button[@data-copy-link]")
    assert copy.get("data-copy-link") == address
    scripts = [script.get("src") for script in html.xpath("//script[@src]")]
    assert all(src.startswith(settings.STATIC_URL) for src in scripts), scripts


def test_every_article_has_the_newest_opinion_blog_and_interview_beside_it(client, home):
    columnist = AuthorFactory(name="Meera Pillai")
    opinion = StoryFactory(
        kind=StoryKind.OPINION, headline="Cities must price water fairly", authors=[columnist]
    )
    blog = StoryFactory(kind=StoryKind.BLOG, headline="A week with the well diggers")
    interview = StoryFactory(
        kind=StoryKind.INTERVIEW, headline="'We map every tap': a planner speaks"
    )
    StoryFactory(kind=StoryKind.OPINION, headline="Draft column nobody may read", publish=False)
    news = StoryFactory(headline="Monsoon arrives early in Kerala")

    html = page_of(client, news.url)
    [rail] = html.xpath('//aside//section[@aria-label="Opinion, blogs and interviews"]')
    assert texts(rail.xpath(".//h2")) == ["Opinion", "Blogs", "Interviews"]
    assert texts(rail.xpath(".//li/a")) == [opinion.title, blog.title, interview.title]
    assert "Meera Pillai" in rail.text_content()
    assert "Draft column" not in rail.text_content()

    rail = page_of(client, opinion.url).xpath(
        "//aside//section[@aria-label='Opinion, blogs and interviews']"
    )
    assert texts(rail[0].xpath(".//li/a")) == [blog.title, interview.title]

    later = StoryFactory(kind=StoryKind.OPINION, headline="Fix the pipes before building dams")
    # A new column drops the pages it appears on, not every article with a rail: this one
    # shows it once its cached copy has expired.
    caches["pages"].clear()
    rail = page_of(client, news.url).xpath(
        '//section[@aria-label="Opinion, blogs and interviews"]'
    )[0]
    assert texts(rail.xpath(".//li/a"))[:2] == [later.title, opinion.title]


def test_an_article_invites_the_reader_to_the_newsletter(client, home):
    html = page_of(client, StoryFactory().url)
    [prompt] = html.xpath(f"//main//*[{having_class('newsletter-prompt')}]//a")
    assert prompt.get("href") == "/newsletter/"
    assert client.get(prompt.get("href")).status_code == 200


def test_an_opinion_piece_introduces_its_author_and_speaks_only_for_them(client, home):
    columnist = AuthorFactory(
        name="Meera Pillai",
        role="Columnist",
        bio="Meera Pillai has covered water policy for twenty years.",
        photo=NewsImageFactory(alt_text="Meera Pillai"),
    )
    opinion = StoryFactory(kind=StoryKind.OPINION, authors=[columnist])
    html = page_of(client, opinion.url)

    [box] = html.xpath(f"//article//*[{having_class('author-box')}]")
    assert box.xpath(".//img")[0].get("alt") == "Meera Pillai"
    assert box.xpath(".//a")[0].get("href") == "/authors/" + columnist.slug + "/"
    assert "Meera Pillai has covered water policy for twenty years." in box.text_content()
    disclaimer = texts(html.xpath(f"//*[{having_class('story__disclaimer')}]"))
    assert disclaimer == [
        "The views expressed are the author's own and do not necessarily reflect those of "
        f"{settings.WAGTAIL_SITE_NAME}."
    ]

    news = page_of(client, StoryFactory(authors=[columnist]).url)
    assert not news.xpath(
        f"//*[{having_class('author-box')} or {having_class('story__disclaimer')}]"
    )


def test_agency_credits_are_spelled_out_and_linked_to_the_agency(client, home):
    wire = Agency.objects.create(
        name="Tidewater Dispatch",
        slug="tidewater",
        credit="TDX",
        website="https://tidewater.example/",
    )
    unlinked = Agency.objects.create(name="Cobaltwire", slug="cobaltwire", credit="Cobaltwire")
    story = StoryFactory(agencies=[wire, unlinked])
    [sources] = [
        p
        for p in page_of(client, story.url).xpath(f"//*[{having_class('story__footer')}]/p")
        if "Sources" in p.text_content()
    ]

    assert (
        " ".join(sources.text_content().split()) == "Sources: Cobaltwire, Tidewater Dispatch (TDX)"
    )
    assert [(a.text, a.get("href")) for a in sources.xpath(".//a")] == [
        ("Tidewater Dispatch", "https://tidewater.example/")
    ]


def test_the_footer_carries_the_copyright_line(client, home):
    [line] = texts(page_of(client, "/").xpath(f"//*[{having_class('site-footer__legal')}]/p"))
    assert line.startswith(f"© {timezone.localdate().year} {settings.WAGTAIL_SITE_NAME}")


@pytest.mark.parametrize(
    ("listing", "feed"),
    [
        ("/sectors/wash/", "/feeds/sector/wash/"),
        ("/countries/india/", "/feeds/country/india/"),
        ("/tags/water/", "/feeds/tag/water/"),
        ("/authors/meera-pillai/", "/feeds/author/meera-pillai/"),
        ("/editions/south-asia/", "/feeds/edition/south-asia/"),
        ("/opinion/", "/feeds/kind/opinion/"),
    ],
)
def test_every_listing_links_and_advertises_its_own_feed(client, home, listing, feed):
    columnist = AuthorFactory(name="Meera Pillai", slug="meera-pillai")
    StoryFactory(
        kind=StoryKind.OPINION, authors=[columnist], countries=[Country.objects.get(code="IN")]
    )
    html = page_of(client, listing)

    advertised = [
        link.get("href") for link in html.xpath('//head/link[@type="application/rss+xml"]')
    ]
    assert f"{settings.WAGTAILADMIN_BASE_URL}{feed}" in advertised
    [visible] = html.xpath(f"//main//a[{having_class('feed-link')}]")
    assert visible.get("href") == feed
    assert visible.text_content().startswith("RSS")
    assert client.get(feed).status_code == 200


def test_pages_that_list_nothing_of_their_own_advertise_only_the_site_feed(client, home):
    html = page_of(client, "/latest/")
    advertised = [
        link.get("href") for link in html.xpath('//head/link[@type="application/rss+xml"]')
    ]
    assert advertised == [f"{settings.WAGTAILADMIN_BASE_URL}/feed/"]
    assert not html.xpath(f"//a[{having_class('feed-link')}]")


def test_the_author_box_and_agency_credits_cost_no_query_once_built(
    client, home, settings, django_assert_num_queries
):
    settings.DATELINE_PAGE_CACHE_SECONDS = 0
    columnist = AuthorFactory(photo=NewsImageFactory())
    agency = Agency.objects.create(name="Tidewater Dispatch", slug="tidewater", credit="TDX")
    news = StoryFactory(authors=[columnist])
    opinion = StoryFactory(kind=StoryKind.OPINION, authors=[columnist], agencies=[agency])
    for story in (news, opinion):
        client.get(story.url)
    with CaptureQueriesContext(connection) as plain_article:
        client.get(news.url)

    with django_assert_num_queries(len(plain_article)):
        html = client.get(opinion.url).content.decode()
    assert "author-box" in html and "Tidewater Dispatch" in html
