"""How well the wire desk clusters and tags a labelled part, through the real pipeline.

    .venv/bin/python bench/wire_quality.py [--part PART] [--mistakes] [--json]

Creates a fresh test database (as the test runner does: SQLite in memory, or a `test_` copy of
the database DATABASE_URL names), pushes every item of the part to `/wire/push/<slug>/` at its
arrival time and runs the worker's wire job after each arrival (tests/wire/events/evaluate.py),
then prints the figures: clustering pairwise precision and recall (overall, per pair of agency
styles, and hard negatives wrongly joined), countries, editions and sectors. PART is one of
tests/wire/events/evaluate.PARTS, or `labelled`: the old tests/wire/labelled set converted with
made-up arrivals. `--mistakes` also lists every wrong tag and every pair wrongly split or joined;
`--json` prints the figures as JSON instead.
"""

import argparse
import json
import os
import sys
import time
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "dateline.settings.test"


def main():
    import django
    from django.apps import apps

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    from tests.wire.events import evaluate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", default="tuning", choices=[*evaluate.PARTS, "labelled"])
    parser.add_argument("--mistakes", action="store_true", help="list every wrong tag and pair")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args()

    if not evaluate.part_path(options.part).exists():
        sys.exit(f"{evaluate.part_path(options.part)} does not exist (yet).")
    items = evaluate.load_part(options.part)
    setup_test_environment()
    # Tables straight from the models, without replaying every migration (most of a minute
    # here): the pipeline needs only the schema and the default taxonomy, loaded as its data
    # migration does.
    connection.settings_dict["TEST"]["MIGRATE"] = False
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    import_module("dateline.taxonomy.migrations.0002_default_taxonomy").load_defaults(apps, None)
    import_module("dateline.taxonomy.migrations.0003_extra_countries").add_extra_countries(
        apps, None
    )
    try:
        started = time.perf_counter()
        figures, kept = evaluate.evaluate(items, with_outcome=True)
        seconds = time.perf_counter() - started
        if options.json:
            print(json.dumps(figures, indent=2))
        else:
            print(evaluate.table(figures, title=options.part))
            print(f"\n{len(items)} items pushed and processed in {seconds:.1f} s")
        if options.mistakes:
            print("\n".join(["", *evaluate.mistakes(items, kept)]))
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
