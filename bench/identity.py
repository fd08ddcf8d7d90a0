"""Identity cases (SPEC C2, issue 12): each step of a whole case at the service API, with
the production Argon2id parameters (they dominate on purpose: a code's hash costs about
50 ms to make and to check, a phone password about 85 ms to check).

One sample is one case on the demo customer K10000012 (phone password of the demo):
``open case`` (how the caller was found), ``P check`` (the phone password compared),
``send letter`` (a letter code made, hashed, sealed to the letter service's certified key
and queued), ``enter letter code`` (the code read out, checked), ``submit`` (the new
address to a lead) and ``approve`` (by another lead: the address set unverified, a
confirmation link made and sealed, the old address and the post told, the whole case
audited). The logins are untimed (KDF excluded).

The database is built once (``bench-identity-<N>.sqlite3`` in the data directory, or the
one ``--database-url`` names) with ``services.demo.populate`` and the outbox service keys,
whose private halves the bench keeps as the mail and letter systems would.

    .venv/bin/python bench/identity.py
    .venv/bin/python bench/identity.py --json --runs 30 \\
        --database-url postgresql+psycopg://postgres@127.0.0.1:54329/identity_bench
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import figures, parser, report
from billing import CHEAP_KDF
from sqlalchemy import select
from tickets import login_demo
from vault import _pins, ensure_database

from kcp_desk.db import Database
from kcp_desk.domain.identity_policy import KnowledgeCheck, KnowledgeItem
from kcp_desk.models.customers import Customer
from kcp_desk.models.outbox import OutboxChannel, OutboxMessage
from kcp_desk.security.outbox_seal import ServiceKeyFiles, open_sealed
from kcp_desk.services.identity import IdentityService
from kcp_desk.services.trust import TrustAnchors
from kcp_desk.settings import Paths

PHONE_PASSWORD = "Sonnenblume-42"
STEPS = ("open case", "P check", "send letter", "enter letter code", "submit", "approve")


def identity_database(url: str | None, customers: int) -> str:
    from kcp_desk.services.demo import populate
    from kcp_desk.services.setup import agent_count

    if url is None:
        path = Paths.from_environment().data_dir / f"bench-identity-{customers}.sqlite3"
        url = f"sqlite:///{path}"
    ensure_database(url)
    owner = Database(url, owner=True)
    try:
        owner.migrate()
        if not agent_count(owner):
            pins = _pins(owner)
            keys = ServiceKeyFiles(Paths.from_environment().data_dir, owner.describe())
            populate(
                owner,
                customers=customers,
                kdf=CHEAP_KDF,
                pin=lambda a: pins.pin_all(a.keys),
                outbox_keys=keys.write,
            )
    finally:
        owner.dispose()
    return url


def _letter_code(db: Database, keys: ServiceKeyFiles, case_id: int) -> str:
    """What the customer reads in the letter (the letter service's side, untimed)."""
    with db.read() as s:
        m = s.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.case_id == case_id, OutboxMessage.channel == OutboxChannel.LETTER)
            .order_by(OutboxMessage.id.desc())
        ).first()
        assert m is not None and m.sealed is not None and m.sealed_key_version is not None
        opened = open_sealed(
            keys.load(OutboxChannel.LETTER),
            bytes(m.sealed),
            channel="letter",
            key_version=m.sealed_key_version,
            recipient=m.recipient,
            template=m.template,
        )
    return opened["code"].reveal()


def bench_cases(url: str, runs: int) -> dict[str, list[float]]:
    db = Database(url)
    samples: dict[str, list[float]] = defaultdict(list)
    try:
        service = IdentityService(db, TrustAnchors(_pins(db).keys()))
        keys = ServiceKeyFiles(Paths.from_environment().data_dir, db.describe())
        anna, lea = login_demo(db, "anna"), login_demo(db, "lea")
        with db.read() as s:
            customer_id = s.scalars(select(Customer.id).where(Customer.number == 1000001)).one()
        found = (KnowledgeCheck(KnowledgeItem.CUSTOMER_NUMBER, True),)
        timed: dict[str, float] = {}

        def step(name: str, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            result = fn(*args, **kwargs)
            timed[name] = (time.perf_counter() - start) * 1000
            return result

        for i in range(runs + 2):
            timed.clear()
            case = step(
                "open case",
                service.open_case,
                anna,
                customer_id,
                has_mailbox=False,
                knowledge=found,
            )
            step("P check", service.try_phone_password, anna, case.case_id, PHONE_PASSWORD)
            step("send letter", service.send_letter, anna, case.case_id)
            code = _letter_code(db, keys, case.case_id)
            outcome = step("enter letter code", service.enter_code, anna, case.case_id, "L", code)
            assert outcome.result == "match", outcome.result
            submitted = step(
                "submit",
                service.submit,
                anna,
                case.case_id,
                outcome.case.version,
                f"bench-{i}-{time.time_ns()}@example.org",
            )
            step("approve", service.approve, lea, case.case_id, submitted.version, "Benchmark")
            if i >= 2:  # warm-up
                for name, ms in timed.items():
                    samples[name].append(ms)
    finally:
        db.dispose()
    return samples


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--customers", type=int, default=2_000)
    p.add_argument("--runs", type=int, default=30, help="whole cases")
    args = p.parse_args()
    url = identity_database(args.database_url, args.customers)
    samples = bench_cases(url, args.runs)
    results = {name: figures(samples[name]) for name in STEPS}
    report(results, args.json)


if __name__ == "__main__":
    main()
