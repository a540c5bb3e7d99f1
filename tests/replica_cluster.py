"""A PostgreSQL primary and a streaming standby of the test's own, on free loopback ports.

The standby is a real one (`pg_basebackup -R`): it replays the primary's WAL as it arrives, and a
test can pause that replay to make the standby lag as long as it likes.
"""

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

from tools.local_postgres import as_postgres, give_to_postgres, postgres_tool

DATABASE_NAME = "dateline"
REPLAY_POLL_SECONDS = 0.05


def has_postgres_tools():
    return all(postgres_tool(name) for name in ("initdb", "pg_ctl", "pg_basebackup"))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_tool(*command):
    subprocess.run(as_postgres(list(command)), check=True, capture_output=True)


class Cluster:
    """One PostgreSQL server: its data directory and the loopback port it serves on."""

    def __init__(self, data, port):
        self.data = data
        self.port = port
        self.url = f"postgres://postgres@127.0.0.1:{port}/{DATABASE_NAME}"

    def configure(self, settings):
        # Later lines win, so these override what a copied configuration file said; the socket
        # goes into the cluster's directory, away from the machine's own server.
        lines = {
            "port": str(self.port),
            "listen_addresses": "'127.0.0.1'",
            "unix_socket_directories": f"'{self.data}'",
            **settings,
        }
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.writelines(f"{name} = {value}\n" for name, value in lines.items())

    def pg_ctl(self, *args):
        log = self.data.parent / f"{self.data.name}.log"
        run_tool(postgres_tool("pg_ctl"), "-D", str(self.data), "-l", str(log), *args)

    def start(self):
        self.pg_ctl("start", "-w")

    def stop(self):
        self.pg_ctl("stop", "-m", "fast", "-w")

    def connect(self, database=DATABASE_NAME):
        return psycopg.connect(
            f"postgres://postgres@127.0.0.1:{self.port}/{database}", autocommit=True
        )

    def query(self, sql, *params):
        with self.connect() as conn:
            return conn.execute(sql, params).fetchone()[0]


class ReplicatedPair:
    """A primary with an empty `dateline` database, and (once `add_standby` ran) its standby."""

    def __init__(self):
        self.base = Path(tempfile.mkdtemp(prefix="dateline-replicas-"))
        give_to_postgres(self.base)
        self.primary = Cluster(self.base / "primary", free_port())
        self.standby = None
        initdb = [postgres_tool("initdb"), "-D", str(self.primary.data), "-U", "postgres"]
        run_tool(*initdb, "--auth=trust", "-E", "UTF8", "--no-locale", "--wal-segsize=1")
        # fsync off: nothing here needs to survive a crash of the machine, and migrating is
        # several times faster without it.
        self.primary.configure({"wal_level": "replica", "max_wal_senders": "4", "fsync": "off"})
        with (self.primary.data / "pg_hba.conf").open("a") as hba:
            hba.write("host replication postgres 127.0.0.1/32 trust\n")
        self.primary.start()
        with self.primary.connect("postgres") as conn:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')

    def add_standby(self):
        """A standby copied from the primary as it is now, streaming from it from then on."""
        self.standby = Cluster(self.base / "standby", free_port())
        run_tool(
            postgres_tool("pg_basebackup"),
            *("-h", "127.0.0.1", "-p", str(self.primary.port), "-U", "postgres"),
            *("-D", str(self.standby.data), "-R", "--checkpoint=fast", "--wal-method=stream"),
        )
        self.standby.configure({"hot_standby": "on"})
        self.standby.start()

    def pause_replay(self):
        self.standby.query("SELECT pg_wal_replay_pause()")

    def resume_replay(self):
        """Let the standby replay again and wait until it has caught up with the primary."""
        self.standby.query("SELECT pg_wal_replay_resume()")
        target = self.primary.query("SELECT pg_current_wal_lsn()::text")
        while not self.standby.query("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", target):
            time.sleep(REPLAY_POLL_SECONDS)

    def destroy(self):
        for cluster in (self.standby, self.primary):
            if cluster and (cluster.data / "postmaster.pid").exists():
                cluster.pg_ctl("stop", "-m", "immediate", "-w")
        shutil.rmtree(self.base, ignore_errors=True)
