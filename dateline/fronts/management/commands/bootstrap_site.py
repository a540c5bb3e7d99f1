from django.core.management.base import BaseCommand

from dateline.fronts.setup import ensure_site


class Command(BaseCommand):
    help = "Create the home page, the sections, the static pages, the roles and the desk workflow."

    def handle(self, *args, **options):
        home = ensure_site()
        self.stdout.write(f"Site ready: home page {home.pk}, sections and roles in place.")
