"""Every wire-format sample in the shared corpora goes through parse_payload without a crash,
and well-chosen samples of each format read back the values that are in the file."""

import json
import re
from datetime import UTC, datetime, timedelta, timezone

import pytest

from dateline.wire.formats import FORMATS, WireFormatError, parse_payload
from dateline.wire.formats.items import Subject
from dateline.wire.formats.ninjs import ninjs_version
from tests.wire.corpora import CORPORA, WIRE_FORMAT_DIRECTORIES, corpus_files, read_corpus

TAG = re.compile(r"<(?:/?[A-Za-z]|!--)")


def parse_corpus(relative_path: str):
    return parse_payload(read_corpus(relative_path))


@pytest.mark.parametrize(
    "path",
    corpus_files(*WIRE_FORMAT_DIRECTORIES),
    ids=lambda path: str(path.relative_to(CORPORA)),
)
def test_every_corpus_file_gives_items_or_a_clear_error(path):
    try:
        result = parse_payload(path.read_bytes())
    except WireFormatError as error:
        assert len(str(error)) > 10
        return
    for item in result.items:
        assert item.format in FORMATS
        assert item.guid.strip() and item.headline.strip() and item.raw
        for plain in (item.headline, item.summary, item.byline, item.dateline_place):
            assert not TAG.search(plain), plain
        assert "<script" not in item.body_html.lower()
        assert item.urgency is None or 1 <= item.urgency <= 9
        for moment in (item.first_created, item.version_created, item.embargoed_until):
            assert moment is None or moment.utcoffset() is not None
        assert all(image.url.startswith(("http://", "https://")) for image in item.images)
    for error in result.errors:
        assert re.match(r"item \d+ \w", error.message), error.message
        assert error.raw


@pytest.mark.parametrize(
    ("directory", "least_with_items"),
    [
        ("ninjs/1.4", 10),
        ("ninjs/2.1", 13),
        ("ninjs/3.0", 14),
        ("nitf", 19),
        ("newsml-g2/superdesk-reuters", 11),
    ],
)
def test_real_agency_samples_yield_stories(directory, least_with_items):
    files = corpus_files(directory)
    if not files:
        pytest.skip(f"corpus directory {directory} is not available")
    assert sum(yields_items(path.read_bytes()) for path in files) >= least_with_items


def yields_items(payload: bytes) -> bool:
    try:
        return bool(parse_payload(payload).items)
    except WireFormatError:
        return False


# ninjs


def test_ninjs_1_complex_text_with_associated_picture():
    result = parse_corpus("ninjs/1.4/ninjsExComplex1.json")
    (item,) = result.items
    assert item.guid == "http://ninjs.example.com/newsitems/20130709cplx123"
    assert item.headline == "Captain of wrecked cruise ship on trial in Italy"
    assert item.byline == "Paulo Santalucia and Frances d'Emilio"
    assert item.dateline_place == "Grossetto, Italy"
    assert item.language == "en"
    assert item.version_created == datetime(2013, 7, 9, 10, 37, tzinfo=UTC)
    assert item.body_html.startswith("<p>GROSSETO, Italy (AP) -- The trial of the captain")
    (image,) = item.images
    assert image.url == "http://hosted.ap.org/photos/2/2643c588-dc8d-4923-bebd-e3b904edbb3a-big.jpg"
    assert (image.width, image.height) == (429, 281)
    assert image.credit == "Paulo Santalucia"
    assert image.caption.startswith("The Costa Concordia cruise ship lies on its side")
    assert item.raw.lstrip().startswith("{") and '"mainpic"' in item.raw


def test_ninjs_2_dpa_text():
    (item,) = parse_corpus("ninjs/2.1/dpa_text.json").items
    assert item.guid == "urn:newsml:dpa.com:20090101:190510-99-167362"
    assert item.headline == "Faktencheck Derby-Elfmeter: Hat Schiedsrichter Zwayer recht?"
    assert item.version == "2"
    assert item.urgency == 4
    assert item.agency == "dpa"
    assert item.byline == "Von Christian Hollmann, dpa"
    assert item.language == "de"
    assert item.version_created == datetime(
        2019, 5, 10, 16, 2, 28, tzinfo=timezone(timedelta(hours=2))
    )
    assert item.version_created.utcoffset() == timedelta(hours=2)
    assert (
        "<p>Für Lucien Favre war es «der größte Skandal im Fußball seit Jahren»." in item.body_html
    )
    assert "<section" not in item.body_html


def test_ninjs_3_ntb_text():
    (item,) = parse_corpus("ninjs/3.0/ntb_text.json").items
    assert item.guid == "urn:8d19cf88-b3ab-4972-8fec-1207599f2872"
    assert item.headline == "Google har kjøpt giganttomt i Skien"
    assert item.version == "6"
    assert item.urgency == 5
    assert item.agency == "NTB"
    assert item.language == "nb-NO"
    assert item.first_created == datetime(2019, 8, 9, 9, 30, 4, tzinfo=UTC)
    assert item.version_created == datetime(2019, 8, 9, 9, 46, 53, tzinfo=UTC)
    assert item.summary.startswith("IT-giganten Google har kjøpt en tomt på nærmere 2.000 mål")
    assert Subject("", "13010000", "Teknologi") in item.subjects


def test_ninjs_3_text_with_picture_association():
    (item,) = parse_corpus("ninjs/3.0/tt_text_image_3.json").items
    assert item.headline == "Militärövning i jätteformat hålls 2023"
    assert item.urgency == 3
    assert "<html" not in item.body_html and "<title" not in item.body_html
    assert "Pandemin satte stopp för den stora internationella militärövningen" in item.body_html
    (image,) = item.images
    assert (
        image.url
        == "https://beta.tt.se/media/text/210526-militarovning-a0f2d045/a001_NormalHires.jpg"
    )
    assert (image.width, image.height) == (4724, 3149)
    assert image.credit == "Karl Melander/TT"


def test_ninjs_picture_keeps_image_renditions_and_skips_its_text_rendition():
    (item,) = parse_corpus("ninjs/2.1/ap_image.json").items
    assert item.summary.startswith("FILE - In this Monday, Nov. 11, 2019 file photo")
    assert [image.width for image in item.images] == [3000, 512, 125]
    assert all(image.media_type == "image/jpeg" for image in item.images)


@pytest.mark.parametrize(
    ("relative_path", "major"),
    [
        ("ninjs/1.4/ninjs-1-4-examples.json", 1),
        ("ninjs/1.4/ninjsExSimpleText1.json", 1),
        ("ninjs/doc-1.6/004_simple_text_article.json", 1),
        ("ninjs/2.1/dpa_text.json", 2),
        ("ninjs/2.1/tt_text_image_2.json", 2),
        ("ninjs/3.0/ntb_text.json", 3),
        ("ninjs/doc-3.1/008_event.json", 3),
    ],
)
def test_ninjs_version_is_detected(relative_path, major):
    assert ninjs_version(json.loads(read_corpus(relative_path))) == major


def test_ninjs_1_6_role_suffixed_headline_and_body():
    (item,) = parse_corpus("ninjs/doc-1.6/004_simple_text_article.json").items
    assert item.headline == "Captain of wrecked cruise ship on trial in Italy"
    assert item.body_html.startswith("<p>")


def test_ninjs_batch_of_events_gives_one_error_per_object():
    result = parse_corpus("ninjs/3.0/20231016-event-timeline-sample.json")
    assert result.items == []
    assert [error.index for error in result.errors] == list(range(1, 15))
    assert result.errors[2].message == "item 3 has no headline"
    assert "The sample returns a positive result" in result.errors[2].raw
    assert "Athlete is tested" not in result.errors[2].raw


def test_ninjs_schema_invalid_headline_is_an_item_error():
    result = parse_corpus("ninjs/invalid/ninjs_example_invalid.json")
    assert result.items == []
    assert result.errors[0].message == "item 1 has no headline"
    assert result.errors[0].guid == "http://ninjs.example.com/newsitems/20130709simp123"


# NewsML-G2


def test_g2_spec_news_item():
    (item,) = parse_corpus(
        "newsml-g2/iptc-spec-examples-2.35/LISTING_1_A_NewsML-G2_News_Item.xml"
    ).items
    assert item.format == "newsml-g2"
    assert item.guid == "urn:newsml:acmenews.com:20161018:US-FINANCE-FED"
    assert item.version == "11"
    assert item.headline == 'Fed to halt QE to avert "bubble"'
    assert item.agency == "REUTERS"
    assert item.byline == "Meredith Jameson"
    assert item.dateline_place == "Berlin"
    assert item.language == "en-GB"
    assert item.first_created == datetime(
        2016, 10, 18, 13, 12, 21, tzinfo=timezone(timedelta(hours=-5))
    )
    assert item.first_created.utcoffset() == timedelta(hours=-5)
    assert item.version_created == datetime(2018, 10, 21, 21, 25, 32, tzinfo=UTC)
    assert item.embargoed_until == datetime(2018, 10, 23, 12, 0, tzinfo=UTC)
    assert item.subjects == [
        Subject("medtop", "04000000", "economy, business and finance"),
        Subject("medtop", "20000523", "labour market"),
    ]
    assert item.links[0].url == "http://www.example.com/video/20081222-PNN-1517-407624/index.html"
    assert item.raw.startswith("<newsItem")


def test_g2_reuters_text_with_xhtml_body():
    (item,) = parse_corpus(
        "newsml-g2/superdesk-reuters/tag_reuters.com_2014_newsml_KBN0FL0NN_version_5.xml"
    ).items
    assert item.guid == "tag_reuters.com_2014_newsml_KBN0FL0NN"
    assert item.version == "5"
    assert item.headline == "Confident Assad launches new term in stronger position"
    assert item.urgency == 4
    assert item.byline == "By Marwan Makdisi"
    assert item.dateline_place == "Bangalore"
    assert item.language == "en-US"
    assert item.agency == "reuters.com"
    assert Subject("subj", "04005000") in item.subjects
    assert Subject("N2", "SYR") in item.subjects
    assert "<p>DAMASCUS (Reuters) - Bashar al-Assad was sworn in" in item.body_html
    assert "xmlns" not in item.body_html and "<title" not in item.body_html
    assert item.first_created == datetime(2014, 7, 16, 8, 10, 15, tzinfo=UTC)


def test_g2_reuters_picture_renditions():
    (item,) = parse_corpus(
        "newsml-g2/superdesk-reuters/tag_reuters.com_2014_newsml_LYNXMPEA6F0MS_version_2.xml"
    ).items
    base = next(image for image in item.images if image.url.endswith("-BASEIMAGE"))
    assert base.url == (
        "http://content.reuters.com/auth-server/content/tag_reuters.com_2014_newsml_"
        "LYNXMPEA6F0MS_2/tag_reuters.com_2014_binary_LYNXMPEA6F0MS-BASEIMAGE"
    )
    assert (base.width, base.height, base.media_type) == (800, 602, "image/jpeg")
    assert base.caption.startswith("A still image taken from video shows Syria's President")


def test_g2_inline_nitf_body():
    (item,) = parse_corpus(
        "newsml-g2/iptc-spec-examples-2.35/LISTING_22_Sports_story_in_NewsML-G2NITF.xml"
    ).items
    assert item.headline.startswith(
        "Preview: Arizona Diamondbacks (29-23) at Philadelphia Phillies"
    )
    assert "(Sports Network) - A pair of teams coming off big weekend sweeps" in item.body_html
    assert Subject("medtop", "20000849", "Baseball") in item.subjects


def test_g2_message_keeps_good_items_when_others_fail():
    result = parse_corpus("newsml-g2/superdesk/video.xml")
    assert [item.guid for item in result.items] == ["tag:reuters.com,2013:newsml_OVE933ZR5"]
    assert [error.message for error in result.errors] == [
        "item 2 has no headline",
        "item 3 has no headline",
        "item 4 has no headline",
    ]
    assert all(error.raw.startswith("<newsItem") for error in result.errors)


def test_g2_message_with_three_stories():
    result = parse_corpus("newsml-g2/superdesk/ap.xml")
    assert len(result.items) == 3
    assert result.items[0].headline == "Nutrisystem beats 4Q earnings and revenue expectations"
    assert len({item.raw for item in result.items}) == 3


def test_g2_package_is_refused_with_a_reason():
    with pytest.raises(WireFormatError, match="packageItem"):
        parse_corpus("newsml-g2/superdesk/LISTING_6_Simple_NewsML-G2_Package.xml")


# NITF


def test_nitf_ntb_sample():
    (item,) = parse_corpus("nitf/iptc-ninjs-repo/NTB_nitf_sample.xml").items
    assert item.format == "nitf"
    assert item.guid == "NTB5df9281a-a270-4dc5-a618-869bbc3bbca7_00"
    assert item.headline == "Pandemien herjer på den legeløse indiske landsbygda"
    assert item.version == "1"
    assert item.urgency == 5
    assert item.byline == "NTB-AFP-DPA"
    assert item.dateline_place == "Unnao"
    assert item.language == "nb-NO"
    assert item.version_created == datetime(2021, 5, 16, 9, 0, 4, tzinfo=UTC)
    assert Subject("subj", "07001000", "Sykdom") in item.subjects
    assert "<h2>- Det skjulte India</h2>" in item.body_html
    assert "Kremasjonsbål" not in item.body_html


def test_nitf_aap_with_offset_dates():
    (item,) = parse_corpus("nitf/superdesk/aap.xml").items
    assert item.guid == "AAP.115314987.5417374"
    assert item.agency == "Australian Associated Press"
    assert item.byline == "By John Doe"
    assert item.dateline_place == "Sydney"
    assert item.summary == "The main stories on today's 1900 ABC TV news"
    assert item.version_created == datetime(
        2013, 10, 20, 19, 27, 51, tzinfo=timezone(timedelta(hours=11))
    )
    assert item.version_created.utcoffset() == timedelta(hours=11)
    assert item.embargoed_until is None


def test_nitf_with_namespace():
    (item,) = parse_corpus("nitf/superdesk/ap_media_text_nitf.xml").items
    assert item.headline == "BC-BBN--Top Ten"
    assert item.agency == "AP"
    assert "<table>" in item.body_html and "BASEBALL'S TOP TEN" in item.body_html


def test_nitf_dateline_leaves_out_comments_and_story_date():
    (item,) = parse_corpus("nitf/superdesk/efe_nitf.xml").items
    assert item.headline == "Honduran president announces Cabinet changes"
    assert item.summary == "Test Abstract"
    assert item.dateline_place == ""


# RSS and Atom


def test_rss_guardian():
    result = parse_corpus("rss-atom/real-world/rss-parser/guardian.rss")
    assert len(result.items) == 55 and result.errors == []
    item = result.items[0]
    assert item.format == "rss"
    guid = "https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord"
    assert item.guid == guid
    assert item.headline == "Trump State of the Union address promised unity but emphasized discord"
    assert item.agency == "The Guardian"
    assert item.byline == "David Smith in Washington"
    assert item.language == "en-gb"
    assert item.first_created == datetime(2018, 1, 31, 7, 26, 5, tzinfo=UTC)
    assert item.images[0].url.startswith(
        "https://i.guim.co.uk/img/media/b73c8752cd4667c923dff7f1542f1fb20089e421/0_108_3000_1799/master/3000.jpg?w=140"
    )
    assert item.images[0].width == 140
    assert "contempt Donald Trump has promised" in item.summary
    assert item.raw.startswith("<item") and guid in item.raw
    assert (
        Subject("https://www.theguardian.com/us-news/donaldtrump", "Donald Trump") in item.subjects
    )


def test_atom_heise():
    result = parse_corpus("rss-atom/real-world/rss-parser/heise.atom")
    item = result.items[0]
    assert item.guid == "http://heise.de/-3088438"
    assert item.headline == "Java-Anwendungsserver: Red Hat gibt WildFly 10 frei"
    assert item.agency == "heise developer neueste Meldungen"
    assert item.first_created == datetime(2016, 2, 1, 17, 22, tzinfo=timezone(timedelta(hours=1)))
    assert item.first_created.utcoffset() == timedelta(hours=1)
    assert item.version_created == datetime(
        2016, 2, 1, 17, 54, 50, tzinfo=timezone(timedelta(hours=1))
    )
    assert item.summary.startswith("Die nun verfügbare Version 10 des Enterprise-Java-Servers")
    assert item.raw.startswith("<entry")


@pytest.mark.parametrize(
    ("relative_path", "reason"),
    [
        ("rss-atom/feedvalidator-testcases/rss/should/system_entity.xml", "entities"),
        ("rss-atom/feedvalidator-testcases/rss/should/system_entity_http.xml", "entities"),
        ("rss-atom/real-world/node-feedparser/compressed.xml", "gzip"),
        ("rss-atom/feedparser-tests/illformed/rss_empty_document.xml", "no root element"),
        ("rss-atom/feedvalidator-testcases/rss/must/rss10_invalid_namespace.xml", "not a readable"),
        ("rss-atom/real-world/rss-parser/unrecognized.rss", "<head>"),
    ],
)
def test_unreadable_feeds_say_why(relative_path, reason):
    with pytest.raises(WireFormatError, match=re.escape(reason)):
        parse_corpus(relative_path)


def test_wide_encodings_without_byte_order_mark_are_detected():
    for name in ("utf-16le.xml", "utf-16be.xml", "utf-32le.xml", "utf-32be.xml"):
        result = parse_corpus(f"rss-atom/feedparser-tests/encoding/{name}")
        assert result.errors == []
