"""Wire desk clustering: signatures, near copies and event matching over N synthetic items.

    .venv/bin/python bench/wire_clustering.py [N]      (default 100000)

Generates N items (deterministic seed): events told in 2-5 variants (other wording, one
paragraph changed, or an exact repeat) and singletons, all sharing a common vocabulary and a
pool of place names, as a busy wire feed does. Times computing signatures a batch at a time and
clustering them one by one as the worker would, prints items/s and seconds, the pairwise precision/recall on the
synthetic events, and the same on the labelled set in tests/wire/labelled/items.json.
It only prints; nothing here passes or fails on a time. `figures(n)` returns the numbers as a dict.
"""

import gc
import json
import os
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.wire.dedupe import ClusterIndex, signatures  # noqa: E402
from dateline.wire.events import NEAR_COPY, EventIndex, features  # noqa: E402

LABELLED = ROOT / "tests" / "wire" / "labelled" / "items.json"
SEED = 20240601
# fmt: off
COMMON_WORDS = [
    "the", "a", "of", "in", "and", "to", "said", "on", "for", "with", "at", "by", "from", "that",
    "was", "were", "has", "have", "had", "will", "would", "people", "officials", "government",
    "ministry", "health", "water", "schools", "floods", "rain", "drought", "aid", "loan",
    "million", "billion", "district", "region", "province", "village", "town", "families",
    "children", "women", "farmers", "report", "warned", "added", "announced", "week", "month",
    "year", "after", "before", "more", "than", "least", "about",
]
SYLLABLES = [
    "ka", "ma", "to", "ri", "na", "lo", "be", "su", "di", "ga", "ne", "po", "ru", "za", "ki",
    "mo", "ta", "le", "ba", "no",
]
# fmt: on
PLACE_POOL = 3000
# Items the worker signs and then clusters together (dateline.wire.clustering.BATCH): the
# anchors read for a batch's signatures are still cached when its event features read them.
BATCH = 2000


def _name(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def _sentence(rng, anchors):
    words = [rng.choice(COMMON_WORDS) for _ in range(rng.randint(10, 18))]
    for anchor in rng.sample(anchors, k=min(len(anchors), rng.randint(1, 3))):
        words.insert(rng.randint(1, len(words)), anchor)
    return rng.choice(COMMON_WORDS).capitalize() + " " + " ".join(words) + "."


def _report(rng, anchors, sentences=8):
    paragraphs = [
        " ".join(_sentence(rng, anchors) for _ in range(2)) for _ in range(sentences // 2)
    ]
    return "\n\n".join(paragraphs)


def synthetic_items(n, seed=SEED):
    """[(key, text, event)]: about 40% singletons, the rest events of 2-5 variants."""
    rng = random.Random(seed)
    places = [_name(rng) for _ in range(PLACE_POOL)]
    items = []
    event = 0
    while len(items) < n:
        event += 1
        anchors = rng.sample(places, 3) + [_name(rng) + " " + _name(rng) for _ in range(3)]
        anchors += [f"{rng.randint(10, 99_999):,}" for _ in range(4)]
        first = _report(rng, anchors)
        variants = [first]
        if rng.random() < 0.6:
            for _ in range(rng.randint(1, 4)):
                kind = rng.random()
                if kind < 0.5:
                    variants.append(_report(rng, anchors))  # another agency's wording
                elif kind < 0.8:
                    paragraphs = first.split("\n\n")
                    paragraphs[rng.randrange(len(paragraphs))] = _sentence(rng, anchors)
                    variants.append("\n\n".join(paragraphs))  # re-filed
                else:
                    variants.append(first)  # repeat
        first_number = len(items)
        items.extend((f"s{first_number + i}", text, event) for i, text in enumerate(variants))
    rng.shuffle(items)
    return items[:n]


def cluster(keyed_texts_signatures):
    """{key: cluster key}, as the worker decides (dateline/wire/clustering.py): a near copy joins
    its original's cluster, any other item the cluster of its event, or starts one. After each
    batch the indexes are moved out of the cyclic garbage collector's sight, as the worker does
    (clustering.keep_out_of_collector)."""
    index = ClusterIndex(threshold=NEAR_COPY)
    event_index = EventIndex()
    for position, (key, text, signature) in enumerate(keyed_texts_signatures, start=1):
        if position % BATCH == 0:
            gc.freeze()
        item_features = features("", text)
        matched = index.add(key, signature)
        if matched is not None:
            event_index.add(key, item_features, None, event_index.cluster_of[matched])
        else:
            event_index.place(key, item_features, None)
    return event_index.cluster_of


def pairwise_precision_recall(cluster_of, event_of):
    """Precision and recall over pairs of items: predicted same cluster vs same event."""

    def pair_count(groups):
        return sum(size * (size - 1) // 2 for size in groups.values())

    predicted = pair_count(Counter(cluster_of.values()))
    actual = pair_count(Counter(event_of.values()))
    both = pair_count(Counter((cluster_of[key], event_of[key]) for key in cluster_of))
    precision = both / predicted if predicted else 1.0
    recall = both / actual if actual else 1.0
    return precision, recall


def labelled_precision_recall():
    items = json.loads(LABELLED.read_text(encoding="utf-8"))
    texts = [f"{item['headline']}\n{item['body']}" for item in items]
    keyed = zip((item["id"] for item in items), texts, signatures(texts), strict=True)
    event_of = {item["id"]: item["labels"]["event"] for item in items}
    return pairwise_precision_recall(cluster(keyed), event_of)


def _signed_in_batches(items, spent):
    """(key, text, signature) of the items, signed BATCH at a time as the worker does; adds the
    seconds spent signing to spent["signing"]."""
    for start in range(0, len(items), BATCH):
        batch = items[start : start + BATCH]
        signing = time.perf_counter()
        batch_signatures = signatures(text for _key, text, _event in batch)
        spent["signing"] += time.perf_counter() - signing
        for (key, text, _event), signature in zip(batch, batch_signatures, strict=True):
            yield key, text, signature


def figures(n=100_000):
    items = synthetic_items(n)
    spent = {"signing": 0.0}
    started, cpu_started = time.perf_counter(), time.process_time()
    cluster_of = cluster(_signed_in_batches(items, spent))
    clustered, cpu_clustered = time.perf_counter(), time.process_time()
    precision, recall = pairwise_precision_recall(
        cluster_of, {key: event for key, _text, event in items}
    )
    labelled_precision, labelled_recall = labelled_precision_recall()
    total = clustered - started
    return {
        "items": n,
        "signature_seconds": round(spent["signing"], 2),
        "cluster_seconds": round(total - spent["signing"], 2),
        "total_seconds": round(total, 2),
        "items_per_second": round(n / total),
        # The CPU time of this process: what the run costs when the machine is shared.
        "cpu_seconds": round(cpu_clustered - cpu_started, 2),
        "clusters": len(set(cluster_of.values())),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "synthetic_precision": round(precision, 3),
        "synthetic_recall": round(recall, 3),
        "labelled_precision": round(labelled_precision, 3),
        "labelled_recall": round(labelled_recall, 3),
    }


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    n = int(argv[0]) if argv else 100_000
    result = figures(n)
    print(f"wire clustering, {result['items']:,} synthetic items")
    print(f"  signatures   {result['signature_seconds']:8.2f} s")
    print(f"  clustering   {result['cluster_seconds']:8.2f} s")
    print(
        f"  total        {result['total_seconds']:8.2f} s   "
        f"{result['items_per_second']:,} items/s   {result['clusters']:,} clusters"
    )
    print(
        f"  CPU time     {result['cpu_seconds']:8.2f} s   (load average {os.getloadavg()[0]:.1f})"
    )
    print(f"  peak memory  {result['peak_memory_mb']:8,} MB (the whole process, texts included)")
    print(
        f"  synthetic pairs: precision {result['synthetic_precision']:.3f}  "
        f"recall {result['synthetic_recall']:.3f}"
    )
    print(
        f"  labelled set pairs: precision {result['labelled_precision']:.3f}  "
        f"recall {result['labelled_recall']:.3f}"
    )
    return result


if __name__ == "__main__":
    main()
