"""Issue 9, as an agent works: typed input is never lost (one unsaved-changes guard),
Ctrl+L locks from everywhere and the focus comes back, the header says what this call
verified, nothing is clipped or wider than the screen, and History speaks plainly."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from kcp_desk.db import Database
from kcp_desk.domain.references import format_customer_number
from kcp_desk.services.customers import CustomerDetail
from kcp_desk.services.demo import DEMO_AGENTS, DEMO_PHONE_PASSWORD, populate
from kcp_desk.services.desk import DeskServices
from kcp_desk.services.principal import AgentSession
from kcp_desk.views.caller_dialog import CallerVerificationDialog
from kcp_desk.views.contact_form import ContactForm
from kcp_desk.views.customer_view import CustomerView, _badge
from kcp_desk.views.field_rows import accent_room
from kcp_desk.views.main_window import MainWindow
from kcp_desk.views.unsaved import Choice
from tests.conftest import FAST_KDF

FIRST = 1000001


def _login(services: DeskServices, username: str) -> AgentSession:
    agent = next(a for a in DEMO_AGENTS if a.username == username)
    return services.auth.login(username, agent.passphrase).session


@pytest.fixture
def services(database: Database) -> Iterator[DeskServices]:
    populate(database, customers=40, kdf=FAST_KDF)
    yield DeskServices.build(database)
    QThreadPool.globalInstance().waitForDone(10_000)


@pytest.fixture
def main(qtbot: QtBot, services: DeskServices) -> MainWindow:
    window = MainWindow(services, _login(services, "anna"), "test database", 5)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


class Asked:
    """The guard's question, answered by the test; it records each time it was asked."""

    def __init__(self, answer: Choice) -> None:
        self.answer = answer
        self.times = 0
        self.offered_save: list[bool] = []

    def __call__(self, _parent: QWidget, can_save: bool) -> Choice:
        self.times += 1
        self.offered_save.append(can_save)
        return self.answer


def _asker(main: MainWindow, answer: Choice) -> Asked:
    asked = Asked(answer)
    main.guard.asker = asked
    main.customers.guard.asker = asked
    return asked


def _view(main: MainWindow) -> CustomerView:
    return main.customers.customer


def _customer_id(services: DeskServices, number: int) -> int:
    session = _login(services, "ben")
    for customer_id in range(1, 200):
        if services.customers.detail(session, customer_id).header.number == (
            format_customer_number(number)
        ):
            return customer_id
    raise AssertionError("no such customer")


def _find(services: DeskServices, want: Callable[[CustomerDetail], bool]) -> CustomerDetail:
    session = _login(services, "ben")
    for customer_id in range(1, 41):
        detail = services.customers.detail(session, customer_id)
        if want(detail):
            return detail
    raise AssertionError("the demo data has no such customer")


def _open_by_search(qtbot: QtBot, main: MainWindow, number: str) -> None:
    """Search → Enter, as an agent does (Ctrl+K first: from anywhere)."""
    main.focus_search()
    search = main.customers.search
    search.field.selectAll()
    with qtbot.waitSignal(search.searched, timeout=5000):
        qtbot.keyClicks(search.field, number)
    qtbot.waitUntil(lambda: search.model.rowCount() >= 1, timeout=5000)
    qtbot.keyClick(search.field, Qt.Key.Key_Return)


def _open(qtbot: QtBot, main: MainWindow, number: int = FIRST) -> ContactForm:
    view = _view(main)
    _open_by_search(qtbot, main, format_customer_number(number))
    qtbot.waitUntil(
        lambda: (
            view.detail is not None and view.detail.header.number == format_customer_number(number)
        ),
        timeout=5000,
    )
    return view.contact


def _edit(qtbot: QtBot, form: ContactForm, key: str, text: str) -> None:
    if not form.editing:
        qtbot.mouseClick(form.edit_button, Qt.MouseButton.LeftButton)
    form.fields[key].selectAll()
    qtbot.keyClicks(form.fields[key], text)


def _in_modal(qtbot: QtBot, kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
    """Run ``act`` on the modal dialog that the next call opens (exec blocks)."""

    def drive() -> None:
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, kind):
            QTimer.singleShot(20, drive)
            return
        act(modal)

    QTimer.singleShot(0, drive)


# --- 1. one unsaved-changes guard -----------------------------------------------------------


def test_a_caller_check_while_editing_keeps_the_input_and_the_next_save_saves_it(
    qtbot: QtBot, main: MainWindow, services: DeskServices
) -> None:
    form = _open(qtbot, main)
    view = _view(main)
    assert view.detail is not None
    customer_id = view.detail.customer_id
    _edit(qtbot, form, "billing.street", "Lindenallee")
    # a colleague saves meanwhile: the reload after the check must not make Save stale
    lea = _login(services, "lea")
    fresh = services.customers.detail(lea, customer_id)
    services.customers.update_contact(lea, customer_id, fresh.version, {"salutation": "Frau"})

    def check(dialog: QWidget) -> None:
        assert isinstance(dialog, CallerVerificationDialog)
        qtbot.keyClicks(dialog.spoken, DEMO_PHONE_PASSWORD)
        qtbot.mouseClick(dialog.check, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=5000)
        dialog.reject()

    _in_modal(qtbot, CallerVerificationDialog, check)
    qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form._contact is not None and form._contact.salutation == "Frau")
    assert form.editing
    assert form.fields["billing.street"].text() == "Lindenallee"  # nothing typed is lost
    assert form.fields["salutation"].text() == "Frau"  # untouched here: the colleague's
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.editing, timeout=5000)
    assert form.banner.text() == "Saved."
    saved = services.customers.detail(lea, customer_id)
    assert saved.contact.billing_address is not None
    assert saved.contact.billing_address.street == "Lindenallee"
    assert saved.contact.salutation == "Frau"


def test_opening_another_customer_while_editing_asks_first(
    qtbot: QtBot, main: MainWindow, services: DeskServices
) -> None:
    form = _open(qtbot, main)
    view = _view(main)
    _edit(qtbot, form, "billing.city", "Typedorf")
    asked = _asker(main, Choice.CANCEL)
    second = format_customer_number(FIRST + 1)
    _open_by_search(qtbot, main, second)
    assert asked.times == 1
    qtbot.wait(200)
    # Cancel: everything as it was (the search page shows, the customer stays behind)
    assert view.detail is not None and view.detail.header.number == format_customer_number(FIRST)
    assert form.editing and form.fields["billing.city"].text() == "Typedorf"

    asked.answer = Choice.DISCARD
    _open_by_search(qtbot, main, second)
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.header.number == second)
    assert asked.times == 2
    assert not form.editing  # the next customer is not in edit mode
    assert form.fields["billing.city"].text() != "Typedorf"
    assert main.customers.currentWidget() is view

    # opening without any change asks nothing
    _open(qtbot, main, FIRST)
    assert asked.times == 2


def test_save_in_the_question_saves_and_goes_on_only_when_the_save_succeeded(
    qtbot: QtBot, main: MainWindow, services: DeskServices
) -> None:
    form = _open(qtbot, main)
    view = _view(main)
    assert view.detail is not None
    first_id = view.detail.customer_id
    asked = _asker(main, Choice.SAVE)
    _edit(qtbot, form, "phone", "not a phone number")
    second = format_customer_number(FIRST + 1)
    _open_by_search(qtbot, main, second)
    # refused: the editor comes back with the error at its field, the input stays, the
    # other customer is not opened
    qtbot.waitUntil(lambda: form.errors["phone"].isVisible(), timeout=5000)
    assert main.customers.currentWidget() is view and view.tabs.currentWidget() is form
    qtbot.wait(200)
    assert view.detail is not None and view.detail.customer_id == first_id
    assert form.editing and form.fields["phone"].text() == "not a phone number"

    _edit(qtbot, form, "phone", "0221 1234567")
    _open_by_search(qtbot, main, second)
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.header.number == second)
    assert asked.times == 2
    saved = services.customers.detail(_login(services, "lea"), first_id)
    assert saved.contact.phone == "0221 1234567"


def test_esc_back_to_results_asks_with_a_real_message_box(qtbot: QtBot, main: MainWindow) -> None:
    form = _open(qtbot, main)
    view = _view(main)
    _edit(qtbot, form, "billing.city", "Typedorf")
    seen: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> Callable[[QWidget], None]:
        def click(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            seen.append(box.text())
            offered = box.standardButtons()
            assert offered & QMessageBox.StandardButton.Save
            assert offered & QMessageBox.StandardButton.Discard
            box.button(button).click()

        return click

    _in_modal(qtbot, QMessageBox, answer(QMessageBox.StandardButton.Cancel))
    qtbot.keyClick(form.fields["billing.city"], Qt.Key.Key_Escape)
    assert seen == ["Discard changes?"]
    assert main.customers.currentWidget() is view
    assert form.fields["billing.city"].text() == "Typedorf"

    _in_modal(qtbot, QMessageBox, answer(QMessageBox.StandardButton.Discard))
    qtbot.keyClick(form.fields["billing.city"], Qt.Key.Key_Escape)
    assert len(seen) == 2
    assert main.customers.currentWidget() is main.customers.search
    assert not form.editing


def test_sign_out_and_quit_ask_about_unsaved_input(qtbot: QtBot, main: MainWindow) -> None:
    form = _open(qtbot, main)
    _edit(qtbot, form, "billing.city", "Typedorf")
    asked = _asker(main, Choice.CANCEL)
    signed_out: list[bool] = []
    main.signed_out.connect(lambda: signed_out.append(True))
    main.request_sign_out()
    assert asked.times == 1 and signed_out == []
    quit_ = next(a for a in main.findChildren(type(main.lock_action)) if a.text() == "&Quit")
    quit_.trigger()
    assert asked.times == 2 and main.isVisible()
    assert form.fields["billing.city"].text() == "Typedorf"
    # locked, the keys are gone: the question offers no Save
    main.lock(reason="manual")
    main.request_sign_out()
    assert asked.offered_save == [True, True, False]
    asked.answer = Choice.DISCARD
    main.request_sign_out()
    assert signed_out == [True]


# --- 2. and 3. the lock ---------------------------------------------------------------------


def _unlock(qtbot: QtBot, main: MainWindow) -> None:
    agent = next(a for a in DEMO_AGENTS if a.username == "anna")
    qtbot.keyClicks(main.lock_screen.passphrase, agent.passphrase)
    qtbot.keyClick(main.lock_screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not main.is_locked, timeout=5000)


def test_after_unlocking_typing_goes_where_it_went_before(qtbot: QtBot, main: MainWindow) -> None:
    search = main.customers.search.field
    main.focus_search()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is search)
    qtbot.keyClick(search, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert main.is_locked
    _unlock(qtbot, main)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is search, timeout=2000)
    qtbot.keyClicks(QApplication.focusWidget() or main, "Schmidt")
    assert search.text() == "Schmidt"


def test_the_idle_lock_keeps_the_typed_input_and_its_focus(qtbot: QtBot, main: MainWindow) -> None:
    form = _open(qtbot, main)
    _edit(qtbot, form, "billing.city", "Typedorf")
    city = form.fields["billing.city"]
    city.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is city)
    asked = _asker(main, Choice.CANCEL)
    main.lock(reason="idle")  # nobody is there to answer a question
    assert main.is_locked and asked.times == 0
    _unlock(qtbot, main)
    assert form.editing and city.text() == "Typedorf"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is city, timeout=2000)


@pytest.mark.parametrize("dialog_kind", ["caller check", "name change"])
def test_ctrl_l_locks_while_a_dialog_has_the_focus(
    qtbot: QtBot, main: MainWindow, dialog_kind: str
) -> None:
    _open(qtbot, main)
    view = _view(main)
    seen: list[QWidget] = []

    def press_ctrl_l(dialog: QWidget) -> None:
        seen.append(dialog)
        try:
            # the key goes to the dialog's input field, as the agent types it
            target = dialog.focusWidget() or dialog
            qtbot.keyClick(target, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        finally:
            if dialog.isVisible():  # not locked: close it so that the test ends
                dialog.close()

    from kcp_desk.views.name_change import NameChangeDialog

    kind = CallerVerificationDialog if dialog_kind == "caller check" else NameChangeDialog
    _in_modal(qtbot, kind, press_ctrl_l)
    if dialog_kind == "caller check":
        qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    else:
        qtbot.mouseClick(view.contact.name_change, Qt.MouseButton.LeftButton)
    assert seen and not seen[0].isVisible()
    assert main.is_locked


# --- 4. the header: this call ---------------------------------------------------------------


def test_the_header_says_not_verified_in_this_call_and_the_last_check_small(
    qtbot: QtBot, main: MainWindow, services: DeskServices
) -> None:
    customer_id = _customer_id(services, FIRST)
    # a check in an earlier call (by ben)
    services.verification.verify_phone_password(
        _login(services, "ben"), customer_id, DEMO_PHONE_PASSWORD
    )
    _open(qtbot, main)
    view = _view(main)
    assert view.verification.text() == "Caller not verified in this call"
    assert view.last_check.text().startswith("last check: ")
    assert view.last_check.text().endswith(", by Ben Özdemir")
    assert view.last_check.font().pointSizeF() < view.verification.font().pointSizeF()

    def check(dialog: QWidget) -> None:
        assert isinstance(dialog, CallerVerificationDialog)
        qtbot.keyClicks(dialog.spoken, DEMO_PHONE_PASSWORD)
        qtbot.mouseClick(dialog.check, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=5000)
        dialog.reject()

    _in_modal(qtbot, CallerVerificationDialog, check)
    qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.verification.text() == "✔ Caller verified in this call")
    qtbot.waitUntil(lambda: view.last_check.text().endswith(", by Anna Schäfer"), timeout=5000)
    # another customer, and this one again: a new call
    _open(qtbot, main, FIRST + 1)
    assert view.verification.text() == "Caller not verified in this call"
    _open(qtbot, main, FIRST)
    assert view.verification.text() == "Caller not verified in this call"


# --- 5. and 6. nothing clipped, nothing wider than the screen -------------------------------


def _glyphs_fit(label: QLabel) -> bool:
    """The accented capitals of the label's text are inside the label when it paints
    (one line, centred vertically)."""
    fm = label.fontMetrics()
    rect = label.contentsRect()
    top = rect.top() + (rect.height() - fm.height()) // 2
    baseline = top + fm.ascent()
    tight = fm.tightBoundingRect(label.text() if hasattr(label, "text") else "Ö")
    return baseline + tight.top() >= 0 and baseline + tight.bottom() <= label.height()


def _rename(services: DeskServices, customer_id: int, first: str, last: str) -> None:
    """A name change as the desk makes it: anna requests, lea approves."""
    anna, lea = _login(services, "anna"), _login(services, "lea")
    detail = services.customers.detail(anna, customer_id)
    ticket = detail.tickets.rows[0].ref
    request = services.name_change.request(
        anna, customer_id, ticket, first, last, None, None, "Heirat"
    )
    services.name_change.approve(lea, request.request_id, request.version, "Urkunde gesehen")


def _person_with_ticket(services: DeskServices) -> CustomerDetail:
    return _find(
        services,
        lambda d: (
            d.header.kind == "person"
            and bool(d.tickets.rows)
            and not d.contact.pending_name_change_id
        ),
    )


def test_umlauts_and_wrapped_errors_get_their_full_height_at_1024(
    qtbot: QtBot, main: MainWindow, services: DeskServices
) -> None:
    person = _person_with_ticket(services)
    _rename(services, person.customer_id, "Ümit", "Özdemir")
    main.resize(1024, 768)
    number = int(person.header.number[1:-1])
    form = _open(qtbot, main, number)
    view = _view(main)
    assert view.title.full_text() == "Ümit Özdemir"
    qtbot.wait(50)
    fm = view.title.fontMetrics()
    assert accent_room(fm) > 0 or fm.tightBoundingRect("Ö").top() >= -fm.ascent()
    title_rect = view.title.contentsRect()
    baseline = (title_rect.height() - fm.height()) // 2 + fm.ascent()
    assert baseline + fm.tightBoundingRect("Ö").top() >= 0  # the dots are painted
    assert form.name.text() == "Ümit Özdemir"
    assert _glyphs_fit(form.name)
    # a field error, also a long one, gets the height of all its lines
    _edit(qtbot, form, "phone", "not a phone number")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    error = form.errors["phone"]
    qtbot.waitUntil(error.isVisible, timeout=5000)
    error.setText("Äußerst " * 40)
    room = accent_room(error.fontMetrics())
    probe = QLabel(error.text())  # what the text needs, without the label's minimum
    probe.setWordWrap(True)
    probe.setFont(error.font())

    def needed() -> int:
        return probe.heightForWidth(error.width()) + room

    qtbot.waitUntil(lambda: error.height() >= needed(), timeout=2000)
    assert probe.heightForWidth(error.width()) > 2 * error.fontMetrics().height()
    for label in form.findChildren(QLabel):
        if label.isVisible() and not label.wordWrap() and label.text():
            assert label.height() >= label.sizeHint().height(), label.text()


def test_many_badges_wrap_and_the_window_fits_a_1024_screen(qtbot: QtBot, main: MainWindow) -> None:
    _open(qtbot, main)
    view = _view(main)
    for text in (
        "blocked",
        "in arrears",
        "12 open tickets",
        "phone password locked",
        "dunning: final notice",
        "debit returned (MD06)",
    ):
        view.badges.addWidget(_badge(text, "#b00020"))
    main.resize(1024, 768)
    qtbot.wait(50)
    assert main.minimumSizeHint().width() <= 1024
    assert main.width() <= 1024
    button = view.verify_button
    right = button.mapTo(main, button.rect().topRight()).x()
    assert button.isVisible() and right < main.width()
    badges = view.badge_box.findChildren(QLabel, "badge")
    assert len({b.y() for b in badges}) >= 2  # wrapped onto a second line
    assert all(b.geometry().right() <= view.badge_box.width() for b in badges)


# --- 7. History -----------------------------------------------------------------------------


def test_history_shows_labels_and_who_requested_and_approved_a_name_change(
    qtbot: QtBot, main: MainWindow, services: DeskServices
) -> None:
    person = _find(
        services,
        lambda d: (
            d.header.kind == "person"
            and bool(d.tickets.rows)
            and d.history.total == 0
            and not d.contact.pending_name_change_id
        ),
    )
    number = int(person.header.number[1:-1])
    _open(qtbot, main, number)
    view = _view(main)
    view.tabs.setCurrentWidget(view.history)
    assert view.history.empty.isVisible() and view.history.empty.text() == "No changes yet."
    assert not view.history.table.isVisible()

    _rename(services, person.customer_id, "Erika", "Musterfrau")
    view.open_customer(person.customer_id, reload=True)
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.version > person.version)
    form = view.contact
    _edit(qtbot, form, "billing.street", "Lindenallee")
    view.tabs.setCurrentWidget(view.contact)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.editing, timeout=5000)
    view.tabs.setCurrentWidget(view.history)
    model = view.history.model
    qtbot.waitUntil(lambda: model.rowCount() >= 2)
    rows = {
        model.data(model.index(r, 1)): [model.data(model.index(r, c)) for c in range(5)]
        for r in range(model.rowCount())
    }
    assert "Billing address" in rows and "address.billing" not in rows
    assert "Last name" in rows and "last_name" not in rows
    _when, _field, change, agent, reason = rows["Last name"]
    assert change.endswith("→ Musterfrau")
    assert agent == "requested by Anna Schäfer, approved by Lea Großmann"
    assert "Heirat" in reason and "decision: Urkunde gesehen" in reason
    assert rows["Billing address"][3] == "Anna Schäfer"
    assert not view.history.empty.isVisible()


# --- 8. and 9. names, read-only fields, numbers --------------------------------------------


def test_header_and_contact_row_show_the_same_name_with_the_legal_form_once(
    qtbot: QtBot, main: MainWindow, services: DeskServices
) -> None:
    company = _find(services, lambda d: d.header.kind == "company" and bool(d.contact.legal_form))
    form = _open(qtbot, main, int(company.header.number[1:-1]))
    view = _view(main)
    legal = company.contact.legal_form
    assert legal
    assert form.name.text() == view.title.full_text() == company.header.display_name
    assert view.title.full_text().count(legal) == 1
    assert legal not in form.name_detail.text()


def test_read_only_fields_look_read_only_and_the_mobile_number_is_formatted(
    qtbot: QtBot, main: MainWindow, services: DeskServices
) -> None:
    person = _find(services, lambda d: bool(d.contact.mobile_e164))
    form = _open(qtbot, main, int(person.header.number[1:-1]))
    mobile = form.fields["mobile"]
    e164 = person.contact.mobile_e164
    assert e164 and e164.startswith("+49")
    assert mobile.text().startswith("0") and " " in mobile.text()  # "0170 1234567"
    assert mobile.text().replace(" ", "") == "0" + e164[3:]
    for edit in form.fields.values():
        assert edit.isReadOnly() and not edit.hasFrame()
    qtbot.mouseClick(form.edit_button, Qt.MouseButton.LeftButton)
    for edit in form.fields.values():
        assert not edit.isReadOnly() and edit.hasFrame()
    # unchanged, the formatted number is no change
    assert form.changes() == {}


# --- the lead's wiring ----------------------------------------------------------------------


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen only
def test_pending_approvals_settings_and_present(qtbot: QtBot, main: MainWindow) -> None:
    item = main.nav.item(main.PAGE_APPROVALS)
    main.set_pending_approvals(3)
    assert item.text() == "Approvals (3)"
    main.set_pending_approvals(0)
    assert item.text() == "Approvals"
    with qtbot.waitSignal(main.settings_requested, timeout=1000):
        main.settings_action.trigger()
    assert main.settings_action in main._desk_menu.actions()
    main.showMinimized()
    main.present()
    assert not main.isMinimized() and main.isVisible()
