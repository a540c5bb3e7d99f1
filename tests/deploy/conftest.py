import importlib.util
import socket
import sys
from pathlib import Path

import pytest

DEPLOY_DIR = Path(__file__).resolve().parents[2] / "deploy"
EDGE_SCRIPT = DEPLOY_DIR.parent / "tools" / "edge.py"

# tools/edge.py, the launcher `make edge` and the bench use: the tests run the shipped nginx
# configuration the same way.
_spec = importlib.util.spec_from_file_location("dateline_edge", EDGE_SCRIPT)
edge = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = edge
_spec.loader.exec_module(edge)

# Where the shipped files expect the checkout; tests put their own directories in its place.
INSTALL_DIR = "/srv/dateline"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def deploy_dir():
    return DEPLOY_DIR
