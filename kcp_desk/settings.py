"""Typed settings with every default in one place.

Stored as JSON in the per-user config directory (platformdirs). ``KCP_DESK_DATA_DIR``
moves data, config and logs into one folder (tests and portable installs use it);
``KCP_DESK_DATABASE_URL`` overrides the database. Secrets are never stored here.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

APP_NAME = "kcp-desk"
DATA_DIR_ENV = "KCP_DESK_DATA_DIR"
DATABASE_URL_ENV = "KCP_DESK_DATABASE_URL"
#: the interface languages the settings offer: "" follows the system locale (German on
#: German systems, English otherwise), "de" and "en" force one (SPEC §4)
LANGUAGES = ("", "de", "en")


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    config_dir: Path
    log_dir: Path

    @classmethod
    def from_environment(cls) -> Paths:
        override = os.environ.get(DATA_DIR_ENV)
        if override:
            root = Path(override)
            return cls(root, root / "config", root / "logs")
        return cls(
            Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        )

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def default_database_url(self) -> str:
        return f"sqlite:///{self.data_dir / 'kcp-desk.sqlite3'}"


@dataclass(frozen=True)
class Settings:
    database_url: str = ""
    #: idle lock after this many minutes without input (SPEC V-6)
    idle_lock_minutes: int = 5
    #: one of :data:`LANGUAGES`; applied at the next start
    language: str = ""
    #: customers the GUI's first start creates on an empty embedded database
    demo_customers: int = 2000
    #: last user name typed at the login window (never a passphrase)
    last_username: str = ""

    @classmethod
    def load(cls, paths: Paths) -> Settings:
        stored: dict[str, object] = {}
        if paths.settings_file.exists():
            try:
                stored = json.loads(paths.settings_file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                stored = {}  # a broken settings file must not stop the desk
        known = {f.name for f in dataclasses.fields(cls)}
        settings = cls(**{k: v for k, v in stored.items() if k in known})  # type: ignore[arg-type]
        if settings.language not in LANGUAGES:
            settings = dataclasses.replace(settings, language="")  # a hand-edited file
        url = os.environ.get(DATABASE_URL_ENV) or settings.database_url
        return dataclasses.replace(settings, database_url=url or paths.default_database_url)

    def save(self, paths: Paths) -> None:
        data = dataclasses.asdict(self)
        if os.environ.get(DATABASE_URL_ENV) or data["database_url"] == paths.default_database_url:
            data["database_url"] = ""  # keep an environment override out of the file
        paths.config_dir.mkdir(parents=True, exist_ok=True)
        paths.settings_file.write_text(json.dumps(data, indent=2), encoding="utf-8")


def describe_database(url: str) -> str:
    """What the status bar shows: the SQLite file, or host/database (never a password).

    Plain string parsing on purpose: the login window shows this before SQLAlchemy is
    imported (start-up budget).
    """
    if url.startswith("sqlite"):
        return f"SQLite {url.split(':///', 1)[-1]}"
    parts = urlsplit(url)
    return f"PostgreSQL {parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path}"
