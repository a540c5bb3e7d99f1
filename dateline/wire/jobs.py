"""The wire desk's periodic job, run by the worker on every tick."""

from .clustering import cluster_new_items
from .pull import poll_due_sources
from .stories import publish_raw_wire


def run_wire_desk():
    """Fetch what is due, cluster what arrived (pushed or pulled), publish trusted raw wire."""
    poll_due_sources()
    while cluster_new_items():
        pass
    publish_raw_wire()
