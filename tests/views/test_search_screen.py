"""The search screen as an agent sees it (issue 9): "type more" for short input, a result
list that fits the window with coloured badges and tooltips, the contact person in
"Found by", ``search_for`` for ``kcp-desk open``, and the table models under
pytest-qt's model tester."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kcp_desk.db import Database
from kcp_desk.domain.dial_text import search_text
from kcp_desk.models import Customer
from kcp_desk.services.auth import AuthService
from kcp_desk.services.demo import DEMO_AGENTS, populate
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.search import CustomerHit, CustomerSearch, MatchKind
from kcp_desk.views.badges import (
    Badge,
    BadgeDelegate,
    BadgeKind,
    badge_colour,
    customer_badges,
)
from kcp_desk.views.customer_search import (
    COL_FOUND,
    COL_STATUS,
    DEBOUNCE_MS,
    CustomerSearchView,
    status_text,
)
from kcp_desk.views.table_model import BADGES_ROLE, ROW_ROLE, Column, DtoTableModel
from tests.conftest import FAST_KDF


@pytest.fixture
def session(database: Database) -> AgentSession:
    populate(database, customers=60, kdf=FAST_KDF)
    anna = next(a for a in DEMO_AGENTS if a.username == "anna")
    return AuthService(database).login("anna", anna.passphrase).session


@pytest.fixture
def view(qtbot: QtBot, database: Database, session: AgentSession) -> CustomerSearchView:
    widget = CustomerSearchView(CustomerSearch(database), session)
    qtbot.addWidget(widget)
    widget.resize(1024, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _type(qtbot: QtBot, view: CustomerSearchView, text: str) -> None:
    with qtbot.waitSignal(view.searched, timeout=5000):
        view.field.setText(text)


def _all_hits(view: CustomerSearchView) -> list[CustomerHit]:
    return [view.model.row(i) for i in range(view.model.rowCount())]


# --- 1. too short ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["mü", "ab", "x", "ab cd"])
def test_short_text_asks_for_three_characters_not_no_customer(
    qtbot: QtBot, view: CustomerSearchView, text: str
) -> None:
    _type(qtbot, view, text)
    assert view.message.text() == "Type at least 3 characters (or a number)."
    assert view.model.rowCount() == 0


@pytest.mark.parametrize("text", ["K1", "zzzqx"])
def test_a_number_or_three_letters_are_searched(
    qtbot: QtBot, view: CustomerSearchView, text: str
) -> None:
    _type(qtbot, view, text)
    assert "at least" not in view.message.text()
    assert view.message.text()  # hits, or "No customer found."


# --- 3. the result list ----------------------------------------------------------------------


@pytest.mark.parametrize("width", [1024, 800, 640])
def test_the_result_list_is_never_wider_than_the_window(
    qtbot: QtBot, view: CustomerSearchView, width: int
) -> None:
    view.resize(width, 768)
    _type(qtbot, view, "K1")
    qtbot.waitUntil(lambda: view.table.viewport().width() < width)
    table = view.table
    assert view.model.rowCount() > 0
    assert table.horizontalHeader().length() <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    assert view.width() <= width
    assert view.minimumSizeHint().width() <= width


def test_status_and_found_by_say_it_all_in_their_tooltips(
    qtbot: QtBot, view: CustomerSearchView
) -> None:
    _type(qtbot, view, "K1")
    model = view.model
    for row, hit in enumerate(_all_hits(view)):
        status = model.index(row, COL_STATUS)
        found = model.index(row, COL_FOUND)
        assert status.data(Qt.ItemDataRole.ToolTipRole) == (status_text(hit) or None)
        assert found.data(Qt.ItemDataRole.ToolTipRole) == found.data()
        assert found.data().startswith("customer number K1")
        assert view.table.textElideMode() == Qt.TextElideMode.ElideRight


def test_badges_that_do_not_fit_are_elided() -> None:
    badges = customer_badges(True, 3, True, True, "final_notice", True)
    metrics = QFontMetrics(QFont())
    cell = QRect(0, 0, 150, 24)
    placed = BadgeDelegate.layout(badges, cell, metrics)
    assert 0 < len(placed) < len(badges)
    assert all(cell.contains(rect) for rect, _, _ in placed)
    assert placed[-1][1].endswith("…")
    roomy = BadgeDelegate.layout(badges, QRect(0, 0, 2000, 24), metrics)
    assert [text for _, text, _ in roomy] == [b.text for b in badges]


def test_badges_are_painted_in_the_header_colours(
    qtbot: QtBot, view: CustomerSearchView, database: Database
) -> None:
    with database.transaction() as s:
        customer = s.scalars(select(Customer).order_by(Customer.number).limit(1)).one()
        customer.blocked = True
        number = customer.number
    _type(qtbot, view, f"K{number}")
    hit = view.model.row(0)
    badges = view.model.index(0, COL_STATUS).data(BADGES_ROLE)
    assert badges[0] == Badge(BadgeKind.BLOCKED, "blocked")
    assert hit.blocked
    image = view.table.viewport().grab().toImage()
    rect = view.table.visualRect(view.model.index(0, COL_STATUS))
    wanted = QColor(badge_colour(BadgeKind.BLOCKED))
    colours = {
        image.pixelColor(x, rect.center().y()).name()
        for x in range(rect.left(), min(rect.right(), image.width() - 1))
    }
    assert wanted.name() in colours


def test_a_contact_person_match_names_the_person_in_found_by(
    qtbot: QtBot, view: CustomerSearchView, database: Database
) -> None:
    with database.transaction() as s:
        company = s.scalars(
            select(Customer).where(Customer.company.is_not(None)).order_by(Customer.id).limit(1)
        ).one()
        person = f"{company.first_name} {company.last_name}"
    _type(qtbot, view, person)
    row = next(
        i for i, h in enumerate(_all_hits(view)) if h.display_name.startswith(company.company or "")
    )
    hit = view.model.row(row)
    assert hit.match == MatchKind.CONTACT_PERSON
    assert view.model.index(row, COL_FOUND).data() == f"contact person {person}"


# --- 4. search_for (kcp-desk open) --------------------------------------------------------------

_digits = st.text(alphabet="0123456789", min_size=6, max_size=14)
_separator = st.sampled_from(["", " ", "-", ".", "/", "\u00a0", "  "])


@st.composite
def _written(draw: st.DrawFn) -> tuple[str, str]:
    """A number as people and softphones write it, and its digits (with ``+`` or ``0``)."""
    digits = draw(_digits)
    lead = draw(st.sampled_from(["+", "0"]))
    cuts = sorted(draw(st.sets(st.integers(1, len(digits) - 1), max_size=4)))
    parts, last = [], 0
    for cut in [*cuts, len(digits)]:
        parts.append(digits[last:cut])
        last = cut
    written = lead + "".join(draw(_separator) + part for part in parts).lstrip()
    return written, lead + digits


@given(_written(), st.sampled_from(["", "tel:", "TEL:", "callto:", "callto://", " tel:"]))
def test_a_dialled_number_becomes_its_digits(number: tuple[str, str], scheme: str) -> None:
    written, expected = number
    assert search_text(scheme + written) == expected
    assert search_text(search_text(scheme + written)) == expected  # idempotent


@given(_written(), st.sampled_from([";phone-context=example.com", ";ext=12", "?x=1", ""]))
def test_uri_parameters_and_escapes_are_dropped(number: tuple[str, str], tail: str) -> None:
    written, expected = number
    escaped = written.replace("+", "%2B").replace(" ", "%20")
    assert search_text(f"tel:{escaped}{tail}") == expected


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_any_other_text_only_has_its_spaces_collapsed(text: str) -> None:
    result = search_text(text)
    assert result == result.strip()
    assert "  " not in result
    assert search_text(result) == result


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tel:+49 221 12345678", "+4922112345678"),
        ("callto:+49 (0)221 12345678", "+4922112345678"),
        ("203.0.113.45", "203.0.113.45"),
        ("10.0.0.0/8", "10.0.0.0/8"),
        ("  Schmidt \t Berlin ", "Schmidt Berlin"),
        ("K12345671", "K12345671"),
    ],
)
def test_search_text_examples(text: str, expected: str) -> None:
    assert search_text(text) == expected


def _phone_customer(database: Database) -> tuple[int, str]:
    """A demo customer whose phone number no one else has (id, E.164)."""
    with database.transaction() as s:
        shared = (
            select(Customer.phone_e164)
            .where(Customer.phone_e164.is_not(None))
            .group_by(Customer.phone_e164)
            .having(func.count() == 1)
        )
        row = s.execute(
            select(Customer.id, Customer.phone_e164)
            .where(Customer.phone_e164.in_(shared))
            .where(Customer.mobile_e164.is_(None) | (Customer.mobile_e164 != Customer.phone_e164))
            .order_by(Customer.id)
            .limit(1)
        ).one()
    return row[0], row[1]


def test_search_for_a_tel_uri_opens_the_one_phone_match_at_once(
    qtbot: QtBot, view: CustomerSearchView, database: Database
) -> None:
    customer_id, e164 = _phone_customer(database)
    assert e164.startswith("+49")
    spaced = f"tel:+49 {e164[3:6]} {e164[6:]}"
    with qtbot.waitSignal(view.open_customer, timeout=DEBOUNCE_MS * 10) as opened:
        view.search_for(spaced)
    assert opened.args == [customer_id]
    assert view.field.text() == e164
    assert not view._debounce.isActive()  # at once, not after a pause
    assert [h.customer_id for h in _all_hits(view)] == [customer_id]


def test_search_for_opens_nothing_unless_one_phone_match(
    qtbot: QtBot, view: CustomerSearchView, database: Database
) -> None:
    with database.transaction() as s:
        number = s.scalar(select(Customer.number).order_by(Customer.id).limit(1))
    # one hit, but by customer number: the agent picks it (no phone identified anyone)
    with (
        qtbot.assertNotEmitted(view.open_customer, wait=200),
        qtbot.waitSignal(view.searched, timeout=5000),
    ):
        view.search_for(f"K{number}")
    assert view.model.rowCount() == 1
    # typing a phone number is no hand-over: nothing opens by itself either
    _customer_id, e164 = _phone_customer(database)
    with qtbot.assertNotEmitted(view.open_customer, wait=200):
        _type(qtbot, view, e164)
    assert view.model.rowCount() == 1


def test_search_for_the_same_text_again_searches_again(
    qtbot: QtBot, view: CustomerSearchView, database: Database
) -> None:
    customer_id, e164 = _phone_customer(database)
    _type(qtbot, view, e164)  # the field already holds it
    with qtbot.waitSignal(view.open_customer, timeout=5000) as opened:
        view.search_for(f"tel:{e164}")
    assert opened.args == [customer_id]


# --- 5. the table models under pytest-qt's model tester ----------------------------------------


def test_the_hits_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: object, view: CustomerSearchView
) -> None:
    _type(qtbot, view, "K1")
    assert view.model.rowCount() > 1
    qtmodeltester.check(view.model)  # type: ignore[attr-defined]
    assert isinstance(view.model.index(0, 0).data(ROW_ROLE), CustomerHit)


@dataclass(frozen=True)
class _Row:
    name: str
    amount: int
    since: dt.date


def test_the_dto_table_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model: DtoTableModel[_Row] = DtoTableModel(
        [
            Column("Name", lambda r: r.name, tooltip=lambda r: r.name),
            Column("Amount", lambda r: str(r.amount), align_right=True),
            Column("Since", lambda r: r.since.isoformat(), badges=lambda r: []),
        ]
    )
    model.set_rows([_Row("Müller", 12, dt.date(2020, 1, 1)), _Row("Groß", 7, dt.date(2021, 5, 3))])
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.append_rows([_Row("Özdemir", 1, dt.date(2022, 2, 2))])
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 3
    assert model.index(2, 0).data() == "Özdemir"
