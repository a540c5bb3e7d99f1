"""Telling the caches in front of Dateline (the shipped nginx edge, a CDN) that pages changed.

Purges go through Wagtail's frontend cache (`WAGTAILFRONTENDCACHE`), in the background task
queue, so a publish never waits on a cache that is slow or down. Two things are Dateline's own:

- **Edition variants.** The shipped edge keys each page on the reader's edition as well as its
  URL, and ngx_cache_purge removes exact keys only; `EditionVariantsPurgeBackend` therefore sends
  one PURGE per edition (and one for readers who chose none), on one kept-alive connection.
- **Order.** The edge must not refetch a page from a process that still holds the old copy in its
  own memory: the purge waits until every process has had its turn to read the announcement
  (`page_cache.GENERATION_CHECK_SECONDS`) before it asks the edge to refetch.
"""

import http.client
import logging
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.module_loading import import_string
from django_tasks import task
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.models import Site

from .page_cache import GENERATION_CHECK_SECONDS

logger = logging.getLogger(__name__)

# The cookie value the edge uses for readers who chose no edition (deploy/nginx).
NO_EDITION = "none"


class EditionVariantsPurgeBackend(HTTPBackend):
    """PURGE each URL once per edition variant, as the shipped edge keys them."""

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        variants = [NO_EDITION, *import_string(settings.DATELINE_EDITION_SLUGS)()]
        connection_class = (
            http.client.HTTPSConnection
            if self.cache_scheme == "https"
            else http.client.HTTPConnection
        )
        connection = connection_class(self.cache_netloc, timeout=10)
        try:
            for url in urls:
                parts = urlsplit(url)
                target = parts.path + (f"?{parts.query}" if parts.query else "")
                for variant in variants:
                    self._send(connection, target, parts.netloc, variant, url)
        except OSError as error:
            logger.error("Couldn't purge from the edge at %s: %s", self.cache_netloc, error)
        finally:
            connection.close()

    def _send(self, connection, target, host, variant, url):
        connection.request(
            "PURGE",
            target,
            headers={"Host": host, "Cookie": f"{settings.DATELINE_EDITION_COOKIE}={variant}"},
        )
        response = connection.getresponse()
        response.read()
        # 404: that variant was not cached, which is fine.
        if response.status not in (200, 404):
            logger.error("The edge refused to purge %s (%s): %s", url, variant, response.status)


def site_urls(paths):
    """Absolute URLs of the default site for these paths, as readers request them."""
    site = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
    if site is None:
        return []
    return [site.root_url + path for path in paths]


@task()
def purge_edge(urls, announced_at):
    wait = announced_at + GENERATION_CHECK_SECONDS - time.time()
    if wait > 0:
        time.sleep(min(wait, GENERATION_CHECK_SECONDS))
    purge_urls_from_cache_task.call(urls)


def schedule_edge_purge(paths):
    """Queue the purge of these paths at every configured frontend cache."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None) or not paths:
        return
    # In the order given: the changed story's own page first, readers are waiting on it.
    urls = site_urls(list(dict.fromkeys(paths)))
    if urls:
        purge_edge.enqueue(urls, time.time())
