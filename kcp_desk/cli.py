"""Command line: `kcp-desk [--demo]` opens the desk, `kcp-desk open TEXT` hands a call to
it; `demo`, `intake`, `audit verify`, `admin`, `outbox`, `db` and `selfcheck` are tools."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from kcp_desk.settings import Paths, Settings

if TYPE_CHECKING:
    from kcp_desk.db import Database
    from kcp_desk.security.audit_witness import LocalWitness
    from kcp_desk.security.outbox_seal import ServiceKeyFiles
    from kcp_desk.security.pinned_keys import PinnedAdminKeys


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


def _pinned_keys(db: Database) -> PinnedAdminKeys:
    """This workstation's pinned admin keys for ``db`` (V-8), as the desk reads them."""
    from kcp_desk.security.pinned_keys import PinnedAdminKeys

    return PinnedAdminKeys(Paths.from_environment().data_dir, db.describe())


def _cmd_demo(args: argparse.Namespace) -> int:
    from kcp_desk.db import Database
    from kcp_desk.services.demo import DEMO_AGENTS, populate
    from kcp_desk.services.demo_picks import demo_picks, describe_picks
    from kcp_desk.services.setup import agent_count

    db = Database(_database_url(args.database_url), owner=True)  # bulk load: owner tool
    print(f"Database: {db.describe()}")
    try:
        db.migrate()
        if agent_count(db):
            print("This database already has data; demo data goes into an empty database only.")
            return 1
        bar = TerminalProgress("demo data")
        pins = _pinned_keys(db)
        outbox_files = _outbox_key_files(db)
        stats = populate(
            db,
            customers=args.customers,
            progress=bar,
            seed=args.seed,
            pin=lambda anchors: pins.pin_all(anchors.keys),
            vault_orders=True,
            outbox_keys=outbox_files.write,
        )
        elapsed = bar.finish()
        picks = demo_picks(db)
    finally:
        db.dispose()
    for name, count in stats.items():
        print(f"  {name:<22} {count:>12,}")
    print(f"Created in {elapsed:.1f} s.")
    print(f"The outbox channels' private service keys (the mail system's): {outbox_files.folder}")
    print("Demo accounts (user name / passphrase):")
    for agent in DEMO_AGENTS:
        print(f"  {agent.username:<8} {agent.passphrase:<24} {agent.role}")
    print("\n".join(describe_picks(picks)))
    return 0


def _outbox_key_files(db: Database) -> ServiceKeyFiles:
    """Where the demo puts the outbox channels' private keys for ``db`` (ID-6)."""
    from kcp_desk.security.outbox_seal import ServiceKeyFiles

    return ServiceKeyFiles(Paths.from_environment().data_dir, db.describe())


def _admin_passphrase(username: str) -> str:
    """Asked on the terminal; without one (a pipe, a script) the first line of stdin."""
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(f"Passphrase of {username}: ")
    return sys.stdin.readline().rstrip("\r\n")


def _cmd_outbox_keygen(args: argparse.Namespace) -> int:
    """ID-6: the channel's next service key, certified by the admin; the private half is
    printed once, for the channel's operator, and stored nowhere."""
    from kcp_desk.db import Database
    from kcp_desk.errors import KcpError
    from kcp_desk.models.outbox import OutboxChannel
    from kcp_desk.security.outbox_seal import private_key_text, public_key_bytes
    from kcp_desk.security.pinned_keys import fingerprint
    from kcp_desk.services.auth import AuthService
    from kcp_desk.services.outbox import create_service_key, outbox_keys
    from kcp_desk.services.trust import TrustAnchors, refusals_audited

    channel = OutboxChannel(args.channel)
    db = Database(_database_url(args.database_url))
    try:
        anchors = TrustAnchors(_pinned_keys(db).keys())
        if not anchors.keys:
            print(
                "No admin key is pinned on this workstation for this database; pin one with "
                "`kcp-desk admin pin` first. No key was created.",
                file=sys.stderr,
            )
            return 1
        session = AuthService(db).login(args.admin, _admin_passphrase(args.admin)).session
        with refusals_audited(db, session, "outbox_key_created"), db.transaction() as s:
            private = create_service_key(s, session, channel, anchors=anchors)
            version = max(k.version for k in outbox_keys(s, anchors) if k.channel is channel)
    except KcpError as exc:
        print(f"No key was created: {exc}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    text, public = private_key_text(private), public_key_bytes(private)
    del private
    print(f"Outbox service key {channel} v{version} created and certified by {args.admin}.")
    print(f"Public key fingerprint: {fingerprint(public)}")
    print(
        f"Private key: hand it to the operator of the {channel} system. It is not stored "
        "anywhere and is shown only this once:"
    )
    print(text.reveal())
    return 0


def _cmd_outbox_keys(args: argparse.Namespace) -> int:
    """ID-6: every channel's key versions, fingerprints, and whether they are certified."""
    from kcp_desk.db import Database
    from kcp_desk.services.outbox import outbox_keys
    from kcp_desk.services.trust import TrustAnchors

    db = Database(_database_url(args.database_url))
    try:
        anchors = TrustAnchors(_pinned_keys(db).keys())
        with db.read() as s:
            rows = outbox_keys(s, anchors)
    finally:
        db.dispose()
    if not anchors.keys:
        print("Note: no admin key is pinned on this workstation, so no key counts as certified.")
    for row in rows:
        certified = "certified" if row.certified else "NOT certified"
        print(f"  {row.channel:<7} v{row.version:<4} {row.fingerprint}  {certified}")
    if not rows:
        print("No outbox service key yet; an admin creates them with `kcp-desk outbox keygen`.")
    return 0


def _cmd_open(args: argparse.Namespace) -> int:
    """SPEC §4: hand TEXT to this user's running desk; start one when none runs."""
    from kcp_desk.views.single_instance import send_to_running_desk

    text = " ".join(args.text)
    if send_to_running_desk(text, args.timeout_ms):
        return 0
    from kcp_desk.app import run_gui

    return run_gui([sys.argv[0]], demo=args.demo, open_text=text or None)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _local_witness(db_description: str) -> LocalWitness:
    from kcp_desk.security.audit_witness import LocalWitness

    return LocalWitness(Paths.from_environment().data_dir, db_description)


def _cmd_audit_verify(args: argparse.Namespace) -> int:
    from kcp_desk.db import Database
    from kcp_desk.security.audit_witness import WitnessError, read_witness
    from kcp_desk.services.audit import verify

    db = Database(_database_url(args.database_url))
    local = _local_witness(db.describe())
    try:
        witnesses = [read_witness(Path(f)) for f in args.witness]
        own = None if args.no_local_witness else local.current()
    except WitnessError as exc:
        print(f"Cannot use the witness {exc}", file=sys.stderr)
        db.dispose()
        return 2
    if own is not None:
        witnesses.append(own)
    foreign = [w.name for w in witnesses if w.database != db.describe()]
    if foreign:
        print(f"Note: witness {', '.join(foreign)} was written for another database name.")
    from kcp_desk.services.trust import TrustAnchors

    anchors = TrustAnchors(_pinned_keys(db).keys())
    if not anchors.keys:
        print(
            "Note: no admin key is pinned on this workstation for this database; signatures "
            "are checked with the key history as the database holds it."
        )
    bar = TerminalProgress("audit verify")
    try:
        result = verify(db, witnesses, progress=bar, anchors=anchors)
    finally:
        db.dispose()
        bar.finish()
    if result.ok:
        n = len(witnesses)
        print(
            f"Audit log OK: {_plural(result.checked, 'entry', 'entries')}, chain and "
            f"signatures valid; {_plural(n, 'witness', 'witnesses')} "
            f"{'agrees' if n == 1 else 'agree'}."
        )
        if result.newest is not None and not args.no_local_witness:
            local.advance(result.newest)  # what this workstation has verified
        return 0
    print(
        f"Audit log BROKEN at entry {result.first_bad_seq}: {result.reason} "
        f"({result.checked:,} entries before it are valid)."
    )
    return 2


def _cmd_intake(args: argparse.Namespace) -> int:
    """SPEC §1 portal intake: one document as the portal sends it; exit 1 on a bad one."""
    from kcp_desk.db import Database
    from kcp_desk.errors import FieldErrors, KcpError
    from kcp_desk.services.intake import intake_file
    from kcp_desk.services.trust import TrustAnchors

    path = Path(args.file)
    db = Database(_database_url(args.database_url))
    try:
        db.migrate()
        result = intake_file(db, path, anchors=TrustAnchors(_pinned_keys(db).keys()))
    except OSError as exc:
        print(f"Cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except FieldErrors as exc:
        print(f"{path}: nothing was created.", file=sys.stderr)
        for field, error in exc.errors.items():
            # an unknown field's name is the portal's text: quoted, escapes visible
            name = field if field.isidentifier() else json.dumps(field)
            print(f"  {name}: {error}", file=sys.stderr)
        return 1
    except KcpError as exc:
        print(f"{path}: nothing was created: {exc}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    print(result.describe())
    return 0


def _cmd_db_upgrade(args: argparse.Namespace) -> int:
    from kcp_desk.db import Database
    from kcp_desk.db_roles import DEFAULT_DESK_ROLE, desk_role_exists, grant_desk_role

    db = Database(_database_url(args.database_url), owner=True)
    try:
        before, head = db.schema_revisions()
        db.migrate()
        if db.dialect == "postgresql":
            with db.engine.begin() as conn:
                if desk_role_exists(conn, args.desk_role or DEFAULT_DESK_ROLE):
                    grant_desk_role(conn, args.desk_role or DEFAULT_DESK_ROLE)
    finally:
        db.dispose()
    print(f"Schema of {db.describe()}: {before or 'empty'} -> {head}.")
    return 0


def _cmd_db_create_roles(args: argparse.Namespace) -> int:
    import getpass

    from sqlalchemy import make_url

    from kcp_desk.db import Database
    from kcp_desk.db_roles import create_desk_role

    db = Database(_database_url(args.database_url), owner=True)
    if db.dialect != "postgresql":
        print("Roles exist on PostgreSQL only; the embedded SQLite database needs none.")
        db.dispose()
        return 1
    password = getpass.getpass(f"Passphrase for {args.desk_role}: ") if args.password else None
    try:
        db.migrate()
        with db.engine.begin() as conn:
            created = create_desk_role(conn, args.desk_role, password)
    finally:
        db.dispose()
    url = make_url(db.url).set(username=args.desk_role, password=None)
    print(f"Desk role {args.desk_role} {'created' if created else 'exists'}; grants renewed.")
    print(f"Desks connect with KCP_DESK_DATABASE_URL={url.render_as_string(False)}")
    return 0


def _cmd_admin_keys(args: argparse.Namespace) -> int:
    """V-8: the admins' key fingerprints, to read out and compare before pinning one."""
    from sqlalchemy import select

    from kcp_desk.db import Database
    from kcp_desk.models.agents import Agent, Role
    from kcp_desk.security.pinned_keys import fingerprint

    db = Database(_database_url(args.database_url))
    try:
        pinned = _pinned_keys(db).keys()
        with db.read() as s:
            admins = s.execute(
                select(Agent.username, Agent.ed25519_public, Agent.active)
                .where(Agent.role == Role.ADMIN)
                .order_by(Agent.username)
            ).all()
    finally:
        db.dispose()
    for username, key, active in admins:
        marks = ("pinned" if bytes(key) in pinned else "not pinned") + (
            "" if active else ", disabled"
        )
        print(f"  {username:<16} {fingerprint(bytes(key))}  ({marks})")
    if not admins:
        print("This database has no admin.")
    return 0


def _cmd_admin_pin(args: argparse.Namespace) -> int:
    """Pin an admin's key on this workstation, only if the fingerprint read out matches
    (the database could have been changed: the fingerprint comes from the admin)."""
    from sqlalchemy import select

    from kcp_desk.db import Database
    from kcp_desk.models.agents import Agent, Role
    from kcp_desk.security.pinned_keys import fingerprint

    db = Database(_database_url(args.database_url))
    try:
        with db.read() as s:
            key = s.scalar(
                select(Agent.ed25519_public).where(
                    Agent.username == args.username, Agent.role == Role.ADMIN
                )
            )
        wanted = "".join(args.fingerprint.split()).lower()
        if key is None or "".join(fingerprint(bytes(key)).split()) != wanted:
            print(
                f"{args.username} is no admin with the fingerprint {args.fingerprint}; "
                "nothing was pinned.",
                file=sys.stderr,
            )
            return 1
        _pinned_keys(db).pin(bytes(key))
    finally:
        db.dispose()
    print(f"Pinned the key of {args.username} for {db.describe()}.")
    return 0


def _cmd_selfcheck(args: argparse.Namespace) -> int:
    """Exercise every lazily loaded dependency (what a bundle could lack); exit 0 when all hold."""
    from kcp_desk.selfcheck import main as selfcheck

    return selfcheck(expect_keyring=args.expect_keyring)


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
    open_ = sub.add_parser(
        "open",
        help="hand a call to the running desk (tel:/callto: URI, phone or customer number, "
        "any search text); starts the desk when none runs",
    )
    open_.add_argument("text", nargs="*", metavar="TEXT")
    open_.add_argument(
        "--timeout-ms", type=int, default=3000, help="how long to wait for the running desk"
    )
    open_.set_defaults(func=_cmd_open)
    intake = sub.add_parser(
        "intake",
        help="take a document from the customer portal (a new ticket, a message, a support order)",
    )
    intake.add_argument("file", metavar="FILE.json")
    intake.add_argument("--database-url")
    intake.set_defaults(func=_cmd_intake)
    audit = sub.add_parser("audit", help="audit log tools")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_sub.add_parser(
        "verify", help="check the hash chain, every signature and the tail witnesses"
    )
    verify.add_argument("--database-url")
    verify.add_argument(
        "--witness",
        action="append",
        default=[],
        metavar="FILE",
        help="another workstation's audit-witness-*.json (repeatable)",
    )
    verify.add_argument(
        "--no-local-witness", action="store_true", help="ignore this workstation's witness"
    )
    verify.set_defaults(func=_cmd_audit_verify)
    admin = sub.add_parser("admin", help="the admin keys this workstation trusts (V-8)")
    admin_sub = admin.add_subparsers(dest="admin_command", required=True)
    keys = admin_sub.add_parser("keys", help="list the admins' key fingerprints")
    keys.add_argument("--database-url")
    keys.set_defaults(func=_cmd_admin_keys)
    pin = admin_sub.add_parser("pin", help="trust an admin's key on this workstation")
    pin.add_argument("username")
    pin.add_argument("fingerprint", help="as the admin reads it out (kcp-desk admin keys)")
    pin.add_argument("--database-url")
    pin.set_defaults(func=_cmd_admin_pin)
    outbox = sub.add_parser("outbox", help="the outbox channels' service keys (ID-6)")
    outbox_sub = outbox.add_subparsers(dest="outbox_command", required=True)
    keygen = outbox_sub.add_parser(
        "keygen",
        help="make a channel's next service key, certified by an admin; prints the private "
        "key once, for the channel's operator (passphrase: asked, or the first line of stdin)",
    )
    keygen.add_argument("--channel", required=True, choices=["email", "letter", "sms"])
    keygen.add_argument("--admin", required=True, metavar="USERNAME")
    keygen.add_argument("--database-url")
    keygen.set_defaults(func=_cmd_outbox_keygen)
    okeys = outbox_sub.add_parser("keys", help="list the service keys and their certificates")
    okeys.add_argument("--database-url")
    okeys.set_defaults(func=_cmd_outbox_keys)
    selfcheck = sub.add_parser(
        "selfcheck",
        help="check that every lazily loaded dependency works here (a release bundle's test)",
    )
    selfcheck.add_argument(
        "--expect-keyring",
        metavar="NAME",
        help="also require this keyring backend for 'remember on this workstation' "
        "(e.g. WinVaultKeyring, SecretService)",
    )
    selfcheck.set_defaults(func=_cmd_selfcheck)
    dbp = sub.add_parser("db", help="schema and role tools (run as the database owner)")
    db_sub = dbp.add_subparsers(dest="db_command", required=True)
    upgrade = db_sub.add_parser("upgrade", help="migrate the schema to this version")
    upgrade.add_argument("--database-url", help="the OWNER's URL")
    upgrade.add_argument("--desk-role", help="re-grant this desk role (default kcp_desk)")
    upgrade.set_defaults(func=_cmd_db_upgrade)
    roles = db_sub.add_parser(
        "create-roles", help="create the PostgreSQL role the desks connect as (A-3)"
    )
    roles.add_argument("--database-url", help="the OWNER's URL")
    roles.add_argument("--desk-role", default="kcp_desk")
    roles.add_argument("--password", action="store_true", help="ask for a login passphrase")
    roles.set_defaults(func=_cmd_db_create_roles)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command:
        return int(args.func(args))
    from kcp_desk.app import run_gui

    return run_gui([sys.argv[0]], demo=args.demo)


if __name__ == "__main__":
    sys.exit(main())
