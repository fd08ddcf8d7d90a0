"""Customer search at the service API (SPEC §5, C1.1): budget p95 ≤ 5 ms on SQLite and
≤ 15 ms on PostgreSQL with 1,000,000 customers, for every query class.

Queries are sampled from the database itself (seeded), ``--queries`` per class, and
timed at ``CustomerSearch.search`` as a demo agent (role check, ORM, badges and all). A
warm-up pass over a separate sample comes first (the budget is for warm caches). For the
name-substring class the naive way is measured too: ``LIKE '%q%'`` over first name, last
name, company and e-mail on the customers table, no index, with the same limit and
without one (every match); the ratios are printed at the end. On SQLite the database file
is read once first (the budget is for warm caches, and an idle VM evicts file pages);
``--cold`` skips that.

    .venv/bin/python bench/search.py                       # demo SQLite, 1M customers
    .venv/bin/python bench/search.py --database-url postgresql+psycopg://…/search1m
    .venv/bin/python bench/search.py --customers 100000 --json

Without ``--database-url`` the script uses ``bench-search-<N>.sqlite3`` in the data
directory and fills it with ``services.demo.populate`` first if it does not exist
(a few minutes for a million customers). The database is migrated to the newest schema.
"""

from __future__ import annotations

import ipaddress
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import figures, parser, report
from billing import login
from sqlalchemy import func, make_url, or_, select

from kcp_desk.db import Database
from kcp_desk.domain.folding import fold, umlaut_variant
from kcp_desk.domain.references import format_customer_number, format_ticket_ref
from kcp_desk.models import Customer, Invoice, PostalAddress, Product, ProductAddress, Ticket
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.search import CustomerSearch

LIMIT = 50
UMLAUTS = "äöüÄÖÜß"


def demo_database(customers: int) -> str:
    """The default: a demo SQLite database under the data directory, built on first use."""
    from kcp_desk.security.sealing import KdfParams
    from kcp_desk.services.demo import populate
    from kcp_desk.settings import Paths

    path = Paths.from_environment().data_dir / f"bench-search-{customers}.sqlite3"
    url = f"sqlite:///{path}"
    if path.exists():
        return url
    print(f"Building {path} with {customers:,} demo customers …", file=sys.stderr)
    db = Database(url)
    db.migrate()
    start = time.perf_counter()
    # cheap KDF for the demo agents: this file is for measuring, not for logging in
    populate(db, customers=customers, kdf=KdfParams(memory_kib=64, iterations=1, lanes=1))
    db.dispose()
    print(f"… done in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return url


class Sampler:
    """Realistic queries of each class, drawn from the data (random ids, seeded)."""

    def __init__(self, db: Database, seed: int) -> None:
        self.db = db
        self.rnd = random.Random(seed)
        with db.session_factory() as s:
            self.max_customer = s.scalar(select(func.max(Customer.id))) or 0
            self.max_invoice = s.scalar(select(func.max(Invoice.id))) or 0
            self.max_ticket = s.scalar(select(func.max(Ticket.id))) or 0
            self.max_address = s.scalar(select(func.max(ProductAddress.id))) or 0
        if not self.max_customer:
            raise SystemExit("the database has no customers")

    def customers(
        self, n: int, where: Callable[[Customer], bool] = lambda c: True
    ) -> list[Customer]:
        found: list[Customer] = []
        with self.db.session_factory() as s:
            for _ in range(200 * n):
                if len(found) >= n:
                    break
                customer = s.get(Customer, self.rnd.randint(1, self.max_customer))
                if customer is not None and where(customer):
                    found.append(customer)
        return found

    def exact_number(self, n: int) -> list[str]:
        return [format_customer_number(c.number) for c in self.customers(n)]

    def number_prefix(self, n: int) -> list[str]:
        out = []
        for c in self.customers(n):
            digits = format_customer_number(c.number)[1:]
            out.append("K" + digits[: self.rnd.randint(3, 6)])
        return out

    def email_prefix(self, n: int) -> list[str]:
        out = []
        for c in self.customers(n):
            local = c.email.split("@", 1)[0]
            out.append(c.email[: self.rnd.randint(min(4, len(local)), len(local) + 3)])
        return out

    def name_substring(self, n: int) -> list[str]:
        out = []
        for c in self.customers(n):
            name = self.rnd.choice([c.last_name, c.company or c.last_name, c.first_name])
            size = min(len(name), self.rnd.randint(4, 7))
            start = self.rnd.randint(0, len(name) - size)
            out.append(name[start : start + size].lower())
        return out

    def multi_word(self, n: int) -> list[str]:
        """Words of different fields, in any order (C1.1, issue 9): ``schmidt berlin``
        (name and city), ``berlin schmidt``, ``olga schmidt``, ``schaefer bonn`` (company
        word and city), some words only begun (``schmi berl``)."""
        out = []
        with self.db.session_factory() as s:
            for c in self.customers(n, lambda c: bool(c.last_name)):
                city = s.scalar(
                    select(PostalAddress.city).where(PostalAddress.customer_id == c.id).limit(1)
                )
                name = (c.company or c.last_name).split()[0]
                words = [name, city or c.first_name]
                if self.rnd.random() < 0.3:
                    words = [c.first_name, c.last_name]
                if self.rnd.random() < 0.3:
                    words = [w[: max(4, len(w) - 2)] for w in words]
                self.rnd.shuffle(words)
                out.append(" ".join(w.lower() for w in words))
        return out

    def umlaut_name(self, n: int) -> list[str]:
        """A name with an umlaut or ß, typed without it: ``muller``, ``mueller``, ``gross``."""
        out = []
        for c in self.customers(n, lambda c: any(ch in UMLAUTS for ch in c.last_name)):
            folded = fold(c.last_name)
            out.append(self.rnd.choice([folded, umlaut_variant(folded)]))
        return out

    def phone(self, n: int) -> list[str]:
        return [c.phone for c in self.customers(n, lambda c: bool(c.phone))]

    def reference(self, n: int) -> list[str]:
        out = []
        with self.db.session_factory() as s:
            while len(out) < n:
                if self.rnd.random() < 0.5:
                    number = s.scalar(
                        select(Invoice.number).where(
                            Invoice.id == self.rnd.randint(1, self.max_invoice)
                        )
                    )
                    if number:
                        out.append(number)
                else:
                    ticket = s.scalar(
                        select(Ticket.number).where(
                            Ticket.id == self.rnd.randint(1, self.max_ticket)
                        )
                    )
                    if ticket is not None:
                        out.append(format_ticket_ref(ticket))
        return out

    def addresses(self, n: int, where: Callable[[ProductAddress], bool]) -> list[ProductAddress]:
        found: list[ProductAddress] = []
        with self.db.session_factory() as s:
            for _ in range(200 * n):
                if len(found) >= n or not self.max_address:
                    break
                row = s.get(ProductAddress, self.rnd.randint(1, self.max_address))
                if row is not None and where(row):
                    found.append(row)
        return found

    def inside(self, network: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
        net = ipaddress.ip_network(network)
        return net[self.rnd.randrange(net.num_addresses)]

    def ipv4_in_subnet(self, n: int) -> list[str]:
        """An address inside a server's /29, a third of them with a port (abuse reports)."""
        out = []
        for row in self.addresses(n, lambda a: a.network.endswith("/29")):
            address = str(self.inside(row.network))
            out.append(f"{address}:{self.rnd.choice((25, 443, 22))}" if len(out) % 3 else address)
        return out

    def ipv6(self, n: int) -> list[str]:
        """An address inside a server's /64, every other one in brackets with a port."""
        out = []
        for row in self.addresses(n, lambda a: a.family == 6):
            address = str(self.inside(row.network))
            out.append(f"[{address}]:443" if len(out) % 2 else address)
        return out

    def ip_of_nobody(self, n: int) -> list[str]:
        """Addresses outside every assignment (172.16.0.0/12, 2001:db9::/32)."""
        nets = [ipaddress.ip_network("172.16.0.0/12"), ipaddress.ip_network("2001:db9::/32")]
        return [str(self.inside(str(nets[i % 2]))) for i in range(n)]

    def product_name_prefix(self, n: int) -> list[str]:
        """The start of a server's short name (``v1234`` of ``v123456.kcp-server.de``)."""
        out: list[str] = []
        with self.db.session_factory() as s:
            top = s.scalar(select(func.max(Product.id))) or 0
            for _ in range(200 * n):
                if len(out) >= n or not top:
                    break
                host = s.scalar(
                    select(Product.hostname).where(Product.id == self.rnd.randint(1, top))
                )
                if host:
                    label = host.split(".", 1)[0]
                    out.append(label[: self.rnd.randint(min(4, len(label)), len(label))])
        return out


CLASSES: dict[str, Callable[[Sampler, int], list[str]]] = {
    "exact customer number": Sampler.exact_number,
    "customer number prefix": Sampler.number_prefix,
    "e-mail prefix": Sampler.email_prefix,
    "name substring": Sampler.name_substring,
    "umlaut-folded name": Sampler.umlaut_name,
    "multi-word across fields": Sampler.multi_word,
    "phone (as stored, any notation)": Sampler.phone,
    "invoice / ticket reference": Sampler.reference,
    "IPv4 inside a subnet": Sampler.ipv4_in_subnet,
    "IPv6": Sampler.ipv6,
    "IP address of nobody": Sampler.ip_of_nobody,
    "product name prefix": Sampler.product_name_prefix,
}


def time_search(
    search: CustomerSearch, session: AgentSession, queries: list[str]
) -> tuple[list[float], int]:
    samples, empty = [], 0
    for q in queries:
        start = time.perf_counter()
        result = search.search(session, q, LIMIT)
        samples.append((time.perf_counter() - start) * 1000)
        empty += not result.hits
    return samples, empty


def time_naive(db: Database, queries: list[str], *, limit: bool) -> list[float]:
    """``LIKE '%q%'`` on the customers table: with the service's limit (stops at the
    51st match), or without (what finding every match costs, e.g. to rank or count)."""
    samples = []
    with db.engine.connect() as conn:
        for q in queries:
            pattern = f"%{q}%"
            stmt = select(Customer.id).where(
                or_(
                    Customer.first_name.like(pattern),
                    Customer.last_name.like(pattern),
                    Customer.company.like(pattern),
                    Customer.email.like(pattern),
                )
            )
            if limit:
                stmt = stmt.limit(LIMIT + 1)
            start = time.perf_counter()
            conn.execute(stmt).all()
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def warm_file(url: str) -> None:
    """Read a SQLite file once: the budget is for warm caches, and an idle VM evicts."""
    path = make_url(url).database
    if path and Path(path).is_file():
        with open(path, "rb") as f:
            while f.read(1 << 24):
                pass


def main() -> None:
    p = parser(__doc__ or "")
    p.add_argument("--customers", type=int, default=1_000_000, help="size of the demo DB")
    p.add_argument("--queries", type=int, default=200, help="queries per class")
    p.add_argument("--naive-queries", type=int, default=40, help="full scans: keep it small")
    p.add_argument("--seed", type=int, default=5)
    p.add_argument("--cold", action="store_true", help="SQLite: do not read the file first")
    p.add_argument("--only", help="run only the query classes whose name holds this text")
    args = p.parse_args()
    url = args.database_url or demo_database(args.customers)
    db = Database(url)
    db.migrate()
    if db.dialect == "sqlite" and not args.cold:
        warm_file(url)
    sampler = Sampler(db, args.seed)
    search = CustomerSearch(db)
    session = login(db)
    print(f"Database: {db.describe()}, {sampler.max_customer:,} customers", file=sys.stderr)

    results: dict[str, dict[str, float]] = {}
    name_queries: list[str] = []
    for name, make in CLASSES.items():
        if args.only and args.only not in name and name != "name substring":
            continue
        time_search(search, session, make(sampler, max(20, args.queries // 10)))  # warm-up
        queries = make(sampler, args.queries)
        samples, empty = time_search(search, session, queries)
        results[f"search: {name}"] = figures(samples)
        examples = ", ".join(repr(q) for q in queries[:3])
        print(f"  {name}: {len(queries)} queries, {empty} without hits; e.g. {examples}",
              file=sys.stderr)  # fmt: skip
        if name == "name substring":
            name_queries = queries
    naive_queries = name_queries[: args.naive_queries]
    indexed = figures(time_search(search, session, naive_queries)[0])
    naive = {
        "naive LIKE '%q%', same limit: name substring": figures(
            time_naive(db, naive_queries, limit=True)
        ),
        "naive LIKE '%q%', all matches: name substring": figures(
            time_naive(db, naive_queries, limit=False)
        ),
    }
    results.update(naive)
    report(results, as_json=False)
    ratios = {}
    for name, fig in naive.items():
        ratio = {
            "p50_x": round(fig["p50_ms"] / max(indexed["p50_ms"], 0.01), 1),
            "p95_x": round(fig["p95_ms"] / max(indexed["p95_ms"], 0.01), 1),
        }
        ratios[f"{name} / search"] = ratio
        print(f"{name} / search, same {len(naive_queries)} queries: "
              f"{ratio['p50_x']}x at p50, {ratio['p95_x']}x at p95")  # fmt: skip
    db.dispose()
    if args.json:
        print(json.dumps({**results, **ratios}))


if __name__ == "__main__":
    main()
