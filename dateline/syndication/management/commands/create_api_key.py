from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dateline.syndication.models import issue_api_key


class Command(BaseCommand):
    help = "Create a content API key and print it. It is shown this once: only a digest is kept."

    def add_arguments(self, parser):
        parser.add_argument("name", help="Who or what will use the key, e.g. a partner's name.")
        parser.add_argument("--contact", default="", help="Whom to ask about the key.")
        parser.add_argument(
            "--rate-limit",
            type=int,
            default=None,
            help="Requests per minute (default: DATELINE_API_RATE_LIMIT).",
        )

    def handle(self, *args, name, contact, rate_limit, **options):
        try:
            api_key, secret = issue_api_key(name, contact=contact, rate_limit_per_minute=rate_limit)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stderr.write(
            f"Created API key {api_key.prefix}… for {api_key.name}, "
            f"{api_key.rate_limit_per_minute} requests a minute. Keep it now; it is not shown again."
        )
        self.stdout.write(secret)
