"""What the desk shows an editor to work with: tags to correct, subjects in words, relevance per
edition, what each report adds, a hero picture for the story, and the queues on the dashboard."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow

from dateline.media.factories import NewsImageFactory, jpeg_bytes
from dateline.media.models import DigitalSourceType, NewsImage
from dateline.newsroom.factories import StaffFactory, StoryFactory
from dateline.newsroom.models import StoryPage
from dateline.newsroom.roles import DESK_REVIEW, WRITER
from dateline.taxonomy.factories import AgencyFactory
from dateline.taxonomy.models import Country, Sector
from dateline.wire.dashboard import desk_queues
from dateline.wire.factories import ClusterFactory, ItemFactory, SourceFactory
from dateline.wire.ingest import receive
from dateline.wire.models import Item, Payload

from .corpora import read_corpus

pytestmark = pytest.mark.django_db


def text(response):
    return unescape(re.sub(r"\s+", " ", response.content.decode()))


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def item_url(item):
    return reverse("wire_desk:item", args=[item.pk])


# Tag correction ---------------------------------------------------------------------------------


def test_tags_are_corrected_with_checkboxes_and_the_chosen_ones_show_as_chips(editor_client, mpa):
    item = ItemFactory(
        source=SourceFactory(agency=mpa),
        countries=[Country.objects.get(code="IN"), Country.objects.get(code="BD")],
        sectors=[Sector.objects.get(slug="health")],
    )
    response = editor_client.get(item_url(item))
    page = response.content.decode()
    assert "Hold Ctrl" not in page
    assert "<select" not in page.split('id="tags-heading"')[1].split("</section>")[0]
    checked = re.findall(
        r'<input type="checkbox" name="countries" value="(\d+)"[^>]* checked>', page
    )
    assert sorted(map(int, checked)) == sorted(
        Country.objects.filter(code__in=["IN", "BD"]).values_list("pk", flat=True)
    )
    assert 'aria-label="Remove India"' in page and 'aria-label="Remove Bangladesh"' in page
    assert 'aria-label="Remove Health"' in page
    assert "Filter countries" in page
    assert 'data-search="cote d\'ivoire ci"' in unescape(page)  # accents folded for the filter
    assert "core/tag_picker" in page


# Subjects, relevance ----------------------------------------------------------------------------


def test_iptc_subjects_are_shown_in_words_with_their_code_after(editor_client, mpa):
    item = ItemFactory(
        source=SourceFactory(agency=mpa),
        subjects=[
            {"scheme": "medtop", "code": "20000763", "name": ""},
            {"scheme": "subj", "code": "07000000", "name": ""},
            {"scheme": "medtop", "code": "99999999", "name": "Gesundheit"},
            {"scheme": "agency-topics", "code": "x1", "name": ""},
        ],
    )
    page = text(editor_client.get(item_url(item)))
    subjects = page.split('id="subjects-heading"')[1].split("</section>")[0]
    assert re.search(
        r"information technology and computer science <small[^>]*>medtop:20000763</small>",
        subjects,
    )
    assert re.search(r"health <small[^>]*>subj:07000000</small>", subjects)
    assert re.search(r"Gesundheit <small[^>]*>medtop:99999999</small>", subjects)
    assert re.search(r"No label known <small[^>]*>agency-topics:x1</small>", subjects)


def test_the_item_and_cluster_pages_show_the_relevance_per_edition(editor_client, mpa):
    first = ItemFactory(
        source=SourceFactory(agency=mpa),
        edition_scores={"south-asia": 0.75, "east-africa": 0.25},
    )
    second = ItemFactory(source=SourceFactory(agency=mpa), edition_scores={"south-asia": 1.0})
    cluster = ClusterFactory(items=[first, second])
    item_page = text(editor_client.get(item_url(first)))
    editions = item_page.split('id="editions-heading"')[1].split("</section>")[0]
    assert re.search(r"South Asia</th> <td><meter[^>]*value=\"0.750\"[^>]*></meter> 75%", editions)
    assert re.search(r"East Africa</th> <td><meter[^>]*></meter> 25%", editions)
    assert editions.index("South Asia") < editions.index("East Africa")

    cluster_page = text(editor_client.get(reverse("wire_desk:cluster", args=[cluster.pk])))
    editions = cluster_page.split('id="editions-heading"')[1].split("</section>")[0]
    assert re.search(r"South Asia</th> <td><meter[^>]*></meter> 88%</td> <td>2 of 2</td>", editions)
    assert re.search(
        r"East Africa</th> <td><meter[^>]*></meter> 12%</td> <td>1 of 2</td>", editions
    )


def test_corrected_countries_give_edition_shares_that_add_up_to_one(editor_client, mpa):
    item = ItemFactory(
        source=SourceFactory(agency=mpa),
        countries=[Country.objects.get(code="IN")],
        country_scores={"IN": 3.0},
        edition_scores={"south-asia": 1.0},
    )
    countries = Country.objects.filter(code__in=["IN", "KE"])
    editor_client.post(
        reverse("wire_desk:tags", args=[item.pk]), {"countries": [c.pk for c in countries]}
    )
    item.refresh_from_db()
    assert item.edition_scores == {"south-asia": 0.75, "east-africa": 0.25}
    assert "75%" in text(editor_client.get(item_url(item)))


# What each report adds --------------------------------------------------------------------------


def test_a_reworded_report_lists_only_the_facts_it_adds(editor_client, mpa):
    lead = ItemFactory(
        source=SourceFactory(agency=mpa),
        headline="Floods displace 150,000 in Assam",
        body_html=(
            "<p>More than 150,000 people have been displaced in Assam after the Brahmaputra "
            "breached embankments in Dhubri, Goalpara and Barpeta, officials said on Monday.</p>"
            '<p>"We have opened 410 relief camps," relief commissioner Anjali Bora said.</p>'
        ),
    )
    reworded = ItemFactory(
        source=SourceFactory(agency=AgencyFactory(name="Harbourline News Service")),
        headline="Assam floods force 150,000 from homes",
        body_html=(
            "<p>Floodwaters have forced over 150,000 people from their homes in Dhubri, "
            "Goalpara and Barpeta.</p>"
            "<p>Relief commissioner Anjali Bora said 410 camps had been opened.</p>"
            "<p>At least 11 people have drowned since Friday.</p>"
        ),
    )
    cluster = ClusterFactory(items=[lead, reworded])
    page = text(editor_client.get(reverse("wire_desk:cluster", args=[cluster.pk])))
    adds = page.split(
        "What “Assam floods force 150,000 from homes” (Harbourline News Service) adds"
    )
    listed = re.findall(r"<li>(.*?)</li>", adds[1].split("</section>")[0])
    assert listed == ["At least 11 people have drowned since Friday."]


# The hero picture -------------------------------------------------------------------------------


def story_form_keys(page):
    return re.findall(r'<input type="radio" name="picture" value="([^"]+)"', page)


def test_a_picture_sent_with_the_copy_is_suggested_and_imported_when_accepted(
    editor_client, editor, mpa, start_agency_server
):
    server = start_agency_server(body=jpeg_bytes(800, 533))
    item = ItemFactory(
        source=SourceFactory(agency=mpa),
        headline="Floods displace 150,000 in Assam",
        images=[
            {
                "url": f"{server.url()}/pictures/assam-boat.jpg",
                "caption": "Villagers wade through floodwater in Dhubri",
                "credit": "R. Das / MPA",
                "alt": "Villagers wading through brown floodwater",
            }
        ],
    )
    page = text(editor_client.get(item_url(item)))
    assert story_form_keys(page) == [f"wire-{item.pk}-0", "none"]
    assert f'value="wire-{item.pk}-0" checked' in page
    assert "Villagers wade through floodwater in Dhubri" in page
    assert not server.seen  # nothing is fetched until the editor accepts it

    response = editor_client.post(
        reverse("wire_desk:item_story", args=[item.pk]), {"picture": f"wire-{item.pk}-0"}
    )
    story = StoryPage.objects.get()
    assert response.url == reverse("wagtailadmin_pages:edit", args=[story.pk])
    assert server.seen == ["/pictures/assam-boat.jpg"]
    picture = story.hero_image
    assert (picture.width, picture.height) == (800, 533)
    assert picture.credit == "R. Das / MPA"
    assert picture.alt_text == "Villagers wading through brown floodwater"
    assert picture.uploaded_by_user == editor
    assert story.hero_caption == "Villagers wade through floodwater in Dhubri"


def test_an_agency_picture_on_our_own_network_is_refused_and_no_story_is_made(
    editor_client, mpa, start_agency_server, settings
):
    settings.DATELINE_WIRE_ALLOWED_NETWORKS = []
    server = start_agency_server(body=jpeg_bytes())
    item = ItemFactory(
        source=SourceFactory(agency=mpa),
        images=[{"url": f"{server.url()}/internal.jpg", "caption": "Internal"}],
    )
    response = editor_client.post(
        reverse("wire_desk:item_story", args=[item.pk]), {"picture": f"wire-{item.pk}-0"}
    )
    assert response.status_code == 400
    page = text(response)
    assert "Refused to fetch" in page and "a loopback address" in page
    assert "Choose another picture, or none." in page
    assert not server.seen
    assert not StoryPage.objects.exists()
    assert not NewsImage.objects.exists()
    item.refresh_from_db()
    assert item.status == Item.Status.NEW


def test_something_that_is_no_picture_is_not_imported(editor_client, mpa, start_agency_server):
    server = start_agency_server(body=b"<html>Not found</html>")
    item = ItemFactory(source=SourceFactory(agency=mpa), images=[{"url": f"{server.url()}/p.jpg"}])
    response = editor_client.post(
        reverse("wire_desk:item_story", args=[item.pk]), {"picture": f"wire-{item.pk}-0"}
    )
    assert response.status_code == 400
    assert "is not a picture the library can use" in text(response)
    assert not StoryPage.objects.exists()


def test_a_picture_in_an_agency_sample_is_offered_and_fetched_through_the_guard(
    editor_client, mpa, start_agency_server
):
    """TT's ninjs 3.0 sample sends a picture as an association; its address is moved to a
    server of ours on loopback (allowed in the test settings) so that nothing leaves the machine."""
    server = start_agency_server(body=jpeg_bytes(600, 400))
    sample = read_corpus("ninjs/3.0/tt_text_image_3.json").replace(
        b"https://beta.tt.se/media/text/", f"{server.url()}/media/text/".encode()
    )
    source = SourceFactory(agency=mpa)
    receive(source, sample, via=Payload.Via.PUSH, content_type="application/json")
    item = Item.objects.get()
    page = text(editor_client.get(item_url(item)))
    assert "Karl Melander/TT" in page
    editor_client.post(
        reverse("wire_desk:item_story", args=[item.pk]), {"picture": f"wire-{item.pk}-0"}
    )
    assert server.seen == ["/media/text/210526-militarovning-a0f2d045/a001_NormalHires.jpg"]
    story = StoryPage.objects.get()
    assert story.hero_image.credit == "Karl Melander/TT"


def test_library_pictures_matching_the_copy_are_suggested_but_never_ai_ones(editor_client, mpa):
    india = Country.objects.get(code="IN")
    item = ItemFactory(
        source=SourceFactory(agency=mpa),
        headline="Floods on the Brahmaputra displace 150,000 in Assam",
        countries=[india],
    )
    tagged = NewsImageFactory(title="Boats on a flooded road")
    tagged.tags.add("Floods", "Assam")
    described = NewsImageFactory(title="Brahmaputra in spate", alt_text="The river at Guwahati")
    generated = NewsImageFactory(
        title="Floods in Assam, illustrated",
        digital_source_type=DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA,
    )
    generated.tags.add("Floods", "Assam")
    NewsImageFactory(title="Cricket at Eden Gardens").tags.add("cricket")

    page = text(editor_client.get(item_url(item)))
    assert story_form_keys(page) == [f"library-{tagged.pk}", f"library-{described.pk}", "none"]
    assert "In the image library" in page

    editor_client.post(
        reverse("wire_desk:item_story", args=[item.pk]), {"picture": f"library-{described.pk}"}
    )
    assert StoryPage.objects.get().hero_image == described


def test_the_editor_can_pick_another_library_picture_or_none(editor_client, mpa):
    first = ItemFactory(source=SourceFactory(agency=mpa), headline="Floods in Assam")
    second = ItemFactory(source=SourceFactory(agency=mpa), headline="More floods in Assam")
    NewsImageFactory(title="Floods in Assam")
    chosen = NewsImageFactory(title="Portrait of the relief commissioner")
    editor_client.post(
        reverse("wire_desk:item_story", args=[first.pk]),
        {"picture": "none", "other_image": chosen.pk},
    )
    editor_client.post(reverse("wire_desk:item_story", args=[second.pk]), {"picture": "none"})
    heroes = dict(StoryPage.objects.values_list("title", "hero_image"))
    assert heroes == {"Floods in Assam": chosen.pk, "More floods in Assam": None}


def test_a_picture_choice_that_was_never_offered_is_a_form_error(editor_client, mpa):
    item = ItemFactory(source=SourceFactory(agency=mpa))
    cluster = ClusterFactory(items=[item])
    response = editor_client.post(
        reverse("wire_desk:cluster_story", args=[cluster.pk]), {"picture": "library-999999"}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in text(response)
    response = editor_client.post(
        reverse("wire_desk:cluster_story", args=[cluster.pk]), {"other_image": "not a number"}
    )
    assert response.status_code == 400
    assert not StoryPage.objects.exists()


# The dashboard ----------------------------------------------------------------------------------


def queue_counts(page):
    """{label: (count, link)} of the desk queues panel."""
    found = re.findall(
        r'<a class="wire-queues__link" href="([^"]+)"><span class="wire-queues__count">(\d+)'
        r"</span> ([^<]+)</a>",
        page,
    )
    return {label.strip(): (int(count), unescape(url)) for url, count, label in found}


def fill_queues(mpa, editor, numbers):
    """One of each per number: waiting wire rows, stories in review, scheduled and embargoed
    stories, the stories' headlines numbered."""
    source = SourceFactory(agency=mpa)
    for _ in numbers:
        ClusterFactory(items=[ItemFactory(source=source), ItemFactory(source=source)])
        ItemFactory(source=source, status=Item.Status.SPIKED)
    review = Workflow.objects.get(name=DESK_REVIEW)
    for number in numbers:
        draft = StoryFactory(headline=f"For review {number}", publish=False, user=editor)
        review.start(draft, editor)
        scheduled = StoryFactory(headline=f"Scheduled {number}", publish=False, user=editor)
        scheduled.go_live_at = timezone.now() + timedelta(days=1)
        scheduled.save_revision(user=editor).publish(user=editor)
        StoryFactory(
            headline=f"Embargoed {number}",
            publish=False,
            embargoed_until=timezone.now() + timedelta(hours=5),
        )


def test_the_dashboard_counts_each_queue_and_links_to_its_list(
    client, editor, mpa, django_assert_num_queries
):
    fill_queues(mpa, editor, range(1))
    with django_assert_num_queries(3):
        assert [queue.count for queue in desk_queues()] == [1, 1, 1, 1]
    fill_queues(mpa, editor, range(1, 4))
    with django_assert_num_queries(3):
        assert [queue.count for queue in desk_queues()] == [4, 4, 4, 4]

    client.force_login(editor)
    counts = queue_counts(text(client.get(reverse("wagtailadmin_home"))))
    assert {label: count for label, (count, _) in counts.items()} == {
        "new wire clusters waiting": 4,
        "stories awaiting desk review": 4,
        "stories scheduled": 4,
        "stories under embargo": 4,
    }
    queue = client.get(counts["new wire clusters waiting"][1])
    assert len(queue.context["rows"]) == 4
    review = text(client.get(counts["stories awaiting desk review"][1]))
    assert all(f"For review {number}" in review for number in range(4))
    scheduled = text(client.get(counts["stories scheduled"][1]))
    assert all(f"Scheduled {number}" in scheduled for number in range(4))
    assert "Embargoed 0" not in scheduled
    embargoed = text(client.get(counts["stories under embargo"][1]))
    assert all(f"Embargoed {number}" in embargoed for number in range(4))
    assert "Scheduled 0" not in embargoed


def test_writers_see_no_desk_queues_and_cannot_open_the_lists(client, desk):
    client.force_login(StaffFactory(username="wanda", group=WRITER))
    assert "Desk queues" not in text(client.get(reverse("wagtailadmin_home")))
    response = client.get(reverse("wire_desk:stories", args=["scheduled"]))
    assert response.status_code == 302


def test_an_unknown_list_of_stories_is_not_found(editor_client):
    assert editor_client.get(reverse("wire_desk:stories", args=["drafts"])).status_code == 404
