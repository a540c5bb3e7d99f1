import pytest
from django.core.cache import caches

from dateline.core import page_cache
from dateline.fronts.setup import ensure_site


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with cold caches, as after a deploy."""
    for alias in ("default", "pages", "fragments"):
        caches[alias].clear()
    page_cache._local.update(checked_at=0.0, purges_seen=None)
    yield
    for alias in ("default", "pages", "fragments"):
        caches[alias].clear()


@pytest.fixture
def home(db):
    return ensure_site()
