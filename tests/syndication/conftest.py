import json
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CORPORA = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora"
SCHEMAS = CORPORA / "schemas"
NINJS_SCHEMA = SCHEMAS / "ninjs" / "ninjs-schema_2.2.json"


@pytest.fixture(scope="session")
def sitemap_schemas():
    """lxml XSD validators for sitemap files and sitemap indexes (with Google's extensions)."""
    sitemaps = SCHEMAS / "sitemaps"
    if not (sitemaps / "combined-urlset.xsd").exists():
        pytest.skip("../shared/corpora/schemas is not here")
    etree = pytest.importorskip("lxml.etree")
    return {
        "urlset": etree.XMLSchema(etree.parse(str(sitemaps / "combined-urlset.xsd"))),
        "sitemapindex": etree.XMLSchema(etree.parse(str(sitemaps / "combined-index.xsd"))),
    }


@pytest.fixture(scope="session")
def atom_schema():
    rng = SCHEMAS / "atom" / "atom.rng"
    if not rng.exists():
        pytest.skip("../shared/corpora/schemas is not here")
    etree = pytest.importorskip("lxml.etree")
    return etree.RelaxNG(etree.parse(str(rng)))


@pytest.fixture(scope="session")
def ninjs_validator():
    if not NINJS_SCHEMA.exists():
        pytest.skip("../shared/corpora/schemas/ninjs is not here")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(NINJS_SCHEMA.read_text())
    # jsonschema only checks formats it has a checker for; these two are what ninjs uses.
    formats = jsonschema.FormatChecker()
    formats.checks("date-time", raises=ValueError)(
        lambda value: datetime.fromisoformat(value).tzinfo is not None
    )
    formats.checks("uri")(lambda value: bool(urlsplit(value).scheme))
    validator_class = jsonschema.validators.validator_for(schema)
    return validator_class(schema, format_checker=formats)


@pytest.fixture
def key(home):
    """A content API key with the default limit."""
    from dateline.syndication.models import issue_api_key

    return issue_api_key("API tests")[1]
