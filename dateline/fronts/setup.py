"""The page tree and site a fresh install needs: home, one section per kind, the static pages."""

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string
from wagtail.models import Page, Site

from dateline.core.models import SiteSettings, StandardPage
from dateline.newsroom.models import KIND_SECTIONS, StoryIndexPage
from dateline.newsroom.roles import ensure_roles

from .models import HomePage

STANDARD_PAGES = [
    (
        "about",
        "About us",
        "An independent newsroom reporting on development: how people live, work, learn and "
        "stay healthy, region by region.",
        "<p>We publish news, analysis, opinion and interviews across fifteen sectors and twelve "
        "regional editions. Much of our news starts as agency copy, which our desk checks, "
        "rewrites and credits; stories that carry agency material say so at their end.</p>"
        "<p>Illustrations made with AI tools are always labelled as such in their caption.</p>",
    ),
    (
        "contact",
        "Contact us",
        "Tips, corrections and questions reach the desk here.",
        "<p>Write to the desk at the address in the footer. To report an error in a story, "
        "give its headline and what is wrong; corrections are published with the story.</p>",
    ),
    (
        "disclaimer",
        "Disclaimer",
        "What our stories are and are not.",
        "<p>Stories marked as auto-generated from a syndicated feed have not been edited by our "
        "staff. Opinion pieces and blogs are the views of their authors.</p>",
    ),
    (
        "terms-of-use",
        "Terms of use",
        "The terms on which you may use this site.",
        "<p>You may read, link to and share our stories. Republishing them in full needs our "
        "written permission; agency material belongs to the agencies that sent it.</p>",
    ),
    (
        "privacy-policy",
        "Privacy policy",
        "What we record about readers, and what we do not.",
        "<p>We set no tracking cookies. To count how often a story is read we keep a count per "
        "story and hour; we do not store your address or any identifier. The only cookie we may "
        "set remembers the edition you chose.</p>",
    ),
]


@transaction.atomic
def ensure_site(site_name="Dateline", hostname="127.0.0.1", port=8000):
    """Create what is missing of the site and its tree; leave whatever editors changed alone."""
    root = Page.get_first_root_node()
    # Wagtail's placeholder welcome page is never anyone's content; it gives way to the home page.
    placeholder = Page.objects.child_of(root).filter(content_type__model="page").first()
    if placeholder is not None:
        Page.objects.filter(pk=placeholder.pk).update(slug=f"placeholder-{placeholder.pk}")
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(instance=HomePage(title=site_name, slug="home"))
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    if site.root_page_id != home.pk:
        site.root_page = home
        site.hostname, site.port, site.site_name = hostname, port, site_name
        site.save()
    if placeholder is not None:
        placeholder.refresh_from_db()
        placeholder.delete()

    for kind, (slug, title) in KIND_SECTIONS.items():
        if not StoryIndexPage.objects.filter(kind=kind).exists():
            section = home.add_child(instance=StoryIndexPage(title=title, slug=slug, kind=kind))
            section.save_revision().publish()

    for slug, title, introduction, body in STANDARD_PAGES:
        if not StandardPage.objects.child_of(home).filter(slug=slug).exists():
            page = home.add_child(
                instance=StandardPage(title=title, slug=slug, introduction=introduction, body=body)
            )
            page.save_revision().publish()

    SiteSettings.for_site(site)
    ensure_roles(home)
    # Each app grants the newsroom's groups its own permissions; set-up imports none of them.
    for grant in settings.DATELINE_PERMISSION_GRANTS:
        import_string(grant)()
    return home
