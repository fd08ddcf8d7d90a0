"""The composition root: settings → database → services → windows."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from kcp_desk.errors import QT_TRANSLATE_NOOP, DatabaseMissing, KcpError
from kcp_desk.logging_setup import setup_logging
from kcp_desk.settings import Paths, Settings, describe_database
from kcp_desk.views.crash_dialog import install_excepthook
from kcp_desk.views.login_window import LoginWindow
from kcp_desk.views.messages import error_text, keyring_text
from kcp_desk.views.operation import Operation
from kcp_desk.views.single_instance import (
    DeskLink,
    clean_open_text,
    send_to_running_desk,
)

# SQLAlchemy, Alembic and the services are imported by the start-up worker, after the
# login window is on screen: importing them first cost ~250 ms of the 400 ms budget.
if TYPE_CHECKING:
    from kcp_desk.db import Database
    from kcp_desk.services.auth import LoginResult
    from kcp_desk.services.desk import DeskServices
    from kcp_desk.services.setup import PreparedDatabase
    from kcp_desk.views.main_window import MainWindow
    from kcp_desk.views.settings_dialog import SettingsDialog

I18N_DIR = Path(__file__).parent / "i18n"
#: seconds between tries when the database is not there at start-up
START_RETRY_SECONDS = 5
#: set by bench/startup.py: print a marker when the login window has painted, then quit
BENCH_ENV = "KCP_DESK_BENCH_PAINTED"


def choose_language(setting: str, system: QLocale | None = None) -> str:
    """The interface language for the ``language`` setting: "de" or "en" as set; with
    "" (system default) German on German systems, English otherwise (SPEC §4)."""
    if setting in ("de", "en"):
        return setting
    locale = system if system is not None else QLocale.system()
    return "de" if locale.language() == QLocale.Language.German else "en"


def install_translators(app: QApplication, language: str) -> str:
    """Installs the catalogues :func:`choose_language` picks; returns "de" or "en"."""
    lang = choose_language(language)
    if lang != "de":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        # the English catalogue holds only the plural forms ("1 customer", "2 customers")
        translator = QTranslator(app)
        if translator.load("kcp_desk_en", str(I18N_DIR)):
            app.installTranslator(translator)
        return "en"
    # dates and numbers follow the interface language, not only the system locale
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    for name, folder in (
        ("qtbase_de", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ("kcp_desk_de", str(I18N_DIR)),
    ):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
    return "de"


def _open_database(
    url: str, demo_customers: int | None, progress: Callable[[int, int], bool]
) -> tuple[Database, DeskServices, PreparedDatabase]:
    """Runs on the start-up worker: connect, migrate, create demo data if asked."""
    from kcp_desk.db import Database
    from kcp_desk.security.audit_witness import LocalWitness
    from kcp_desk.security.outbox_seal import ServiceKeyFiles
    from kcp_desk.security.pinned_keys import PinnedAdminKeys
    from kcp_desk.security.sealing import PRODUCTION_POLICY
    from kcp_desk.services.audit import keep_witness
    from kcp_desk.services.desk import DeskServices
    from kcp_desk.services.setup import prepare_database
    from kcp_desk.services.trust import TrustAnchors

    db = Database(url)
    witness = LocalWitness(Paths.from_environment().data_dir, db.describe())
    if db.file_missing() and witness.path.exists():
        # This workstation has seen entries of this database: it existed and is gone.
        # Creating an empty one would hide that every change in it is lost.
        db.dispose()
        raise DatabaseMissing(
            QT_TRANSLATE_NOOP(
                "KcpError",
                "The database file {where} is missing. It was there before; restore it "
                "from a backup, or point the desk at another database.",
            ),
            where=url.split(":///", 1)[-1],
        )
    keep_witness(db, witness)
    pins = PinnedAdminKeys(Paths.from_environment().data_dir, db.describe())
    # the demo's stand-in for the mail, letter and SMS systems' operators (ID-6)
    operators = ServiceKeyFiles(Paths.from_environment().data_dir, db.describe())
    prepared = prepare_database(
        db,
        demo_customers=demo_customers,
        progress=progress,
        pin=lambda a: pins.pin_all(a.keys),
        outbox_keys=operators.write,
    )
    if prepared.demo_created:
        # `make run` starts here: the terminal shows whom a trainee can try things on
        from kcp_desk.services.demo_picks import demo_picks, describe_picks

        print("\n".join(describe_picks(demo_picks(db))), flush=True)
    anchors = TrustAnchors(pins.keys())
    return db, DeskServices.build(db, kdf_policy=PRODUCTION_POLICY, anchors=anchors), prepared


class _PaintProbe(QObject):
    """Reports the first paint of a window (for the start-up benchmark)."""

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: object) -> bool:
        from PySide6.QtCore import QEvent

        if getattr(event, "type", lambda: None)() == QEvent.Type.Paint:
            # the title tells the tests which language the start chose
            title = watched.windowTitle() if isinstance(watched, QWidget) else ""
            print(f"kcp-desk: login window painted: {title}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
            watched.removeEventFilter(self)
        return False


class DeskApp:
    def __init__(self, app: QApplication, paths: Paths, settings: Settings, demo: bool) -> None:
        self.app = app
        self.paths = paths
        self.settings = settings
        self.demo = demo
        self.db: Database | None = None
        self.services: DeskServices | None = None
        self.main: MainWindow | None = None
        #: the latest `kcp-desk open` text that waits for the login or the unlock
        self.pending_open: str | None = None
        self.login = LoginWindow(
            None, describe_database(settings.database_url), settings.last_username
        )
        self.login.logged_in.connect(self._logged_in)
        self.login.retry_requested.connect(self.start)

    def start(self) -> None:
        self.login.show()
        if os.environ.get(BENCH_ENV):
            _PaintProbe(self.login)
        self.login.set_busy(QCoreApplication.translate("DeskApp", "Preparing the database…"))
        demo_size = self.settings.demo_customers if self.demo else None
        Operation(self.login, _open_database, self.settings.database_url, demo_size).progress(
            self._progress
        ).success(self._prepared).failure(self._prepare_failed).run()

    def _progress(self, done: int, total: int) -> None:
        self.login.status.setText(QCoreApplication.translate("DeskApp", "Creating demo data…"))
        self.login.set_progress(done, total)

    def _prepared(self, opened: tuple[Database, DeskServices, PreparedDatabase]) -> None:
        self.db, self.services, result = opened
        self.login.set_auth(self.services.auth)
        if result.agents == 0:
            self.login.sign_in.setEnabled(False)
            self.login.show_error(
                QCoreApplication.translate(
                    "DeskApp",
                    "This database has no agents yet. Start with --demo for the demo "
                    "database, or ask an admin to create your account.",
                )
            )

    def _prepare_failed(self, err: KcpError) -> None:
        # reconnect: try again by itself (with a countdown), or at once on "Retry now"
        self.login.show_start_fault(error_text(err), START_RETRY_SECONDS)

    def _logged_in(self, result: LoginResult) -> None:
        from kcp_desk.views.main_window import MainWindow

        assert self.services is not None and self.db is not None
        username = result.session.principal.username
        if username != self.settings.last_username:
            self.settings = dataclasses.replace(self.settings, last_username=username)
            self.settings.save(self.paths)
        self.main = MainWindow(
            self.services, result.session, self.db.describe(), self.settings.idle_lock_minutes
        )
        self.main.signed_out.connect(self._signed_out)
        if result.remember_error is not None:
            self.main.statusBar().showMessage(error_text(result.remember_error), 15000)
        elif result.remembered_in:
            self.main.statusBar().showMessage(
                QCoreApplication.translate(
                    "DeskApp", "This workstation now remembers you; the device key is in {0}."
                ).format(keyring_text(result.remembered_in)),
                15000,
            )
        self.main.settings_requested.connect(lambda: self.open_settings_dialog(self.main))
        # a call that came in while the desk was locked is searched after the unlock
        self.main.lock_screen.unlocked.connect(self._deliver_pending)
        self.main.show()
        self.login.hide()
        self._deliver_pending()

    # --- `kcp-desk open TEXT` (SPEC §4: one desk per user, opened by the phone) ---------

    def open_text(self, text: str) -> None:
        """A call came in: to the front, and search ``text`` now or after login/unlock.

        Only the latest text waits: after two calls the agent wants the second caller.
        No text (the menu entry starts `kcp-desk open` without a link): to the front only.
        """
        if not text.strip():
            self.bring_to_front()
            return
        self.pending_open = text
        self.bring_to_front()
        self._deliver_pending()

    def bring_to_front(self) -> None:
        if self.main is not None:
            self.main.present()
            return
        window = self.login
        if window.isMinimized():
            window.showNormal()
        window.show()
        if QGuiApplication.platformName() != "offscreen":  # it has no stacking order
            window.raise_()
        window.activateWindow()

    def _deliver_pending(self) -> None:
        window = self.main
        if self.pending_open is None or window is None or window.is_locked:
            return
        text, self.pending_open = self.pending_open, None
        _deliver(window, text)

    # --- settings ------------------------------------------------------------------------

    def open_settings_dialog(self, parent: QWidget | None = None) -> SettingsDialog:
        """The settings dialog (language); what it saves applies at the next start."""
        from kcp_desk.views.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings.language, self._save_language, parent)
        dialog.open()
        return dialog

    def _save_language(self, language: str) -> None:
        # raises OSError when the settings file cannot be written: the dialog says so
        stored = Settings.load(self.paths)  # what else changed since the start stays
        self.settings = dataclasses.replace(self.settings, language=language)
        dataclasses.replace(stored, language=language).save(self.paths)

    def _signed_out(self) -> None:
        if self.main is not None:
            self.main.hide()
            self.main.deleteLater()
            self.main = None
        self.login.set_auth(self.services.auth if self.services else None)
        self.login.show()


def _deliver(window: MainWindow, text: str) -> None:
    """Hand a `kcp-desk open` text to the unlocked main window: search (and open a
    single phone match). The text is search input, nothing more. The window is in
    front already (:meth:`DeskApp.bring_to_front`, or the agent just signed in)."""
    window.open_request(text)


def run_gui(argv: list[str], *, demo: bool, open_text: str | None = None) -> int:
    """The desk. When this user's desk runs already, hand it ``open_text`` (or only
    bring it to the front) and end: one desk per user (SPEC §4)."""
    app = QApplication(argv)
    app.setApplicationName("kcp-desk")
    app.setOrganizationName("kcp-desk")
    paths = Paths.from_environment()
    link = DeskLink.for_data_dir(paths.data_dir, app)
    if not link.claim():
        # this user's desk runs (or is just starting): it gets the text
        if send_to_running_desk(open_text or "", 5000, name=link.name, wait_for_desk_ms=15_000):
            print("kcp-desk is running already: handed over to it.")
            return 0
        print("kcp-desk is running already but does not answer.", file=sys.stderr)
        return 1
    settings = Settings.load(paths)
    log_path = setup_logging(paths.log_dir)
    install_excepthook(log_path)
    install_translators(app, settings.language)
    desk = DeskApp(app, paths, settings, demo)
    link.text_received.connect(desk.open_text)
    link.raise_requested.connect(desk.bring_to_front)
    # the first start of the day came from a call: the text waits for the login
    desk.pending_open = clean_open_text(open_text or "") or None
    desk.start()
    code = app.exec()
    link.close()
    if desk.db is not None:
        desk.db.dispose()
    return code


if __name__ == "__main__":
    sys.exit(run_gui(sys.argv, demo=True))
