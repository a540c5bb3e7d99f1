"""Newsletter benchmark: one daily digest sent to 100,000 subscribers through real SMTP.

    .venv/bin/python bench/digest_bench.py [SUBSCRIBERS]      # default 100,000

Uses SQLite in a fresh temporary directory, or PostgreSQL when BENCH_DATABASE_URL is set (created
if missing and migrated; its newsletter tables are emptied first). Creates the subscribers in bulk
(most take everything, the others one edition or sector, so several choice sets are rendered),
a day of stories, and starts an SMTP sink (aiosmtpd, in its own process) that only counts what it
accepts. Then runs the real sending code: the worker's job opens the digest and sends it in
batches. Prints messages per second; nothing passes or fails on a time.
"""

import multiprocessing
import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORIES = 30


def run_sink(port, accepted, ready):
    from aiosmtpd.controller import Controller

    class CountingSink:
        async def handle_DATA(self, server, session, envelope):
            with accepted.get_lock():
                accepted.value += 1
            return "250 OK"

    controller = Controller(CountingSink(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    while True:
        time.sleep(3600)


def start_sink():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    context = multiprocessing.get_context("spawn")
    accepted = context.Value("q", 0)
    ready = context.Event()
    process = context.Process(target=run_sink, args=(port, accepted, ready), daemon=True)
    process.start()
    ready.wait()
    return process, port, accepted


def setup_django(workdir):
    sys.path.insert(0, str(ROOT))
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        from bench.run import ensure_database

        ensure_database(url)
    else:
        url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.update(
        DJANGO_SETTINGS_MODULE=os.environ.get(
            "DJANGO_SETTINGS_MODULE", "dateline.settings.production"
        ),
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "bench-only"),
        DATABASE_URL=url,
        DATELINE_VAR_DIR=str(workdir),
        DATELINE_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return url


def load(subscriber_count):
    from django.db import connection
    from django.utils import timezone

    from dateline.audience.digests import latest_period
    from dateline.audience.models import Delivery, Digest, Subscriber
    from dateline.fronts.setup import ensure_site
    from dateline.newsroom.factories import StoryFactory
    from dateline.taxonomy.models import Country, Edition, Sector

    Delivery.objects.all().delete()
    Digest.objects.all().delete()
    Subscriber.objects.all().delete()
    ensure_site()
    _, end = latest_period("daily", timezone.now())
    sectors = list(Sector.objects.all())
    countries = list(Country.objects.filter(code__in=["IN", "KE", "BR", "FR", "FJ", "NG"]))
    for number in range(STORIES):
        StoryFactory(
            headline=f"Bench story {number}: the district's water plan moves ahead",
            sectors=[sectors[number % len(sectors)]],
            countries=[countries[number % len(countries)]],
            first_published_at=end - timedelta(minutes=20 * (number + 1)),
        )
    Subscriber.objects.bulk_create(
        (
            Subscriber(email=f"reader{number}@example.org", status=Subscriber.Status.ACTIVE)
            for number in range(subscriber_count)
        ),
        batch_size=5000,
    )
    # One in five picks one edition, one in ten one sector: a few dozen choice sets in all.
    editions = list(Edition.objects.filter(is_global=False))
    ids = list(Subscriber.objects.order_by("pk").values_list("pk", flat=True))
    Subscriber.editions.through.objects.bulk_create(
        [
            Subscriber.editions.through(subscriber_id=pk, edition_id=editions[i % len(editions)].pk)
            for i, pk in enumerate(ids)
            if i % 5 == 1
        ],
        batch_size=5000,
    )
    Subscriber.sectors.through.objects.bulk_create(
        [
            Subscriber.sectors.through(subscriber_id=pk, sector_id=sectors[i % len(sectors)].pk)
            for i, pk in enumerate(ids)
            if i % 10 == 2
        ],
        batch_size=5000,
    )
    connection.close()


def measure(subscriber_count=100_000):
    """Send one digest to `subscriber_count` readers; return the figures."""
    sink, port, accepted = start_sink()
    try:
        with tempfile.TemporaryDirectory(prefix="dateline-digest-bench-") as tmp:
            database = setup_django(Path(tmp))
            from django.conf import settings

            settings.EMAIL_HOST = "127.0.0.1"
            settings.EMAIL_PORT = port
            settings.EMAIL_USE_TLS = False
            load(subscriber_count)

            from django.db.models import Count

            from dateline.audience.models import Delivery
            from dateline.audience.sending import run_newsletter

            started = time.perf_counter()
            run_newsletter()
            seconds = time.perf_counter() - started
            states = dict(Delivery.objects.values_list("state").annotate(n=Count("pk")))
    finally:
        sink.terminate()
    return {
        "database": database.split(":", 1)[0],
        "subscribers": subscriber_count,
        "accepted_by_smtp": accepted.value,
        "states": states,
        "seconds": seconds,
        "messages_per_s": accepted.value / seconds,
    }


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    figures = measure(count)
    print(
        f"digest to {figures['subscribers']:,} subscribers ({figures['database']}): "
        f"{figures['accepted_by_smtp']:,} messages accepted by SMTP in {figures['seconds']:.1f} s "
        f"= {figures['messages_per_s']:,.0f} messages/s; send log {figures['states']}",
        flush=True,
    )


if __name__ == "__main__":
    main()
