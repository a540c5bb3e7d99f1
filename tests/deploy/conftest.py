import socket
from pathlib import Path

import pytest

DEPLOY_DIR = Path(__file__).resolve().parents[2] / "deploy"
# Where the shipped files expect the checkout; tests put their own directories in its place.
INSTALL_DIR = "/srv/dateline"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def deploy_dir():
    return DEPLOY_DIR
