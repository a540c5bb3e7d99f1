"""The assistant's backends: offline (the default) and any OpenAI-compatible chat endpoint.

One small interface: a backend has a `name` and a `model`, and `ask_json` asks the configured one
for a JSON object built from a prompt file and variables. The offline backend answers from the
story's own text (extractive.py) and never fails. The HTTP backend posts to
`{base_url}/chat/completions`, the protocol hosted services, Ollama, llama.cpp's llama-server and
vLLM all speak, over the standard library: no vendor SDK. Whatever goes wrong with a model (no
connection, a timeout, an error status, text that is not JSON, JSON of the wrong shape, a refusal,
the editor's rate limit) the editor gets a message saying so and the offline result.
"""

import json
import logging
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from string import Template

from django.conf import settings

from dateline.core.ratelimit import count_in_window

logger = logging.getLogger(__name__)

PROMPTS = Path(__file__).resolve().parent / "prompts"
OFFLINE = "offline"
OPENAI_COMPATIBLE = "openai"
RATE_WINDOW_SECONDS = 600
# A chat completion is a few kilobytes; anything far larger is not an answer to our prompt.
MAX_RESPONSE_BYTES = 1_000_000
PROMPT_NAME = re.compile(r"^[a-z_]+$")


class ModelError(Exception):
    """The model gave no usable answer; the text is for the editor."""


@dataclass(frozen=True)
class Prompt:
    name: str
    version: int
    system: str
    user: Template


@dataclass
class Answer:
    """What a backend answered, and who answered it: recorded when the editor accepts it."""

    data: dict
    backend: str
    model: str = ""
    prompt: str = ""
    prompt_version: int | None = None
    messages: list = field(default_factory=list)

    @property
    def from_model(self):
        return self.backend != OFFLINE


@lru_cache(maxsize=32)
def load_prompt(name):
    """A prompt file of prompts/: a `version: N` line, then `=== system` and `=== user`
    sections; the user section's $names are filled from the variables."""
    if not PROMPT_NAME.match(name):
        raise ValueError(f"not a prompt name: {name!r}")
    text = (PROMPTS / f"{name}.txt").read_text(encoding="utf-8")
    header, _, rest = text.partition("=== system\n")
    system, _, user = rest.partition("=== user\n")
    version = re.search(r"^version:\s*(\d+)\s*$", header, re.MULTILINE)
    if not version or not system.strip() or not user.strip():
        raise ValueError(f"prompt {name} needs a version line, a system and a user section")
    return Prompt(name, int(version.group(1)), system.strip(), Template(user.strip()))


@dataclass(frozen=True)
class OfflineBackend:
    name: str = OFFLINE
    model: str = ""


@dataclass(frozen=True)
class OpenAICompatibleBackend:
    base_url: str
    model: str
    api_key: str = ""
    timeout: float = 20.0
    max_tokens: int = 800
    name: str = OPENAI_COMPATIBLE

    def request_body(self, prompt, variables, images=()):
        """The chat request; `images` (data: URLs) go with the user's text as image parts, the
        form every OpenAI-compatible server with a vision model reads."""
        text = prompt.user.safe_substitute(variables)
        content = text
        if images:
            content = [{"type": "text", "text": text}] + [
                {"type": "image_url", "image_url": {"url": url}} for url in images
            ]
        return {
            "model": self.model,
            "messages": [
                {"role": "system", "content": prompt.system},
                {"role": "user", "content": content},
            ],
            "max_tokens": self.max_tokens,
            "temperature": 0,
            "response_format": {"type": "json_object"},
        }

    def complete_json(self, prompt, variables, images=()):
        """The JSON object the model answers with; ModelError when there is none."""
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(
            self.base_url.rstrip("/") + "/chat/completions",
            data=json.dumps(self.request_body(prompt, variables, images)).encode(),
            headers=headers,
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read(MAX_RESPONSE_BYTES + 1)
        except urllib.error.HTTPError as error:
            raise ModelError(f"The model service answered with an error ({error.code}).") from error
        except TimeoutError as error:
            raise ModelError(
                f"The model did not answer within {self.timeout:g} seconds."
            ) from error
        except (urllib.error.URLError, OSError) as error:
            raise ModelError("The model service could not be reached.") from error
        if len(raw) > MAX_RESPONSE_BYTES:
            raise ModelError("The model's answer was too long to use.")
        return completion_json(raw)


def completion_json(raw):
    """The JSON object inside a chat completion's first choice."""
    try:
        choice = json.loads(raw)["choices"][0]
        message = choice["message"]
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise ModelError("The model service's answer was not a chat completion.") from error
    if not isinstance(message, dict):
        raise ModelError("The model service's answer was not a chat completion.")
    if message.get("refusal") or choice.get("finish_reason") == "content_filter":
        raise ModelError("The model declined to answer.")
    content = message.get("content") or ""
    if choice.get("finish_reason") == "length":
        raise ModelError("The model's answer was cut off before it was complete.")
    # Some local servers wrap JSON in a Markdown fence despite the response format.
    content = re.sub(r"^\s*```(?:json)?\s*|\s*```\s*$", "", content)
    try:
        data = json.loads(content)
    except ValueError as error:
        raise ModelError("The model's answer was not valid JSON.") from error
    if not isinstance(data, dict):
        raise ModelError("The model's answer was not a JSON object.")
    return data


def configured_backend():
    """The backend the settings name: `DATELINE_ASSISTANT_BACKEND` is "offline" (the default)
    or "openai" (any OpenAI-compatible endpoint at `DATELINE_ASSISTANT_BASE_URL`)."""
    if settings.DATELINE_ASSISTANT_BACKEND != OPENAI_COMPATIBLE:
        return OfflineBackend()
    return OpenAICompatibleBackend(
        base_url=settings.DATELINE_ASSISTANT_BASE_URL,
        model=settings.DATELINE_ASSISTANT_MODEL,
        api_key=settings.DATELINE_ASSISTANT_API_KEY,
        timeout=settings.DATELINE_ASSISTANT_TIMEOUT,
        max_tokens=settings.DATELINE_ASSISTANT_MAX_TOKENS,
    )


def allow_model_call(user):
    """Count one model call for this editor; False past DATELINE_ASSISTANT_RATE_LIMIT calls in
    ten minutes. In the shared cache (Redis in production), so every process counts alike."""
    who = getattr(user, "pk", None) or "anonymous"
    count = count_in_window(f"assistant:{who}", RATE_WINDOW_SECONDS)
    return count <= settings.DATELINE_ASSISTANT_RATE_LIMIT


def ask_json(prompt_name, variables, offline, check, user=None, images=()):
    """Ask the configured backend for a JSON object; an `Answer` whatever happens.

    `images` are data: URLs the model is shown with the prompt (for a model that can see).
    `offline()` gives the offline result (a dict) and `check(data)` the model's answer in the
    shape the caller needs, raising ValueError when it is not. The offline backend, and any
    failure of the model, give the offline result; a failure adds a message for the editor.
    """
    backend = configured_backend()
    if backend.name == OFFLINE:
        return Answer(offline(), OFFLINE)
    prompt = load_prompt(prompt_name)
    if not allow_model_call(user):
        reason = "You have asked the model often in the last few minutes."
    else:
        try:
            data = check(backend.complete_json(prompt, variables, images))
        except ModelError as error:
            reason = str(error)
        except ValueError as error:
            reason = f"The model's answer did not have the expected shape ({error})."
        else:
            return Answer(data, backend.name, backend.model, prompt.name, prompt.version)
        logger.warning("assistant model %s failed on %s: %s", backend.model, prompt_name, reason)
    return Answer(
        offline(),
        OFFLINE,
        messages=[f"{reason} These suggestions come from the offline assistant instead."],
    )
