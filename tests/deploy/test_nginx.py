"""The shipped nginx locations, run by a real nginx: media and static files from disk, the rest
to the app."""

import http.client
import os
import pwd
import re
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .conftest import INSTALL_DIR, free_port

NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")

pytestmark = pytest.mark.skipif(
    NGINX is None, reason="nginx is not installed (Debian: nginx-light)"
)

IMAGE_BYTES = b"\xff\xd8\xff\xe0 a JPEG as uploaded \xff\xd9"


class AppStandIn(BaseHTTPRequestHandler):
    """Answers for granian: says which path it was asked for and what nginx told it."""

    def do_GET(self):
        body = (
            f"app:{self.path}|proto={self.headers['X-Forwarded-Proto']}"
            f"|for={self.headers['X-Forwarded-For']}"
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


def nginx_conf_dir():
    version = subprocess.run([NGINX, "-V"], capture_output=True, text=True).stderr
    return Path(re.search(r"--conf-path=(\S+)", version).group(1)).parent


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
def nginx_port(tmp_path, var_dir, app_port, deploy_dir):
    shipped = (deploy_dir / "nginx" / "dateline-locations.conf").read_text()
    assert f"{INSTALL_DIR}/var/" in shipped
    locations = tmp_path / "dateline-locations.conf"
    locations.write_text(shipped.replace(f"{INSTALL_DIR}/var/", f"{var_dir}/"))
    port = free_port()
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"""
# nginx's workers run as this test's user, who can read its temporary directory.
user {pwd.getpwuid(os.geteuid()).pw_name};
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{}}
http {{
    include {nginx_conf_dir()}/mime.types;
    access_log off;
    client_body_temp_path {tmp_path}/client_body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    upstream dateline_app {{ server 127.0.0.1:{app_port}; }}
    server {{
        listen 127.0.0.1:{port};
        include {locations};
    }}
}}
"""
    )
    nginx = subprocess.Popen(
        [NGINX, "-p", str(tmp_path), "-c", str(conf), "-g", "daemon off;"],
        stderr=subprocess.PIPE,
        text=True,
    )
    while True:
        if nginx.poll() is not None:
            pytest.fail(f"nginx exited: {nginx.stderr.read()}")
        try:
            http.client.HTTPConnection("127.0.0.1", port).connect()
            break
        except ConnectionRefusedError:
            continue
    yield port
    nginx.terminate()
    nginx.communicate()


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request("GET", path)
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
    assert body == b"app:/news/2026/a-story/?page=2|proto=http|for=127.0.0.1"
