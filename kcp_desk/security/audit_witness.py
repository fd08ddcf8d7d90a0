"""A workstation's witness of the audit chain's tail (SPEC A-4).

The database alone cannot prove that nobody cut entries off its end: a shorter chain is
still a valid chain. So every workstation keeps, outside the database (in its data
directory), the newest (seq, hash) it has written or verified. ``audit verify`` checks
the chain against every witness it is given and names the one that saw more.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import socket
from dataclasses import dataclass
from pathlib import Path

from kcp_desk.security.json_file import write_json_atomically


@dataclass(frozen=True)
class WitnessMark:
    seq: int
    entry_hash: str


@dataclass(frozen=True)
class Witness:
    """What one witness file says: the newest entry of which database it saw."""

    name: str
    database: str
    mark: WitnessMark


class WitnessError(Exception):
    """A witness file that cannot be read (the verify command says which)."""


def witness_path(folder: Path, database: str) -> Path:
    """One file per database; the name is opaque so paths and hosts are not spelled out."""
    key = hashlib.sha256(database.encode("utf-8")).hexdigest()[:20]
    return folder / f"audit-witness-{key}.json"


def read_witness(path: Path) -> Witness:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        mark = WitnessMark(int(data["seq"]), str(data["hash"]))
        database = str(data["database"])
        workstation = str(data.get("workstation", "?"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise WitnessError(
            f"{path}: not a readable audit witness ({exc.__class__.__name__})"
        ) from None
    if mark.seq < 1 or len(mark.entry_hash) != 64:
        raise WitnessError(f"{path}: not a readable audit witness")
    return Witness(f"{path.name} (workstation {workstation})", database, mark)


class LocalWitness:
    """This workstation's witness file for one database."""

    def __init__(self, folder: Path, database: str) -> None:
        self.path = witness_path(folder, database)
        self.database = database

    def current(self) -> Witness | None:
        if not self.path.exists():
            return None
        return read_witness(self.path)

    def advance(self, mark: WitnessMark) -> None:
        """Remember ``mark`` unless the file already holds a newer one (never goes back)."""
        with contextlib.suppress(WitnessError):
            known = self.current()
            if known is not None and known.mark.seq >= mark.seq:
                return
        body = {
            "format": 1,
            "database": self.database,
            "workstation": socket.gethostname(),
            "seq": mark.seq,
            "hash": mark.entry_hash,
            "updated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        write_json_atomically(self.path, body, prefix=".witness-")
