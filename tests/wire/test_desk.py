"""The wire desk as editors use it: the queue, clusters, items, stories, sources, failures."""

import socket
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from dateline.newsroom.factories import StaffFactory
from dateline.newsroom.models import Provenance, StoryPage
from dateline.newsroom.roles import CHIEF_EDITOR, DESK_EDITOR, WRITER
from dateline.taxonomy.factories import AgencyFactory
from dateline.taxonomy.models import Country, Edition, Sector
from dateline.wire.clustering import cluster_new_items
from dateline.wire.factories import ClusterFactory, ItemFactory, PayloadFactory, SourceFactory
from dateline.wire.ingest import receive
from dateline.wire.models import Cluster, Item, ItemVersion, Payload, ShiftEditor, TagCorrection

from .conftest import ninjs_item, ninjs_payload

pytestmark = pytest.mark.django_db

QUEUE = reverse("wire_desk:queue")
FLOOD = [
    "More than 120,000 people have been displaced in Assam after the Brahmaputra breached "
    "embankments in Dhubri, Goalpara and Barpeta on Sunday.",
    "Relief commissioner Anjali Bora said 410 relief camps had been opened.",
]
ARMY = "The army deployed 14 boats to Dhubri on Monday morning."


@pytest.fixture
def chief(desk):
    return StaffFactory(username="chen", group=CHIEF_EDITOR)


@pytest.fixture
def hns(db):
    return AgencyFactory(name="Harbourline News Service", credit="HNS")


def text(response):
    return response.content.decode()


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def country(code):
    return Country.objects.get(code=code)


def sector(slug):
    return Sector.objects.get(slug=slug)


# Who may use the desk ---------------------------------------------------------------------------


def test_desk_editors_see_the_desk_in_the_menu_and_writers_do_not(client, desk, editor):
    client.force_login(editor)
    assert "Wire desk" in text(client.get(reverse("wagtailadmin_home")))
    writer = StaffFactory(username="wanda", group=WRITER)
    client.force_login(writer)
    assert "Wire desk" not in text(client.get(reverse("wagtailadmin_home")))


@pytest.mark.parametrize(
    ("name", "needs_pk"),
    [("queue", False), ("failed_payloads", False), ("item", True), ("cluster", True)],
)
def test_writers_are_turned_away_from_every_desk_page(client, desk, mpa, name, needs_pk):
    item = ItemFactory(source=SourceFactory(agency=mpa))
    ClusterFactory(items=[item])
    client.force_login(StaffFactory(username="wanda", group=WRITER))
    args = [item.cluster_id if name == "cluster" else item.pk] if needs_pk else []
    response = client.get(reverse(f"wire_desk:{name}", args=args))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_a_writer_cannot_make_a_story_from_the_wire(client, desk, mpa):
    item = ItemFactory(source=SourceFactory(agency=mpa))
    client.force_login(StaffFactory(username="wanda", group=WRITER))
    client.post(reverse("wire_desk:item_story", args=[item.pk]))
    item.refresh_from_db()
    assert item.story is None
    assert not StoryPage.objects.exists()


def test_signed_out_visitors_are_sent_to_log_in(client, desk):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response.url


# The queue --------------------------------------------------------------------------------------


def test_a_cluster_is_one_row_and_unclustered_items_have_their_own(editor_client, mpa, hns):
    now = timezone.now()
    lead = ItemFactory(
        source=SourceFactory(agency=mpa), headline="Floods displace 120,000 in Assam", urgency=3
    )
    other = ItemFactory(
        source=SourceFactory(agency=hns),
        headline="Assam floods: 120,000 flee the Brahmaputra",
        urgency=2,
        countries=[country("IN")],
    )
    ClusterFactory(items=[lead, other])
    ItemFactory(
        source=SourceFactory(agency=mpa),
        headline="Kenya drought leaves 2.1 million hungry",
        received_at=now - timedelta(minutes=1),
    )
    page = text(editor_client.get(QUEUE))
    assert page.count("Floods displace 120,000 in Assam") == 1
    assert "Assam floods: 120,000 flee the Brahmaputra" not in page
    assert "Meridian Press Agency, Harbourline News Service" in page
    assert "Kenya drought leaves 2.1 million hungry" in page
    assert "not clustered yet" in page
    assert "India" in page and "South Asia" in page
    row = page.split("Floods displace 120,000 in Assam")[1].split("</tr>")[0]
    assert row.count("<td>2</td>") == 2  # two items, and the most urgent one's urgency
    assert page.index("Floods displace") < page.index("Kenya drought")


@pytest.fixture
def varied_queue(editor, mpa, hns):
    """Three stories that differ in every way the queue can filter them."""
    now = timezone.now()
    meridian, harbourline = (
        SourceFactory(agency=mpa, name="Meridian push"),
        SourceFactory(agency=hns),
    )
    assam = ItemFactory(
        source=meridian,
        headline="Assam clinic reopens",
        urgency=1,
        countries=[country("IN")],
        sectors=[sector("health")],
    )
    ClusterFactory(items=[assam], assigned_to=editor)
    ItemFactory(
        source=harbourline,
        headline="Nairobi schools reopen",
        urgency=5,
        sectors=[sector("education")],
        edition_scores={"east-africa": 2.0},
        status=Item.Status.USED,
        received_at=now - timedelta(hours=3),
    )
    ItemFactory(
        source=harbourline,
        agency_name="Meridian Press Agency",
        headline="Andes rail line closes",
        urgency=8,
        status=Item.Status.SPIKED,
        claimed_by=editor,
        received_at=now - timedelta(days=2),
    )
    return meridian


HEADLINES = {"Assam clinic reopens", "Nairobi schools reopen", "Andes rail line closes"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"agency": "mpa"}, {"Assam clinic reopens", "Andes rail line closes"}),
        ({"sector": "health"}, {"Assam clinic reopens"}),
        ({"edition": "south-asia"}, {"Assam clinic reopens"}),
        ({"edition": "east-africa"}, {"Nairobi schools reopen"}),
        ({"urgency": "4"}, {"Assam clinic reopens"}),
        ({"urgency": "5"}, {"Assam clinic reopens", "Nairobi schools reopen"}),
        ({"window": "1h"}, {"Assam clinic reopens"}),
        ({"window": "6h"}, {"Assam clinic reopens", "Nairobi schools reopen"}),
        ({"window": "7d"}, HEADLINES),
        ({"status": "used"}, {"Nairobi schools reopen"}),
        ({"status": "spiked"}, {"Andes rail line closes"}),
        ({"mine": "on"}, {"Assam clinic reopens", "Andes rail line closes"}),
        ({"urgency": "nonsense", "source": "999999"}, HEADLINES),
    ],
)
def test_queue_filters(editor_client, varied_queue, mpa, query, expected):
    if query.get("agency") == "mpa":
        query = {"agency": mpa.pk}
    response = editor_client.get(QUEUE, query)
    assert response.status_code == 200
    shown = {headline for headline in HEADLINES if headline in text(response)}
    assert shown == expected


def test_queue_filters_by_source(editor_client, varied_queue):
    page = text(editor_client.get(QUEUE, {"source": varied_queue.pk}))
    assert {headline for headline in HEADLINES if headline in page} == {"Assam clinic reopens"}


def test_the_queue_pages_older_and_newer_without_losing_rows(editor_client, mpa):
    source = SourceFactory(agency=mpa)
    # Clustering stamps a whole batch with one time, so many rows share it.
    same_moment = timezone.now() - timedelta(minutes=5)
    for number in range(30):
        ClusterFactory(
            items=[
                ItemFactory(
                    source=source, headline=f"Batch story {number:02}", received_at=same_moment
                )
            ]
        )
    for number in range(30):
        ItemFactory(source=source, headline=f"Loose story {number:02}", received_at=same_moment)
    first = editor_client.get(QUEUE)
    older_url = first.context["older_url"]
    assert first.context["newer_url"] is None
    second = editor_client.get(QUEUE + older_url)
    assert second.context["older_url"] is None
    headlines = [row.headline for row in first.context["rows"] + second.context["rows"]]
    assert len(headlines) == 60 == len(set(headlines))
    back = editor_client.get(QUEUE + second.context["newer_url"])
    assert [row.headline for row in back.context["rows"]] == [
        row.headline for row in first.context["rows"]
    ]


def busy_queue(source, clusters, editor):
    for number in range(clusters):
        lead = ItemFactory(
            source=source,
            urgency=2,
            countries=[country("IN"), country("NP")],
            edition_scores={"south-asia": 1.0},
            claimed_by=editor,
            embargoed_until=timezone.now() + timedelta(hours=1),
        )
        ClusterFactory(
            items=[lead, ItemFactory(source=source, countries=[country("KE")])], assigned_to=editor
        )
        ItemFactory(source=source, headline=f"Loose {number}", countries=[country("FR")])


QUEUE_QUERIES = 21  # one of them asks whether the editor has two-factor authentication


def test_the_queue_costs_the_same_queries_however_long_it_is(
    editor_client, mpa, editor, django_assert_num_queries
):
    source = SourceFactory(agency=mpa)
    busy_queue(source, 2, editor)
    editor_client.get(QUEUE)  # warms the session and the content types
    with django_assert_num_queries(QUEUE_QUERIES):
        editor_client.get(QUEUE)
    busy_queue(source, 12, editor)
    with django_assert_num_queries(QUEUE_QUERIES):
        response = editor_client.get(QUEUE)
    assert len(response.context["rows"]) == 28


def test_an_editor_goes_on_and_off_shift_from_the_queue(editor_client, editor):
    assert "I'm on shift" in text(editor_client.get(QUEUE))
    editor_client.post(reverse("wire_desk:shift"), {"on_shift": "1"})
    assert ShiftEditor.objects.get(user=editor).on_shift
    assert "I'm off shift" in text(editor_client.get(QUEUE))
    editor_client.post(reverse("wire_desk:shift"), {"on_shift": "0"})
    assert not ShiftEditor.objects.get(user=editor).on_shift


def test_new_clusters_go_round_robin_to_the_editors_on_shift(client, desk, push_source):
    first, second, resting = (
        StaffFactory(username=name, group=DESK_EDITOR) for name in ("ana", "ben", "cleo")
    )
    for editor in (first, second):
        client.force_login(editor)
        client.post(reverse("wire_desk:shift"), {"on_shift": "1"})
    ShiftEditor.objects.create(user=resting, on_shift=False)
    stories = [
        ("Floods displace 120,000 in Assam", FLOOD),
        ("Kenya drought leaves 2.1 million hungry", ["The World Food Programme said in Nairobi."]),
        ("Peru opens Andes rail line", ["Trains reached Cusco from Lima on Tuesday."]),
    ]
    for number, (headline, paragraphs) in enumerate(stories):
        receive(
            push_source,
            ninjs_payload(ninjs_item(f"urn:mpa:{number}", headline, paragraphs)),
            via=Payload.Via.PUSH,
        )
        cluster_new_items()
    clusters = Cluster.objects.order_by("pk")
    assert [cluster.assigned_to for cluster in clusters] == [first, second, first]
    client.force_login(resting)
    page = text(client.get(QUEUE, {"mine": "on"}))
    assert "No wire copy matches these filters." in page


# Clusters ---------------------------------------------------------------------------------------


@pytest.fixture
def flood_cluster(mpa, hns):
    lead = ItemFactory(
        source=SourceFactory(agency=mpa, name="Meridian push"),
        headline="Floods displace 120,000 in Assam",
        body_html="".join(f"<p>{paragraph}</p>" for paragraph in FLOOD),
        urgency=3,
        countries=[country("IN")],
        sectors=[sector("science-environment")],
    )
    follow = ItemFactory(
        source=SourceFactory(agency=hns, name="Harbourline push"),
        headline="Army sends boats to flooded Assam",
        body_html="".join(f"<p>{paragraph}</p>" for paragraph in [*FLOOD, ARMY]),
        version_count=2,
        urgency=2,
        countries=[country("BD")],
        sectors=[sector("health")],
    )
    return ClusterFactory(items=[lead, follow])


def test_the_cluster_shows_each_item_and_what_it_adds_to_the_lead(editor_client, flood_cluster):
    page = text(editor_client.get(reverse("wire_desk:cluster", args=[flood_cluster.pk])))
    for expected in (
        "Floods displace 120,000 in Assam",
        "Army sends boats to flooded Assam",
        "Meridian Press Agency",
        "Harbourline News Service",
        "Harbourline push",
    ):
        assert expected in page
    adds = page.split("What “Army sends boats to flooded Assam” (Harbourline News Service) adds")[1]
    assert ARMY in adds
    assert FLOOD[1] not in adds


def test_create_story_from_a_cluster(client, editor_client, editor, chief, flood_cluster):
    response = editor_client.post(reverse("wire_desk:cluster_story", args=[flood_cluster.pk]))
    story = StoryPage.objects.get()
    assert response.url == reverse("wagtailadmin_pages:edit", args=[story.pk])
    assert 'Draft story "Floods displace 120,000 in Assam" created from 2 items.' in flashed(
        response
    )
    assert not story.live
    assert story.title == "Floods displace 120,000 in Assam"
    assert story.provenance == Provenance.AGENCY_REWRITE
    assert {agency.credit for agency in story.agencies.all()} == {"MPA", "HNS"}
    assert {c.code for c in story.countries.all()} == {"IN", "BD"}
    assert {s.slug for s in story.sectors.all()} == {"science-environment", "health"}
    assert {e.slug for e in story.editions.all()} == {"south-asia"}
    assert set(Item.objects.values_list("status", flat=True)) == {Item.Status.USED}
    assert set(Item.objects.values_list("story", flat=True)) == {story.pk}
    editor_page = text(editor_client.get(response.url))
    assert "Floods displace 120,000 in Assam" in editor_page

    story.get_latest_revision().publish(user=chief)
    story.refresh_from_db()
    client.logout()
    article = text(client.get(story.url))
    assert "(With inputs from agencies.)" in article
    assert FLOOD[1] in article


def test_spiking_a_cluster_spikes_its_new_items_only(editor_client, flood_cluster):
    used = flood_cluster.items.order_by("pk").last()
    Item.objects.filter(pk=used.pk).update(status=Item.Status.USED)
    response = editor_client.post(reverse("wire_desk:cluster_spike", args=[flood_cluster.pk]))
    assert "Spiked 1 item of this cluster." in flashed(response)
    statuses = dict(flood_cluster.items.values_list("headline", "status"))
    assert statuses == {
        "Floods displace 120,000 in Assam": Item.Status.SPIKED,
        "Army sends boats to flooded Assam": Item.Status.USED,
    }


# Items ------------------------------------------------------------------------------------------


def test_create_story_from_one_item(editor_client, mpa):
    item = ItemFactory(
        source=SourceFactory(agency=mpa),
        headline="Kenya drought leaves 2.1 million hungry",
        summary="A fourth failed rainy season.",
        countries=[country("KE")],
        sectors=[sector("agro-forestry")],
    )
    response = editor_client.post(reverse("wire_desk:item_story", args=[item.pk]))
    story = StoryPage.objects.get()
    assert response.url == reverse("wagtailadmin_pages:edit", args=[story.pk])
    assert story.summary == "A fourth failed rainy season."
    assert [agency.credit for agency in story.agencies.all()] == ["MPA"]
    assert [e.slug for e in story.editions.all()] == ["east-africa"]
    item.refresh_from_db()
    assert (item.status, item.story_id) == (Item.Status.USED, story.pk)
    assert "Used in the story" in text(editor_client.get(reverse("wire_desk:item", args=[item.pk])))


def test_the_item_page_shows_fields_history_repeats_and_the_raw_copy(editor_client, mpa):
    source = SourceFactory(agency=mpa)
    item = ItemFactory(
        source=source,
        headline="Floods displace 150,000 in Assam",
        byline="Riya Das",
        dateline_place="Guwahati",
        subjects=[{"scheme": "medtop", "code": "20000763", "name": "flood"}],
        links=[
            {"url": "https://agency.example/assam", "rel": "related", "title": "Background"},
            {"url": "javascript:alert(1)", "rel": "", "title": "Trap"},
        ],
        images=[{"url": "https://agency.example/boat.jpg", "caption": "A rescue boat"}],
        raw='{"headline": "<script>alert(1)</script>"}' + "x" * 60_000,
        version_count=2,
    )
    ItemVersion.objects.create(
        item=item,
        payload=item.payload,
        version="1",
        headline="Floods displace 120,000 in Assam",
        received_at=timezone.now() - timedelta(hours=1),
    )
    ItemFactory(source=source, headline="Repeat: floods in Assam", repeat_of=item)
    page = text(editor_client.get(reverse("wire_desk:item", args=[item.pk])))
    for expected in (
        "Riya Das",
        "Guwahati",
        "flood",
        '<a href="https://agency.example/assam" rel="noopener noreferrer">Background</a>',
        "A rescue boat",
        "Floods displace 120,000 in Assam",
        "Repeat: floods in Assam",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "more are stored",
    ):
        assert expected in page
    assert 'href="javascript:' not in page
    assert "<script>alert(1)" not in page


def test_claiming_an_item_someone_holds_asks_first_and_names_them(client, desk, mpa):
    item = ItemFactory(source=SourceFactory(agency=mpa))
    dara, eli = (
        StaffFactory(username="dara", group=DESK_EDITOR),
        StaffFactory(username="eli", group=DESK_EDITOR),
    )
    claim = reverse("wire_desk:claim", args=[item.pk])
    client.force_login(dara)
    client.post(claim)
    item.refresh_from_db()
    assert item.claimed_by == dara and item.claimed_at

    client.force_login(eli)
    response = client.post(claim)
    assert "<strong>Dara</strong> holds" in text(response)
    item.refresh_from_db()
    assert item.claimed_by == dara
    refused = client.post(reverse("wire_desk:release", args=[item.pk]))
    assert "You do not hold this item, so you cannot release it." in flashed(refused)
    client.post(claim, {"confirm": "1"})
    item.refresh_from_db()
    assert item.claimed_by == eli

    client.post(reverse("wire_desk:release", args=[item.pk]))
    item.refresh_from_db()
    assert item.claimed_by is None and item.claimed_at is None


def test_an_item_can_be_spiked_and_restored(editor_client, mpa):
    item = ItemFactory(source=SourceFactory(agency=mpa))
    url = reverse("wire_desk:item_status", args=[item.pk])
    editor_client.post(url, {"spike": "1"})
    item.refresh_from_db()
    assert item.status == Item.Status.SPIKED
    editor_client.post(url)
    item.refresh_from_db()
    assert item.status == Item.Status.NEW


def test_corrected_tags_are_recorded_and_survive_a_new_version(editor_client, editor, push_source):
    receive(
        push_source,
        ninjs_payload(ninjs_item("urn:mpa:1", "Floods displace 120,000 in Assam", FLOOD)),
        via=Payload.Via.PUSH,
    )
    item = Item.objects.get()
    countries_before = sorted(item.countries.values_list("code", flat=True))
    response = editor_client.post(
        reverse("wire_desk:tags", args=[item.pk]),
        {"countries": [country("BD").pk], "sectors": [sector("health").pk]},
    )
    assert "Tags corrected. New versions of this item keep your tags." in flashed(response)
    correction = TagCorrection.objects.get()
    assert correction.user == editor
    assert correction.countries_before == countries_before
    assert (correction.countries_after, correction.sectors_after) == (["BD"], ["health"])

    revised = [FLOOD[0].replace("120,000", "150,000"), *FLOOD[1:]]
    receive(
        push_source,
        ninjs_payload(
            ninjs_item(
                "urn:mpa:1",
                "Floods displace 150,000 in Assam",
                revised,
                version="2",
                versioncreated="2026-11-20T09:00:00Z",
            )
        ),
        via=Payload.Via.PUSH,
    )
    item.refresh_from_db()
    assert item.headline == "Floods displace 150,000 in Assam"
    assert item.version_count == 2
    assert [c.code for c in item.countries.all()] == ["BD"]
    assert [s.slug for s in item.sectors.all()] == ["health"]
    page = text(editor_client.get(reverse("wire_desk:item", args=[item.pk])))
    assert "Corrected by the desk" in page
    assert "Floods displace 120,000 in Assam" in page  # the earlier version
    bangladesh = text(editor_client.get(QUEUE, {"edition": "south-asia"}))
    assert "Floods displace 150,000 in Assam" in bangladesh


def test_an_unknown_country_in_a_correction_changes_nothing(editor_client, mpa):
    item = ItemFactory(source=SourceFactory(agency=mpa), countries=[country("IN")])
    response = editor_client.post(
        reverse("wire_desk:tags", args=[item.pk]), {"countries": ["999999"]}
    )
    assert response.status_code == 400
    assert [c.code for c in item.countries.all()] == ["IN"]
    assert not TagCorrection.objects.exists()


# Embargo ----------------------------------------------------------------------------------------


def story_edit_form(story, **fields):
    """The page editor's form as Wagtail posts it, keeping the story's classification."""
    data = nested_form_data(
        {
            "title": story.title,
            "slug": story.slug,
            "summary": story.summary,
            "body": streamfield([("paragraph", rich_text("<p>Rewritten by the desk.</p>"))]),
            "story_authors": inline_formset([]),
            "notes": inline_formset([]),
            "comments": inline_formset([]),
            "provenance": story.provenance,
            "embargoed_until": timezone.localtime(story.embargoed_until).strftime("%Y-%m-%d %H:%M"),
            **fields,
        }
    )
    # Many-to-many fields post one value per ticked box under the field's own name, which
    # nested_form_data would spell "sectors-0", "sectors-1", …
    data.update(
        sectors=[s.pk for s in story.sectors.all()],
        countries=[c.pk for c in story.countries.all()],
        editions=[e.pk for e in story.editions.all()],
        agencies=[a.pk for a in story.agencies.all()],
    )
    return data


def test_an_embargoed_item_makes_a_story_that_publishing_only_schedules(editor_client, mpa):
    embargo = (timezone.now() + timedelta(hours=3)).replace(second=0, microsecond=0)
    item = ItemFactory(
        source=SourceFactory(agency=mpa),
        headline="Budget figures under embargo",
        countries=[country("IN")],
        sectors=[sector("economy-business")],
        embargoed_until=embargo,
    )
    ClusterFactory(items=[item])
    assert "Embargoed until" in text(editor_client.get(QUEUE))
    assert "Embargoed until" in text(editor_client.get(reverse("wire_desk:item", args=[item.pk])))

    response = editor_client.post(reverse("wire_desk:item_story", args=[item.pk]))
    assert any("publishing schedules the story" in message for message in flashed(response))
    story = StoryPage.objects.get()
    assert story.embargoed_until == embargo

    editor_client.post(response.url, story_edit_form(story, **{"action-publish": "action-publish"}))
    story.refresh_from_db()
    assert not story.live
    assert story.go_live_at == embargo
    assert story.get_latest_revision().approved_go_live_at == embargo


# Sources ----------------------------------------------------------------------------------------


FEED = ninjs_payload(ninjs_item("urn:mpa:9", "Floods displace 120,000 in Assam", FLOOD))


@pytest.fixture
def feed_url(start_agency_server):
    return f"{start_agency_server(body=FEED).url()}/feed"


def test_sources_list_shows_health_and_the_last_day_of_items(
    client, chief, mpa, hns, django_assert_num_queries
):
    healthy = SourceFactory(agency=mpa, name="Meridian push", last_success_at=timezone.now())
    failing = SourceFactory(
        agency=hns,
        name="Harbourline feed",
        delivery="pull",
        pull_url="https://harbourline.example/feed",
        last_error="The server answered HTTP 503.",
        last_error_at=timezone.now(),
        consecutive_failures=3,
    )
    ItemFactory(source=healthy)
    ItemFactory(source=healthy)
    ItemFactory(source=healthy, received_at=timezone.now() - timedelta(days=2))
    client.force_login(chief)
    index = reverse("wire_sources:index")
    client.get(index)
    # One of them asks whether the chief has two-factor authentication.
    with django_assert_num_queries(12) as counted:
        response = client.get(index)
    rows = {source.name: source for source in response.context["object_list"]}
    assert rows["Meridian push"].items_last_24h == 2
    assert rows["Harbourline feed"].items_last_24h == 0
    page = text(response)
    assert "The server answered HTTP 503." in page
    assert "Items in 24 h" in page and "Failures in a row" in page
    assert "Poll now" in page

    for number in range(4):
        ItemFactory(source=SourceFactory(agency=hns, name=f"Extra {number}"))
    with django_assert_num_queries(len(counted)):
        client.get(index)
    assert failing.consecutive_failures == 3


def test_a_source_edit_page_says_where_and_how_to_push(client, chief, mpa):
    source = SourceFactory(agency=mpa, slug="meridian-push")
    client.force_login(chief)
    page = text(client.get(reverse("wire_sources:edit", args=[source.pk])))
    assert "http://testserver/wire/push/meridian-push/" in page
    assert "Authorization: Bearer &lt;secret&gt;" in page
    assert "X-Dateline-Signature: sha256=&lt;HMAC-SHA256 hex of the body&gt;" in page


def test_desk_editors_watch_sources_but_only_the_chief_edits_them(editor_client, mpa):
    source = SourceFactory(agency=mpa)
    assert editor_client.get(reverse("wire_sources:index")).status_code == 200
    response = editor_client.get(reverse("wire_sources:edit", args=[source.pk]))
    assert response.status_code == 302


def test_poll_now_fetches_a_pulled_source(editor_client, mpa, feed_url):
    source = SourceFactory(agency=mpa, delivery="pull", pull_url=feed_url)
    poll = reverse("wire_desk:poll", args=[source.pk])
    assert "Poll now" in text(editor_client.get(poll))
    assert not Item.objects.exists()
    response = editor_client.post(poll)
    assert f'Fetched "{source.name}": 1 item(s) in the payload.' in flashed(response)
    assert Item.objects.get().headline == "Floods displace 120,000 in Assam"


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_poll_now_reports_a_failure(editor_client, mpa):
    source = SourceFactory(
        agency=mpa, delivery="pull", pull_url=f"http://127.0.0.1:{closed_port()}/feed"
    )
    response = editor_client.post(reverse("wire_desk:poll", args=[source.pk]))
    assert any(
        message.startswith(f'Fetching "{source.name}" failed') for message in flashed(response)
    )
    source.refresh_from_db()
    assert source.consecutive_failures == 1


# Failed payloads --------------------------------------------------------------------------------


def test_a_failed_payload_is_listed_shown_and_parsed_again(editor_client, push_source):
    body = b"<not a wire format> & \x00 garbage"
    payload, _ = receive(push_source, body, via=Payload.Via.PUSH)
    listing = text(editor_client.get(reverse("wire_desk:failed_payloads")))
    assert f"Payload {payload.pk}" in listing
    assert escape(payload.error) in listing
    shown = text(editor_client.get(reverse("wire_desk:payload", args=[payload.pk])))
    assert "&lt;not a wire format&gt; &amp;" in shown
    response = editor_client.post(reverse("wire_desk:parse_again", args=[payload.pk]))
    assert any(
        message.startswith("The payload still cannot be parsed") for message in flashed(response)
    )


def test_a_payload_parsed_again_after_a_fix_stores_its_items(editor_client, push_source):
    # As if an older parser had refused this valid payload.
    payload = PayloadFactory(
        source=push_source,
        body=FEED,
        status=Payload.Status.FAILED,
        error="The parser failed unexpectedly: KeyError('headline')",
    )
    assert f"Payload {payload.pk}" in text(editor_client.get(reverse("wire_desk:failed_payloads")))
    response = editor_client.post(reverse("wire_desk:parse_again", args=[payload.pk]))
    assert "Parsed again: 1 new." in flashed(response)
    payload.refresh_from_db()
    assert payload.status == Payload.Status.PARSED
    assert Item.objects.get().payload == payload
    listing = text(editor_client.get(reverse("wire_desk:failed_payloads")))
    assert f"Payload {payload.pk}" not in listing
    assert "No payload has failed." in listing


def test_edition_filter_lists_regional_editions_only(editor_client):
    form = editor_client.get(QUEUE).context["form"]
    slugs = {edition.slug for edition in form.fields["edition"].queryset}
    assert "global" not in slugs
    assert slugs == set(Edition.objects.filter(is_global=False).values_list("slug", flat=True))
