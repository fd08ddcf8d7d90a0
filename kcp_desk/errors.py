"""Expected errors (qutebrowser's two tiers): shown as a clear message, never a traceback.

Anything that is not a ``KcpError`` is a bug and goes to the excepthook dialog.
Messages must never contain secrets: they end up in logs and on screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kcp_desk.domain.secret_looking import Finding


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a message for Qt Linguist without importing Qt (services stay Qt-free)."""
    return text


#: the one message for a field over its length limit (``n`` = the limit)
TOO_LONG = QT_TRANSLATE_NOOP("KcpError", "At most {n} characters, please.")

#: a ticket reference (T-1) that is typed or sent: the same words wherever it is read
TICKET_MALFORMED = QT_TRANSLATE_NOOP(
    "KcpError", "Not a ticket number (#KCP- and 8 digits, e.g. #KCP-00012340)."
)
TICKET_CHECK_DIGIT = QT_TRANSLATE_NOOP("KcpError", "Check digit wrong in ticket number.")
TICKET_UNKNOWN = QT_TRANSLATE_NOOP("KcpError", "There is no ticket with this number.")

#: a reply that looks like it holds a password or a key (:class:`SecretLookingReply`)
SECRET_LOOKING_REPLY = QT_TRANSLATE_NOOP(
    "KcpError",
    "This reply looks like it contains a password or a key. The customer will see it. "
    "Send it anyway?",
)


class KcpError(Exception):
    """An expected failure the user can act on.

    ``template`` is an English source text marked with ``QT_TRANSLATE_NOOP("KcpError", …)``;
    views translate it in the "KcpError" context and then fill in ``params``.
    """

    #: the form field the message belongs to, if any (the view shows it there)
    field: str | None = None

    def __init__(self, template: str, *, field: str | None = None, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))
        if field is not None:
            self.field = field


class InvalidInput(KcpError):
    """Bad input in a form field."""


class FieldErrors(InvalidInput):
    """Several fields are wrong at once: ``errors`` maps form field → its error.

    It is an :class:`InvalidInput` itself (``field`` and the message are the first
    error's), so code that shows one message per error still works.
    """

    def __init__(self, errors: Mapping[str, InvalidInput]) -> None:
        if not errors:
            raise ValueError("FieldErrors needs at least one error")
        first_field, first = next(iter(errors.items()))
        super().__init__(first.template, field=first_field, **first.params)
        self.errors: Mapping[str, InvalidInput] = dict(errors)


class WrongPassphrase(KcpError):
    field = "passphrase"


class PermissionDenied(KcpError):
    """The acting agent's role does not allow the action (checked in services)."""


class StaleEdit(KcpError):
    """Someone else saved the record first (optimistic locking)."""


class NotFound(KcpError):
    pass


class DatabaseUnavailable(KcpError):
    """The database cannot be reached; the desk keeps the input and reconnects."""


class DatabaseBusy(DatabaseUnavailable):
    """Another program holds the write lock longer than the desk waits (SQLite busy,
    PostgreSQL lock/serialisation conflicts): nothing was written, try again."""


class DatabaseSlow(DatabaseUnavailable):
    """The statement ran into its time-out; nothing was written."""


class DatabaseReadOnly(DatabaseUnavailable):
    """The database file (or server) refuses writes."""


class DatabaseFull(DatabaseUnavailable):
    """The disk (or the server's disk) is full."""


class DatabaseCorrupt(DatabaseUnavailable):
    """The database file is damaged or is not a database at all."""


class DatabaseMissing(DatabaseUnavailable):
    """The configured database file is gone or was replaced by another file."""


class SchemaOutdated(KcpError):
    """The schema needs a migration that only the database owner may run (A-3)."""


class KeyringUnavailable(KcpError):
    """No secure OS keyring backend is available for "remember on this workstation"."""


class AuditWriteFailed(KcpError):
    """The audit entry could not be written, so the privileged action did not happen."""


class TicketClosed(KcpError):
    """The ticket is closed (in the archive): read only; a customer message reopens it
    (T-2). Every change by an agent is refused."""


class SecretLookingReply(KcpError):
    """A reply to the customer looks like it contains a password or a key
    (``domain.secret_looking``) and was not confirmed: nothing was saved (issue 10).

    ``findings`` name the kinds and spans (into the cleaned body) of what was found,
    never the text; the message, ``str`` and ``repr`` hold no part of the reply. The
    view asks the agent and posts again with ``confirmed=True``.
    """

    field = "body"

    def __init__(self, findings: Iterable[Finding]) -> None:
        super().__init__(SECRET_LOOKING_REPLY)
        self.findings: tuple[Finding, ...] = tuple(findings)

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds found (``SecretKind`` values), each once, in the order found."""
        return tuple(dict.fromkeys(f.kind.value for f in self.findings))

    def __repr__(self) -> str:
        return f"SecretLookingReply(kinds={self.kinds!r})"
