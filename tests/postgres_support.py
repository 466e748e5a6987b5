"""A throwaway PostgreSQL cluster for the tests (not a test module): Debian's PostgreSQL,
started in a temporary folder on a free loopback port and stopped afterwards.

`initdb` refuses to run as root, and CI runs as root, so there the server runs as the
`postgres` user, in a folder of its own under /tmp (pytest's own folders are root's alone).
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg


def _newest_server() -> Path | None:
    """The bin folder of the newest PostgreSQL that Debian's packages installed (15 on these
    machines; whichever `apt-get install postgresql` brings elsewhere), if any."""
    found = sorted(
        (initdb.parent for initdb in Path("/usr/lib/postgresql").glob("*/bin/initdb")),
        key=lambda folder: int(folder.parent.name) if folder.parent.name.isdigit() else 0,
    )
    return found[-1] if found else None


PG_BIN = _newest_server()
SERVER_SETTINGS = (
    "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
    " -c full_page_writes=off -c max_connections=200"
)
"""Fast and disposable: nothing the tests write needs to survive a crash of the machine."""
_numbers = itertools.count()


def missing_reason() -> str | None:
    """Why no cluster can be started here, or None when one can."""
    if PG_BIN is None:
        return "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root, and there is no postgres user to run initdb as"
    return None


@dataclass(frozen=True)
class Cluster:
    port: int

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """The URL of a fresh, empty database of its own."""
        name = f"test_{os.getpid()}_{next(_numbers)}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def free_port() -> int:
    """A loopback port that nothing listens on (as long as nothing takes it next)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def running_cluster() -> Iterator[Cluster]:
    """A new cluster (trust authentication, user postgres) until the block ends."""
    folder = Path(tempfile.mkdtemp(prefix="propalens-pg-"))
    as_owner: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        as_owner = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", free_port()
    assert PG_BIN is not None, missing_reason()

    def run(*command: str) -> None:
        subprocess.run([*as_owner, *command], check=True, capture_output=True, cwd=folder)

    try:
        run(str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
            "-E", "UTF8", "--locale=C.UTF-8")  # fmt: skip
        run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-w",
            "-o", f"{SERVER_SETTINGS} -p {port} -k {folder}", "start")  # fmt: skip
        try:
            yield Cluster(port)
        finally:
            run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
