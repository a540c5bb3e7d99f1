from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from dateline.core.two_factor.devices import (
    has_second_factor,
    is_required_for,
    remove_second_factor,
)


class Command(BaseCommand):
    help = (
        "Turn off someone's two-factor authentication (their app and backup codes), e.g. when "
        "they have lost their phone."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            person = User._default_manager.get_by_natural_key(username)
        except User.DoesNotExist as missing:
            raise CommandError(f"No user is called {username!r}.") from missing
        if not has_second_factor(person):
            self.stdout.write(f"{username} has no two-factor authentication: nothing to reset.")
            return
        remove_second_factor(person)
        then = (
            "they set up a new app at their next sign-in"
            if is_required_for(person)
            else "they sign in with their password alone"
        )
        self.stdout.write(
            self.style.SUCCESS(f"Two-factor authentication reset for {username}: {then}.")
        )
