"""Command line: `kcp-desk [--demo]` opens the desk; `demo` and `audit verify` are tools."""

from __future__ import annotations

import argparse
import sys
import time

from kcp_desk.settings import Paths, Settings


def _database_url(arg: str | None) -> str:
    return arg or Settings.load(Paths.from_environment()).database_url


class TerminalProgress:
    """A one-line progress bar on stderr."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.start = time.perf_counter()
        self._last = 0.0

    def __call__(self, done: int, total: int) -> bool:
        now = time.perf_counter()
        if now - self._last > 0.2 or done >= total:
            self._last = now
            width = 30
            filled = int(width * done / max(total, 1))
            sys.stderr.write(
                f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] "
                f"{done:,}/{total:,}  {now - self.start:6.1f} s"
            )
            sys.stderr.flush()
        return True

    def finish(self) -> float:
        sys.stderr.write("\n")
        return time.perf_counter() - self.start


def _cmd_demo(args: argparse.Namespace) -> int:
    from kcp_desk.db import Database
    from kcp_desk.services.demo import DEMO_AGENTS, populate
    from kcp_desk.services.setup import agent_count

    db = Database(_database_url(args.database_url))
    print(f"Database: {db.describe()}")
    try:
        db.migrate()
        if agent_count(db):
            print("This database already has data; demo data goes into an empty database only.")
            return 1
        bar = TerminalProgress("demo data")
        stats = populate(db, customers=args.customers, progress=bar, seed=args.seed)
        elapsed = bar.finish()
    finally:
        db.dispose()
    for name, count in stats.items():
        print(f"  {name:<22} {count:>12,}")
    print(f"Created in {elapsed:.1f} s.")
    print("Demo accounts (user name / passphrase):")
    for agent in DEMO_AGENTS:
        print(f"  {agent.username:<8} {agent.passphrase:<24} {agent.role}")
    return 0


def _cmd_audit_verify(args: argparse.Namespace) -> int:
    from kcp_desk.db import Database
    from kcp_desk.services.audit import verify

    db = Database(_database_url(args.database_url))
    try:
        result = verify(db)
    finally:
        db.dispose()
    if result.ok:
        print(f"Audit log OK: {result.checked:,} entries, chain and signatures valid.")
        return 0
    print(
        f"Audit log BROKEN at entry {result.first_bad_seq}: {result.reason} "
        f"({result.checked:,} entries before it are valid)."
    )
    return 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kcp-desk", description="The service team's desk.")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="create the demo data on a fresh embedded database before the login window",
    )
    sub = parser.add_subparsers(dest="command")
    demo = sub.add_parser("demo", help="fill an empty database with German demo data")
    demo.add_argument("--customers", type=int, default=2000)
    demo.add_argument("--database-url")
    demo.add_argument("--seed", type=int, default=20261122)
    demo.set_defaults(func=_cmd_demo)
    audit = sub.add_parser("audit", help="audit log tools")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_sub.add_parser("verify", help="check the hash chain and every signature")
    verify.add_argument("--database-url")
    verify.set_defaults(func=_cmd_audit_verify)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command:
        return int(args.func(args))
    from kcp_desk.app import run_gui

    return run_gui([sys.argv[0]], demo=args.demo)


if __name__ == "__main__":
    sys.exit(main())
