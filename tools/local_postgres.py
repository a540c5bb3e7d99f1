"""PostgreSQL clusters of our own on this machine, for the replica tests and the soak bench.

PostgreSQL's server tools refuse to run as root; as root, they run as the postgres user, who must
own the cluster's files.
"""

import os
import pwd
import shutil
from pathlib import Path


def postgres_tool(name, configured_dir=None):
    """A server tool (initdb, pg_ctl, …): from `configured_dir`, the PATH, or the newest of
    Debian's versioned directories; None when there is none."""
    if configured_dir:
        return str(Path(configured_dir) / name)
    if found := shutil.which(name):
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    return str(versions[-1] / name) if versions and (versions[-1] / name).exists() else None


def as_postgres(command):
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def give_to_postgres(path):
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        os.chown(path, account.pw_uid, account.pw_gid)
