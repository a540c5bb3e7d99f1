"""Wire ingest benchmark: items per second parsed, normalised and stored, one process.

    .venv/bin/python bench/wire_ingest.py [ITEMS]      # default 20,000 items per batch format

Uses PostgreSQL (BENCH_WIRE_DATABASE_URL, default the local `dateline_bench_wire` database,
created and migrated here; its wire tables are emptied first). For each format it builds
payloads of BATCH synthetic items (realistic length, place names for the tagger), sends them
through the real ingest path (`dateline.wire.ingest.receive`: raw payload stored, parsed,
normalised, fingerprinted, stored), then runs the worker's job over everything stored
(`cluster_new_items`: MinHash signatures, country and sector tags, clusters). Prints items/s;
nothing passes or fails on a time.
"""

import json
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/dateline_bench_wire"
BATCH = 100

PLACES = [
    ("Nairobi", "Kenya"),
    ("Accra", "Ghana"),
    ("Dhaka", "Bangladesh"),
    ("Lima", "Peru"),
    ("Kathmandu", "Nepal"),
    ("Jakarta", "Indonesia"),
    ("Cairo", "Egypt"),
    ("Suva", "Fiji"),
    ("Berlin", "Germany"),
    ("Brasilia", "Brazil"),
    ("Amman", "Jordan"),
    ("Manila", "Philippines"),
]
TOPICS = [
    ("floods displace thousands", "river burst its banks after days of heavy rain"),
    ("vaccine drive begins", "health workers started vaccinating children under five"),
    ("budget raises school spending", "the finance ministry set aside more money for classrooms"),
    ("drought leaves millions hungry", "a fourth failed rainy season killed livestock"),
    ("power plant starts exports", "the hydropower station began selling electricity"),
    ("protesters block mine road", "residents said the mine threatens their water supply"),
]
# Sentences are assembled from parts so that unrelated items share words but not passages.
SUBJECTS = [
    "Officials",
    "Aid groups",
    "The ministry",
    "Local leaders",
    "Doctors",
    "Engineers",
    "Farmers",
    "Teachers",
    "The regional council",
    "Volunteers",
    "The army",
    "The UN agency",
]
VERBS = [
    "reported",
    "counted",
    "delivered",
    "requested",
    "promised",
    "inspected",
    "registered",
    "rebuilt",
    "distributed",
    "lost",
    "found",
    "sent",
]
OBJECTS = [
    "households",
    "tonnes of grain",
    "classrooms",
    "clinics",
    "water points",
    "kilometres of road",
    "boats",
    "tents",
    "vaccine doses",
    "hectares of crops",
    "generators",
    "mobile teams",
]
AREAS = [
    "the northern districts",
    "the capital",
    "coastal villages",
    "the border region",
    "two provinces",
    "the river valley",
    "the highlands",
    "refugee camps",
    "the delta",
    "market towns",
]


def filler(rng, sentences):
    return " ".join(
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.randrange(2, 9999):,} "
        f"{rng.choice(OBJECTS)} in {rng.choice(AREAS)}."
        for _ in range(sentences)
    )


def synthetic_items(count, seed):
    rng = random.Random(seed)
    start = datetime(2026, 11, 1, tzinfo=UTC)
    for n in range(count):
        city, country = rng.choice(PLACES)
        topic, detail = rng.choice(TOPICS)
        figure = rng.randrange(1_000, 900_000)
        paragraphs = [
            f"{country}: {figure:,} people affected as {detail}, officials in {city} said on "
            f"day {n % 28 + 1} of the month.",
            f"The government of {country} said it had asked partners for help. " + filler(rng, 3),
            filler(rng, rng.randrange(6, 14)),
            f"Reporting by the {city} bureau; item {n} of the bench run, seed {seed}.",
        ]
        yield {
            "guid": f"bench-{seed}-{n}",
            "headline": f"{country} {topic}: {figure:,} affected ({n})",
            "place": city,
            "paragraphs": paragraphs,
            "created": start + timedelta(seconds=n),
        }


def html_body(item):
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in item["paragraphs"])


def ninjs_payload(items):
    return json.dumps(
        [
            {
                "uri": item["guid"],
                "type": "text",
                "version": "1",
                "versioncreated": item["created"].isoformat(),
                "language": "en",
                "urgency": 4,
                "located": item["place"],
                "headlines": [{"role": "main", "value": item["headline"]}],
                "bodies": [{"role": "main", "contenttype": "text/html", "value": html_body(item)}],
                "subjects": [{"uri": "http://cv.iptc.org/newscodes/mediatopic/06000000"}],
            }
            for item in items
        ]
    ).encode()


def newsml_payload(items):
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>',
    ]
    for item in items:
        parts.append(
            f'<newsItem guid="{item["guid"]}" version="1" standard="NewsML-G2" '
            'standardversion="2.29"><itemMeta><itemClass qcode="ninat:text"/>'
            f"<versionCreated>{item['created'].isoformat()}</versionCreated></itemMeta>"
            f"<contentMeta><urgency>4</urgency><located><name>{item['place']}</name></located>"
            '<subject qcode="medtop:06000000"/>'
            f"<headline>{escape(item['headline'])}</headline></contentMeta>"
            '<contentSet><inlineXML contenttype="application/xhtml+xml">'
            '<html xmlns="http://www.w3.org/1999/xhtml"><body>'
            f"{html_body(item)}</body></html></inlineXML></contentSet></newsItem>"
        )
    parts.append("</itemSet></newsMessage>")
    return "".join(parts).encode()


def rss_payload(items):
    parts = [
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>',
        "<title>Bench wire</title><link>https://wire.example/</link><description>b</description>",
    ]
    for item in items:
        parts.append(
            f"<item><title>{escape(item['headline'])}</title>"
            f'<guid isPermaLink="false">{item["guid"]}</guid>'
            f"<pubDate>{format_datetime(item['created'])}</pubDate>"
            f"<description>{escape(html_body(item))}</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def nitf_payload(items):
    # NITF carries one story per document: one payload per item.
    [item] = items
    return (
        '<?xml version="1.0" encoding="UTF-8"?><nitf><head><title>t</title><docdata>'
        f'<doc-id id-string="{item["guid"]}"/><urgency ed-urg="4"/>'
        f'<date.issue norm="{item["created"]:%Y%m%dT%H%M%SZ}"/></docdata></head><body>'
        f"<body.head><hedline><hl1>{escape(item['headline'])}</hl1></hedline>"
        f"<dateline><location><city>{item['place']}</city></location></dateline></body.head>"
        f"<body.content>{html_body(item)}</body.content></body></nitf>"
    ).encode()


# (name, payload builder, items per payload, share of ITEMS): NITF is one story per document,
# so its figure is per payload and a tenth of the items show it.
FORMATS = [
    ("ninjs", ninjs_payload, BATCH, 1),
    ("newsml-g2", newsml_payload, BATCH, 1),
    ("rss", rss_payload, BATCH, 1),
    ("nitf", nitf_payload, 1, 0.1),
]


def setup_django():
    sys.path.insert(0, str(ROOT))
    from bench.run import set_up_django

    url = os.environ.get("BENCH_WIRE_DATABASE_URL") or DEFAULT_DATABASE_URL
    return set_up_django(url, ROOT / "bench" / "out" / "var-wire")


def cluster_job(reading_processes):
    """The worker's job over every stored item, its readings made by `reading_processes`
    processes (1: the worker alone); the items are first made new again."""
    from django.conf import settings
    from django.db import connection

    from dateline.wire import readings
    from dateline.wire.clustering import cluster_new_items, reset_index
    from dateline.wire.models import Cluster, Item

    Item.objects.update(clustered=False, cluster=None, cluster_reason=None)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Cluster._meta.db_table}")
        cursor.execute(f"VACUUM ANALYZE {Item._meta.db_table}")
    reset_index()
    settings.DATELINE_WIRE_READING_PROCESSES = reading_processes
    total = Item.objects.count()
    started, cpu_started = time.perf_counter(), time.process_time()
    while cluster_new_items(limit=5000):
        pass
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    readings.shut_down()
    print(f"load average {os.getloadavg()[0]:.1f}")
    # The CPU time is steadier than the wall time on a shared machine; reading processes spend
    # theirs outside this one.
    print(
        f"cluster job   {total:>8,} stored items in {seconds:6.1f} s = "
        f"{total / seconds:7,.0f} items/s, {reading_processes} reading process"
        f"{'es' if reading_processes > 1 else ''} ({Cluster.objects.count():,} clusters; "
        f"{cpu / total * 1000:.2f} ms CPU per item in the worker)",
        flush=True,
    )
    return {"items": total, "seconds": seconds, "items_per_s": total / seconds}


def run(count):
    setup_django()
    from django.conf import settings
    from django.db import connection

    from dateline.taxonomy.models import Agency
    from dateline.wire.ingest import receive
    from dateline.wire.models import Cluster, Item, Payload, Source

    # Emptied and analysed, so that the planner's statistics describe the run, not the last one.
    tables = [model._meta.db_table for model in (Item, Cluster, Payload)]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        cursor.execute(f"ANALYZE {', '.join(tables)}")
    agency = Agency.objects.get_or_create(slug="bench", defaults={"name": "Bench", "credit": "B"})[
        0
    ]
    figures = {}
    for seed, (name, build, batch, share) in enumerate(FORMATS):
        source, _ = Source.objects.get_or_create(
            slug=f"bench-{name}",
            defaults={"name": f"Bench {name}", "agency": agency, "delivery": "push"},
        )
        # What autovacuum does as tables grow (some PostgreSQL setups run without it): the
        # planner then picks the (source, guid) index, not a scan of every item of the source.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(tables)}")
        items = list(synthetic_items(int(count * share), seed))
        payloads = [build(items[i : i + batch]) for i in range(0, len(items), batch)]
        started, cpu_started = time.perf_counter(), time.process_time()
        stored = 0
        for body in payloads:
            _, outcomes = receive(source, body, via=Payload.Via.PUSH)
            stored += len(outcomes)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        figures[name] = {"items": stored, "seconds": seconds, "items_per_s": stored / seconds}
        # CPU time of this process alone: the database server's share is in the wall time.
        print(
            f"ingest {name:<10} {stored:>7,} items in {seconds:6.1f} s = "
            f"{stored / seconds:7,.0f} items/s (payloads of {batch}; "
            f"{cpu / stored * 1000:.2f} ms CPU per item in this process)",
            flush=True,
        )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(tables)}")
    processes = settings.DATELINE_WIRE_READING_PROCESSES
    # The job read by the worker alone first: the baseline of the same run.
    runs = [1] + ([processes] if processes > 1 else [])
    for reading_processes in runs:
        figures[f"cluster_job_{reading_processes}"] = cluster_job(reading_processes)
    figures["cluster_job"] = figures[f"cluster_job_{runs[-1]}"]
    if len(runs) > 1:
        ratio = figures["cluster_job"]["items_per_s"] / figures["cluster_job_1"]["items_per_s"]
        print(f"cluster job with {processes} reading processes / alone: {ratio:.2f}x")
    return figures


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    run(count)


if __name__ == "__main__":
    main()
