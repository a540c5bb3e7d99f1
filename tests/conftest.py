import pytest
from django.core.cache import caches

from dateline.core import page_cache
from dateline.fronts.setup import ensure_site
from tests.assistant.fake_model import FakeModel


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


@pytest.fixture
def fake_model(settings):
    """The assistant configured to use a local OpenAI-compatible server."""
    with FakeModel() as model:
        settings.DATELINE_ASSISTANT_BACKEND = "openai"
        settings.DATELINE_ASSISTANT_BASE_URL = model.base_url
        settings.DATELINE_ASSISTANT_MODEL = "test-model"
        settings.DATELINE_ASSISTANT_API_KEY = "test-key"
        settings.DATELINE_ASSISTANT_TIMEOUT = 0.5
        yield model
