"""The shipped ways to run the web server keep serving when a granian worker process dies, as when
the kernel's OOM killer picks one."""

import http.client
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from .conftest import INSTALL_DIR, free_port

VENV_BIN = Path(sys.executable).parent


def procfile_web_command(deploy_dir):
    for line in (deploy_dir / "Procfile").read_text().splitlines():
        if line.startswith("web:"):
            return line.removeprefix("web:").strip()
    raise AssertionError("deploy/Procfile has no web process")


def systemd_web_command(deploy_dir):
    unit = (deploy_dir / "systemd" / "dateline-web.service").read_text()
    command = re.search(r"^ExecStart=(.+)$", unit, re.MULTILINE).group(1)
    return command.replace(f"{INSTALL_DIR}/.venv/bin/", f"{VENV_BIN}/")


def live_workers(pid):
    """granian's worker processes: its children running its own command line, not yet reaped."""
    command_line = Path(f"/proc/{pid}/cmdline").read_bytes()
    workers = set()
    for process in Path("/proc").glob("[0-9]*"):
        try:
            fields = (process / "stat").read_text().rsplit(")", 1)[1].split()
            is_worker = (process / "cmdline").read_bytes() == command_line
        except OSError:
            continue
        state, parent = fields[0], int(fields[1])
        if parent == pid and state != "Z" and is_worker:
            workers.add(int(process.name))
    return workers


def answers(port):
    connection = http.client.HTTPConnection("127.0.0.1", port)
    try:
        connection.request("GET", "/robots.txt")
        return connection.getresponse().status
    except OSError:
        return None
    finally:
        # An open keep-alive connection would hold a worker up when granian stops.
        connection.close()


def wait_for_workers(server, log, port, count, gone=frozenset()):
    """Wait until granian has `count` live workers, none of them in `gone`, and answers HTTP."""
    while True:
        if server.poll() is not None:
            pytest.fail(f"granian exited with {server.returncode}:\n{log.read_text()}")
        workers = live_workers(server.pid)
        if len(workers) == count and not workers & gone and answers(port):
            return workers
        time.sleep(0.1)


def stop(server):
    """SIGTERM to granian and its workers, then SIGKILL to whatever has not stopped."""
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


@pytest.mark.parametrize("shipped_command", [procfile_web_command, systemd_web_command])
def test_web_server_replaces_a_killed_worker_and_keeps_serving(
    shipped_command, deploy_dir, tmp_path
):
    port = free_port()
    env = {
        **os.environ,
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}",
        "PORT": str(port),
        "GRANIAN_PORT": str(port),
        "GRANIAN_HOST": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "dateline.settings.production",
        "DJANGO_SECRET_KEY": "dateline-deploy-test",
        "DATELINE_VAR_DIR": str(tmp_path),
    }
    log = tmp_path / "granian.log"
    with log.open("w") as log_file:
        server = subprocess.Popen(
            ["bash", "-c", f"exec {shipped_command(deploy_dir)}"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        workers = wait_for_workers(server, log, port, count=2)
        killed = min(workers)
        os.kill(killed, signal.SIGKILL)
        # granian starts a new worker in the dead one's place and goes on serving.
        wait_for_workers(server, log, port, count=2, gone={killed})
    finally:
        stop(server)


def test_shipped_commands_agree(deploy_dir):
    """The Procfile and the systemd unit start granian alike; fixing one alone fails here."""
    procfile = shlex.split(procfile_web_command(deploy_dir))
    systemd = shlex.split(systemd_web_command(deploy_dir))
    assert "--respawn-failed-workers" in procfile and "--respawn-failed-workers" in systemd
    assert procfile[-1] == systemd[-1] == "dateline.wsgi:application"
