"""The wire desk on the labelled event set (issue 14): clustering and tagging figures, and tags
that do not depend on the hash seed.

Each part of tests/wire/events is pushed through `/wire/push/<slug>/` and the worker's job at its
arrival times (events/evaluate.py); the figures print (`pytest -s`) and must reach the floors
below: what the landed code measures, minus a margin. The issue's goals are clustering
P >= 0.95 and R >= 0.90, countries F1 >= 0.95, editions >= 0.95, sectors P and R >= 0.85; the test
part, never tuned on, does not reach them all yet (see FLOORS).
"""

import json
import os
import subprocess
import sys

import pytest

from dateline.wire.text import plain_text

from .events import evaluate

# Measured on the landed code (bench/wire_quality.py), minus 0.03 so that noise in a borderline
# decision does not fail the suite; a change that loses ground fails it.
#   tuning:     clustering 1.000 / 0.994, countries F1 0.984, editions 0.977, sectors 0.930 / 0.988
#   dev:        clustering 1.000 / 1.000, countries F1 0.963, editions 0.980, sectors 0.875 / 0.982
#   regional:   clustering 0.853 / 0.996, countries F1 0.951, editions 0.966, sectors 0.895 / 0.989
#   beats:      clustering 0.928 / 0.976, countries F1 0.974, editions 0.980, sectors 0.902 / 0.986
#   national:   clustering 0.752 / 0.946, countries F1 0.922, editions 0.930, sectors 0.902 / 0.993
#   seasons:    clustering 0.972 / 0.992, countries F1 0.965, editions 0.975, sectors 0.927 / 0.992
#   houses:     clustering 0.852 / 0.955, countries F1 0.943, editions 0.950, sectors 0.922 / 0.983
#   boundaries: clustering 0.824 / 0.977, countries F1 0.957, editions 0.975, sectors 0.944 / 0.996
#   reports:    clustering 0.855 / 0.956, countries F1 0.958, editions 0.965, sectors 0.917 / 0.995
#   replica:    clustering 0.826 / 0.958, countries F1 0.947, editions 0.954, sectors 0.937 / 0.991
#   desks:      clustering 0.770 / 0.940, countries F1 0.943, editions 0.938, sectors 0.919 / 0.987
#   test:       clustering 1.000 / 0.977, countries F1 0.947, editions 0.954, sectors 0.814 / 0.789
# The sector model is trained on every part but the test part, so their sector figures are on
# copy it saw; test_sector_model.py holds what it does on copy it never saw. The regional and
# national parts hold several events of one country a week, and national agencies' copy for a
# home audience (names no country, half of it in French, Spanish or Portuguese beside English
# reports of the same events): their clustering is the desk's known weakness (events/README.md),
# as is that of the boundaries, reports, replica and desks parts: two events of one country in
# the same days.
FLOORS = {
    "tuning": {
        "clustering precision": 0.97,
        "clustering recall": 0.96,
        "countries F1": 0.95,
        "editions exact": 0.94,
        "sectors precision": 0.90,
        "sectors recall": 0.95,
    },
    "dev": {
        "clustering precision": 0.97,
        "clustering recall": 0.97,
        "countries F1": 0.93,
        "editions exact": 0.95,
        "sectors precision": 0.84,
        "sectors recall": 0.95,
    },
    "regional": {
        "clustering precision": 0.82,
        "clustering recall": 0.96,
        "countries F1": 0.92,
        "editions exact": 0.93,
        "sectors precision": 0.86,
        "sectors recall": 0.95,
    },
    "beats": {
        "clustering precision": 0.89,
        "clustering recall": 0.94,
        "countries F1": 0.94,
        "editions exact": 0.95,
        "sectors precision": 0.87,
        "sectors recall": 0.95,
    },
    "national": {
        "clustering precision": 0.72,
        "clustering recall": 0.91,
        "countries F1": 0.89,
        "editions exact": 0.90,
        "sectors precision": 0.87,
        "sectors recall": 0.96,
    },
    "seasons": {
        "clustering precision": 0.94,
        "clustering recall": 0.96,
        "countries F1": 0.93,
        "editions exact": 0.94,
        "sectors precision": 0.89,
        "sectors recall": 0.96,
    },
    "houses": {
        "clustering precision": 0.82,
        "clustering recall": 0.92,
        "countries F1": 0.91,
        "editions exact": 0.92,
        "sectors precision": 0.89,
        "sectors recall": 0.95,
    },
    "boundaries": {
        "clustering precision": 0.79,
        "clustering recall": 0.94,
        "countries F1": 0.92,
        "editions exact": 0.94,
        "sectors precision": 0.91,
        "sectors recall": 0.96,
    },
    "reports": {
        "clustering precision": 0.82,
        "clustering recall": 0.92,
        "countries F1": 0.92,
        "editions exact": 0.93,
        "sectors precision": 0.88,
        "sectors recall": 0.96,
    },
    "replica": {
        "clustering precision": 0.79,
        "clustering recall": 0.92,
        "countries F1": 0.91,
        "editions exact": 0.92,
        "sectors precision": 0.90,
        "sectors recall": 0.96,
    },
    "desks": {
        "clustering precision": 0.74,
        "clustering recall": 0.90,
        "countries F1": 0.91,
        "editions exact": 0.90,
        "sectors precision": 0.88,
        "sectors recall": 0.95,
    },
    "test": {
        "clustering precision": 0.97,
        "clustering recall": 0.94,
        "countries F1": 0.91,
        "editions exact": 0.92,
        "sectors precision": 0.78,
        "sectors recall": 0.75,
    },
}


@pytest.mark.parametrize("part", evaluate.PARTS)
def test_the_desk_reaches_its_floors_on_each_part(db, part):
    if not evaluate.part_path(part).exists():
        pytest.skip(f"the {part} part is not written yet")
    figures = evaluate.evaluate(evaluate.load_part(part))
    print("\n" + evaluate.table(figures, title=part))
    measured = evaluate.goal_figures(figures)
    below = {
        name: (round(value, 3), FLOORS[part][name])
        for name, value in measured.items()
        if value < FLOORS[part][name]
    }
    assert not below, f"{part}: below the floor (measured, floor): {below}"


# The tags an item is stored with (readings.tags, which runs the tagging module), computed in a
# fresh interpreter: tie-breaks must not depend on the order Python iterates a set of strings.
TAGGER = """
import json, sys
from dateline.taxonomy.defaults import EDITIONS, SECTORS, country_codes
from dateline.wire import readings
# The taxonomy a fresh install stores (taxonomy/migrations), without a database.
vocabulary = readings.Vocabulary(
    country_codes(),
    frozenset(slug for slug, _ in SECTORS),
    {code: slug for slug, _, members in EDITIONS for code in members},
)
tags = []
for item in json.load(sys.stdin):
    countries, sectors, country_scores, edition_scores = readings.tags(
        item["headline"], item["text"], item["dateline_place"], item["subjects"], vocabulary
    )
    tags.append([sorted(countries), sorted(sectors), country_scores, edition_scores])
print(json.dumps(tags, sort_keys=True))
"""


def tagger_inputs():
    items = evaluate.load_part("labelled")
    for part in ("tuning", "dev"):
        if evaluate.part_path(part).exists():
            items += evaluate.load_part(part)
    return [
        {
            "headline": item["headline"],
            "text": plain_text(evaluate.body_html(evaluate.paragraphs(item))),
            "dateline_place": item["dateline"],
            "subjects": [
                {"scheme": "medtop", "code": evaluate.medtop_code(code)}
                for code in item["subjects"]
            ],
        }
        for item in items
    ]


def test_an_item_gets_the_same_tags_whatever_the_hash_seed():
    inputs = json.dumps(tagger_inputs())
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", TAGGER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=os.environ
            | {"PYTHONHASHSEED": seed, "DJANGO_SETTINGS_MODULE": "dateline.settings.test"},
        )
        for seed in ("1", "2")
    ]
    outputs = [run.communicate(inputs)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    first, second = (json.loads(output) for output in outputs)
    assert len(first) == len(json.loads(inputs))
    differing = [index for index, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
    assert not differing, f"tags differ between hash seeds for items {differing[:10]}"
