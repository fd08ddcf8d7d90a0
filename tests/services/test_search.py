"""SPEC C1.1 / C1.2: the one search field, on SQLite (FTS5) and PostgreSQL (pg_trgm)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from ipaddress import ip_address, ip_network

import pytest
from sqlalchemy import delete, event, select, text

from kcp_desk.db import Database
from kcp_desk.domain.folding import customer_search_text, fold, umlaut_variant
from kcp_desk.domain.ip_ranges import address_key
from kcp_desk.domain.references import format_customer_number, format_mandate_ref
from kcp_desk.errors import InvalidInput, PermissionDenied
from kcp_desk.models import (
    AddressKind,
    CostModel,
    Customer,
    CustomerKind,
    DunningLevel,
    DunningStep,
    Invoice,
    InvoiceState,
    PaymentMethod,
    PostalAddress,
    Product,
    ProductAddress,
    ProductKind,
    SepaMandate,
    SupportOrder,
    Ticket,
    TicketState,
)
from kcp_desk.models.agents import Agent, Role
from kcp_desk.services.agents import provision_agent
from kcp_desk.services.auth import AuthService
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.search import CustomerSearch, MatchKind, Tier
from tests.conftest import FAST_KDF, PASSPHRASES

NOW = dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.UTC)
TODAY = NOW.date()


@dataclass(frozen=True)
class People:
    """Customer ids of the search fixture by nickname."""

    ids: dict[str, int]

    def __getitem__(self, name: str) -> int:
        return self.ids[name]


def _add(
    s: object,
    number: int,
    first: str,
    last: str,
    email: str,
    city: str,
    postcode: str,
    *,
    company: str | None = None,
    phone_e164: str | None = None,
    mobile_e164: str | None = None,
) -> Customer:
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    customer = Customer(
        number=number,
        kind=CustomerKind.COMPANY if company else CustomerKind.PERSON,
        first_name=first,
        last_name=last,
        company=company,
        email=email,
        phone=phone_e164 or "",
        phone_e164=phone_e164,
        mobile_e164=mobile_e164,
        customer_since=dt.date(2020, 1, 1),
        preferred_payment_method=PaymentMethod.BANK_TRANSFER,
        search_folded=customer_search_text(first, last, company, email, city),
    )
    customer.addresses.append(
        PostalAddress(
            kind=AddressKind.BILLING,
            street="Hauptstraße",
            house_number="1",
            postcode=postcode,
            city=city,
            valid_from=dt.date(2020, 1, 1),
        )
    )
    s.add(customer)
    s.flush()
    return customer


def _invoice(customer: Customer, seq: int, state: InvoiceState, due: dt.date) -> Invoice:
    return Invoice(
        number=f"RE-2026-{seq:06d}",
        year=2026,
        seq=seq,
        customer=customer,
        issued_on=due - dt.timedelta(days=14),
        due_on=due,
        state=state,
        net=Decimal("10.00"),
        vat=Decimal("1.90"),
        gross=Decimal("11.90"),
        payment_method=PaymentMethod.BANK_TRANSFER,
    )


@pytest.fixture
def people(database: Database) -> People:
    ids: dict[str, int] = {}
    with database.transaction() as s:
        mueller = _add(
            s, 1234567, "Hans", "Müller", "hans.mueller@example.org", "Köln", "50667",
            phone_e164="+492211234567",
        )  # fmt: skip
        ids["mueller"] = mueller.id
        ids["gross"] = _add(
            s, 2345678, "Erika", "Groß", "e.gross@web.de", "Berlin", "10115",
            mobile_e164="+491711234567",
        ).id  # fmt: skip
        ids["weinstrasse"] = _add(
            s, 3456789, "Peter", "Lang", "p.lang@posteo.de", "Neustadt an der Weinstraße",
            "67433",
        ).id  # fmt: skip
        ids["company"] = _add(
            s, 1239999, "Olga", "Schmidt", "kontakt@schaefer-bau.de", "Bonn", "53111",
            company="Schäfer Bau GmbH",
        ).id  # fmt: skip
        ids["low"] = _add(s, 1229999, "Ida", "Unter", "ida@unter.de", "Hamm", "59065").id
        ids["high"] = _add(s, 1240000, "Otto", "Ober", "otto@ober.de", "Hamm", "59065").id
        ids["in_range"] = _add(s, 1230000, "Rita", "Rand", "rita@rand.de", "Hamm", "59065").id
        domain_owner = _add(s, 4567890, "Zora", "Anders", "zora@anders.de", "Ulm", "89073")
        ids["domain_owner"] = domain_owner.id
        ids["mueller_de"] = _add(
            s, 5678901, "Karl", "Müller", "info@mueller.de", "Essen", "45127",
        ).id  # fmt: skip

        started = dt.date(2020, 1, 1)
        domain = Product(customer=domain_owner, kind=ProductKind.DOMAIN, name="Domain mueller.de")
        domain.domain, domain.started_on = "mueller.de", started
        server = Product(customer=mueller, kind=ProductKind.VSERVER, name="vServer M")
        server.hostname, server.started_on = "vs4711.kcp-server.de", started
        s.add(domain)
        s.add(server)
        s.add(_invoice(mueller, 123, InvoiceState.OVERDUE, TODAY - dt.timedelta(days=20)))
        s.add(_invoice(domain_owner, 124, InvoiceState.PAID, TODAY - dt.timedelta(days=20)))
        s.add(_invoice(domain_owner, 125, InvoiceState.OPEN, TODAY + dt.timedelta(days=5)))
        tickets = [
            Ticket(number=1234, customer=mueller, subject="a", state=TicketState.OPEN),
            Ticket(number=1235, customer=mueller, subject="b", state=TicketState.NEW),
            Ticket(number=1236, customer=mueller, subject="c", state=TicketState.CLOSED),
        ]
        s.add_all(tickets)
        s.flush()
        s.add(
            SupportOrder(
                number=4711,
                ticket=tickets[0],
                customer=mueller,
                product=server,
                category="Update",
                description="PHP aktualisieren",
                cost_model=CostModel.HOURLY,
                price_per_15min=Decimal("25.00"),
            )
        )
        gross = s.get(Customer, ids["gross"])
        assert gross is not None
        gross.blocked = True
        gross.p_factor_locked_until = NOW + dt.timedelta(hours=1)
        company = s.get(Customer, ids["company"])
        assert company is not None
        company.p_factor_locked_until = NOW - dt.timedelta(hours=1)  # expired lock
        s.add(
            SepaMandate(
                reference=format_mandate_ref(2345678, 1),
                customer=gross,
                seq=1,
                creditor_id="DE98ZZZ09999999999",
                account_holder="Erika Groß",
                iban="DE02120300000000202051",
                signed_on=dt.date(2021, 3, 1),
                signed_place="Berlin",
            )
        )
    return People(ids)


@pytest.fixture
def search(database: Database) -> CustomerSearch:
    return CustomerSearch(database, clock=lambda: NOW)


@pytest.fixture
def anna(database: Database, agents: dict[str, int]) -> AgentSession:
    return AuthService(database).login("anna", PASSPHRASES["anna"]).session


def ids_of(search: CustomerSearch, anna: AgentSession, query: str, limit: int = 50) -> list[int]:
    return [hit.customer_id for hit in search.search(anna, query, limit).hits]


# --- identifiers ---------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["K12345671", "12345671", "k 1234567 1", " K1234567-1 "])
def test_customer_number_with_or_without_k(
    search: CustomerSearch, anna: AgentSession, people: People, query: str
) -> None:
    result = search.search(anna, query)
    assert [h.customer_id for h in result.hits] == [people["mueller"]]
    hit = result.hits[0]
    assert (hit.match, hit.match_detail, hit.tier) == (
        MatchKind.CUSTOMER_NUMBER,
        "K12345671",
        Tier.EXACT,
    )


def test_customer_number_prefix_is_a_range_on_the_seven_digit_body(
    search: CustomerSearch, anna: AgentSession, people: People
) -> None:
    # K123 → bodies 1230000 … 1239999: not 1229999, not 1240000
    expected = [people["in_range"], people["mueller"], people["company"]]
    assert ids_of(search, anna, "K123") == expected
    assert ids_of(search, anna, "123") == expected
    assert ids_of(search, anna, "K1234567") == [people["mueller"]]  # the body without check digit
    assert ids_of(search, anna, "K1") == [  # an identifier: allowed below three characters
        people["low"], people["in_range"], people["mueller"], people["company"],
        people["high"],
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "kind", "detail"),
    [
        ("RE-2026-000123", MatchKind.INVOICE, "RE-2026-000123"),
        ("re 2026 123", MatchKind.INVOICE, "RE-2026-000123"),
        ("#KCP-00012340", MatchKind.TICKET, "#KCP-00012340"),
        ("kcp 0001234 0", MatchKind.TICKET, "#KCP-00012340"),
        ("SA-00047118", MatchKind.SUPPORT_ORDER, "SA-00047118"),
        ("0221 1234-567", MatchKind.PHONE, "+492211234567"),
        ("+49 221 1234567", MatchKind.PHONE, "+492211234567"),
        ("(0221) 1234567", MatchKind.PHONE, "+492211234567"),
        ("0221/123 45 67", MatchKind.PHONE, "+492211234567"),
        ("hans.mueller@example.org", MatchKind.EMAIL, "hans.mueller@example.org"),
        ("Hans.Mueller@Example.org", MatchKind.EMAIL, "hans.mueller@example.org"),
        ("vs4711.kcp-server.de", MatchKind.HOSTNAME, "vs4711.kcp-server.de"),
        ("50667", MatchKind.POSTCODE, "50667"),
    ],
)
def test_identifiers_find_their_customer(
    search: CustomerSearch,
    anna: AgentSession,
    people: People,
    query: str,
    kind: MatchKind,
    detail: str,
) -> None:
    hits = search.search(anna, query).hits
    assert [h.customer_id for h in hits] == [people["mueller"]]
    assert (hits[0].match, hits[0].match_detail) == (kind, detail)


def test_mobile_number_and_mandate_reference(
    search: CustomerSearch, anna: AgentSession, people: People
) -> None:
    assert ids_of(search, anna, "0171 1234567") == [people["gross"]]
    hits = search.search(anna, "K23456789-M01").hits
    assert [h.customer_id for h in hits] == [people["gross"]]
    assert hits[0].match == MatchKind.MANDATE


def test_domain_exact_also_from_a_pasted_url(
    search: CustomerSearch, anna: AgentSession, people: People
) -> None:
    for query in ("mueller.de", "https://www.mueller.de/impressum"):
        hits = search.search(anna, query).hits
        assert hits[0].customer_id == people["domain_owner"]
        assert (hits[0].match, hits[0].tier) == (MatchKind.DOMAIN, Tier.EXACT)


def test_prefixes_of_e_mail_host_name_and_references(
    search: CustomerSearch, anna: AgentSession, people: People
) -> None:
    hits = search.search(anna, "hans.mue").hits
    assert [h.customer_id for h in hits] == [people["mueller"]]
    assert (hits[0].match, hits[0].tier) == (MatchKind.EMAIL, Tier.PREFIX)
    assert ids_of(search, anna, "vs47") == [people["mueller"]]
    assert ids_of(search, anna, "#KCP-000123") == [people["mueller"]]
    assert ids_of(search, anna, "SA-00047") == [people["mueller"]]
    assert ids_of(search, anna, "RE-2026-0001") == [people["mueller"], people["domain_owner"]]


def test_postcode_with_city(search: CustomerSearch, anna: AgentSession, people: People) -> None:
    assert ids_of(search, anna, "50667 Köln") == [people["mueller"]]
    assert ids_of(search, anna, "50667 Berlin") == []


# --- text: folding, substrings, several words -------------------------------------------------


@pytest.mark.parametrize("query", ["muller", "mueller", "MÜLLER", "Müller", "Mueller"])
def test_umlaut_spellings_find_mueller(
    search: CustomerSearch, anna: AgentSession, people: People, query: str
) -> None:
    found = ids_of(search, anna, query)
    assert people["mueller"] in found
    assert people["mueller_de"] in found


def test_gross_finds_gross_with_sharp_s(
    search: CustomerSearch, anna: AgentSession, people: People
) -> None:
    assert ids_of(search, anna, "gross") == [people["gross"]]
    assert ids_of(search, anna, "Groß") == [people["gross"]]


@pytest.mark.parametrize("query", ["strasse", "Weinstraße", "WEINSTRASSE", "weinstra"])
def test_strasse_finds_strasse_with_sharp_s(
    search: CustomerSearch, anna: AgentSession, people: People, query: str
) -> None:
    hits = search.search(anna, query).hits
    assert [h.customer_id for h in hits] == [people["weinstrasse"]]
    assert hits[0].match == MatchKind.CITY


def test_substrings_inside_names_companies_and_e_mails(
    search: CustomerSearch, anna: AgentSession, people: People
) -> None:
    assert ids_of(search, anna, "ülle") == [people["mueller"], people["mueller_de"]]
    assert ids_of(search, anna, "häfer") == [people["company"]]  # inside "Schäfer Bau GmbH"
    hits = search.search(anna, "takt@schae").hits
    assert [h.customer_id for h in hits] == [people["company"]]
    assert (hits[0].match, hits[0].match_detail) == (MatchKind.EMAIL, "kontakt@schaefer-bau.de")
    assert ids_of(search, anna, "posteo") == [people["weinstrasse"]]


def test_every_word_must_match_in_any_order(
    search: CustomerSearch, anna: AgentSession, people: People
) -> None:
    assert ids_of(search, anna, "hans muller") == [people["mueller"]]
    assert ids_of(search, anna, "Müller Hans") == [people["mueller"]]
    assert ids_of(search, anna, "müller essen") == [people["mueller_de"]]
    # short words do not start a scan, but they do narrow one
    assert ids_of(search, anna, "karl mü") == [people["mueller_de"]]
    assert ids_of(search, anna, "karl mu") == [people["mueller_de"]]
    assert ids_of(search, anna, "müller xy") == []


def test_fewer_than_three_characters_never_scan_text(
    search: CustomerSearch, anna: AgentSession, people: People
) -> None:
    assert ids_of(search, anna, "mü") == []
    assert ids_of(search, anna, "ha") == []
    assert ids_of(search, anna, "  ") == []
    assert ids_of(search, anna, "mül") == [people["mueller"], people["mueller_de"]]


@pytest.mark.parametrize("query", ["mü", "ha", "a", "ab cd", "K", "#", "ß"])
def test_text_too_short_to_search_says_so(
    search: CustomerSearch, anna: AgentSession, people: People, query: str
) -> None:
    """Issue 9: not "no customer found" but "type more" (the view words it)."""
    result = search.search(anna, query)
    assert result.hits == ()
    assert result.too_short


@pytest.mark.parametrize("query", ["mül", "K1", "K12", "123", "12345678901234", "zzzzz", ""])
def test_searchable_text_is_not_too_short(
    search: CustomerSearch, anna: AgentSession, people: People, query: str
) -> None:
    # three letters, a customer number begun with K, a number: searched (maybe no hit)
    assert not search.search(anna, query).too_short


def test_words_of_different_fields_all_must_match(
    search: CustomerSearch, anna: AgentSession, people: People
) -> None:
    """Issue 9: "Schmidt Berlin" finds Schmidt in Berlin: each word may be in any field
    (name, company, contact person, e-mail, city), every word must be somewhere."""
    assert ids_of(search, anna, "Schmidt Bonn") == [people["company"]]  # person + city
    assert ids_of(search, anna, "bonn schäfer") == [people["company"]]  # city + company
    assert ids_of(search, anna, "olga bau schmidt") == [people["company"]]
    assert ids_of(search, anna, "groß web.de berlin") == [people["gross"]]  # name, e-mail, city
    assert ids_of(search, anna, "Schmidt Berlin") == []  # Olga Schmidt lives in Bonn
    assert ids_of(search, anna, "Erika Köln") == []


def test_a_contact_person_match_names_the_person(
    search: CustomerSearch, anna: AgentSession, people: People
) -> None:
    (hit,) = search.search(anna, "olga schmidt").hits
    assert hit.display_name == "Schäfer Bau GmbH"
    assert (hit.match, hit.match_detail) == (MatchKind.CONTACT_PERSON, "Olga Schmidt")
    assert hit.match_text == "contact person Olga Schmidt"
    (person,) = search.search(anna, "hans müller").hits  # a person: the name is the row
    assert (person.match, person.match_detail) == (MatchKind.NAME, "")


def test_like_wildcards_are_literal(
    search: CustomerSearch, anna: AgentSession, database: Database, people: People
) -> None:
    with database.transaction() as s:
        underscore = _add(s, 6789012, "Max", "Muster", "max_muster@x.de", "Hamm", "59065").id
    assert ids_of(search, anna, "x_mu") == [underscore]
    assert ids_of(search, anna, "muster x_") == [underscore]  # also as a short filter word
    assert ids_of(search, anna, "muster h_") == []
    assert ids_of(search, anna, "h_ns") == []
    assert ids_of(search, anna, "%%%") == []
    assert ids_of(search, anna, "ma% mu") == []
    assert ids_of(search, anna, '"müller"') == []


# --- ranking, errors, badges ------------------------------------------------------------------


def test_exact_identifier_ranks_before_text_matches(
    search: CustomerSearch, anna: AgentSession, people: People
) -> None:
    hits = search.search(anna, "mueller.de").hits
    # the domain owner is called Anders; Karl Müller only has "mueller.de" in his e-mail
    assert [h.customer_id for h in hits] == [people["domain_owner"], people["mueller_de"]]
    assert [h.tier for h in hits] == [Tier.EXACT, Tier.TEXT]


def test_whole_word_matches_rank_before_partial_ones(
    search: CustomerSearch, anna: AgentSession, database: Database, people: People
) -> None:
    with database.transaction() as s:
        _add(s, 6789012, "Anna", "Langer", "a@langer.de", "Hamm", "59065")
    hits = search.search(anna, "lang").hits
    assert [h.display_name for h in hits] == ["Peter Lang", "Anna Langer"]


@pytest.mark.parametrize(
    ("query", "expected_ref"),
    [
        ("K12345672", "K12345672"),
        ("12345672", "12345672"),
        ("#KCP-00012341", "#KCP-00012341"),
        ("SA-00047119", "SA-00047119"),
        ("K12345672-M01", "K12345672-M01"),
    ],
)
def test_wrong_check_digit_says_so_instead_of_no_customer(
    search: CustomerSearch, anna: AgentSession, people: People, query: str, expected_ref: str
) -> None:
    with pytest.raises(InvalidInput) as info:
        search.search(anna, query)
    err = info.value
    assert err.field == "search"
    assert err.template.startswith("Check digit wrong: {ref}")
    assert err.params == {"ref": expected_ref}
    assert expected_ref in str(err)


def test_eight_digits_that_are_a_phone_number_are_not_a_check_digit_error(
    search: CustomerSearch, anna: AgentSession, database: Database, people: People
) -> None:
    with database.transaction() as s:
        # 02211234: eight digits with a wrong Damm check digit, and a valid phone number
        customer = _add(s, 7890123, "Tom", "Tel", "t@tel.de", "Köln", "50667")
        customer.phone_e164 = "+492211234"
    assert ids_of(search, anna, "02211234") == [customer.id]


def test_limit_and_truncated(search: CustomerSearch, anna: AgentSession, people: People) -> None:
    result = search.search(anna, "K1", limit=2)
    assert len(result.hits) == 2
    assert result.truncated
    assert not search.search(anna, "K1", limit=5).truncated
    # a text match with more hits than asked for (PostgreSQL: answered by the first rows)
    result = search.search(anna, "müller", limit=1)
    assert [h.customer_id for h in result.hits] == [people["mueller"]]
    assert result.truncated


def test_hit_shows_the_list_columns_and_badges(
    search: CustomerSearch, anna: AgentSession, people: People
) -> None:
    (mueller,) = search.search(anna, "K12345671").hits
    assert mueller.number_text == format_customer_number(1234567) == "K12345671"
    assert mueller.display_name == "Hans Müller"
    assert (mueller.email, mueller.city) == ("hans.mueller@example.org", "Köln")
    assert mueller.in_arrears  # an overdue invoice
    assert mueller.open_tickets == 2  # open + new; the closed one does not count
    assert not mueller.factor_locked
    assert not mueller.blocked

    (gross,) = search.search(anna, "K23456789").hits
    assert (gross.factor_locked, gross.blocked, gross.in_arrears) == (True, True, False)
    assert gross.open_tickets == 0

    (company,) = search.search(anna, "Schäfer Bau").hits
    assert company.display_name == "Schäfer Bau GmbH"
    assert company.match == MatchKind.COMPANY
    assert not company.factor_locked  # the lock has expired

    (owner,) = [h for h in search.search(anna, "mueller.de").hits if h.match == MatchKind.DOMAIN]
    assert not owner.in_arrears  # paid, and open but not yet due


def test_the_index_follows_every_write(
    search: CustomerSearch, anna: AgentSession, database: Database, people: People
) -> None:
    with database.transaction() as s:
        customer = s.get(Customer, people["weinstrasse"])
        assert customer is not None
        customer.last_name = "Kürzinger"
        customer.search_folded = customer_search_text(
            customer.first_name, customer.last_name, None, customer.email, "Neustadt"
        )
    assert ids_of(search, anna, "kurzinger") == [people["weinstrasse"]]
    assert ids_of(search, anna, "weinstrasse") == []
    with database.transaction() as s:
        s.execute(delete(PostalAddress).where(PostalAddress.customer_id == people["weinstrasse"]))
        customer = s.get(Customer, people["weinstrasse"])
        s.delete(customer)
    assert ids_of(search, anna, "kurzinger") == []


def test_text_search_uses_the_trigram_index(database: Database, people: People) -> None:
    """The query's search-text expression must stay the one migration 0002 indexed."""
    search = CustomerSearch(database)
    statement, params = search._text_statement(("mueller", "mu"))
    statement = statement.params(**params, n=51)
    compiled = statement.compile(database.engine, compile_kwargs={"literal_binds": True})
    with database.engine.begin() as conn:
        if database.dialect == "postgresql":
            conn.execute(text("SET LOCAL enable_seqscan = off"))
            plan = "\n".join(r[0] for r in conn.execute(text(f"EXPLAIN {compiled}")))
            assert "ix_customers_search_trgm" in plan
        else:
            rows = conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}")).all()
            plan = "\n".join(str(r[-1]) for r in rows)
            assert "VIRTUAL TABLE INDEX" in plan
            assert "SCAN customers" not in plan
        found = conn.execute(statement).scalars().all()
    assert set(found) == {people["mueller"], people["mueller_de"]}


def test_the_fts_query_asks_for_the_rarest_trigrams_of_each_word() -> None:
    """Issue 9: ``schmidt berlin`` by ``sch``/``ber``/``lin`` (15-22 % of all customers
    each) walked 4.8 ms of doclists on 1M customers; by its rarest trigrams 1.2 ms."""
    from kcp_desk.domain.trigram_counts import TRIGRAM_COUNTS
    from kcp_desk.services.search import FTS_TRIGRAMS_PER_WORD, _fts_query

    terms = _fts_query(["schmidt", "berlin"]).split()
    assert len(terms) == 2 * FTS_TRIGRAMS_PER_WORD
    for common in ("sch", "ber", "lin"):
        assert TRIGRAM_COUNTS[common] > 100_000
        assert f'"{common}"' not in terms
    assert _fts_query(["abc"]) == '"abc"'
    assert _fts_query(['a"b']) == '"a""b"'  # quoted for FTS5


def test_search_runs_no_writes(
    search: CustomerSearch, anna: AgentSession, database: Database, people: People
) -> None:
    search.search(anna, "müller")
    with database.transaction() as s:
        assert s.scalar(select(Customer.version).where(Customer.id == people["mueller"])) == 1


@pytest.mark.parametrize(
    "name", ["Müller", "Mueller", "Schäfer", "Köln", "aee", "ueue", "Groß-Müller & Söhne"]
)
def test_the_indexed_text_is_the_python_one(database: Database, name: str) -> None:
    """Migration 0002 indexes the umlaut-less variant computed in SQL (and on PostgreSQL
    spells punctuation as letters); the service spells query words and explains matches
    in Python. Both sides must agree."""
    from kcp_desk.services.search import _PG_SPELLING, _search_text

    folded = fold(name)
    expected = f"{folded} {umlaut_variant(folded)}"
    with database.transaction() as s:
        customer = _add(s, 1000001, "", name, "x@y.de", "", "12345")
        customer.search_folded = folded
        s.flush()
        if database.dialect == "postgresql":
            stored = text("SELECT search_text FROM customers WHERE id = :id")
            indexed = s.scalar(stored, {"id": customer.id})
            expected = expected.translate(_PG_SPELLING)
        else:
            expression = _search_text(Customer.search_folded)
            indexed = s.scalar(select(expression).where(Customer.id == customer.id))
    assert indexed == expected


def test_payment_badges_dunning_level_and_returned_debit(
    database: Database, search: CustomerSearch, anna: AgentSession, people: People
) -> None:
    """PAY-5 key facts in the result list: the highest dunning step on an unpaid
    invoice, and an unsettled returned debit (a paid invoice's old steps do not count)."""
    with database.transaction() as s:
        customer = s.get(Customer, people.ids["domain_owner"])
        assert customer is not None
        paid = s.scalars(select(Invoice).where(Invoice.seq == 124)).one()
        returned = _invoice(customer, 126, InvoiceState.RETURNED_DEBIT, TODAY - dt.timedelta(40))
        s.add(returned)
        s.flush()
        for invoice, level in (
            (returned, DunningLevel.REMINDER),
            (returned, DunningLevel.SECOND),
            (paid, DunningLevel.FINAL_NOTICE),
        ):
            s.add(
                DunningStep(
                    invoice_id=invoice.id,
                    customer_id=customer.id,
                    level=level,
                    issued_on=TODAY - dt.timedelta(days=5),
                )
            )
    (owner,) = search.search(anna, "zora@anders.de").hits
    assert owner.dunning_level == "second"
    assert owner.debit_returned
    (mueller,) = search.search(anna, "K12345671").hits
    assert (mueller.dunning_level, mueller.debit_returned) == (None, False)


# --- who may search (SPEC §0, issue 7) ---------------------------------------------------------


def test_admins_find_no_customers(
    database: Database, search: CustomerSearch, people: People
) -> None:
    with database.transaction() as s:
        provision_agent(s, username="ida", display_name="Ida", role=Role.ADMIN,
                        passphrase="ida-test-passphrase", kdf=FAST_KDF)  # fmt: skip
    admin = AuthService(database).login("ida", "ida-test-passphrase").session
    for query in ("K12345671", "müller", ""):
        with pytest.raises(PermissionDenied, match="agents and leads"):
            search.search(admin, query)


@pytest.mark.parametrize("query", ["K12345671", "müller", ""])
def test_a_locked_desk_searches_nothing(
    search: CustomerSearch, anna: AgentSession, people: People, query: str
) -> None:
    assert ids_of(search, anna, "K12345671") == [people["mueller"]]
    anna.lock()
    with pytest.raises(PermissionDenied, match="locked"):
        search.search(anna, query)


def test_an_agent_disabled_after_login_searches_nothing(
    database: Database,
    search: CustomerSearch,
    anna: AgentSession,
    agents: dict[str, int],
    people: People,
) -> None:
    with database.transaction() as s:
        agent = s.get(Agent, agents["anna"])
        assert agent is not None
        agent.active = False
    with pytest.raises(PermissionDenied, match="disabled"):
        search.search(anna, "K12345671")


def test_the_role_check_is_one_primary_key_lookup(
    database: Database, search: CustomerSearch, anna: AgentSession, people: People
) -> None:
    """Search is timed per keystroke: the check adds one query on ``agents``, no more."""
    statements: list[str] = []

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        search.search(anna, "K12345671")
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
    on_agents = [st for st in statements if "FROM agents" in st]
    assert len(on_agents) == 1, on_agents
    assert "agents.id =" in on_agents[0]


# --- every input an answer (issue 8) ---------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402

from kcp_desk.services.search import MAX_QUERY_WORDS  # noqa: E402
from tests.domain.strategies import typed_or_pasted  # noqa: E402


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=typed_or_pasted)
def test_any_text_gives_a_result_or_invalid_input(
    search: CustomerSearch, anna: AgentSession, people: People, text: str
) -> None:
    try:
        result = search.search(anna, text)
    except InvalidInput as err:
        assert err.field == "search"
        return
    assert result.words_searched <= MAX_QUERY_WORDS
    assert len(result.hits) <= 50


@pytest.mark.parametrize(
    "query", ["\x00", "müller\x00", "\x00müller", "mül\x00ler", "K1234567\x001", "'\x00'"]
)
def test_a_nul_character_is_dropped_not_a_crash(
    search: CustomerSearch, anna: AgentSession, people: People, query: str
) -> None:
    ids = ids_of(search, anna, query)
    if any(known in query.replace("\x00", "") for known in ("müller", "K12345671")):
        assert people["mueller"] in ids
    else:
        assert ids == []


def test_control_and_format_characters_in_a_paste_are_dropped(
    search: CustomerSearch, anna: AgentSession, people: People
) -> None:
    assert people["mueller"] in ids_of(search, anna, "\u202emül\u200bler\x1b\ud800 köln\t")
    assert ids_of(search, anna, "\x1bK1234567\u200b1\x07") == [people["mueller"]]


def test_a_pasted_block_searches_its_first_words_and_says_so(
    search: CustomerSearch, anna: AgentSession, people: People
) -> None:
    result = search.search(anna, "müller " * 1500)
    assert result.words_searched == MAX_QUERY_WORDS
    assert result.words_ignored == 1500 - MAX_QUERY_WORDS
    assert {people["mueller"], people["mueller_de"]} <= {h.customer_id for h in result.hits}
    many = search.search(anna, " ".join(f"w{i}ort" for i in range(20)))
    assert (many.words_searched, many.words_ignored) == (MAX_QUERY_WORDS, 12)
    assert many.hits == ()


def test_a_short_query_ignores_nothing(
    search: CustomerSearch, anna: AgentSession, people: People
) -> None:
    result = search.search(anna, "hans müller köln")
    assert (result.words_searched, result.words_ignored) == (3, 0)
    assert [h.customer_id for h in result.hits] == [people["mueller"]]


@pytest.mark.parametrize(
    "query", ["info@mueller.de\U0010ffff", "mueller.d\U0010ffff", "\U0010ffff" * 3, "ab\U0010ffff"]
)
def test_a_query_ending_in_the_last_code_point(
    search: CustomerSearch, anna: AgentSession, people: People, query: str
) -> None:
    ids = ids_of(search, anna, query)
    assert people["mueller_de"] not in ids or query.startswith("mueller.d")


def test_prefix_bounds_skip_the_surrogates_and_the_last_code_point() -> None:
    from kcp_desk.services.search import _prefix_params

    assert _prefix_params("info@f") == {"lo": "info@f", "hi": "info@g"}
    assert _prefix_params("ab\U0010ffff\U0010ffff") == {"lo": "ab\U0010ffff\U0010ffff", "hi": "ac"}
    assert _prefix_params("a\ud7ff") == {"lo": "a\ud7ff", "hi": "a\ue000"}
    assert _prefix_params("\U0010ffff") is None


def test_like_patterns_are_bound_not_rendered_into_the_sql(
    database: Database, search: CustomerSearch, anna: AgentSession, people: People
) -> None:
    statements: list[str] = []

    def record(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        assert ids_of(search, anna, "müller köln") == [people["mueller"]]
        assert ids_of(search, anna, "hans o'mül%_\\") == []
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
    assert statements
    assert not any("mueller" in sql or "o''m" in sql for sql in statements)


# --- servers: IP addresses, subnets and short names (C1.1) ----------------------------------


@pytest.fixture
def servers(database: Database, people: People) -> People:
    """Addresses of the fixture's servers; two more servers with short names ks-10042 and
    ks-100421. ``company`` has a /32 inside ``mueller``'s /29 (a reseller's customer)."""
    started = dt.date(2020, 1, 1)
    with database.transaction() as s:
        server = s.scalars(select(Product).where(Product.hostname == "vs4711.kcp-server.de")).one()
        server.addresses.extend(
            ProductAddress.of(ip_network(n)) for n in ("203.0.113.40/29", "2001:db8:1::/64")
        )
        for owner, host, network in (
            ("domain_owner", "ks-10042.kcp-server.de", "198.51.100.7/32"),
            ("gross", "ks-100421.kcp-server.de", "2001:db8:2::5/128"),
            ("company", "v99.kcp-server.de", "203.0.113.42/32"),
        ):
            product = Product(
                customer_id=people[owner], kind=ProductKind.DEDICATED, name="Dedicated Server"
            )
            product.hostname, product.started_on = host, started
            product.addresses.append(ProductAddress.of(ip_network(network)))
            s.add(product)
    return people


@pytest.mark.parametrize(
    ("query", "owner", "detail"),
    [
        ("203.0.113.45", "mueller", "203.0.113.40/29"),
        ("203.0.113.40", "mueller", "203.0.113.40/29"),  # first and last of the subnet
        ("203.0.113.47", "mueller", "203.0.113.40/29"),
        ("198.51.100.7", "domain_owner", "198.51.100.7"),
        ("2001:db8:1::abcd", "mueller", "2001:db8:1::/64"),
        ("2001:DB8:1:0:ffff:ffff:ffff:ffff", "mueller", "2001:db8:1::/64"),
        ("2001:db8:2::5", "gross", "2001:db8:2::5"),
        ("203.0.113.45:443", "mueller", "203.0.113.40/29"),
        (" 203.0.113.45 ", "mueller", "203.0.113.40/29"),
        ("[2001:db8:1::1]", "mueller", "2001:db8:1::/64"),
        ("[2001:db8:1::1]:8443", "mueller", "2001:db8:1::/64"),
        ("::ffff:203.0.113.45", "mueller", "203.0.113.40/29"),
        ("198.51.100.7/32", "domain_owner", "198.51.100.7"),
    ],
)
def test_an_address_finds_the_owner_of_the_server_or_subnet_holding_it(
    search: CustomerSearch,
    anna: AgentSession,
    servers: People,
    query: str,
    owner: str,
    detail: str,
) -> None:
    hits = search.search(anna, query).hits
    assert [h.customer_id for h in hits] == [servers[owner]]
    assert (hits[0].match, hits[0].match_detail, hits[0].tier) == (
        MatchKind.IP_ADDRESS,
        detail,
        Tier.EXACT,
    )
    assert hits[0].match_text == f"IP address {detail}"


@pytest.mark.parametrize(
    "query", ["203.0.113.39", "203.0.113.48", "198.51.100.6", "198.51.100.8", "2001:db8:3::1",
              "2001:db8:2::4", "10.0.0.1", "::1"],
)  # fmt: skip
def test_an_address_outside_every_assignment_finds_nobody(
    search: CustomerSearch, anna: AgentSession, servers: People, query: str
) -> None:
    assert search.search(anna, query).hits == ()


def test_an_address_in_nested_assignments_finds_the_most_specific_first(
    search: CustomerSearch, anna: AgentSession, servers: People
) -> None:
    hits = search.search(anna, "203.0.113.42").hits
    assert [(h.customer_id, h.match_detail) for h in hits] == [
        (servers["company"], "203.0.113.42"),
        (servers["mueller"], "203.0.113.40/29"),
    ]


@pytest.mark.parametrize(
    ("query", "detail"),
    [
        ("203.0.113.40/29", "203.0.113.40/29"),
        ("203.0.113.45/29", "203.0.113.40/29"),  # host bits cleared
        ("2001:db8:1::/64", "2001:db8:1::/64"),
        ("2001:DB8:1:0::/64", "2001:db8:1::/64"),
    ],
)
def test_a_subnet_finds_its_exact_assignment(
    search: CustomerSearch, anna: AgentSession, servers: People, query: str, detail: str
) -> None:
    hits = search.search(anna, query).hits
    assert [(h.customer_id, h.match, h.match_detail) for h in hits] == [
        (servers["mueller"], MatchKind.SUBNET, detail)
    ]
    assert hits[0].match_text == f"subnet {detail}"


@pytest.mark.parametrize("query", ["203.0.113.32/28", "203.0.113.40/30", "2001:db8::/48"])
def test_a_subnet_that_is_no_assignment_finds_nobody(
    search: CustomerSearch, anna: AgentSession, servers: People, query: str
) -> None:
    assert search.search(anna, query).hits == ()


def test_a_server_name_exact_ranks_before_its_prefix_matches(
    search: CustomerSearch, anna: AgentSession, servers: People
) -> None:
    hits = search.search(anna, "KS-10042").hits
    assert [(h.customer_id, h.match, h.match_detail, h.tier) for h in hits] == [
        (servers["domain_owner"], MatchKind.HOSTNAME, "ks-10042.kcp-server.de", Tier.EXACT),
        (servers["gross"], MatchKind.HOSTNAME, "ks-100421.kcp-server.de", Tier.PREFIX),
    ]
    hits = search.search(anna, "vs4711").hits
    assert [(h.customer_id, h.tier) for h in hits] == [(servers["mueller"], Tier.EXACT)]


def test_a_server_name_prefix(search: CustomerSearch, anna: AgentSession, servers: People) -> None:
    hits = search.search(anna, "ks-1004").hits
    assert [(h.customer_id, h.match, h.tier) for h in hits] == [
        (servers["domain_owner"], MatchKind.HOSTNAME, Tier.PREFIX),
        (servers["gross"], MatchKind.HOSTNAME, Tier.PREFIX),
    ]


def test_product_tier_names_identify_nobody(
    search: CustomerSearch, anna: AgentSession, servers: People
) -> None:
    assert search.search(anna, "Dedicated Server").hits == ()


@pytest.mark.parametrize(
    "query", ["999.1.1.1", "203.0.113.45:99999", "203.0.113", "1.2.3.4.5", "[2001:db8::g]",
              "203.0.113.40/33", "2001:db8:::1"],
)  # fmt: skip
def test_a_malformed_address_is_searched_as_text_without_error(
    search: CustomerSearch, anna: AgentSession, servers: People, query: str
) -> None:
    assert search.search(anna, query).hits == ()


def test_a_malformed_address_still_finds_text(
    search: CustomerSearch, anna: AgentSession, database: Database, servers: People
) -> None:
    with database.transaction() as s:
        _add(s, 7654321, "Ada", "Ip", "999.1.1.1@example.org", "Ulm", "89073")
    hits = search.search(anna, "999.1.1.1").hits
    assert [h.match for h in hits] == [MatchKind.EMAIL]


def test_the_address_statement_uses_its_index(database: Database, servers: People) -> None:
    search = CustomerSearch(database)
    pg = database.dialect == "postgresql"
    params: dict[str, object] = {"v": "203.0.113.45", "n": 51}
    if not pg:
        params.update(v=address_key(ip_address("203.0.113.45")), family=4)
    compiled = search._sql.ip.compile(database.engine)
    bound = compiled.construct_params(params)
    args = tuple(bound[k] for k in compiled.positiontup or ()) if compiled.positional else bound
    with database.engine.begin() as conn:
        if pg:
            conn.execute(text("SET LOCAL enable_seqscan = off"))
            rows = conn.exec_driver_sql(f"EXPLAIN {compiled}", args).all()
            plan = "\n".join(str(r[0]) for r in rows)
            assert "ix_product_addresses_network" in plan
        else:
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", args).all()
            plan = "\n".join(str(r[-1]) for r in rows)
            assert "ix_product_addresses_range (family=? AND range_start<?)" in plan
            assert "SCAN product_addresses" not in plan
        found = conn.execute(search._sql.ip, params).all()
    assert [tuple(r) for r in found] == [(servers["mueller"], "203.0.113.40/29")]
