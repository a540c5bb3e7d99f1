from pathlib import Path

import pytest

CORPORA = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora"
SCHEMAS = CORPORA / "schemas"


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
