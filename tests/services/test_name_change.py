"""Name/company changes only through a ticket and a lead's four-eyes approval (C1.4, ID-4)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kcp_desk.db import Database
from kcp_desk.errors import InvalidInput, PermissionDenied, StaleEdit
from kcp_desk.models.agents import Role
from kcp_desk.models.audit import AuditEntry
from kcp_desk.models.customers import (
    AddressKind,
    ContactChange,
    Customer,
    CustomerKind,
    NameChangeRequest,
    PostalAddress,
    RequestState,
)
from kcp_desk.models.tickets import Ticket
from kcp_desk.services import audit
from kcp_desk.services.agents import provision_agent
from kcp_desk.services.auth import AuthService
from kcp_desk.services.customers import CustomerService, FieldErrors
from kcp_desk.services.name_change import NameChangeService
from kcp_desk.services.principal import AgentSession
from tests.conftest import FAST_KDF, PASSPHRASES, change_agent

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
TICKET = "#KCP-00012340"  # number 1234
OTHER_TICKET = "#KCP-00012354"  # number 1235, another customer's


def _clock() -> dt.datetime:
    return NOW


def _login(db: Database, name: str, passphrase: str | None = None) -> AgentSession:
    return AuthService(db).login(name, passphrase or PASSPHRASES[name]).session


def _customer(s: Session, number: int, kind: CustomerKind = CustomerKind.PERSON) -> Customer:
    customer = Customer(
        number=number,
        kind=kind,
        first_name="Erika",
        last_name="Mustermann",
        company="Muster" if kind == CustomerKind.COMPANY else None,
        legal_form="GmbH" if kind == CustomerKind.COMPANY else None,
        email=f"kunde{number}@example.de",
        customer_since=dt.date(2019, 5, 1),
        search_folded="erika mustermann",
    )
    customer.addresses.append(
        PostalAddress(
            kind=AddressKind.BILLING,
            street="Domstraße",
            postcode="50667",
            city="Köln",
            valid_from=dt.date(2019, 5, 1),
        )
    )
    s.add(customer)
    s.flush()
    return customer


@pytest.fixture
def ids(database: Database, agents: dict[str, int]) -> dict[str, int]:
    with database.transaction() as s:
        mine = _customer(s, 1234567)
        other = _customer(s, 7654321)
        s.add(Ticket(customer_id=mine.id, number=1234, subject="Namensänderung nach Heirat"))
        s.add(Ticket(customer_id=other.id, number=1235, subject="Anderes"))
        company = _customer(s, 1111111, CustomerKind.COMPANY)
        s.add(Ticket(customer_id=company.id, number=1236, subject="Umfirmierung"))
        return {"customer": mine.id, "other": other.id, "company": company.id, **agents}


@pytest.fixture
def service(database: Database) -> NameChangeService:
    return NameChangeService(database, clock=_clock)


def _request(service: NameChangeService, session: AgentSession, customer_id: int) -> int:
    dto = service.request(
        session, customer_id, TICKET, "Erika", "Musterfrau-Schmidt", None, None, "Heirat"
    )
    return dto.request_id


def _history(db: Database) -> list[tuple[str, str | None, str | None]]:
    with db.session_factory() as s:
        return [
            (c.field, c.old_value, c.new_value)
            for c in s.scalars(select(ContactChange).order_by(ContactChange.id))
        ]


def _customer_row(db: Database, customer_id: int) -> Customer:
    with db.session_factory() as s:
        customer = s.get(Customer, customer_id)
        assert customer is not None
        return customer


# --- requesting ------------------------------------------------------------------------------


def test_request_is_pending_for_leads_and_its_requester(
    database: Database, ids: dict[str, int], service: NameChangeService
) -> None:
    anna = _login(database, "anna")
    lea = _login(database, "lea")
    dto = service.request(
        anna, ids["customer"], " kcp 0001234 0 ", "Erika", "Musterfrau", None, None, "Heirat"
    )
    assert dto.state == "pending" and dto.ticket_ref == TICKET
    assert (dto.customer_last_name, dto.new_last_name) == ("Mustermann", "Musterfrau")
    assert dto.requested_by_name == "Anna" and dto.requested_at == NOW
    assert not dto.can_decide  # anna is no lead
    (for_lea,) = service.pending(lea)
    assert for_lea.request_id == dto.request_id and for_lea.can_decide
    assert [d.request_id for d in service.pending(anna)] == [dto.request_id]
    # nothing is applied yet
    assert _customer_row(database, ids["customer"]).last_name == "Mustermann"
    assert _history(database) == []
    detail = CustomerService(database).detail(anna, ids["customer"], reload=True)
    assert detail.contact.pending_name_change_id == dto.request_id


def test_agents_see_only_their_own_requests(
    database: Database, ids: dict[str, int], service: NameChangeService
) -> None:
    lea = _login(database, "lea")
    anna = _login(database, "anna")
    service.request(lea, ids["customer"], TICKET, "Erika", "Neu", None, None, None)
    assert service.pending(anna) == []
    assert len(service.pending(lea)) == 1
    assert not service.pending(lea)[0].can_decide  # her own request


@pytest.mark.parametrize(
    ("ticket", "message"),
    [
        ("#KCP-00012341", "Check digit wrong"),
        ("#KCP-123", "Not a ticket number"),
        ("#KCP-00099992", "no ticket"),
        (OTHER_TICKET, "another customer"),
    ],
)
def test_ticket_must_be_valid_and_the_customers(
    database: Database,
    ids: dict[str, int],
    service: NameChangeService,
    ticket: str,
    message: str,
) -> None:
    with pytest.raises(InvalidInput) as err:
        service.request(
            _login(database, "anna"), ids["customer"], ticket, "Erika", "Neu", None, None, None
        )
    assert err.value.field == "ticket"
    assert message in str(err.value)
    with database.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(NameChangeRequest)) == 0


def test_names_are_validated_per_field(
    database: Database, ids: dict[str, int], service: NameChangeService
) -> None:
    anna = _login(database, "anna")
    with pytest.raises(FieldErrors) as err:
        service.request(anna, ids["customer"], "#KCP-00012341", "Erika", " ", None, None, None)
    assert set(err.value.errors) == {"ticket", "last_name"}
    with pytest.raises(FieldErrors) as err:
        service.request(
            anna, ids["company"], "#KCP-00012365", "Erika", "Mustermann", "", "AG", None
        )
    assert set(err.value.errors) == {"company"}
    with pytest.raises(InvalidInput) as same:
        service.request(anna, ids["customer"], TICKET, "Erika", "Mustermann", None, None, None)
    assert "same" in str(same.value)


def test_only_one_pending_request_per_customer(
    database: Database, ids: dict[str, int], service: NameChangeService
) -> None:
    anna = _login(database, "anna")
    _request(service, anna, ids["customer"])
    with pytest.raises(InvalidInput, match="already waiting"):
        _request(service, anna, ids["customer"])


# --- deciding --------------------------------------------------------------------------------


def test_agent_cannot_approve(
    database: Database, ids: dict[str, int], service: NameChangeService
) -> None:
    anna = _login(database, "anna")
    request_id = _request(service, anna, ids["customer"])
    with pytest.raises(PermissionDenied):
        service.approve(anna, request_id, 1, "passt")
    with pytest.raises(PermissionDenied):
        service.reject(anna, request_id, 1, "passt nicht")
    assert _customer_row(database, ids["customer"]).last_name == "Mustermann"


def test_lead_cannot_approve_her_own_request(
    database: Database, ids: dict[str, int], service: NameChangeService
) -> None:
    lea = _login(database, "lea")
    request_id = _request(service, lea, ids["customer"])
    with pytest.raises(PermissionDenied) as err:
        service.approve(lea, request_id, 1, "Urkunde liegt vor")
    assert "four-eyes" in str(err.value)
    with database.session_factory() as s:
        request = s.get(NameChangeRequest, request_id)
        assert request is not None and request.state == RequestState.PENDING
    assert _customer_row(database, ids["customer"]).last_name == "Mustermann"
    assert _history(database) == []


def test_another_lead_approves_and_the_change_is_applied(
    database: Database, ids: dict[str, int], service: NameChangeService
) -> None:
    anna = _login(database, "anna")
    lea = _login(database, "lea")
    customers = CustomerService(database, clock=_clock)
    before = customers.detail(anna, ids["customer"])
    request_id = _request(service, anna, ids["customer"])
    decided = service.approve(lea, request_id, 1, "Heiratsurkunde im Ticket")
    assert decided.state == "approved"
    assert decided.decided_by_name == "Lea" and decided.decided_at == NOW
    assert decided.decision_reason == "Heiratsurkunde im Ticket"
    assert not decided.can_decide
    assert service.pending(lea) == []

    customer = _customer_row(database, ids["customer"])
    assert customer.last_name == "Musterfrau-Schmidt"
    assert customer.search_folded == "erika musterfrau-schmidt kunde1234567@example.de koeln"
    assert customer.version == before.version + 1
    detail = customers.detail(anna, ids["customer"], reload=True)
    assert detail.header.display_name == "Erika Musterfrau-Schmidt"
    (row,) = detail.history.rows
    assert (row.field, row.old_value, row.new_value) == (
        "last_name",
        "Mustermann",
        "Musterfrau-Schmidt",
    )
    assert row.agent_name == "Lea" and row.reason == f"{TICKET}: Heirat"
    assert detail.contact.pending_name_change_id is None
    # the contact form anna had open is stale now
    with pytest.raises(StaleEdit):
        customers.update_contact(anna, ids["customer"], before.version, {"salutation": "Frau"})

    with database.session_factory() as s:
        actions = list(s.scalars(select(AuditEntry.canonical).order_by(AuditEntry.seq)))
    approved = [json.loads(c) for c in actions if '"name_change_approved"' in c]
    assert approved[0]["details"]["fields"] == ["last_name"]
    assert approved[0]["agent_id"] == ids["lea"]
    assert any('"name_change_requested"' in c for c in actions)
    assert audit.verify(database).ok


def test_company_rename(
    database: Database, ids: dict[str, int], service: NameChangeService
) -> None:
    anna = _login(database, "anna")
    lea = _login(database, "lea")
    dto = service.request(
        anna, ids["company"], "#KCP-00012365", "Erika", "Mustermann", "Muster & Söhne", "KG", None
    )
    service.approve(lea, dto.request_id, dto.version, "Handelsregisterauszug geprüft")
    customer = _customer_row(database, ids["company"])
    assert (customer.company, customer.legal_form) == ("Muster & Söhne", "KG")
    assert [h[0] for h in _history(database)] == ["company", "legal_form"]


def test_reject_changes_nothing_but_the_request(
    database: Database, ids: dict[str, int], service: NameChangeService
) -> None:
    anna = _login(database, "anna")
    lea = _login(database, "lea")
    request_id = _request(service, anna, ids["customer"])
    with pytest.raises(FieldErrors) as err:
        service.reject(lea, request_id, 1, "  ")
    assert set(err.value.errors) == {"decision_reason"}
    decided = service.reject(lea, request_id, 1, "Keine Urkunde")
    assert decided.state == "rejected"
    assert _customer_row(database, ids["customer"]).last_name == "Mustermann"
    assert _history(database) == []
    # a new request is possible again
    _request(service, anna, ids["customer"])


def test_a_decided_or_changed_request_is_stale(
    database: Database, ids: dict[str, int], service: NameChangeService
) -> None:
    anna = _login(database, "anna")
    lea = _login(database, "lea")
    with database.transaction() as s:
        provision_agent(
            s,
            username="lars",
            display_name="Lars",
            role=Role.LEAD,
            passphrase="lars-test-passphrase",
            kdf=FAST_KDF,
        )
    lars = _login(database, "lars", "lars-test-passphrase")
    request_id = _request(service, anna, ids["customer"])
    loaded_by_lars = service.pending(lars)[0]
    service.reject(lea, request_id, 1, "Keine Urkunde")
    with pytest.raises(StaleEdit):
        service.approve(lars, request_id, loaded_by_lars.version, "passt")
    assert _customer_row(database, ids["customer"]).last_name == "Mustermann"


# --- the role as of now, not as of the login (issue 7) ----------------------------------------


@pytest.mark.parametrize("change", ["demoted", "disabled"])
@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_a_lead_demoted_or_disabled_after_login_decides_nothing(
    database: Database, ids: dict[str, int], service: NameChangeService, change: str, decision: str
) -> None:
    anna = _login(database, "anna")
    lea = _login(database, "lea")  # a lead at login
    request_id = _request(service, anna, ids["customer"])
    assert service.get(lea, request_id).can_decide
    change_agent(database, ids["lea"], change)
    with pytest.raises(PermissionDenied) as err:
        getattr(service, decision)(lea, request_id, 1, "Heiratsurkunde im Ticket")
    assert ("lead" if change == "demoted" else "disabled") in str(err.value)
    with database.session_factory() as s:
        request = s.get(NameChangeRequest, request_id)
        assert request is not None
        assert (request.state, request.decided_by_id) == (RequestState.PENDING, None)
    assert _customer_row(database, ids["customer"]).last_name == "Mustermann"
    assert _history(database) == []


def test_pending_and_can_decide_follow_the_current_role(
    database: Database, ids: dict[str, int], service: NameChangeService
) -> None:
    anna = _login(database, "anna")
    lea = _login(database, "lea")
    request_id = _request(service, anna, ids["customer"])
    assert [r.request_id for r in service.pending(lea)] == [request_id]
    change_agent(database, ids["lea"], "demoted")
    # now an agent: only her own requests, and no decide button
    assert service.pending(lea) == []
    assert not service.get(lea, request_id).can_decide


def test_a_disabled_agent_cannot_request(
    database: Database, ids: dict[str, int], service: NameChangeService
) -> None:
    anna = _login(database, "anna")
    change_agent(database, ids["anna"], "disabled")
    with pytest.raises(PermissionDenied, match="disabled"):
        _request(service, anna, ids["customer"])
    with database.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(NameChangeRequest)) == 0


# --- bad input (issue 8) -----------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kcp_desk.domain.text_input import FORMAT_CHARACTER  # noqa: E402
from tests.domain.strategies import one_line_clean, typed_or_pasted, typed_text  # noqa: E402


def _requests(db: Database) -> int:
    with db.session_factory() as s:
        return s.scalar(select(func.count()).select_from(NameChangeRequest)) or 0


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=typed_text,
    last=typed_or_pasted,
    ticket=st.sampled_from([TICKET, "kcp 0001234 0"]) | typed_text,
    reason=st.none() | typed_or_pasted,
)
def test_any_name_change_request_is_made_or_refused_at_a_field(
    database: Database,
    ids: dict[str, int],
    service: NameChangeService,
    first: str,
    last: str,
    ticket: str,
    reason: str | None,
) -> None:
    anna = _login(database, "anna")
    before = _requests(database)
    try:
        dto = service.request(anna, ids["customer"], ticket, first, last, None, None, reason)
    except InvalidInput as err:
        fields = set(err.errors) if isinstance(err, FieldErrors) else {err.field}
        assert fields <= {"ticket", "first_name", "last_name", "reason", None}
        assert _requests(database) == before
        return
    assert one_line_clean(dto.new_last_name) and one_line_clean(dto.new_first_name)
    # one pending request per customer: clear it for the next example
    with database.transaction() as s:
        request = s.get(NameChangeRequest, dto.request_id)
        assert request is not None
        s.delete(request)


def test_a_right_to_left_override_in_the_last_name_is_refused_at_the_field(
    database: Database, ids: dict[str, int], service: NameChangeService
) -> None:
    anna = _login(database, "anna")
    with pytest.raises(FieldErrors) as err:
        service.request(
            anna, ids["customer"], TICKET, "Erika", "Muster\u202eknarf", None, None, "Heirat\x00"
        )
    assert set(err.value.errors) == {"last_name", "reason"}
    last = err.value.errors["last_name"]
    assert (last.field, last.template, last.params) == (
        "last_name",
        FORMAT_CHARACTER,
        {"position": 7},
    )
    assert _requests(database) == 0


def test_new_names_are_stored_nfc(
    database: Database, ids: dict[str, int], service: NameChangeService
) -> None:
    anna = _login(database, "anna")
    dto = service.request(
        anna, ids["customer"], f" {TICKET} ", "Jo\u0308rg", " Mu\u0308ller ", None, None, None
    )
    assert (dto.new_first_name, dto.new_last_name) == ("Jörg", "Müller")


# --- the count for the navigation (issue 9) -------------------------------------------------


def test_pending_count_is_what_waits_for_this_agent(
    database: Database, ids: dict[str, int], service: NameChangeService
) -> None:
    """A lead counts the requests she may decide (not her own); an agent counts their own."""
    anna, lea = _login(database, "anna"), _login(database, "lea")
    assert service.pending_count(lea) == service.pending_count(anna) == 0
    request_id = _request(service, anna, ids["customer"])
    service.request(lea, ids["other"], OTHER_TICKET, "Erika", "Kunz", None, None, "Heirat")
    assert service.pending_count(lea) == 1  # anna's; her own waits for another lead
    assert service.pending_count(anna) == 1
    service.approve(lea, request_id, 1, "Urkunde liegt vor")
    assert service.pending_count(lea) == 0
    assert service.pending_count(anna) == 0
