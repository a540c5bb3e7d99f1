"""In-process helper for bench/run.py: what to load, and how many queries a page costs.

Run with the same environment as the server (run.py sets it). Prints one JSON object:
the newest live article's URL, the hashed URL of the site stylesheet, the number of stories,
and for each page the queries of a cold and of a warm request. The shared cache is cleared first
so that "cold" really is cold; the SQL of the article's requests goes to bench/out/.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings.production")

import django  # noqa: E402

django.setup()

from django.contrib.staticfiles.storage import staticfiles_storage  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from dateline.newsroom.models import StoryPage  # noqa: E402


def newest_article_url():
    story = StoryPage.objects.live().order_by("-first_published_at").first()
    if story is None:
        raise SystemExit("probe: no live story; did load_demo run?")
    return story.get_url()


def count_queries(client, url):
    """Queries of one GET; fails loudly unless the page answers 200."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"probe: GET {url} answered {response.status_code}")
    return [query["sql"] for query in captured.captured_queries]


def main():
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "out"
    caches["default"].clear()
    caches["pages"].clear()
    article = newest_article_url()
    client = Client(HTTP_HOST="127.0.0.1")
    pages = {"article": article, "home": "/", "sector": "/sectors/health/"}
    queries = {}
    for name, url in pages.items():
        cold = count_queries(client, url)
        warm = count_queries(client, url)
        queries[name] = {"cold": len(cold), "warm": len(warm)}
        with open(out_dir / f"queries-{name}.txt", "w") as listing:
            for label, sql_list in (("cold", cold), ("warm", warm)):
                listing.write(f"# {label}: {len(sql_list)} queries for {url}\n")
                listing.writelines(f"{sql}\n" for sql in sql_list)
                listing.write("\n")
    print(
        json.dumps(
            {
                "article": article,
                "stylesheet": staticfiles_storage.url("css/site.css"),
                "stories": StoryPage.objects.count(),
                "live_stories": StoryPage.objects.live().count(),
                "queries": queries,
            }
        )
    )


if __name__ == "__main__":
    main()
