"""Load the demo newsroom: taxonomy, people, images, about 600 stories, trending views, logins.

Running it again reuses what is there and only adds what is missing.
"""

import io
import random
from datetime import timedelta

from django.contrib.auth.models import Group, User
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from tqdm import tqdm
from wagtail.models import Site

from dateline.analytics.counting import hour_start
from dateline.analytics.models import HourlyViews
from dateline.assistant.backends import OFFLINE, Answer
from dateline.assistant.models import SuggestionKind
from dateline.assistant.records import record_acceptance
from dateline.assistant.suggestions import offline_takeaways
from dateline.core.models import SiteSettings
from dateline.demo.generator import AUTHORS, DESKS, generate_stories, make_illustration
from dateline.fronts.models import HomePage, PinnedStory
from dateline.fronts.setup import ensure_site
from dateline.live.demo import load_demo_live
from dateline.media.models import DigitalSourceType, NewsImage
from dateline.newsroom.models import (
    Author,
    Desk,
    StoryKind,
    StoryNote,
    StoryPage,
    TakeawaysMethod,
)
from dateline.newsroom.roles import CHIEF_EDITOR, DESK_EDITOR, WRITER
from dateline.newsroom.stories import create_story
from dateline.taxonomy.defaults import AGENCIES
from dateline.taxonomy.models import Agency, Country, Edition, Sector
from dateline.video.demo import load_demo_shorts
from dateline.wire.demo import load_demo_wire

DEMO_STORIES = 600
DEMO_SEED = 2025
ILLUSTRATIONS = 48
# Every other news story and analysis of some length gets key takeaways from the offline
# assistant, accepted as if by an editor and recorded as the offline backend's.
TAKEAWAY_KINDS = (StoryKind.NEWS, StoryKind.ANALYSIS)
TAKEAWAY_MIN_PARAGRAPHS = 4
LOGINS = [
    ("writer", "writer-demo-pass", WRITER, "Writes drafts and submits them for desk review"),
    ("desk", "desk-demo-pass", DESK_EDITOR, "Edits, approves, publishes and schedules"),
    ("chief", "chief-demo-pass", CHIEF_EDITOR, "All of that, plus taxonomy, settings and users"),
]
# While loading, background tasks (search index, reference index) are dropped and rebuilt once
# at the end: thousands of single-row index updates are far slower than one rebuild.
DROP_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


class Command(BaseCommand):
    help = "Load demo content (safe to run again: existing content is reused)."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=DEMO_STORIES)
        parser.add_argument("--seed", type=int, default=DEMO_SEED)
        parser.add_argument("--quiet", action="store_true", help="No progress bars.")

    def handle(self, *args, stories, seed, quiet, **options):
        self.quiet = quiet
        with override_settings(TASKS=DROP_TASKS):
            home = ensure_site()
            self.configure_site()
            agencies = self.agencies()
            desks = self.desks()
            images = self.images()
            authors = self.authors(images)
            created = self.stories(stories, seed, authors, desks, agencies, images)
            self.pin_lead(home)
            self.views(seed)
        if created:
            self.stdout.write("Building the search index…")
            call_command("update_index", verbosity=0)
        self.logins(authors)
        arrived = load_demo_wire()
        if arrived:
            self.stdout.write(f"Wire desk: {arrived} agency items from the demo feeds.")
        updates = load_demo_live()
        if updates:
            self.stdout.write(f"Live coverage: a running demo live story with {updates} updates.")
        shorts = load_demo_shorts()
        if shorts:
            self.stdout.write(f"Shorts: {shorts} synthetic demo videos, processed with ffmpeg.")

    def progress(self, iterable, **kwargs):
        return tqdm(iterable, disable=self.quiet, **kwargs)

    def configure_site(self):
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        if not settings.contact_email:
            settings.tagline = "Development news, region by region"
            settings.description = "Development news from every region: by sector and edition."
            settings.contact_email = "desk@dateline.example"
            settings.contact_phone = "+91 11 5550 0100"
            settings.contact_address = "Dateline Demo Newsroom\nNew Delhi"
            settings.x_url = "https://x.com/dateline_demo"
            settings.linkedin_url = "https://www.linkedin.com/company/dateline-demo"
            settings.save()

    def agencies(self):
        return {
            slug: Agency.objects.get_or_create(
                slug=slug, defaults={"name": name, "credit": credit}
            )[0]
            for slug, name, credit in AGENCIES
        }

    def desks(self):
        return {
            name: Desk.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
            for name in DESKS
        }

    def images(self):
        """The demo's pictures: abstract illustrations, labelled as generated and described as
        what they show. The demo has no photographs, so no picture claims a real scene."""
        existing = {
            image.title: image
            for image in NewsImage.objects.filter(title__startswith="Demo illustration ")
        }
        images = []
        for number in self.progress(range(ILLUSTRATIONS), desc="Images", unit="img"):
            title = f"Demo illustration {number + 1}"
            image = existing.get(title)
            if image is None:
                image = NewsImage(
                    title=title,
                    file=ImageFile(
                        io.BytesIO(make_illustration(number)), name=f"demo-ai-{number + 1}.jpg"
                    ),
                    alt_text="Abstract illustration in layered colours",
                    credit="Dateline illustration",
                    source="Dateline demo generator",
                    digital_source_type=DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA,
                )
                image.save()
            # Renditions are made now so the first reader does not wait for them.
            image.get_renditions(*[f"fill-{w}x{w * 9 // 16}|format-webp" for w in (400, 800, 1200)])
            images.append(image)
        return images

    def authors(self, images):
        authors = {}
        for index, spec in enumerate(AUTHORS):
            author, _ = Author.objects.get_or_create(
                slug=spec.slug,
                defaults={
                    "name": spec.name,
                    "role": spec.role,
                    "bio": spec.bio,
                    "photo": images[index % len(images)],
                },
            )
            author.photo.get_renditions(*[f"fill-{w}x{w}|format-webp" for w in (400, 800, 1200)])
            authors[spec.slug] = author
        return authors

    def stories(self, count, seed, authors, desks, agencies, images):
        already = StoryPage.objects.count()
        if already >= count:
            self.stdout.write(f"{already} stories already loaded; reusing them.")
            return 0
        sectors = {sector.slug: sector for sector in Sector.objects.all()}
        countries = {country.code: country for country in Country.objects.all()}
        edition_of = dict(
            Edition.countries.through.objects.values_list("country__code", "edition_id")
        )
        editions = Edition.objects.in_bulk()
        now = timezone.now()
        specs = list(generate_stories(count, seed=seed, now=now))[already:]
        for number, spec in enumerate(self.progress(specs, desc="Stories", unit="story")):
            takeaways = []
            if (
                spec.kind in TAKEAWAY_KINDS
                and len(spec.paragraphs) >= TAKEAWAY_MIN_PARAGRAPHS
                and number % 2 == 0
            ):
                takeaways = offline_takeaways(spec.paragraphs)
            image = None if spec.image_seed is None else images[spec.image_seed % len(images)]
            story_countries = [countries[code] for code in spec.country_codes if code in countries]
            notes = []
            if spec.update_note:
                notes.append((StoryNote.Kind.UPDATE, spec.update_note, spec.last_updated))
            if spec.correction:
                notes.append((StoryNote.Kind.CORRECTION, spec.correction, spec.last_updated))
            body = [("paragraph", format_html("<p>{}</p>", p)) for p in spec.paragraphs]
            if spec.quote:
                # An interview is questions and answers in pairs: its pull quote goes after the
                # introduction, never between a question and its answer.
                position = 1 if spec.kind == StoryKind.INTERVIEW else min(2, len(body))
                body.insert(
                    position, ("quote", {"text": spec.quote[0], "attribution": spec.quote[1]})
                )
            if spec.fact_box:
                body.append(("fact_box", {"title": spec.fact_box[0], "facts": spec.fact_box[1]}))
            with transaction.atomic():
                story = create_story(
                    kind=spec.kind,
                    headline=spec.headline,
                    summary=spec.summary,
                    takeaways=takeaways,
                    takeaways_method=TakeawaysMethod.SOFTWARE,
                    body=body,
                    authors=[authors[slug] for slug in spec.author_slugs if slug in authors],
                    desk=desks.get(spec.desk),
                    dateline_place=spec.dateline_place,
                    sectors=[sectors[slug] for slug in spec.sector_slugs if slug in sectors],
                    countries=story_countries,
                    editions=[
                        editions[edition_of[c.code]]
                        for c in story_countries
                        if c.code in edition_of
                    ],
                    tags=spec.tags,
                    hero_image=image,
                    hero_caption=spec.image_caption if image else "",
                    agencies=[agencies[slug] for slug in spec.agency_slugs if slug in agencies],
                    provenance=spec.provenance,
                    sponsored=spec.sponsored,
                    first_published_at=spec.first_published,
                    last_published_at=spec.last_updated,
                    notes=notes,
                )
                if takeaways:
                    record_acceptance(
                        SuggestionKind.TAKEAWAYS,
                        story,
                        Answer({}, OFFLINE),
                        "\n".join(takeaways),
                        editor=None,
                    )
        return len(specs)

    def pin_lead(self, home):
        home = HomePage.objects.get(pk=home.pk)
        if home.pinned_stories.exists():
            return
        global_edition = Edition.objects.get(is_global=True)
        lead = (
            StoryPage.objects.live()
            .filter(kind="news")
            .exclude(hero_image=None)
            .order_by("-first_published_at")
            .first()
        )
        if lead:
            PinnedStory.objects.create(home=home, story=lead, edition=global_edition, sort_order=0)

    def views(self, seed):
        """Plausible reading over the last two days: a few stories read far more than the rest."""
        now = hour_start(timezone.now())
        if HourlyViews.objects.filter(hour__gte=now - timedelta(hours=2)).exists():
            return
        rng = random.Random(seed)
        recent = list(
            StoryPage.objects.live()
            .filter(first_published_at__gte=now - timedelta(days=3))
            .values_list("pk", "first_published_at")
        )
        rows = []
        for rank, (story_id, published) in enumerate(rng.sample(recent, min(150, len(recent)))):
            popularity = 400 / (rank + 1)
            for hours_ago in range(48):
                hour = now - timedelta(hours=hours_ago)
                if hour >= hour_start(published):
                    views = int(rng.random() * popularity)
                    if views:
                        rows.append(HourlyViews(story_id=story_id, hour=hour, views=views))
        HourlyViews.objects.bulk_create(rows, ignore_conflicts=True)

    def logins(self, authors):
        """Create the three demo editors (the writer has a byline) and print how to log in."""
        self.stdout.write(self.style.SUCCESS("\nDemo newsroom ready. Editor logins at /admin/:"))
        for username, password, group_name, what in LOGINS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": username.capitalize(),
                    "email": f"{username}@dateline.example",
                },
            )
            if created:
                user.set_password(password)
                user.save()
            user.groups.add(Group.objects.get(name=group_name))
            if group_name == WRITER:
                Author.objects.filter(pk=next(iter(authors.values())).pk, user=None).update(
                    user=user
                )
            self.stdout.write(f"  {username:<8} {password:<20} {group_name}: {what}")
