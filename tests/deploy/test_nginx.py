"""The shipped nginx locations, run by a real nginx: media and static files from disk, the rest
to the app with the reader's edition. (The edge cache itself, in front of the real app, is
tested in test_edge.py.)"""

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from .conftest import edge, free_port

UNAVAILABLE = edge.edge_unavailable()

pytestmark = pytest.mark.skipif(UNAVAILABLE is not None, reason=str(UNAVAILABLE))

IMAGE_BYTES = b"\xff\xd8\xff\xe0 a JPEG as uploaded \xff\xd9"


class AppStandIn(BaseHTTPRequestHandler):
    """Answers for granian: says which path it was asked for and what nginx told it. Its answers
    carry no Cache-Control, so the edge keeps none of them."""

    def do_GET(self):
        body = (
            f"app:{self.path}|proto={self.headers['X-Forwarded-Proto']}"
            f"|for={self.headers['X-Forwarded-For']}"
            f"|edition={self.headers['Dateline-Edition']}"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@pytest.fixture
def app_port():
    server = ThreadingHTTPServer(("127.0.0.1", 0), AppStandIn)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture
def var_dir(tmp_path):
    var = tmp_path / "var"
    (var / "media" / "original_images").mkdir(parents=True)
    (var / "media" / "original_images" / "flood.jpg").write_bytes(IMAGE_BYTES)
    (var / "static" / "css").mkdir(parents=True)
    (var / "static" / "css" / "site.css").write_text("body { margin: 0 }\n")
    # Beside the media directory, where a path escaping it would land.
    (var / "secret.txt").write_text("not for readers")
    return var


@pytest.fixture
def nginx_port(tmp_path, var_dir, app_port):
    port = free_port()
    nginx = edge.start_edge(
        tmp_path / "edge",
        port=port,
        app_addresses=[f"127.0.0.1:{app_port}"],
        static_root=var_dir / "static",
        media_root=var_dir / "media",
    )
    yield port
    edge.stop(nginx)


def get(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read()


def test_uploaded_image_is_served_by_nginx(nginx_port):
    status, headers, body = get(nginx_port, "/media/original_images/flood.jpg")
    assert status == 200
    assert body == IMAGE_BYTES
    assert headers["Content-Type"] == "image/jpeg"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in headers["Content-Security-Policy"]


def test_missing_media_is_nginx_404_not_an_app_request(nginx_port):
    status, _, body = get(nginx_port, "/media/original_images/missing.jpg")
    assert status == 404
    assert b"app:" not in body


def test_media_cannot_reach_files_beside_it(nginx_port):
    for path in ("/media/../secret.txt", "/media/..%2fsecret.txt", "/media/%2e%2e/secret.txt"):
        _, _, body = get(nginx_port, path)
        assert b"not for readers" not in body, path


def test_static_file_is_served_by_nginx(nginx_port):
    status, _, body = get(nginx_port, "/static/css/site.css")
    assert status == 200
    assert body == b"body { margin: 0 }\n"


def test_pages_go_to_the_app_with_the_client_and_scheme(nginx_port):
    status, _, body = get(nginx_port, "/news/2026/a-story/?page=2")
    assert status == 200
    assert body == b"app:/news/2026/a-story/?page=2|proto=http|for=127.0.0.1|edition=none"


def test_the_app_hears_the_edition_the_edge_keys_on(nginx_port):
    """The edition comes from the cookie alone: a client's own Dateline-Edition header is
    replaced, and a cookie that is no edition slug counts as none, so neither can put a page
    under another edition's key."""
    cases = [
        ({"Cookie": "edition=east-africa"}, b"edition=east-africa"),
        ({"Cookie": "edition=east-africa", "Dateline-Edition": "pacific"}, b"edition=east-africa"),
        ({"Dateline-Edition": "pacific"}, b"edition=none"),
        ({"Cookie": "edition=../Global%20x"}, b"edition=none"),
        ({"Cookie": "edition=" + "a" * 65}, b"edition=none"),
    ]
    for headers, expected in cases:
        _, _, body = get(nginx_port, "/", headers)
        assert body.endswith(expected), headers
