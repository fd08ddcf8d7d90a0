"""The real OS keyring (SPEC V-1): "remember on this workstation" keeps its device key in
the desktop's Secret Service, through the desk's own keyring guard, and finds it again
in a fresh process.

The rest of the suite runs on the in-memory backend of tests/conftest.py; this module
replaces that fixture for itself only. It is marked ``real_keyring``, which the normal
suite deselects, and it runs only where ``packaging/keyring-test.sh`` has started a
throwaway, unlocked gnome-keyring on a private session bus (KCP_DESK_REAL_KEYRING=1):
there a Secret Service that cannot be reached is a failure, not a skip.
"""

from __future__ import annotations

import base64
import gc
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.core
import pytest

from kcp_desk.db import Database
from kcp_desk.errors import KeyringUnavailable
from kcp_desk.models.agents import Role
from kcp_desk.security.keyring_guard import SERVICE, choose_backend, entry_name
from kcp_desk.services.agents import provision_agent
from kcp_desk.services.auth import AuthService
from tests.conftest import FAST_KDF, PASSPHRASES

pytestmark = [
    pytest.mark.real_keyring,
    pytest.mark.skipif(
        os.environ.get("KCP_DESK_REAL_KEYRING") != "1",
        reason="needs the Secret Service that packaging/keyring-test.sh starts",
    ),
]

SECRET_SERVICE = "keyring.backends.SecretService.Keyring"
WHERE = "the desktop's Secret Service (GNOME Keyring, KWallet)"


def _is_test_backend(backend: keyring.backend.KeyringBackend) -> bool:
    module = type(backend).__module__
    return module == "conftest" or module.startswith("tests.")


@pytest.fixture
def memory_keyring() -> Iterator[keyring.backend.KeyringBackend]:
    """Overrides the autouse in-memory backend: the backend keyring itself detects, as
    the desk gets it on a user's workstation. keyring considers every subclass of
    KeyringBackend, so the suite's own stand-ins (tests/conftest.py, tests/security/
    keyrings.py) are left out; the fresh process in the round trip below has none."""
    previous = keyring.get_keyring()
    keyring.core.init_backend(limit=lambda backend: not _is_test_backend(backend))
    yield keyring.get_keyring()
    keyring.set_keyring(previous)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = Database(f"sqlite:///{tmp_path / 'desk.sqlite3'}")
    db.migrate()
    with db.transaction() as s:
        provision_agent(
            s,
            username="anna",
            display_name="Anna",
            role=Role.AGENT,
            passphrase=PASSPHRASES["anna"],
            kdf=FAST_KDF,
        )
    yield db
    if not _locked():  # the locked test is the last one
        AuthService(db).forget_workstation("anna")  # a failed test leaves nothing behind
    db.dispose()


def _locked() -> bool:
    import secretstorage

    with secretstorage.dbus_init() as connection:
        return bool(secretstorage.get_default_collection(connection).is_locked())


def _secret_service_items(attributes: dict[str, str]) -> list[tuple[str, bytes]]:
    """(label, secret) of the matching items, asked of the Secret Service over D-Bus
    directly (secretstorage), not through keyring or the desk."""
    import secretstorage

    with secretstorage.dbus_init() as connection:
        collection = secretstorage.get_default_collection(connection)
        assert not collection.is_locked()
        return [
            (item.get_label(), item.get_secret()) for item in collection.search_items(attributes)
        ]


def _kcp_items(db: Database, username: str) -> list[tuple[str, bytes]]:
    return _secret_service_items(
        {"service": SERVICE, "username": entry_name(db.describe(), username)}
    )


def test_the_desk_chooses_the_secret_service(
    memory_keyring: keyring.backend.KeyringBackend, database: Database
) -> None:
    choice = choose_backend()
    assert choice.backend is not None
    backend = type(choice.backend)
    assert f"{backend.__module__}.{backend.__qualname__}" == SECRET_SERVICE
    assert choice.where == WHERE
    assert AuthService(database).remember_option().where == WHERE  # what the login shows


def test_remember_keeps_the_device_key_in_the_secret_service(database: Database) -> None:
    auth = AuthService(database)
    result = auth.login("anna", PASSPHRASES["anna"], remember=True)
    assert result.remember_error is None
    assert result.remembered_in == WHERE  # the user is told where

    # it is really in the Secret Service: one item under the opaque entry name
    [(_label, secret)] = _kcp_items(database, "anna")
    device_id, _, encoded = secret.decode().partition(":")
    assert len(bytes.fromhex(device_id)) == 8
    assert len(base64.b64decode(encoded, validate=True)) == 32
    assert PASSPHRASES["anna"].encode() not in secret
    # and a second client of the Secret Service, libsecret's secret-tool, sees it too
    assert shutil.which("secret-tool"), "apt-get install libsecret-tools"
    entry = entry_name(database.describe(), "anna")
    found = subprocess.run(
        ["secret-tool", "lookup", "service", SERVICE, "username", entry],
        capture_output=True,
        check=True,
    ).stdout
    assert found == secret

    # a fresh AuthService finds the device key and opens the same keys
    fresh = AuthService(database)
    assert fresh.has_remembered("anna")
    session = fresh.login_remembered("anna")
    assert session is not None
    assert session.keys._raw() == result.session.keys._raw()

    # so does a fresh process: keyring detects its backend anew, nothing is cached here
    probe = (
        "import hashlib, sys\n"
        "from kcp_desk.db import Database\n"
        "from kcp_desk.security.keyring_guard import choose_backend\n"
        "from kcp_desk.services.auth import AuthService\n"
        "b = type(choose_backend().backend)\n"
        "print(f'{b.__module__}.{b.__qualname__}')\n"
        "db = Database(sys.argv[1])\n"
        "s = AuthService(db).login_remembered('anna')\n"
        "print(s.principal.username, hashlib.sha256(s.keys._raw()).hexdigest())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, database.url],
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"},
    ).stdout.split()
    assert out == [SECRET_SERVICE, "anna", hashlib.sha256(result.session.keys._raw()).hexdigest()]

    # "forget" deletes the item from the Secret Service, and the device key opens nothing
    auth.forget_workstation("anna")
    assert _kcp_items(database, "anna") == []
    assert not auth.has_remembered("anna")
    assert auth.login_remembered("anna") is None


def test_the_entry_in_the_secret_service_reveals_neither_user_nor_database(
    database: Database,
) -> None:
    auth = AuthService(database)
    auth.login("anna", PASSPHRASES["anna"], remember=True)
    [(label, _)] = _kcp_items(database, "anna")
    everything = _secret_service_items({"service": SERVICE})
    assert len(everything) == 1  # nothing else under the desk's name
    # what any program listing the keyring sees: the label and the attributes
    shown = label + " " + entry_name(database.describe(), "anna")
    for part in ["anna", "sqlite3", "desk.sqlite3", *database.describe().split("/")[1:]]:
        assert part and part not in shown


# keyring 25's SecretService backend opens a D-Bus connection and raises KeyringLocked
# without closing it (get_preferred_collection); the socket's ResourceWarning is its bug
@pytest.mark.filterwarnings(
    r"ignore:Exception ignored in. <socket\.socket.*raddr=.*dbus"
    ":pytest.PytestUnraisableExceptionWarning"
)
def test_a_locked_secret_service_does_not_stop_the_login(database: Database) -> None:
    """Last in this module: gnome-keyring cannot be unlocked again without its prompt."""
    import secretstorage

    auth = AuthService(database)
    auth.login("anna", PASSPHRASES["anna"], remember=True)
    with secretstorage.dbus_init() as connection:
        secretstorage.get_default_collection(connection).lock()
    locked = "The keyring of this workstation is locked. Unlock it and try again."

    def attempts() -> tuple[str, str | None, object, bool, str]:
        """What the desk makes of each call; the keyring errors die with this frame."""
        result = auth.login("anna", PASSPHRASES["anna"], remember=True)
        try:
            auth.login_remembered("anna")
            remembered_login = "opened"
        except KeyringUnavailable as err:
            remembered_login = str(err)
        return (
            result.session.principal.username,
            result.remembered_in,
            result.remember_error and str(result.remember_error),
            auth.has_remembered("anna"),
            remembered_login,
        )

    outcome = attempts()
    gc.collect()  # the leaked connections warn here, under this test's filter
    assert outcome == (
        "anna",  # the login itself succeeds
        None,  # nothing remembered
        locked,  # and the user is told why
        False,  # the GUI thread's check while typing stays quiet
        locked,  # the remembered login says why it cannot open
    )
