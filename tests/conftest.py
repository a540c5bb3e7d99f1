import pytest
from django.core.cache import caches
from django.db import transaction

from dateline.core import page_cache
from dateline.fronts.models import HomePage
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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The site a fresh install sets up, built once: publishing its dozen pages in every test
    was most of the suite's time. Each test's transaction rolls back to it; a transactional
    test's flush does not, and its `home` builds the site again."""
    with django_db_blocker.unblock():
        ensure_site()


@pytest.fixture
def home(db):
    return HomePage.objects.first() or ensure_site()


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker):
    """One transaction around a module's tests, for module-scoped fixtures whose stories many
    tests only read: each test's own transaction is a savepoint inside it, so a test still
    undoes what it changes, and the module's rows go when its last test ends."""
    with django_db_blocker.unblock():
        module_atomic = transaction.atomic()
        module_atomic.__enter__()
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        module_atomic.__exit__(None, None, None)


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
