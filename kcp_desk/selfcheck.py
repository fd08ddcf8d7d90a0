"""`kcp-desk selfcheck`: does every dependency the desk loads lazily work here?

A bundle (PyInstaller) finds what the code imports at the top; what is imported inside a
function, read as data (babel's locales, schwifty's bank registry, phonenumbers'
metadata, Faker's providers, the migrations, the .qm files) or found through an entry
point (keyring's backends) is missing only when a user first needs it. Each check here
uses one of them the way the desk does and says what it saw; the command exits 0 only
when all of them hold. It runs from the source tree as well as from the bundle.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: a check returns what it saw (one line) and raises when the dependency does not work
Check = Callable[[], str]


class CheckFailed(Exception):
    """A check found the dependency but not what the desk needs of it."""


@dataclass(frozen=True)
class Outcome:
    name: str
    holds: bool
    detail: str
    ms: float


def _babel() -> str:
    import datetime as dt
    from decimal import Decimal

    from babel.dates import format_date
    from babel.numbers import format_currency

    de = format_currency(Decimal("1234.5"), "EUR", locale="de_DE")
    en = format_currency(Decimal("1234.5"), "EUR", locale="en_GB")
    day = format_date(dt.date(2026, 3, 1), "long", locale="de_DE")
    if de != "1.234,50\xa0€" or en != "€1,234.50" or day != "1. März 2026":
        raise CheckFailed(f"unexpected formats: {de!r}, {en!r}, {day!r}")
    return f"de_DE {de}, {day}; en_GB {en}"


def _schwifty() -> str:
    from schwifty import IBAN
    from schwifty.registry import get_banks_by_country

    iban = IBAN("DE89 3704 0044 0532 0130 00")
    banks = sum(1 for b in get_banks_by_country("DE") if b.primary and b.bic)
    if iban.bic is None or banks < 100:
        raise CheckFailed(f"bank registry incomplete: BIC {iban.bic}, {banks} German banks")
    return f"IBAN {iban.formatted} -> BIC {iban.bic}; {banks:,} German banks in the registry"


def _phonenumbers() -> str:
    import phonenumbers

    number = phonenumbers.parse("0221 12345678", "DE")
    if not phonenumbers.is_valid_number(number):
        raise CheckFailed("a valid Cologne number is refused (metadata missing?)")
    austria = phonenumbers.parse("+43 1 5331234")
    if not phonenumbers.is_valid_number(austria):
        raise CheckFailed("a valid Vienna number is refused (metadata missing?)")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"0221 12345678 -> {e164}; +43 metadata loads"


def _email_validator() -> str:
    from email_validator import EmailNotValidError, validate_email

    ok = validate_email("Anna.Schaefer@Beispiel-Hosting.de", check_deliverability=False)
    try:
        validate_email("anna@@example.de", check_deliverability=False)
    except EmailNotValidError:
        pass
    else:
        raise CheckFailed("a broken address was accepted")
    return f"{ok.normalized} valid, anna@@example.de refused"


def _faker() -> str:
    from faker import Faker

    fake = Faker("de_DE")
    fake.seed_instance(1)
    city, name = fake.city(), fake.last_name()
    if "de_DE" not in fake.locales:
        raise CheckFailed(f"Faker has no de_DE locale: {fake.locales}")
    return f"de_DE city {city!r}, name {name!r}"


def _remember_round_trip(backend: Any) -> str:
    """ "Remember on this workstation" as the login does it, through the app's own
    keyring guard: a device key stored, found again, and deleted (only when a backend
    is expected: a plain selfcheck writes nothing into the user's keyring)."""
    from kcp_desk.security.keyring_guard import DeviceKeyStore

    store = DeviceKeyStore(backend, "kcp-desk-selfcheck")
    created = store.create("selfcheck")
    try:
        if store.load("selfcheck") != created:
            raise CheckFailed("the device key stored is not the one found again")
    finally:
        store.forget("selfcheck")
    if store.load("selfcheck") is not None:
        raise CheckFailed("the device key was not deleted")
    return "a device key stored, found and deleted"


def _keyring(expect: str | None) -> Check:
    def check() -> str:
        import importlib.util
        from importlib import metadata

        import keyring.backend

        from kcp_desk.security.keyring_guard import choose_backend

        points = sorted(ep.name for ep in metadata.entry_points(group="keyring.backends"))
        wanted = {"win32": "Windows", "darwin": "macOS"}.get(sys.platform, "SecretService")
        if wanted not in points:
            raise CheckFailed(f"no {wanted} entry point (metadata not bundled?): {points}")
        if importlib.util.find_spec("keyrings") is not None:
            raise CheckFailed("keyrings.alt is installed: a plaintext backend could be chosen")
        if sys.platform.startswith("linux"):
            import jeepney  # noqa: F401 - what the Secret Service backend talks D-Bus with
            import secretstorage  # noqa: F401
        keyring.backend.get_all_keyring()  # loads every backend through its entry point
        choice = choose_backend()
        if choice.backend is None:
            where = "none usable now (refused: " + ", ".join(choice.refused) + ")"
            name = ""
        else:
            cls = type(choice.backend)
            name = f"{cls.__module__}.{cls.__qualname__}"
            where = f"{choice.where} ({name})"
        if expect and expect.lower() not in name.lower():
            raise CheckFailed(f"expected the {expect} backend, found {where}")
        if expect and choice.backend is not None:
            where += "; " + _remember_round_trip(choice.backend)
        return f"entry points {', '.join(points)}; remember-me store: {where}"

    return check


def _psycopg() -> str:
    import psycopg

    if psycopg.pq.__impl__ != "binary":
        raise CheckFailed(f"psycopg uses its {psycopg.pq.__impl__} implementation, not binary")
    version = psycopg.pq.version()
    return f"binary implementation, libpq {version // 10000}.{version % 10000}"


def _alembic() -> str:
    import tempfile

    from alembic.script import ScriptDirectory

    from kcp_desk.db import MIGRATIONS_DIR, Database, alembic_config

    heads = ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()
    if len(heads) != 1:
        raise CheckFailed(f"the migrations have {len(heads)} heads: {heads}")
    with tempfile.TemporaryDirectory(prefix="kcp-selfcheck-") as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'selfcheck.sqlite3'}", owner=True)
        try:
            db.migrate()
            _before, head = db.schema_revisions()
        finally:
            db.dispose()
    if head != heads[0]:
        raise CheckFailed(f"a fresh database migrated to {head}, not to the head {heads[0]}")
    count = len(list((MIGRATIONS_DIR / "versions").glob("[0-9]*.py")))
    return f"head {heads[0]} ({count} migrations), a fresh SQLite database migrates to it"


def _fts5_trigram() -> str:
    import sqlite3

    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'trigram')")
        conn.execute("INSERT INTO t VALUES ('Ortmann Haustechnik GmbH')")
        found = conn.execute("SELECT count(*) FROM t WHERE t MATCH '\"ustech\"'").fetchone()[0]
    finally:
        conn.close()
    if found != 1:
        raise CheckFailed("the trigram index does not find a substring")
    return f"SQLite {sqlite3.sqlite_version}: FTS5 trigram finds a substring"


def _nacl() -> str:
    from nacl.bindings import crypto_sign, crypto_sign_open, crypto_sign_seed_keypair

    public, secret = crypto_sign_seed_keypair(bytes(32))
    if crypto_sign_open(crypto_sign(b"kcp", secret), public) != b"kcp":
        raise CheckFailed("libsodium does not verify its own signature")
    return "libsodium Ed25519 verifies (audit verify's fast path)"


def _zoneinfo() -> str:
    import datetime as dt
    from zoneinfo import ZoneInfo

    summer = dt.datetime(2026, 7, 1, 12, tzinfo=ZoneInfo("Europe/Berlin")).utcoffset()
    if summer != dt.timedelta(hours=2):
        raise CheckFailed(f"Europe/Berlin in July is UTC{summer}, not UTC+2")
    return "Europe/Berlin known (SLA business hours), summer time UTC+2"


def _qt_plugins() -> str:
    from kcp_desk.views.selfcheck_qt import platform_plugins

    return platform_plugins()


def _qt_fonts() -> str:
    from kcp_desk.views.selfcheck_qt import fonts

    return fonts()


def _translations() -> str:
    from kcp_desk.app import I18N_DIR
    from kcp_desk.views.selfcheck_qt import translators

    return translators(I18N_DIR)


def checks(expect_keyring: str | None = None) -> list[tuple[str, Check]]:
    """The checks in the order they run (the Qt ones last: they start Qt)."""
    return [
        ("babel de_DE formats", _babel),
        ("schwifty bank registry", _schwifty),
        ("phonenumbers metadata", _phonenumbers),
        ("email-validator", _email_validator),
        ("Faker de_DE", _faker),
        ("keyring backends", _keyring(expect_keyring)),
        ("psycopg binary", _psycopg),
        ("Alembic migrations", _alembic),
        ("SQLite FTS5 trigram", _fts5_trigram),
        ("PyNaCl libsodium", _nacl),
        ("time zone data", _zoneinfo),
        ("Qt platform plugins", _qt_plugins),
        ("Qt fonts", _qt_fonts),
        ("Qt translators de/en", _translations),
    ]


def run(selected: Sequence[tuple[str, Check]]) -> list[Outcome]:
    outcomes = []
    for name, check in selected:
        start = time.perf_counter()
        try:
            detail, holds = check(), True
        except Exception as exc:
            detail, holds = f"{type(exc).__name__}: {exc}", False
        outcomes.append(Outcome(name, holds, detail, (time.perf_counter() - start) * 1000))
    return outcomes


def line(outcome: Outcome) -> str:
    mark = "ok  " if outcome.holds else "FAIL"
    return f"{mark} {outcome.name:<24} {outcome.detail}  [{outcome.ms:.0f} ms]"


def summary(outcomes: Sequence[Outcome]) -> str:
    failed = sum(not o.holds for o in outcomes)
    if failed:
        return f"selfcheck: {failed} of {len(outcomes)} checks FAILED"
    if len(outcomes) == 1:
        return "selfcheck: the one check holds"
    return f"selfcheck: all {len(outcomes)} checks hold"


def main(expect_keyring: str | None = None) -> int:
    frozen = getattr(sys, "frozen", False)
    print(f"kcp-desk selfcheck ({'bundle' if frozen else 'source'}: {sys.executable})")
    outcomes = []
    for name, check in checks(expect_keyring):
        [outcome] = run([(name, check)])
        print(line(outcome), flush=True)
        outcomes.append(outcome)
    print(summary(outcomes))
    return 0 if all(o.holds for o in outcomes) else 1
