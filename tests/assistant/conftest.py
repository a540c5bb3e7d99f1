import pytest

from tests.assistant.fake_model import FakeModel


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
