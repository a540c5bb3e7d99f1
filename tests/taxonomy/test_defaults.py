import pytest

from dateline.taxonomy.models import Country, Edition, Sector, editions_for_countries

pytestmark = pytest.mark.django_db


def test_fifteen_sectors_ship_in_order():
    names = list(Sector.objects.values_list("name", flat=True))
    assert len(names) == 15
    assert names[0] == "Agro-Forestry"
    assert names[-1] == "WASH"


def test_twelve_editions_with_global_first():
    editions = list(Edition.objects.all())
    assert len(editions) == 12
    assert editions[0].name == "Global" and editions[0].is_global
    assert not editions[0].countries.exists()


def test_countries_map_to_their_regional_edition():
    india = Country.objects.get(code="IN")
    kenya = Country.objects.get(code="KE")
    assert [e.slug for e in editions_for_countries([india])] == ["south-asia"]
    assert [e.slug for e in editions_for_countries([kenya])] == ["east-africa"]
    assert set(e.slug for e in editions_for_countries([india, kenya])) == {
        "south-asia",
        "east-africa",
    }


def test_every_country_has_a_slug_for_its_listing():
    assert Country.objects.count() >= 249
    assert not Country.objects.filter(slug="").exists()
    assert Country.objects.get(code="CI").get_absolute_url().startswith("/countries/")


def test_kosovo_has_a_country_page_and_the_europe_edition_though_iso_gives_it_no_code():
    kosovo = Country.objects.get(code="XK")
    assert kosovo.name == "Kosovo"
    assert kosovo.get_absolute_url() == "/countries/kosovo/"
    assert [e.slug for e in editions_for_countries([kosovo])] == ["europe-central-asia"]
