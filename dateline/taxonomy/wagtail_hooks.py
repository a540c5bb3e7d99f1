from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Agency, Country, Edition, Sector


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    list_display = ["name", "slug", "sort_order"]


class EditionViewSet(SnippetViewSet):
    model = Edition
    icon = "site"
    list_display = ["name", "slug", "is_global", "sort_order"]


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "globe"
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "openquote"
    list_display = ["name", "credit"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "Taxonomy"
    menu_icon = "tag"
    menu_order = 300
    items = (SectorViewSet, EditionViewSet, CountryViewSet, AgencyViewSet)


register_snippet(TaxonomyGroup)
