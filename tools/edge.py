"""The shipped nginx edge (deploy/nginx/) run on loopback, for `make edge`, the tests and the bench.

`make edge` runs what a one-machine production install runs: granian and the worker from their
lines in deploy/Procfile, and nginx in front of them with the shipped edge configuration, whose
paths and ports are replaced by this machine's. The app purges this edge on publish
(DATELINE_EDGE_PURGE_URL). Ctrl-C stops all three.

From code (tests/deploy, bench/): `start_edge(...)` renders the configuration into a directory and
runs nginx on it, `stop(process)` ends it, `edge_unavailable()` says why it cannot run here.
"""

import argparse
import contextlib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "deploy" / "nginx"

# Where the shipped files expect things on a server; rendering puts this machine's in their place.
SHIPPED_STATIC = "/srv/dateline/var/static/"
SHIPPED_MEDIA = "/srv/dateline/var/media/"
SHIPPED_CACHE = "/var/cache/dateline-edge"
SHIPPED_SNIPPETS = "/etc/nginx/snippets/"

# Debian builds these as dynamic modules (libnginx-mod-http-cache-purge, …-brotli-filter). A
# server loads them through /etc/nginx/modules-enabled/, which Debian's nginx.conf includes; the
# edge here runs its own nginx.conf, so it loads them itself. Brotli is optional.
PURGE_MODULE = "ngx_http_cache_purge_module.so"
BROTLI_MODULE = "ngx_http_brotli_filter_module.so"


def nginx_binary():
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def build_paths(nginx):
    """The paths nginx was built with, from `nginx -V`: {"conf-path": …, "modules-path": …}."""
    version = subprocess.run([nginx, "-V"], capture_output=True, text=True).stderr
    return dict(re.findall(r"--(prefix|conf-path|modules-path)=(\S+)", version))


def modules_dir(nginx):
    """Where this nginx looks for dynamic modules: its --modules-path, else <prefix>/modules."""
    paths = build_paths(nginx)
    if "modules-path" in paths:
        return Path(paths["modules-path"])
    return Path(paths.get("prefix", "/usr/local/nginx")) / "modules"


def edge_unavailable():
    """Why the edge cannot run on this machine, or None when it can."""
    nginx = nginx_binary()
    if nginx is None:
        return "nginx is not installed (Debian: nginx-light)"
    if not (modules_dir(nginx) / PURGE_MODULE).exists():
        return "nginx's cache purge module is not installed (Debian: libnginx-mod-http-cache-purge)"
    return None


def shipped(name, replacements):
    """A shipped file with each of its server paths replaced; a path it no longer contains is an
    error, so the shipped files and this launcher cannot drift apart unnoticed."""
    text = (SHIPPED / name).read_text()
    for old, new in replacements.items():
        if old not in text:
            raise ValueError(f"deploy/nginx/{name} no longer contains {old}")
        text = text.replace(old, new)
    return text


def render(directory, *, port, app_addresses, static_root, media_root, workers=1, keepalive=32):
    """Write nginx.conf and the shipped files, with this machine's paths, into `directory`.

    `app_addresses` are the app servers ("127.0.0.1:8000"), `workers` nginx's worker_processes
    ("auto" for a benchmark), `keepalive` the idle connections each worker keeps to the app (as
    deploy/nginx/dateline.conf does; 0 for none). Returns the path of nginx.conf.
    """
    nginx = nginx_binary()
    directory = Path(directory).resolve()
    directory.mkdir(parents=True, exist_ok=True)
    modules = modules_dir(nginx)
    snippets = f"{directory}/"
    (directory / "dateline-cache.conf").write_text(
        shipped("dateline-cache.conf", {SHIPPED_CACHE: str(directory / "cache")})
    )
    (directory / "dateline-locations.conf").write_text(
        shipped(
            "dateline-locations.conf",
            {
                SHIPPED_STATIC: f"{Path(static_root).resolve()}/",
                SHIPPED_MEDIA: f"{Path(media_root).resolve()}/",
                SHIPPED_SNIPPETS: snippets,
            },
        )
    )
    load_modules = [f"load_module {modules / PURGE_MODULE};"]
    if (modules / BROTLI_MODULE).exists():
        # As on a server: the brotli snippet is there only when its module is.
        load_modules.append(f"load_module {modules / BROTLI_MODULE};")
        shutil.copy(SHIPPED / "dateline-brotli.conf", directory / "dateline-brotli.conf")
    upstream = [f"server {address};" for address in app_addresses]
    if keepalive:
        upstream.append(f"keepalive {keepalive};")
    # As root, nginx's workers would otherwise run as nobody, who cannot read this directory.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    conf_dir = Path(build_paths(nginx).get("conf-path", "/etc/nginx/nginx.conf")).parent
    conf = directory / "nginx.conf"
    conf.write_text(
        f"""{chr(10).join(load_modules)}
{user}
worker_processes {workers};
pid {directory}/nginx.pid;
error_log {directory}/error.log;
events {{
    worker_connections 1024;
}}
http {{
    include {conf_dir}/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {directory}/client_body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
    include {directory}/dateline-cache.conf;
    upstream dateline_app {{
        {" ".join(upstream)}
    }}
    server {{
        listen 127.0.0.1:{port};
        include {directory}/dateline-locations.conf;
    }}
}}
"""
    )
    return conf


def wait_for_port(port, process, name):
    """Return once something accepts connections on the port; fail if the process exits first."""
    while True:
        if process.poll() is not None:
            output = process.stderr.read() if process.stderr else ""
            raise RuntimeError(f"{name} exited with status {process.returncode}: {output}")
        try:
            socket.create_connection(("127.0.0.1", port)).close()
            return
        except ConnectionRefusedError:
            time.sleep(0.01)


def start_edge(directory, *, port, app_addresses, static_root, media_root, workers=1, keepalive=32):
    """Render the edge into `directory` and run nginx on 127.0.0.1:port; returns its process once
    it answers. `stop(process)` ends it."""
    conf = render(
        directory,
        port=port,
        app_addresses=app_addresses,
        static_root=static_root,
        media_root=media_root,
        workers=workers,
        keepalive=keepalive,
    )
    process = subprocess.Popen(
        [nginx_binary(), "-p", str(conf.parent), "-c", str(conf), "-g", "daemon off;"],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    wait_for_port(port, process, "nginx")
    return process


def stop(process):
    """End a process started here and everything in its session (granian's workers too)."""
    # It may exit between the look and the signal.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    if process.stderr:
        process.stderr.close()


def procfile():
    """The shipped processes: {name: command} from deploy/Procfile."""
    commands = {}
    for line in (ROOT / "deploy" / "Procfile").read_text().splitlines():
        name, separator, command = line.partition(":")
        if separator and not line.startswith("#") and name.isidentifier():
            commands[name] = command.strip()
    return commands


def django_paths():
    """VAR_DIR, STATIC_ROOT and MEDIA_ROOT of the settings in DJANGO_SETTINGS_MODULE."""
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    django.setup()
    return Path(settings.VAR_DIR), settings.STATIC_ROOT, settings.MEDIA_ROOT


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8080, help="the edge's port (8080)")
    parser.add_argument("--app-port", type=int, default=8000, help="granian's port (8000)")
    args = parser.parse_args(argv)
    if reason := edge_unavailable():
        print(f"make edge: {reason}", file=sys.stderr)
        return 2
    var_dir, static_root, media_root = django_paths()
    directory = var_dir / "edge"
    # Pages cached by an earlier run may come from another database.
    shutil.rmtree(directory / "cache", ignore_errors=True)

    # Ctrl-C, a closed terminal or a supervisor's stop: each stops what it started. (SIGINT too,
    # as a shell may start a background job with it ignored.)
    for stop_signal in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop_signal, _interrupt)
    env = dict(os.environ)
    # The Procfile's `python` and `granian` are this virtualenv's.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PORT"] = str(args.app_port)
    env["DATELINE_EDGE_PURGE_URL"] = f"http://127.0.0.1:{args.port}"
    # Client addresses (rate limits, the login lockout) come from nginx's X-Forwarded-For.
    env.setdefault("DATELINE_TRUSTED_PROXIES", "1")
    processes = {}
    try:
        # The edge first, so that the app's first purges find it.
        processes["edge"] = start_edge(
            directory,
            port=args.port,
            app_addresses=[f"127.0.0.1:{args.app_port}"],
            static_root=static_root,
            media_root=media_root,
            workers="auto",
        )
        for name, command in procfile().items():
            processes[name] = subprocess.Popen(
                ["bash", "-c", f"exec {command}"], cwd=ROOT, env=env, start_new_session=True
            )
        wait_for_port(args.app_port, processes["web"], "granian")
        print(
            f"Dateline is at http://127.0.0.1:{args.port}/ through the nginx edge (X-Cache-Status "
            f"says HIT or MISS); the app itself at http://127.0.0.1:{args.app_port}/. "
            "Ctrl-C stops it.",
            flush=True,
        )
        while all(process.poll() is None for process in processes.values()):
            time.sleep(0.2)
        exited = ", ".join(
            name for name, process in processes.items() if process.poll() is not None
        )
        print(f"make edge: {exited} exited; stopping the rest", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        for process in reversed(processes.values()):
            stop(process)


if __name__ == "__main__":
    sys.exit(main())
