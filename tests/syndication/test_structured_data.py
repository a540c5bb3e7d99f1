import json
import re

import pytest

from dateline.media.factories import NewsImageFactory
from dateline.newsroom.factories import AuthorFactory, StoryFactory
from dateline.newsroom.models import Provenance, StoryKind
from dateline.taxonomy.models import Agency

pytestmark = pytest.mark.django_db


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def node(graphs, schema_type):
    return next(n for g in graphs for n in g["@graph"] if n["@type"] == schema_type)


def test_story_carries_news_article_with_agency_as_source_not_author(client, home):
    agency = Agency.objects.create(name="Example Wire", slug="example-wire", credit="EXW")
    story = StoryFactory(
        headline="Rains return to the Deccan",
        authors=[AuthorFactory(name="Leela Rao", slug="leela-rao")],
        agencies=[agency],
        provenance=Provenance.AGENCY_REWRITE,
        hero_image=NewsImageFactory(credit="Photo Desk"),
    )
    graphs = json_ld(client.get(story.url).content.decode())
    article = node(graphs, "NewsArticle")
    assert article["headline"] == "Rains return to the Deccan"
    assert article["author"] == [
        {"@type": "Person", "name": "Leela Rao", "url": "http://127.0.0.1:8000/authors/leela-rao/"}
    ]
    assert article["sourceOrganization"] == [{"@type": "Organization", "name": "EXW"}]
    assert "EXW" not in json.dumps(article["author"])
    assert article["publisher"]["name"] == "Dateline"
    assert article["isAccessibleForFree"] is True
    assert article["datePublished"] and article["dateModified"]
    # 16:9, 4:3 and 1:1 crops; a 1600x900 original gives a 900-pixel square.
    ratios = [(i["width"], i["height"]) for i in article["image"]]
    assert ratios == [(1200, 675), (1200, 900), (900, 900)]
    assert article["image"][0]["creditText"] == "Photo Desk"
    crumbs = node(graphs, "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "News", "Rains return to the Deccan"]


def test_opinion_and_ai_image_are_marked(client, home):
    image = NewsImageFactory(digital_source_type="trainedAlgorithmicMedia")
    story = StoryFactory(kind=StoryKind.OPINION, hero_image=image)
    html = client.get(story.url).content.decode()
    article = node(json_ld(html), "OpinionNewsArticle")
    assert article["image"][0]["digitalSourceType"].endswith(
        "/digitalsourcetype/trainedAlgorithmicMedia"
    )
    assert "AI-generated" in article["image"][0]["description"]
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:image" content="http://127.0.0.1:8000/media/' in html


def test_home_has_organisation_and_website_search(client, home):
    html = client.get("/").content.decode()
    graphs = json_ld(html)
    assert node(graphs, "NewsMediaOrganization")["name"] == "Dateline"
    search = node(graphs, "WebSite")["potentialAction"]
    assert search["target"]["urlTemplate"].endswith("/search/?q={search_term_string}")
    assert '<meta property="og:title" content="Dateline">' in html


def test_headline_cannot_break_out_of_the_script(client, home):
    story = StoryFactory(headline="Inside </script><script>alert(1)</script> the budget")
    html = client.get(story.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert node(json_ld(html), "NewsArticle")["headline"].startswith("Inside </script>")


def test_pages_without_a_picture_of_their_own_show_the_site_card(client, home):
    story = StoryFactory(headline="Budget talks resume", hero_image=None)
    html = client.get(story.url).content.decode()
    article = node(json_ld(html), "NewsArticle")
    [card] = article["image"]
    assert card["url"].endswith(".png") and "site-card" in card["url"]
    assert (card["width"], card["height"]) == (1200, 630)
    assert f'<meta property="og:image" content="{card["url"]}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    home_html = client.get("/").content.decode()
    assert f'<meta property="og:image" content="{card["url"]}">' in home_html
