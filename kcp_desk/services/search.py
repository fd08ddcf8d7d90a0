"""The one search field (SPEC C1.1) and its result list (C1.2).

:meth:`CustomerSearch.search` takes whatever the agent typed and finds customers by

* customer number, with or without ``K``: complete (check digit validated) or, while
  typing, as a prefix of the number (``K123`` → bodies 1230000 … 1239999, a range on the
  integer column);
* invoice number ``RE-YYYY-NNNNNN`` (also its prefix), ticket ``#KCP-…`` and support
  order ``SA-…`` references (also their prefixes), SEPA mandate reference;
* phone number in any notation, normalised to E.164 (region DE) and compared exactly with
  ``phone_e164`` and ``mobile_e164``;
* e-mail address (exact, or a prefix once it looks like one: ``@``, ``.`` or a digit),
  domain or server host name of a product (exact or prefix), postcode;
* a server's own name, the first label of its host name (``v10042`` for
  ``v10042.kcp-server.de``, ``ks-10042``): exact when a word of letters, digits and ``-``
  holding a digit is that whole label, prefix as part of the host name prefix search;
* a server's IP address (SPEC C1.1: abuse reports arrive by IP): an IPv4 or IPv6 address,
  also with a port (``203.0.113.45:443``) or in brackets (``[2001:db8::1]:8443``), finds
  the owners of the servers whose address or subnet contains it, most specific first; a
  subnet in CIDR notation (``203.0.113.40/29``) finds its exact assignment
  (:mod:`kcp_desk.domain.ip_ranges` reads what was typed; what is no address, such as
  ``999.1.1.1``, is searched as text);
* any substring of name, company, e-mail and city, folded (``muller``, ``mueller`` and
  ``MÜLLER`` find ``Müller``; ``gross`` finds ``Groß``). Every word of the query must occur,
  in any order. Fewer than 3 characters never start a substring scan.

Ranking: exact identifier matches first, then prefix matches (customer number, e-mail,
domain …, postcode), then text matches (a whole-word match before a word-start match
before a match inside a word, then by name). At most ``limit`` hits are returned;
``SearchResult.truncated`` says there were more, so the view can ask for more letters.

A complete reference with a wrong check digit is an expected error, not "no customer":
:meth:`~CustomerSearch.search` raises :class:`~kcp_desk.errors.InvalidInput` with
``field="search"`` and a template that names the reference, which the view shows at the
search field (``Operation(...).failure(...)``, like every other expected error). The one
exception: eight bare digits that are also a phone number the search can find.

Every input gets an answer (issue 8): control and format characters and lone surrogates
are dropped from the query (:func:`~kcp_desk.domain.text_input.searchable`: a NUL, an ESC,
U+202E or a zero-width space in a paste never reaches SQL), at most
:data:`MAX_QUERY_WORDS` words and :data:`MAX_QUERY_CHARS` characters of it are searched
(``SearchResult.words_ignored`` says how many words were left out, so the view can say
so: a pasted block of text no longer builds a statement SQLite refuses as "Expression
tree is too large"), and LIKE patterns are bound as parameters.

Customer data are for agents and leads (SPEC §0): every search takes the acting
:class:`~kcp_desk.services.principal.AgentSession` and, in the transaction it reads in,
refuses a locked desk and re-reads the agent's role and active flag
(:func:`~kcp_desk.services.access.acting_agent`, one primary-key lookup).

Product tier names (``Webhosting M``, the ``products.name`` of a server) are not
searched: thousands of customers share each one, so they identify nobody; a product is
found by its domain, its server's host name or short name, or its IP addresses.

Indexes (migration 0002): an FTS5 trigram table on SQLite and a GIN trigram index on
PostgreSQL over the *search text* (``search_folded`` plus its umlaut-less variant); btree
indexes for every identifier. No query scans the customers table (PostgreSQL looks at its
first ``PG_PROBE_ROWS`` rows, see ``_pg_text``), and nothing loads more than
``limit + 1`` candidates per kind of match into Python. Badges are computed in SQL for
the returned page only.

Both databases give the same hits in the same order. When there are more than ``limit``
text matches the two may pick a different ``limit`` of them (SQLite the lowest ids,
PostgreSQL the first in physical order, which is mostly the same); ordering every match
first would cost a scan of all of them for short, common words.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

import phonenumbers
from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    SQLColumnExpression,
    Text,
    and_,
    case,
    cast,
    column,
    exists,
    func,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy import text as sql_text
from sqlalchemy.dialects.postgresql import CIDR, INET
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import bindparam

from kcp_desk.db import Database
from kcp_desk.domain.folding import fold, umlaut_variant
from kcp_desk.domain.ip_ranges import (
    IPAddress,
    IPNetwork,
    address_key,
    network_text,
    parse_address,
    parse_network,
)
from kcp_desk.domain.references import (
    ParsedReference,
    WrongCheckDigit,
    classify,
    customer_number_prefix,
    damm_valid,
    format_customer_number,
    format_order_ref,
    format_ticket_ref,
)
from kcp_desk.domain.text_input import searchable
from kcp_desk.domain.trigram_counts import RARE, TRIGRAM_COUNTS
from kcp_desk.errors import QT_TRANSLATE_NOOP, InvalidInput
from kcp_desk.models.billing import DunningLevel, DunningStep, Invoice, InvoiceState, SepaMandate
from kcp_desk.models.customers import AddressKind, Customer, PostalAddress
from kcp_desk.models.orders import SupportOrder
from kcp_desk.models.products import Product, ProductAddress
from kcp_desk.models.tickets import Ticket, TicketState
from kcp_desk.services.access import CUSTOMER_ROLES, acting_agent
from kcp_desk.services.principal import AgentSession

__all__ = [
    "MATCH_LABELS",
    "MAX_LIMIT",
    "MAX_QUERY_CHARS",
    "MAX_QUERY_WORDS",
    "MIN_TEXT_CHARS",
    "CustomerHit",
    "CustomerSearch",
    "MatchKind",
    "SearchResult",
    "Tier",
]

#: the largest page a caller may ask for
MAX_LIMIT: Final = 500
#: substring search needs this many typed characters (and one word this long)
MIN_TEXT_CHARS: Final = 3
#: PostgreSQL: rows a text search looks at before it asks the index (see ``_pg_text``)
PG_PROBE_ROWS: Final = 2500
#: words of a query that are searched; the rest is ignored (``SearchResult.words_ignored``)
MAX_QUERY_WORDS: Final = 8
#: characters of a query that are searched (whole words; the longest stored field, an
#: e-mail address, has 254)
MAX_QUERY_CHARS: Final = 256
#: SQLite: trigrams of each query word that the FTS5 query asks for (see ``_fts_query``)
FTS_TRIGRAMS_PER_WORD: Final = 2
#: characters of a paste that are looked at at all; words after them are only counted
_SCAN_CHARS: Final = 4 * MAX_QUERY_CHARS


class MatchKind(enum.StrEnum):
    """What a hit was found by; ``MATCH_LABELS`` has the text the view shows."""

    CUSTOMER_NUMBER = "customer_number"
    INVOICE = "invoice"
    TICKET = "ticket"
    SUPPORT_ORDER = "support_order"
    MANDATE = "mandate"
    PHONE = "phone"
    EMAIL = "email"
    DOMAIN = "domain"
    HOSTNAME = "hostname"
    IP_ADDRESS = "ip_address"
    SUBNET = "subnet"
    POSTCODE = "postcode"
    NAME = "name"
    #: the person's name of a company customer (``match_detail``: that name)
    CONTACT_PERSON = "contact_person"
    COMPANY = "company"
    CITY = "city"


#: English source texts (Qt Linguist context "CustomerSearch"); ``{detail}`` is
#: ``CustomerHit.match_detail``: the reference, number or address that matched.
MATCH_LABELS: Final[dict[MatchKind, str]] = {
    MatchKind.CUSTOMER_NUMBER: QT_TRANSLATE_NOOP("CustomerSearch", "customer number {detail}"),
    MatchKind.INVOICE: QT_TRANSLATE_NOOP("CustomerSearch", "invoice {detail}"),
    MatchKind.TICKET: QT_TRANSLATE_NOOP("CustomerSearch", "ticket {detail}"),
    MatchKind.SUPPORT_ORDER: QT_TRANSLATE_NOOP("CustomerSearch", "support order {detail}"),
    MatchKind.MANDATE: QT_TRANSLATE_NOOP("CustomerSearch", "SEPA mandate {detail}"),
    MatchKind.PHONE: QT_TRANSLATE_NOOP("CustomerSearch", "phone {detail}"),
    MatchKind.EMAIL: QT_TRANSLATE_NOOP("CustomerSearch", "e-mail {detail}"),
    MatchKind.DOMAIN: QT_TRANSLATE_NOOP("CustomerSearch", "domain {detail}"),
    MatchKind.HOSTNAME: QT_TRANSLATE_NOOP("CustomerSearch", "server {detail}"),
    #: ``{detail}``: the server's address, or its subnet that holds the address searched
    MatchKind.IP_ADDRESS: QT_TRANSLATE_NOOP("CustomerSearch", "IP address {detail}"),
    MatchKind.SUBNET: QT_TRANSLATE_NOOP("CustomerSearch", "subnet {detail}"),
    MatchKind.POSTCODE: QT_TRANSLATE_NOOP("CustomerSearch", "postcode {detail}"),
    MatchKind.NAME: QT_TRANSLATE_NOOP("CustomerSearch", "name"),
    MatchKind.CONTACT_PERSON: QT_TRANSLATE_NOOP("CustomerSearch", "contact person {detail}"),
    MatchKind.COMPANY: QT_TRANSLATE_NOOP("CustomerSearch", "company"),
    MatchKind.CITY: QT_TRANSLATE_NOOP("CustomerSearch", "city"),
}

_WRONG_CHECK_DIGIT: Final[dict[str, str]] = {
    "customer": QT_TRANSLATE_NOOP(
        "KcpError", "Check digit wrong: {ref} is not a valid customer number."
    ),
    "ticket": QT_TRANSLATE_NOOP(
        "KcpError", "Check digit wrong: {ref} is not a valid ticket reference."
    ),
    "order": QT_TRANSLATE_NOOP(
        "KcpError", "Check digit wrong: {ref} is not a valid support order reference."
    ),
    "mandate": QT_TRANSLATE_NOOP(
        "KcpError", "Check digit wrong: {ref} is not a valid SEPA mandate reference."
    ),
}


class Tier(enum.IntEnum):
    """Rank of a match kind: lower ranks first."""

    EXACT = 0
    PREFIX = 1
    TEXT = 2


@dataclass(frozen=True)
class CustomerHit:
    """One row of the result list (C1.2)."""

    customer_id: int
    #: ``K12345671``
    number_text: str
    #: the company for companies, else ``first last``
    display_name: str
    email: str
    #: the city of the current billing address (else contract address); "" if none
    city: str
    match: MatchKind
    #: what matched, canonically spelt (``RE-2026-000123``, ``+492211234567``); "" for text
    match_detail: str
    tier: Tier
    in_arrears: bool
    open_tickets: int
    #: ID-3: the phone-password factor is locked (``p_factor_locked_until`` in the future)
    factor_locked: bool
    blocked: bool
    #: PAY-5: the highest dunning step on an unpaid invoice (DunningLevel value)
    dunning_level: str | None = None
    #: PAY-4: a returned direct debit is not settled yet
    debit_returned: bool = False

    @property
    def match_text(self) -> str:
        """The English description of the match (the view translates ``MATCH_LABELS``)."""
        return MATCH_LABELS[self.match].format(detail=self.match_detail)


@dataclass(frozen=True)
class SearchResult:
    hits: tuple[CustomerHit, ...]
    #: there are more than ``limit`` matches: the agent should type more
    truncated: bool = False
    #: words of the query that were searched (at most ``MAX_QUERY_WORDS``)
    words_searched: int = 0
    #: words after them that were not (a pasted block of text): the view says so
    words_ignored: int = 0
    #: nothing could be searched: no word has ``MIN_TEXT_CHARS`` characters and the text
    #: is no number, reference or address either (``mü``, ``ab cd``). The view asks for
    #: more letters instead of saying "no customer found"; this is the one place the
    #: rule lives.
    too_short: bool = False


# --- parsing what was typed --------------------------------------------------------------

_SEPARATORS: Final = re.compile(r"[\s\-\u2010-\u2015\u2212\u200b-\u200d\u2060\ufeff]+")
_PHONE_TEXT: Final = re.compile(r"\+?[0-9\s()\-/.\u00a0]+")
_PHONE_MIN_DIGITS: Final = 6
_POSTCODE: Final = re.compile(r"[0-9]{4,5}")
_TICKET_PARTIAL: Final = re.compile(r"#?KCP([0-9]{1,7})")
_ORDER_PARTIAL: Final = re.compile(r"SA([0-9]{1,7})")
_MANDATE_PARTIAL: Final = re.compile(r"K?([0-9]{8})M[0-9]{0,2}")
_INVOICE_PARTIAL: Final = re.compile(r"RE-?([0-9]{4})-?([0-9]{1,6})")
_URL_PREFIX: Final = re.compile(r"^(?:[a-z][a-z0-9+.\-]*://)?(?:www\.)?")
#: a server's short name, the first label of its host name (``v10042``, ``ks-10042``)
_SERVER_LABEL: Final = re.compile(r"[a-z0-9][a-z0-9-]*")
_INVOICE_SEQ_DIGITS: Final = 6
_BODY_DIGITS: Final = 7


def _normalised(text: str) -> str:
    """NFKC, upper case, separator runs → ``-`` (as ``domain.references`` reads them)."""
    return _SEPARATORS.sub("-", unicodedata.normalize("NFKC", text).upper()).strip("-")


def _digit_range(digits: str, width: int) -> tuple[int, int]:
    """Numbers of ``width`` zero-padded digits that start with ``digits``."""
    scale = 10 ** (width - len(digits))
    low = int(digits) * scale
    return low, low + scale - 1


def _phone_e164(text: str) -> str | None:
    if not _PHONE_TEXT.fullmatch(text):
        return None
    digits = re.sub(r"[^0-9]", "", text)
    # a national number starts with 0; without it there is no area code to go on
    if len(digits) < _PHONE_MIN_DIGITS or not (text.startswith("+") or digits[0] == "0"):
        return None
    try:
        number = phonenumbers.parse(text, "DE")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _bounded(text: str) -> tuple[str, int]:
    """``text`` cut to :data:`MAX_QUERY_WORDS` words and :data:`MAX_QUERY_CHARS`
    characters (whole words; a single longer word is cut), and how many words were left
    out. Nothing is cut: ``text`` as it is."""
    window = text[:_SCAN_CHARS]
    # the words after the window are only counted (one split across its end counts once)
    tail = text[_SCAN_CHARS:]
    ignored = len(tail.split())
    if tail and not tail[0].isspace() and window and not window[-1].isspace():
        ignored -= 1
    cleaned = unicodedata.normalize("NFKC", searchable(window)).strip()
    words = cleaned.split()
    if not ignored and len(words) <= MAX_QUERY_WORDS and len(cleaned) <= MAX_QUERY_CHARS:
        return cleaned, 0
    kept: list[str] = []
    size = 0
    for word in words[:MAX_QUERY_WORDS]:
        if kept and size + 1 + len(word) > MAX_QUERY_CHARS:
            break
        kept.append(word[:MAX_QUERY_CHARS])
        size += len(kept[-1]) + (len(kept) > 1)
    return " ".join(kept), ignored + len(words) - len(kept)


@dataclass(frozen=True)
class _Query:
    raw: str
    words: tuple[str, ...]
    #: words of what was typed that are not searched (see ``_bounded``)
    words_ignored: int = 0
    ref: ParsedReference | None = None
    wrong_check: WrongCheckDigit | None = None
    number_range: tuple[int, int] | None = None
    ticket_range: tuple[int, int] | None = None
    order_range: tuple[int, int] | None = None
    #: the customer number of a (partial) mandate reference
    mandate_customer: int | None = None
    invoice_range: tuple[int, int, int] | None = None
    phone: str | None = None
    email: str | None = None
    #: lower-case token for the e-mail / domain / host name prefix search
    ident_prefix: str | None = None
    #: lower-case domain or host name (scheme, ``www.`` and path removed)
    host: str | None = None
    postcode: str | None = None
    #: words that must also occur in the search text of a postcode match
    postcode_words: tuple[str, ...] = ()
    #: an IP address (a port, brackets and a zone removed; IPv4-mapped IPv6 as IPv4)
    ip: IPAddress | None = None
    #: a subnet in CIDR notation, host bits cleared
    subnet: IPNetwork | None = None
    #: lower-case first label of a server's host name
    server_label: str | None = None
    text_words: tuple[str, ...] = ()

    @property
    def too_short(self) -> bool:
        """Too little typed for a text search: fewer than ``MIN_TEXT_CHARS`` characters,
        or no word that long (whether it is a number or reference is the plan's
        business: ``search`` only says "too short" when nothing else is searched)."""
        if not self.words:
            return False
        return len(self.raw) < MIN_TEXT_CHARS or max(map(len, self.words)) < MIN_TEXT_CHARS

    @classmethod
    def parse(cls, text: str) -> _Query:
        """What ``text`` asks for. Never raises: control and format characters are
        dropped, a long paste is cut to its first words (``_bounded``)."""
        raw, ignored = _bounded(text)
        folded = fold(raw)
        words = tuple(folded.split())
        if len(words) > MAX_QUERY_WORDS:  # folding made more words (it never should)
            ignored += len(words) - MAX_QUERY_WORDS
            words = words[:MAX_QUERY_WORDS]
        values: dict[str, object] = {"words_ignored": ignored}
        try:
            values["ref"] = classify(raw)
        except WrongCheckDigit as err:
            values["wrong_check"] = err
        norm = _normalised(raw)
        compact = norm.replace("-", "")
        single = len(words) == 1

        # customer number prefix: any length with K, three digits or more without
        try:
            digits = customer_number_prefix(raw)
        except WrongCheckDigit:
            digits = None
        if (
            digits is not None
            and len(digits) <= _BODY_DIGITS
            and (compact.startswith("K") or len(digits) >= MIN_TEXT_CHARS)
        ):
            values["number_range"] = _digit_range(digits, _BODY_DIGITS)
        if m := _TICKET_PARTIAL.fullmatch(compact):
            values["ticket_range"] = _digit_range(m.group(1), _BODY_DIGITS)
        elif m := _ORDER_PARTIAL.fullmatch(compact):
            values["order_range"] = _digit_range(m.group(1), _BODY_DIGITS)
        elif (m := _MANDATE_PARTIAL.fullmatch(compact)) and damm_valid(m.group(1)):
            values["mandate_customer"] = int(m.group(1)[:-1])
        elif m := _INVOICE_PARTIAL.fullmatch(norm):
            year, seq = int(m.group(1)), m.group(2)
            ref = values.get("ref")
            # "RE-2026-0001" is someone typing "RE-2026-000123", not invoice 1
            if (
                isinstance(ref, ParsedReference)
                and ref.kind == "invoice"
                and seq.startswith("0")
                and len(seq) < _INVOICE_SEQ_DIGITS
            ):
                values["ref"] = None
            if len(seq) < _INVOICE_SEQ_DIGITS:
                low, high = _digit_range(seq, _INVOICE_SEQ_DIGITS)
                values["invoice_range"] = (year, max(low, 1), high)

        phone = _phone_e164(raw)
        values["phone"] = phone
        lower = raw.lower()
        if single and "@" in lower:
            values["email"] = lower
        looks_like_identifier = any(ch in "@." or ch.isdigit() for ch in lower)
        if single and len(lower) >= MIN_TEXT_CHARS and looks_like_identifier:
            values["ident_prefix"] = lower
        if single and "@" not in lower:
            host = _URL_PREFIX.sub("", lower).split("/", 1)[0].rstrip(".")
            if "." in host and len(host) >= MIN_TEXT_CHARS:
                values["host"] = host
                values["ident_prefix"] = host
        if (
            single
            and len(lower) >= MIN_TEXT_CHARS
            and _SERVER_LABEL.fullmatch(lower)
            and any(ch.isdigit() for ch in lower)
            and not lower.isdigit()
        ):
            values["server_label"] = lower
        address = parse_address(raw) if single else None
        network = None if address is not None or not single else parse_network(raw)
        if network is not None and network.prefixlen == network.max_prefixlen:
            address, network = network.network_address, None
        if address is not None or network is not None:
            # an address is no domain, e-mail or text: only the address tables are asked
            values.update(ip=address, subnet=network, host=None, ident_prefix=None)
        identifier_keys = ("ref", "wrong_check", "phone", "number_range", "ticket_range",
                           "order_range", "mandate_customer", "invoice_range", "ip",
                           "subnet")  # fmt: skip
        identifier = any(values.get(key) is not None for key in identifier_keys)
        postcodes = [w for w in words if _POSTCODE.fullmatch(w)]
        if len(postcodes) == 1 and not (identifier and len(words) > 1):
            values["postcode"] = postcodes[0]
            values["postcode_words"] = tuple(w for w in words if w != postcodes[0])
        textual = not (identifier or compact.isdigit() or len(raw) < MIN_TEXT_CHARS)
        if textual and any(len(w) >= MIN_TEXT_CHARS for w in words) and not postcodes:
            values["text_words"] = words
        return cls(raw, words, **values)  # type: ignore[arg-type]


# --- SQL: every statement is built once per dialect, values are bound ------------------------

#: SQLite: the FTS5 index of migration 0002 (rowid = customers.id)
_fts = table("customer_fts", column("rowid", Integer), column("search_text", Text))


def _search_text(col: SQLColumnExpression[str]) -> ColumnElement[str]:
    """SQLite: the search text, ``search_folded``, a space and its umlaut-less variant
    (migration 0002's ``search_text_sql``; its FTS5 table indexes the same matches)."""
    variant: SQLColumnExpression[str] = col
    for spelt, plain in (("ae", "a"), ("oe", "o"), ("ue", "u")):
        variant = func.replace(variant, literal_column(f"'{spelt}'"), literal_column(f"'{plain}'"))
    return col + literal_column("' '") + variant


#: PostgreSQL: the same text, stored in the generated column ``customers.search_text``
#: of migration 0002 with punctuation spelt as letters (``PG_PUNCTUATION``/``PG_LETTERS``
#: there) so that pg_trgm makes trigrams of it; query words are spelt alike.
_PG_SPELLING: Final = str.maketrans(".@-_&'(),/+", "ǎěǐǒǔǧǩňřťž")
_pg_customers = table("customers", column("id", Integer), column("search_text", Text))


def _like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(expr: SQLColumnExpression[str], name: str) -> ColumnElement[bool]:
    """``expr LIKE :name`` (``_like_pattern`` of a word), the pattern a bound parameter.

    It used to be rendered into the SQL text (``literal_execute``) for fear of
    PostgreSQL's generic plan (psycopg prepares a statement after 5 executions), and a
    NUL in the query then cut the statement short ("unterminated quoted string"; SQLite:
    "the query contains a null character"). Measured on a 100k-customer demo database
    (PostgreSQL 15, ``PREPARE`` + ``EXPLAIN (ANALYZE) EXECUTE`` with
    ``plan_cache_mode = force_generic_plan``): the generic plan of the text statement is
    the custom one, ``Bitmap Index Scan on ix_customers_search_trgm`` with ``Index Cond:
    (search_text ~~ like_escape($1, '\\'))`` (0.45 ms for ``mueller koeln``), and the
    index statement runs with sequential scans off anyway (``_pg_text``). The probe over
    the first rows and the postcode filter use no trigram index by design. On SQLite
    the FTS5 ``MATCH`` finds the rows (``SCAN customer_fts VIRTUAL TABLE INDEX 64:M1``) and
    LIKE only checks them, so a bound pattern changes nothing there either.
    """
    return expr.like(bindparam(name, type_=Text), escape="\\")


def _fts_query(words: Iterable[str]) -> str:
    """An FTS5 query that finds (a few more than) the rows holding every word.

    One word: its first, a middle and its last trigram. Several words: per word its
    :data:`FTS_TRIGRAMS_PER_WORD` rarest trigrams
    (:data:`~kcp_desk.domain.trigram_counts.TRIGRAM_COUNTS`). Each a quoted string, all
    ANDed; the statement checks each word with LIKE on the rows the index returns. The
    whole word as one phrase would be exact, but FTS5 then walks the position lists of
    every trigram of it: 7 ms for a 20-character e-mail prefix among a million
    customers, against 1 ms for a few trigrams. Which few matters as much (issue 9): an
    AND walks the doclists of its terms, and ``sch``, ``ber`` and ``lin`` each hold
    15-22 % of all customers, so ``schmidt berlin`` by its first, middle and last
    trigrams took 4.8 ms, by ``mid idt erl rli`` 1.2 ms (1M demo customers). A single
    word is answered by its first ``n`` matches, which come soon; there the fewer false
    hits of three spread trigrams win (``bench/search.py``: e-mail prefix p95 6.4 ms
    with them, 9.9 ms with the two rarest).
    """
    words = list(words)
    terms: list[str] = []
    for word in words:
        trigrams = {word[i : i + 3]: i for i in range(len(word) - 2)}
        if len(words) == 1:
            # one word: its first, a middle and its last trigram find the rows that hold
            # it with the fewest false hits to check (the first ``n`` come soon)
            last = len(word) - 3
            chosen = [word[i : i + 3] for i in sorted({0, last // 2, last})]
        else:
            rarest = sorted(trigrams, key=lambda t: (TRIGRAM_COUNTS.get(t, RARE), trigrams[t]))
            chosen = sorted(rarest[:FTS_TRIGRAMS_PER_WORD], key=trigrams.__getitem__)
        for trigram in chosen:
            term = '"' + trigram.replace('"', '""') + '"'
            if term not in terms:
                terms.append(term)
    return " ".join(terms)


_N = bindparam("n", type_=Integer)
_NO_SEQSCAN: Final = sql_text("SET LOCAL enable_seqscan = off")
_Found = tuple[int, MatchKind, str]
_HOST_COLUMNS: Final = ((Product.domain, MatchKind.DOMAIN), (Product.hostname, MatchKind.HOSTNAME))


def _between(col: SQLColumnExpression[int]) -> ColumnElement[bool]:
    return col.between(bindparam("low", type_=Integer), bindparam("high", type_=Integer))


class _Statements:
    """The statements of one dialect; values are bound at execution."""

    def __init__(self, pg: bool) -> None:
        self.pg = pg
        #: the search text, and the same as an expression no index covers (short words
        #: and checks only filter the rows an index found, the planner must not try)
        self.search_text: ColumnElement[str] = (
            _pg_customers.c.search_text if pg else _search_text(Customer.search_folded)
        )
        self.search_text_filter = self.search_text + literal_column("''")
        self.customer_by_number = select(Customer.id).where(Customer.number == bindparam("v"))
        self.by_reference: dict[str, Select[int]] = {
            "customer": self.customer_by_number,
            "invoice": select(Invoice.customer_id).where(Invoice.number == bindparam("v")),
            "ticket": select(Ticket.customer_id).where(Ticket.number == bindparam("v")),
            "order": select(SupportOrder.customer_id).where(SupportOrder.number == bindparam("v")),
            "mandate": select(SepaMandate.customer_id).where(
                SepaMandate.reference == bindparam("v")
            ),
        }
        self.phone = (
            select(Customer.id)
            .where(
                or_(Customer.phone_e164 == bindparam("v"), Customer.mobile_e164 == bindparam("v"))
            )
            .order_by(Customer.number)
            .limit(_N)
        )
        self.email = (
            select(Customer.id)
            .where(Customer.email == bindparam("v"))
            .order_by(Customer.number)
            .limit(_N)
        )
        self.host = {
            kind: select(Product.customer_id)
            .where(col == bindparam("v"))
            .order_by(Product.id)
            .limit(_N)
            for col, kind in _HOST_COLUMNS
        }
        self.ip = self._ip()
        subnet_value: ColumnElement[str] = (
            cast(bindparam("v", type_=Text), CIDR) if pg else bindparam("v", type_=Text)
        )
        self.subnet = (
            select(Product.customer_id)
            .join(ProductAddress, ProductAddress.product_id == Product.id)
            .where(ProductAddress.network == subnet_value)
            .order_by(ProductAddress.id)
            .limit(_N)
        )
        self.number_range = (
            select(Customer.id, Customer.number)
            .where(_between(Customer.number))
            .order_by(Customer.number)
            .limit(_N)
        )
        self.ticket_range = (
            select(Ticket.customer_id, Ticket.number)
            .where(_between(Ticket.number))
            .order_by(Ticket.number)
            .limit(_N)
        )
        self.order_range = (
            select(SupportOrder.customer_id, SupportOrder.number)
            .where(_between(SupportOrder.number))
            .order_by(SupportOrder.number)
            .limit(_N)
        )
        self.invoice_range = (
            select(Invoice.customer_id, Invoice.number)
            .where(Invoice.year == bindparam("year"), _between(Invoice.seq))
            .order_by(Invoice.seq)
            .limit(_N)
        )
        self.email_prefix = (
            select(Customer.id, Customer.email)
            .where(self._prefix(Customer.email))
            .order_by(self._byte_order("customers", "email"))
            .limit(_N)
        )
        self.host_prefix = {
            kind: select(Product.customer_id, col)
            .where(self._prefix(col))
            .order_by(self._byte_order("products", col.key))
            .limit(_N)
            for col, kind in _HOST_COLUMNS
        }
        self.postcode = (
            select(PostalAddress.customer_id)
            .where(PostalAddress.postcode == bindparam("v"))
            .distinct()
            .order_by(PostalAddress.customer_id)
            .limit(_N)
        )
        self.page = self._page()
        self._text: dict[tuple[int, int], Select[int]] = {}
        self._probes: dict[tuple[int, int], Select[int]] = {}
        self._postcode_words: dict[int, Select[int]] = {}

    def _ip(self) -> Select[int, str]:
        """Owners of the assignments that contain the address ``:v``, most specific first.

        PostgreSQL: ``cidr >>= inet`` through the GiST index. ``EXPLAIN (ANALYZE,
        COSTS OFF)`` on the 200k-customer demo (107,885 addresses), ``10.156.55.237``::

            Limit (actual time=0.154..0.155 rows=1 loops=1)
              ->  Sort  Sort Key: (masklen((network)::inet)) DESC, id
                    ->  Nested Loop (actual time=0.111..0.112 rows=1 loops=1)
                          ->  Index Scan using ix_product_addresses_network on
                              product_addresses (actual time=0.073..0.074 rows=1)
                                Index Cond: ((network)::inet >>= '10.156.55.237'::inet)
                          ->  Index Scan using pk_products on products
            Execution Time: 0.195 ms

        (``self.subnet``, the exact CIDR, is the same Index Scan with ``Index Cond:
        ((network)::inet = '10.156.55.232/29'::inet)``, 0.09 ms.)

        SQLite: no address type, so the ranges: of the ``:n`` assignments of the family
        that start last at or before the address, those that end at or after it.
        Assignments do not overlap (or nest a few deep), so that is one index seek and at
        most ``:n`` index entries, for an address outside every subnet too. ``EXPLAIN
        QUERY PLAN`` on the same data::

            MATERIALIZE near
            SEARCH product_addresses USING COVERING INDEX ix_product_addresses_range
                (family=? AND range_start<?)
            SCAN near
            SEARCH product_addresses USING INTEGER PRIMARY KEY (rowid=?)
            SEARCH products USING INTEGER PRIMARY KEY (rowid=?)
            USE TEMP B-TREE FOR ORDER BY          (at most :n rows)

        (``self.subnet``: ``SEARCH product_addresses USING INDEX
        ix_product_addresses_network (network=?)``.)
        """
        addresses = ProductAddress.__table__
        if self.pg:
            contains = ProductAddress.network.op(">>=", is_comparison=True)(
                cast(bindparam("v", type_=Text), INET)
            )
            return (
                select(Product.customer_id, ProductAddress.network)
                .join(ProductAddress, ProductAddress.product_id == Product.id)
                .where(contains)
                .order_by(func.masklen(ProductAddress.network).desc(), ProductAddress.id)
                .limit(_N)
            )
        value = bindparam("v", type_=Text)
        near = (
            select(addresses.c.id, addresses.c.range_start, addresses.c.range_end)
            .where(
                addresses.c.family == bindparam("family", type_=Integer),
                addresses.c.range_start <= value,
            )
            .order_by(addresses.c.family.desc(), addresses.c.range_start.desc())
            .limit(_N)
            .subquery("near")
        )
        return (
            select(Product.customer_id, ProductAddress.network)
            .select_from(near)
            .join(ProductAddress, ProductAddress.id == near.c.id)
            .join(Product, Product.id == ProductAddress.product_id)
            .where(near.c.range_end >= value)
            .order_by(near.c.range_start.desc(), near.c.id)
        )

    def _prefix(self, col: SQLColumnExpression[str | None]) -> ColumnElement[bool]:
        """``col`` starts with ``:lo``; ``:hi`` is ``:lo`` with its last character + 1.

        A range the btree index answers; on PostgreSQL with the byte-wise operators of
        the ``text_pattern_ops`` indexes (0002), so the database collation does not matter.
        """
        lo, hi = bindparam("lo", type_=Text), bindparam("hi", type_=Text)
        if self.pg:
            return and_(
                col.op("~>=~", is_comparison=True)(lo), col.op("~<~", is_comparison=True)(hi)
            )
        return and_(col >= lo, col < hi)

    def text_probe(self, indexed: int, short: int) -> Select[int]:
        """PostgreSQL: the text search over the first ``PG_PROBE_ROWS`` rows only."""
        key = (indexed, short)
        if key not in self._probes:
            first = select(_pg_customers).limit(PG_PROBE_ROWS).subquery("first_rows")
            self._probes[key] = self._pg_text(first.c.id, first.c.search_text, indexed, short)
        return self._probes[key]

    @staticmethod
    def _pg_text(
        ident: ColumnElement[int], text_col: ColumnElement[str], indexed: int, short: int
    ) -> Select[int]:
        unindexed = text_col + literal_column("''")
        return (
            select(ident)
            .where(*(_contains(text_col, f"w{i}") for i in range(indexed)))
            .where(*(_contains(unindexed, f"w{i}") for i in range(indexed, indexed + short)))
            .limit(_N)
        )

    def pattern(self, word: str) -> str:
        """The LIKE pattern of a folded query word for ``search_text``."""
        return _like_pattern(word.translate(_PG_SPELLING) if self.pg else word)

    def _byte_order(self, table_name: str, column_name: str) -> ColumnElement[Any]:
        """ORDER BY a text column byte-wise. On PostgreSQL that is ``USING ~<~``, the order
        of the text_pattern_ops index: a plain ORDER BY would sort every prefix match
        (70 ms for ``info@``)."""
        using = " USING ~<~" if self.pg else ""
        return literal_column(f"{table_name}.{column_name}{using}")

    def postcode_with_words(self, words: int) -> Select[int]:
        """Postcode matches whose search text also holds ``:w0`` … (``50667 köln``)."""
        if words not in self._postcode_words:
            owner = _pg_customers if self.pg else Customer.__table__
            self._postcode_words[words] = self.postcode.join(
                owner, owner.c.id == PostalAddress.customer_id
            ).where(*(_contains(self.search_text_filter, f"w{i}") for i in range(words)))
        return self._postcode_words[words]

    def text(self, indexed: int, short: int) -> Select[int]:
        """Customers whose search text holds every word ``:w0`` … ``:w<indexed + short>``.

        The first ``indexed`` words (``MIN_TEXT_CHARS`` or longer) go to the trigram
        index; on SQLite through one FTS5 query ``:fts``. The ``short`` ones after them
        only filter the rows the index returned.
        """
        key = (indexed, short)
        if key not in self._text:
            stmt: Select[int]
            if self.pg:
                stmt = self._pg_text(
                    _pg_customers.c.id, _pg_customers.c.search_text, indexed, short
                )
            else:
                match = literal_column("customer_fts").op("MATCH")(bindparam("fts", type_=Text))
                stmt = (
                    select(Customer.id)
                    .join(_fts, _fts.c.rowid == Customer.id)
                    .where(
                        match,
                        *(_contains(self.search_text, f"w{i}") for i in range(indexed + short)),
                    )
                    .order_by(_fts.c.rowid)
                    .limit(_N)
                )
            self._text[key] = stmt
        return self._text[key]

    @staticmethod
    def _page() -> Select[Any]:
        """Display columns and badges of the customers ``:ids`` (one page)."""
        today = bindparam("today", type_=Date)
        city = (
            select(PostalAddress.city)
            .where(PostalAddress.customer_id == Customer.id)
            .order_by(
                case((PostalAddress.kind == AddressKind.BILLING, 0), else_=1),
                case((PostalAddress.valid_from <= today, 0), else_=1),
                PostalAddress.valid_from.desc(),
                PostalAddress.id.desc(),
            )
            .limit(1)
            .scalar_subquery()
        )
        # the same rule as the customer view's badge (services.customers)
        in_arrears = exists().where(
            Invoice.customer_id == Customer.id,
            or_(
                Invoice.state.in_((InvoiceState.OVERDUE, InvoiceState.RETURNED_DEBIT)),
                and_(
                    Invoice.state.in_((InvoiceState.OPEN, InvoiceState.PARTLY_PAID)),
                    Invoice.due_on < today,
                ),
            ),
        )
        open_tickets = (
            select(func.count())
            .select_from(Ticket)
            .where(Ticket.customer_id == Customer.id, Ticket.state != TicketState.CLOSED)
            .scalar_subquery()
        )
        # PAY-5 facts as badges: the highest dunning step on an unpaid invoice, and
        # whether a returned debit is still unsettled
        rank = case({level.value: level.rank for level in DunningLevel}, value=DunningStep.level)
        dunning = (
            select(DunningStep.level)
            .join(Invoice, Invoice.id == DunningStep.invoice_id)
            .where(
                DunningStep.customer_id == Customer.id,
                Invoice.state.in_(
                    (
                        InvoiceState.OPEN,
                        InvoiceState.OVERDUE,
                        InvoiceState.PARTLY_PAID,
                        InvoiceState.RETURNED_DEBIT,
                    )
                ),
            )
            .order_by(rank.desc())
            .limit(1)
            .scalar_subquery()
        )
        debit_returned = exists().where(
            Invoice.customer_id == Customer.id, Invoice.state == InvoiceState.RETURNED_DEBIT
        )
        return select(
            Customer.id,
            Customer.number,
            Customer.first_name,
            Customer.last_name,
            Customer.company,
            Customer.email,
            Customer.blocked,
            Customer.p_factor_locked_until,
            city,
            in_arrears,
            open_tickets,
            dunning,
            debit_returned,
        ).where(Customer.id.in_(bindparam("ids", expanding=True)))


_Matcher = Callable[[Session, _Query, int], Iterable[_Found]]
_STATEMENTS: dict[bool, _Statements] = {}


def _statements(pg: bool) -> _Statements:
    if pg not in _STATEMENTS:
        _STATEMENTS[pg] = _Statements(pg)
    return _STATEMENTS[pg]


# --- the service ---------------------------------------------------------------------------


class CustomerSearch:
    """SPEC C1.1: one search field, results while typing."""

    def __init__(self, db: Database, *, clock: Callable[[], dt.datetime] | None = None) -> None:
        self._db = db
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._sql = _statements(db.dialect == "postgresql")

    @property
    def answers_locally(self) -> bool:
        """SQLite answers within a millisecond or two (p95 < 5 ms on 1M customers): a
        worker thread would cost more than the query. PostgreSQL is across a network."""
        return self._db.dialect == "sqlite"

    def search(self, session: AgentSession, text: str, limit: int = 50) -> SearchResult:
        """Customers matching ``text``, best first; at most ``limit`` of them.

        Raises :class:`InvalidInput` (``field="search"``) for a complete customer number,
        ticket, support order or mandate reference with a wrong check digit, and
        :class:`~kcp_desk.errors.PermissionDenied` for a locked desk or an agent who may
        not work with customers (now, not as of the login: SPEC §0).
        """
        if not 1 <= limit <= MAX_LIMIT:
            raise ValueError(f"limit must be 1 … {MAX_LIMIT}")
        query = _Query.parse(text)
        now = self._clock()
        with self._db.read() as s:
            # one primary-key lookup: the agent's role and active flag as of now
            acting_agent(s, session, *CUSTOMER_ROLES)
            if not query.raw:
                return SearchResult((), words_ignored=query.words_ignored)
            plan = list(self._plan(query))
            if not plan and query.wrong_check is None and query.too_short:
                return SearchResult(
                    (),
                    words_searched=len(query.words),
                    words_ignored=query.words_ignored,
                    too_short=True,
                )
            found = _Candidates()
            for tier, matcher in plan:
                if found.count_before(tier) > limit:
                    break
                for customer_id, kind, detail in matcher(s, query, limit + 1):
                    found.add(customer_id, tier, kind, detail)
            if query.wrong_check is not None and not found:
                err = query.wrong_check
                raise InvalidInput(
                    _WRONG_CHECK_DIGIT.get(err.kind, _WRONG_CHECK_DIGIT["customer"]),
                    field="search",
                    ref=query.raw,
                )
            page = found.best(limit)
            hits = self._hits(s, page, query, now)
        return SearchResult(
            hits,
            truncated=len(found) > limit,
            words_searched=len(query.words),
            words_ignored=query.words_ignored,
        )

    # --- which matchers run, in rank order ---------------------------------------------

    def _plan(self, q: _Query) -> Iterator[tuple[Tier, _Matcher]]:
        if q.ref is not None:
            yield Tier.EXACT, self._by_reference
        if q.phone is not None:
            yield Tier.EXACT, self._by_phone
        if q.email is not None:
            yield Tier.EXACT, self._by_email
        if q.host is not None:
            yield Tier.EXACT, self._by_host
        if q.ip is not None:
            yield Tier.EXACT, self._by_ip
        if q.subnet is not None:
            yield Tier.EXACT, self._by_subnet
        if q.server_label is not None:
            yield Tier.EXACT, self._by_server_label
        if q.mandate_customer is not None:
            yield Tier.PREFIX, self._by_mandate_customer
        if q.number_range is not None:
            yield Tier.PREFIX, self._by_number_range
        if q.ticket_range is not None:
            yield Tier.PREFIX, self._by_ticket_range
        if q.order_range is not None:
            yield Tier.PREFIX, self._by_order_range
        if q.invoice_range is not None:
            yield Tier.PREFIX, self._by_invoice_range
        if q.postcode is not None:
            yield Tier.PREFIX, self._by_postcode
        if q.ident_prefix is not None:
            yield Tier.PREFIX, self._by_email_prefix
            if "@" not in q.ident_prefix:  # no domain or host name has one
                yield Tier.PREFIX, self._by_host_prefix
        if q.text_words:
            yield Tier.TEXT, self._by_text

    # --- matchers ------------------------------------------------------------------------

    def _by_reference(self, s: Session, q: _Query, n: int) -> Iterable[_Found]:
        ref = q.ref
        assert ref is not None
        value: int | str = ref.number
        if ref.kind in ("invoice", "mandate"):
            value = ref.canonical()
        kind = _REFERENCE_MATCH[ref.kind]
        detail = ref.canonical()
        return [
            (cid, kind, detail) for cid in s.scalars(self._sql.by_reference[ref.kind], {"v": value})
        ]

    def _by_phone(self, s: Session, q: _Query, n: int) -> Iterable[_Found]:
        assert q.phone is not None
        ids = s.scalars(self._sql.phone, {"v": q.phone, "n": n})
        return [(cid, MatchKind.PHONE, q.phone) for cid in ids]

    def _by_email(self, s: Session, q: _Query, n: int) -> Iterable[_Found]:
        assert q.email is not None
        ids = s.scalars(self._sql.email, {"v": q.email, "n": n})
        return [(cid, MatchKind.EMAIL, q.email) for cid in ids]

    def _by_host(self, s: Session, q: _Query, n: int) -> Iterable[_Found]:
        assert q.host is not None
        return [
            (cid, kind, q.host)
            for kind, stmt in self._sql.host.items()
            for cid in s.scalars(stmt, {"v": q.host, "n": n})
        ]

    def _by_ip(self, s: Session, q: _Query, n: int) -> Iterable[_Found]:
        assert q.ip is not None
        params: dict[str, object] = {"n": n}
        if self._sql.pg:
            params["v"] = str(q.ip)
        else:
            params.update(family=q.ip.version, v=address_key(q.ip))
        return [
            (cid, MatchKind.IP_ADDRESS, _address_detail(network))
            for cid, network in s.execute(self._sql.ip, params)
        ]

    def _by_subnet(self, s: Session, q: _Query, n: int) -> Iterable[_Found]:
        assert q.subnet is not None
        detail = network_text(q.subnet)
        ids = s.scalars(self._sql.subnet, {"v": detail, "n": n})
        return [(cid, MatchKind.SUBNET, detail) for cid in ids]

    def _by_server_label(self, s: Session, q: _Query, n: int) -> Iterable[_Found]:
        """Host names whose first label is the query: ``v10042.`` ≤ name < ``v10042/``."""
        assert q.server_label is not None
        params = {"lo": q.server_label + ".", "hi": q.server_label + "/", "n": n}
        rows = s.execute(self._sql.host_prefix[MatchKind.HOSTNAME], params)
        return [(cid, MatchKind.HOSTNAME, value or "") for cid, value in rows]

    def _by_mandate_customer(self, s: Session, q: _Query, n: int) -> Iterable[_Found]:
        assert q.mandate_customer is not None
        detail = format_customer_number(q.mandate_customer)
        ids = s.scalars(self._sql.customer_by_number, {"v": q.mandate_customer})
        return [(cid, MatchKind.CUSTOMER_NUMBER, detail) for cid in ids]

    def _by_number_range(self, s: Session, q: _Query, n: int) -> Iterable[_Found]:
        assert q.number_range is not None
        low, high = q.number_range
        rows = s.execute(self._sql.number_range, {"low": low, "high": high, "n": n})
        return [(cid, MatchKind.CUSTOMER_NUMBER, format_customer_number(num)) for cid, num in rows]

    def _by_ticket_range(self, s: Session, q: _Query, n: int) -> Iterable[_Found]:
        assert q.ticket_range is not None
        low, high = q.ticket_range
        rows = s.execute(self._sql.ticket_range, {"low": low, "high": high, "n": n})
        return [(cid, MatchKind.TICKET, format_ticket_ref(num)) for cid, num in rows]

    def _by_order_range(self, s: Session, q: _Query, n: int) -> Iterable[_Found]:
        assert q.order_range is not None
        low, high = q.order_range
        rows = s.execute(self._sql.order_range, {"low": low, "high": high, "n": n})
        return [(cid, MatchKind.SUPPORT_ORDER, format_order_ref(num)) for cid, num in rows]

    def _by_invoice_range(self, s: Session, q: _Query, n: int) -> Iterable[_Found]:
        assert q.invoice_range is not None
        year, low, high = q.invoice_range
        params = {"year": year, "low": low, "high": high, "n": n}
        return [
            (cid, MatchKind.INVOICE, num) for cid, num in s.execute(self._sql.invoice_range, params)
        ]

    def _by_postcode(self, s: Session, q: _Query, n: int) -> Iterable[_Found]:
        assert q.postcode is not None
        params: dict[str, object] = {"v": q.postcode, "n": n}
        stmt = self._sql.postcode
        if q.postcode_words:  # "50667 köln": the other words must match the text
            stmt = self._sql.postcode_with_words(len(q.postcode_words))
            params.update({f"w{i}": self._sql.pattern(w) for i, w in enumerate(q.postcode_words)})
        return [(cid, MatchKind.POSTCODE, q.postcode) for cid in s.scalars(stmt, params)]

    def _by_email_prefix(self, s: Session, q: _Query, n: int) -> Iterable[_Found]:
        assert q.ident_prefix is not None
        bounds = _prefix_params(q.ident_prefix)
        if bounds is None:
            return []
        rows = s.execute(self._sql.email_prefix, {**bounds, "n": n})
        return [(cid, MatchKind.EMAIL, email) for cid, email in rows]

    def _by_host_prefix(self, s: Session, q: _Query, n: int) -> Iterable[_Found]:
        prefix = q.host or q.ident_prefix
        assert prefix is not None
        bounds = _prefix_params(prefix)
        if bounds is None:
            return []
        params = {**bounds, "n": n}
        return [
            (cid, kind, value or "")
            for kind, stmt in self._sql.host_prefix.items()
            for cid, value in s.execute(stmt, params)
        ]

    def _by_text(self, s: Session, q: _Query, n: int) -> Iterable[_Found]:
        statement, params = self._text_statement(q.text_words)
        params["n"] = n
        if self._sql.pg:
            probe = self._sql.text_probe(*_word_counts(q.text_words))
            ids = self._pg_text(s, probe, statement, params, n)
        else:
            ids = list(s.scalars(statement, params))
        return [(cid, MatchKind.NAME, "") for cid in ids]

    @staticmethod
    def _pg_text(
        s: Session, probe: Select[int], statement: Select[int], params: dict[str, object], n: int
    ) -> list[int]:
        """PostgreSQL: a common text from the first rows, anything else through the index.

        The planner misjudges this query both ways: it takes the trigram index for ``mail``
        (184,000 matches: 25 ms to build the bitmap, where the first 300 rows hold 51) and
        a sequential scan for a name that 0.1 % of the customers have (30 ms to find 51;
        the index: 3 ms). So the words are first looked for in the first
        ``PG_PROBE_ROWS`` rows of the table; only if they do not hold ``n`` matches, the
        index answers, with sequential scans switched off for the rest of this read-only
        transaction. Either way the hits are the first ``n`` in the table's physical
        order, as a bitmap heap scan returns them.
        """
        ids = list(s.scalars(probe, params))
        if len(ids) >= n:
            return ids
        s.execute(_NO_SEQSCAN)
        return list(s.scalars(statement, params))

    def _text_statement(self, words: Sequence[str]) -> tuple[Select[int], dict[str, object]]:
        """The text search for ``words`` and its parameters (but ``n``, the limit)."""
        indexed = [w for w in words if len(w) >= MIN_TEXT_CHARS]
        short = [w for w in words if len(w) < MIN_TEXT_CHARS]
        assert indexed, "a text search needs a word the trigram index can look up"
        params: dict[str, object] = {
            f"w{i}": self._sql.pattern(w) for i, w in enumerate([*indexed, *short])
        }
        if not self._sql.pg:
            params["fts"] = _fts_query(indexed)
        return self._sql.text(len(indexed), len(short)), params

    # --- the page: display columns and badges, in one query --------------------------------

    def _hits(
        self, s: Session, page: Sequence[_Candidate], q: _Query, now: dt.datetime
    ) -> tuple[CustomerHit, ...]:
        if not page:
            return ()
        params = {"ids": [c.customer_id for c in page], "today": now.date()}
        by_id = {row[0]: row for row in s.execute(self._sql.page, params)}
        hits: list[tuple[tuple[int, int, str, int], CustomerHit]] = []
        for position, cand in enumerate(page):
            row = by_id.get(cand.customer_id)
            if row is None:  # deleted between the two queries
                continue
            (cid, number, first, last, company, email, blocked, locked, town, arrears,
             tickets, dunning, returned) = row  # fmt: skip
            name = company or " ".join(p for p in (first, last) if p)
            kind, detail = cand.kind, cand.detail
            key = (int(cand.tier), 0, "", position)
            if cand.tier == Tier.TEXT:
                kind, quality = _text_match(q.text_words, first, last, company, email, town)
                detail = email if kind == MatchKind.EMAIL else ""
                if kind == MatchKind.NAME and company:
                    # a company is listed by its name: say whose name matched
                    kind, detail = MatchKind.CONTACT_PERSON, " ".join(p for p in (first, last) if p)
                key = (int(cand.tier), quality, fold(name), number)
            hits.append(
                (
                    key,
                    CustomerHit(
                        customer_id=cid,
                        number_text=format_customer_number(number),
                        display_name=name,
                        email=email,
                        city=town or "",
                        match=kind,
                        match_detail=detail,
                        tier=cand.tier,
                        in_arrears=bool(arrears),
                        open_tickets=int(tickets or 0),
                        factor_locked=locked is not None and locked > now,
                        blocked=bool(blocked),
                        dunning_level=None if dunning is None else str(dunning),
                        debit_returned=bool(returned),
                    ),
                )
            )
        hits.sort(key=lambda pair: pair[0])
        return tuple(hit for _, hit in hits)


def _address_detail(network: str) -> str:
    """A single address without its ``/32`` or ``/128``, a subnet as it is."""
    address, _, prefix = network.partition("/")
    single = prefix == ("128" if ":" in address else "32")
    return address if single else network


_REFERENCE_MATCH: Final[dict[str, MatchKind]] = {
    "customer": MatchKind.CUSTOMER_NUMBER,
    "invoice": MatchKind.INVOICE,
    "ticket": MatchKind.TICKET,
    "order": MatchKind.SUPPORT_ORDER,
    "mandate": MatchKind.MANDATE,
}


def _word_counts(words: Sequence[str]) -> tuple[int, int]:
    """(words the trigram index can look up, shorter words)."""
    indexed = sum(1 for w in words if len(w) >= MIN_TEXT_CHARS)
    return indexed, len(words) - indexed


_LAST_CODE_POINT: Final = 0x10FFFF
_SURROGATES: Final = range(0xD800, 0xE000)


def _prefix_params(prefix: str) -> dict[str, str] | None:
    """``lo``/``hi`` of the strings that start with ``prefix``: ``hi`` is the shortest
    string above all of them (the last character that can be counted up, + 1). Both
    databases compare code point by code point (UTF-8 bytes), so that is exact.

    U+10FFFF has no successor: it is dropped and the character before it counted up
    (``ab\U0010ffff`` → ``ac``); a surrogate is no character, so U+D7FF is followed by
    U+E000. ``None`` when no character can be counted up (nothing to bound the range).
    """
    head = prefix.rstrip(chr(_LAST_CODE_POINT))
    if not head:
        return None
    following = ord(head[-1]) + 1
    if following in _SURROGATES:
        following = _SURROGATES.stop
    return {"lo": prefix, "hi": head[:-1] + chr(following)}


# --- collecting candidates ---------------------------------------------------------------------


@dataclass
class _Candidate:
    customer_id: int
    tier: Tier
    order: int
    kind: MatchKind
    detail: str


class _Candidates:
    """Matches so far, one per customer (its best), in the order they were found."""

    def __init__(self) -> None:
        self._by_id: dict[int, _Candidate] = {}

    def __len__(self) -> int:
        return len(self._by_id)

    def add(self, customer_id: int, tier: Tier, kind: MatchKind, detail: str) -> None:
        if customer_id in self._by_id:
            return  # matchers run best tier first: the first match is the best
        self._by_id[customer_id] = _Candidate(customer_id, tier, len(self._by_id), kind, detail)

    def count_before(self, tier: Tier) -> int:
        return sum(1 for c in self._by_id.values() if c.tier < tier)

    def best(self, limit: int) -> list[_Candidate]:
        ordered = sorted(self._by_id.values(), key=lambda c: (c.tier, c.order))
        return ordered[:limit]


def _text_match(
    words: Sequence[str],
    first: str,
    last: str,
    company: str | None,
    email: str,
    city: str | None,
) -> tuple[MatchKind, int]:
    """Which field a text match is in, and how well: 0 whole word, 1 word start, 2 inside."""
    fields = (
        (MatchKind.NAME, fold(f"{first} {last}")),
        (MatchKind.COMPANY, fold(company or "")),
        (MatchKind.EMAIL, email.lower()),
        (MatchKind.CITY, fold(city or "")),
    )
    longest = max(words, key=len)
    best_kind, best_quality = MatchKind.NAME, 3
    for kind, value in fields:
        for spelling in {value, umlaut_variant(value)}:
            quality = _quality(longest, spelling)
            if quality < best_quality:
                best_kind, best_quality = kind, quality
    return best_kind, best_quality


_WORD_SPLIT: Final = re.compile(r"[^\w]+")


def _quality(word: str, value: str) -> int:
    if word not in value:
        return 3
    tokens = [t for t in _WORD_SPLIT.split(value) if t]
    if word in tokens:
        return 0
    if any(t.startswith(word) for t in tokens) or value.startswith(word):
        return 1
    return 2
