"""Score the wire desk on a labelled part: items pushed and processed as in production.

Every item of a part (tests/wire/events/<part>/items.json, schema in the README beside it) is
rendered as its agency sends it (a ninjs 2.x document, or an RSS 2.0 feed of one item), POSTed to
`/wire/push/<slug>/` of a push source of its agency with the source's bearer token, in arrival
order with the clock at its arrival; after each arrival (items arriving at the same second
together) the worker's wire job runs, as a worker tick would. The figures are then read from
what the database kept: each stored item's cluster, countries, sectors and edition scores.

The caller provides the database (a pytest `db` fixture, or a test database in
bench/wire_quality.py); nothing here mocks the pipeline, so it scores whatever clustering and
tagging the app has.

    items = load_part("tuning")
    figures = evaluate(items)          # needs a database and Django's test environment
    print(table(figures))
"""

import json
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from itertools import combinations
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from django.test import Client
from django.utils.text import slugify
from freezegun import freeze_time

from dateline.taxonomy.defaults import EDITIONS, GLOBAL_EDITION
from dateline.taxonomy.models import Agency
from dateline.wire.clustering import reset_index
from dateline.wire.jobs import run_wire_desk
from dateline.wire.models import Item, Source

HERE = Path(__file__).resolve().parent
PARTS = (
    "tuning",
    "dev",
    "regional",
    "beats",
    "national",
    "seasons",
    "houses",
    "boundaries",
    "reports",
    "replica",
    "desks",
    "test",
)
OLD_SET = HERE.parent / "labelled" / "items.json"
MEDTOP_URI = "http://cv.iptc.org/newscodes/mediatopic/"
# Different events this close in time are the ones a desk could wrongly join.
NEAR = timedelta(days=7)
# Same place and kind within this gap is "the same days"; beyond it, "another date".
SAME_DAYS = timedelta(days=3)
REGIONAL_EDITION = {code: slug for slug, _, codes in EDITIONS for code in codes}
RELEASES = ("un-ifi-release", "ngo-release")


def part_path(part):
    return OLD_SET if part == "labelled" else HERE / part / "items.json"


def load_part(part):
    """The items of a part (one of PARTS, or "labelled": the old set, converted)."""
    with open(part_path(part), encoding="utf-8") as data:
        items = json.load(data)
    return from_old_set(items) if part == "labelled" else items


def from_old_set(items):
    """The old tests/wire/labelled items in the new schema, with made-up arrivals.

    Events start two days apart in the order they first appear; their reports follow three
    hours apart. Every fifth item comes as RSS. The old set has no datelines or subjects.
    """
    start = datetime(2026, 1, 5, 6, tzinfo=UTC)
    event_order, reports = {}, Counter()
    converted = []
    for position, item in enumerate(items):
        event = item["labels"]["event"]
        event_order.setdefault(event, len(event_order))
        arrives = start + timedelta(days=2 * event_order[event], hours=3 * reports[event])
        reports[event] += 1
        converted.append(
            {
                "id": item["id"],
                "agency": item["agency"],
                "style": "old-set",
                "format": "rss" if position % 5 == 4 else "ninjs",
                "arrives": arrives.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "headline": item["headline"],
                "body": item["body"],
                "dateline": "",
                "subjects": [],
                "labels": item["labels"],
            }
        )
    return converted


def arrival(item):
    return datetime.fromisoformat(item["arrives"].replace("Z", "+00:00"))


def paragraphs(item):
    return [p.strip() for p in item["body"].split("\n\n") if p.strip()]


def body_html(texts):
    return "".join(f"<p>{escape(text)}</p>" for text in texts)


def guid(item):
    return f"urn:{slugify(item['agency'])}:{item['id']}"


def medtop_code(subject):
    return subject.strip().rpartition(":")[2]


def ninjs_document(item):
    """A ninjs 2.x item as an agency pushes it."""
    when = item["arrives"]
    document = {
        "uri": guid(item),
        "type": "text",
        "version": "1",
        "firstcreated": when,
        "versioncreated": when,
        "language": "en",
        "urgency": 4,
        "copyrightholder": item["agency"],
        "headlines": [{"role": "main", "value": item["headline"]}],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "value": body_html(paragraphs(item)),
            }
        ],
        "subjects": [{"uri": MEDTOP_URI + medtop_code(code)} for code in item["subjects"]],
    }
    if item["dateline"]:
        document["located"] = item["dateline"]
    return json.dumps(document).encode()


def rss_document(item):
    """An RSS 2.0 feed of one item; RSS has no dateline field, so it opens the body as agencies
    write it ("NAIROBI (Agency) - ..."), and Media Topics go in categories."""
    texts = paragraphs(item)
    if item["dateline"] and texts:
        texts[0] = f"{item['dateline'].upper()} ({item['agency']}) - {texts[0]}"
    body = body_html(texts)
    categories = "".join(
        f'<category domain="{MEDTOP_URI}">{xml_escape(medtop_code(code))}</category>'
        for code in item["subjects"]
    )
    agency = xml_escape(item["agency"])
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{agency}</title><link>https://wire.example.org/</link>"
        f"<description>{agency} newswire</description><item>"
        f"<title>{xml_escape(item['headline'])}</title>"
        f'<guid isPermaLink="false">{xml_escape(guid(item))}</guid>'
        f"<pubDate>{format_datetime(arrival(item))}</pubDate>"
        f"<description>{xml_escape(texts[0] if texts else '')}</description>"
        f"<content:encoded>{xml_escape(body)}</content:encoded>{categories}"
        "</item></channel></rss>"
    ).encode()


def push_sources(items):
    """A push source per agency, created as an operator would: {agency name: Source}."""
    sources = {}
    for name in sorted({item["agency"] for item in items}):
        slug = slugify(name)[:100] or "agency"
        agency = Agency.objects.get_or_create(
            slug=slug, defaults={"name": name, "credit": name[:40]}
        )[0]
        sources[name] = Source.objects.get_or_create(
            slug=f"{slug}-push",
            defaults={"name": f"{name} push", "agency": agency, "delivery": Source.Delivery.PUSH},
        )[0]
    return sources


def deliver(items):
    """Push every item at its arrival time and run the worker's job after each arrival;
    returns {labelled item id: stored Item pk}."""
    sources = push_sources(items)
    client = Client()
    stored = {}
    ordered = sorted(items, key=lambda item: (arrival(item), item["id"]))
    reset_index()  # the worker starts with no index in memory, as after a deploy
    try:
        with freeze_time(arrival(ordered[0])) as clock:
            for position, item in enumerate(ordered):
                clock.move_to(arrival(item))
                source = sources[item["agency"]]
                if item["format"] == "rss":
                    body, content_type = rss_document(item), "application/rss+xml"
                else:
                    body, content_type = ninjs_document(item), "application/json"
                response = client.post(
                    f"/wire/push/{source.slug}/",
                    body,
                    content_type=content_type,
                    headers={"Authorization": f"Bearer {source.push_secret}"},
                )
                if response.status_code != 202:
                    raise AssertionError(
                        f"push of {item['id']} answered {response.status_code}: "
                        f"{response.content[:300]!r}"
                    )
                stored[item["id"]] = response.json()["items"][0]["id"]
                is_last = position + 1 == len(ordered)
                if is_last or arrival(ordered[position + 1]) != arrival(item):
                    run_wire_desk()
    finally:
        reset_index()
    return stored


def outcome(items, stored):
    """What the database kept per labelled item id: cluster, countries, sectors, editions."""
    kept = Item.objects.filter(pk__in=stored.values()).prefetch_related("countries", "sectors")
    by_pk = {item.pk: item for item in kept}
    result = {}
    for item in items:
        row = by_pk[stored[item["id"]]]
        result[item["id"]] = {
            "cluster": row.cluster_id,
            "countries": {country.code for country in row.countries.all()},
            "sectors": {sector.slug for sector in row.sectors.all()},
            "edition_scores": row.edition_scores or {},
            "reason": row.cluster_reason,
        }
    return result


def editions_of(countries):
    """Regional editions of these countries; the global edition alone when there is none."""
    regional = {REGIONAL_EDITION[code] for code in countries if code in REGIONAL_EDITION}
    return regional or {GLOBAL_EDITION}


def routed_editions(edition_scores):
    """The editions an item is routed to: those its stored scores name (as the desk's queue and
    cluster rows show them), read with the same rule as the labels: global only alone."""
    named = {slug for slug, share in edition_scores.items() if share > 0}
    return (named - {GLOBAL_EDITION}) or {GLOBAL_EDITION}


def micro(pairs):
    """Micro precision, recall and F1 over (predicted set, labelled set) pairs."""
    tp = fp = fn = 0
    for predicted, labelled in pairs:
        tp += len(predicted & labelled)
        fp += len(predicted - labelled)
        fn += len(labelled - predicted)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def style_pair(a, b):
    return " x ".join(sorted((a["style"], b["style"])))


def hard_negative_kinds(a, b):
    """The kinds of hard negative a pair of different events is (often none)."""
    kinds = []
    gap = abs(arrival(a) - arrival(b))
    la, lb = a["labels"], b["labels"]
    same_kind = bool(set(la["sectors"]) & set(lb["sectors"]))
    if a["agency"] == b["agency"] and gap <= NEAR:
        kinds.append("same issuer, within a week")
        if a["style"] in RELEASES and b["style"] in RELEASES:
            kinds.append("same issuer's releases, within a week")
    if same_kind and set(la["countries"]) & set(lb["countries"]):
        kinds.append(
            "same country and sector, another date"
            if gap > SAME_DAYS
            else "same country and sector, same days"
        )
    elif (
        same_kind
        and gap <= NEAR
        and editions_of(la["countries"]) & editions_of(lb["countries"]) - {GLOBAL_EDITION}
    ):
        kinds.append("neighbouring country, same sector, within a week")
    return kinds


def clustering_figures(items, kept):
    true_pairs = joined = joined_true = 0
    by_style = defaultdict(lambda: [0, 0])  # style pair -> [pairs, joined]
    negatives = defaultdict(lambda: [0, 0])  # kind -> [pairs, wrongly joined]
    for a, b in combinations(items, 2):
        same_event = a["labels"]["event"] == b["labels"]["event"]
        same_cluster = kept[a["id"]]["cluster"] == kept[b["id"]]["cluster"]
        true_pairs += same_event
        joined += same_cluster
        joined_true += same_event and same_cluster
        if same_event:
            counts = by_style[style_pair(a, b)]
            counts[0] += 1
            counts[1] += same_cluster
        else:
            for kind in hard_negative_kinds(a, b):
                negatives[kind][0] += 1
                negatives[kind][1] += same_cluster
    return {
        "precision": joined_true / joined if joined else 1.0,
        "recall": joined_true / true_pairs if true_pairs else 1.0,
        "true_pairs": true_pairs,
        "joined_pairs": joined,
        "clusters": len({row["cluster"] for row in kept.values()}),
        "by_style_pair": {
            key: {"pairs": pairs, "recall": hits / pairs}
            for key, (pairs, hits) in sorted(by_style.items())
        },
        "hard_negatives": {
            kind: {"pairs": pairs, "wrongly_joined": wrong / pairs}
            for kind, (pairs, wrong) in sorted(negatives.items())
        },
    }


def figures_of(items, kept):
    """The figures of a part from what was kept (see outcome())."""
    countries = [(kept[i["id"]]["countries"], set(i["labels"]["countries"])) for i in items]
    by_trap = defaultdict(list)
    for item, pair in zip(items, countries, strict=True):
        for trap in item["labels"].get("traps", []):
            by_trap[trap].append(pair)
    routed = [
        routed_editions(kept[i["id"]]["edition_scores"]) == editions_of(i["labels"]["countries"])
        for i in items
    ]
    from_countries = [
        editions_of(kept[i["id"]]["countries"]) == editions_of(i["labels"]["countries"])
        for i in items
    ]
    return {
        "items": len(items),
        "events": len({item["labels"]["event"] for item in items}),
        "clustering": clustering_figures(items, kept),
        "countries": micro(countries),
        "countries_by_trap": {
            trap: micro(pairs) | {"items": len(pairs)} for trap, pairs in sorted(by_trap.items())
        },
        "editions": sum(routed) / len(items),
        "editions_from_countries": sum(from_countries) / len(items),
        "sectors": micro([(kept[i["id"]]["sectors"], set(i["labels"]["sectors"])) for i in items]),
    }


def goal_figures(figures):
    """The figures the issue sets goals for, by name."""
    return {
        "clustering precision": figures["clustering"]["precision"],
        "clustering recall": figures["clustering"]["recall"],
        "countries F1": figures["countries"]["f1"],
        "editions exact": figures["editions"],
        "sectors precision": figures["sectors"]["precision"],
        "sectors recall": figures["sectors"]["recall"],
    }


def evaluate(items, *, with_outcome=False):
    """Deliver a part's items through the real pipeline and score what was kept."""
    kept = outcome(items, deliver(items))
    figures = figures_of(items, kept)
    return (figures, kept) if with_outcome else figures


def mistakes(items, kept):
    """Lines naming each wrong tag and each pair wrongly split or joined, for tuning."""
    lines = []
    for item in items:
        row, labels = kept[item["id"]], item["labels"]
        for name in ("countries", "sectors"):
            extra = sorted(row[name] - set(labels[name]))
            missing = sorted(set(labels[name]) - row[name])
            if extra or missing:
                lines.append(
                    f"{item['id']} {name}: extra {extra} missing {missing} "
                    f"({item['headline'][:70]})"
                )
    for a, b in combinations(items, 2):
        same_event = a["labels"]["event"] == b["labels"]["event"]
        same_cluster = kept[a["id"]]["cluster"] == kept[b["id"]]["cluster"]
        if same_event != same_cluster:
            verdict = "split" if same_event else "joined"
            lines.append(
                f"{verdict}: {a['id']} ({a['labels']['event']}, {a['style']}) / "
                f"{b['id']} ({b['labels']['event']}, {b['style']})"
            )
    # Why each item of a cluster holding more than one event joined it.
    events_of_cluster = defaultdict(set)
    for item in items:
        events_of_cluster[kept[item["id"]]["cluster"]].add(item["labels"]["event"])
    for item in items:
        row = kept[item["id"]]
        if len(events_of_cluster[row["cluster"]]) > 1:
            lines.append(
                f"why {item['id']} ({item['labels']['event']}) is in cluster {row['cluster']}: "
                f"{row['reason'] or 'it started it'} ({item['headline'][:60]})"
            )
    return lines


def table(figures, title=""):
    """The figures as a printable plain-text table."""
    c, k, s = figures["clustering"], figures["countries"], figures["sectors"]
    lines = [
        f"{title or 'part'}: {figures['items']} items, {figures['events']} events, "
        f"{c['clusters']} clusters",
        f"{'measure':<58} {'value':>7}",
        f"{'clustering pairwise precision':<58} {c['precision']:7.3f}",
        f"{'clustering pairwise recall':<58} {c['recall']:7.3f}",
        f"{'  (same-event pairs / pairs joined)':<58} {c['true_pairs']:>3}/{c['joined_pairs']:<3}",
        f"{'countries micro P / R':<58} {k['precision']:.3f}/{k['recall']:.3f}",
        f"{'countries micro F1':<58} {k['f1']:7.3f}",
        f"{'editions, exact set per item (stored edition scores)':<58} {figures['editions']:7.3f}",
        f"{'editions, exact set per item (from stored countries)':<58} "
        f"{figures['editions_from_countries']:7.3f}",
        f"{'sectors micro P / R':<58} {s['precision']:.3f}/{s['recall']:.3f}",
        f"{'sectors micro F1':<58} {s['f1']:7.3f}",
        "",
        f"{'same-event pairs by style pair':<58} {'pairs':>5} {'recall':>7}",
    ]
    for key, row in c["by_style_pair"].items():
        lines.append(f"  {key:<56} {row['pairs']:>5} {row['recall']:7.3f}")
    lines += ["", f"{'hard negatives (different events)':<58} {'pairs':>5} {'joined':>7}"]
    for kind, row in c["hard_negatives"].items():
        lines.append(f"  {kind:<56} {row['pairs']:>5} {row['wrongly_joined']:7.3f}")
    if figures["countries_by_trap"]:
        lines += ["", f"{'countries by trap':<40} {'items':>5} {'P':>7} {'R':>7} {'F1':>7}"]
        for trap, row in figures["countries_by_trap"].items():
            lines.append(
                f"  {trap:<38} {row['items']:>5} {row['precision']:7.3f} "
                f"{row['recall']:7.3f} {row['f1']:7.3f}"
            )
    return "\n".join(lines)
