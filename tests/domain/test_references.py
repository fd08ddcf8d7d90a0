"""Reference formats (SPEC §3): Damm check digit, formatting, tolerant parsing, classify."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kcp_desk.domain.references import (
    BODY_LIMIT,
    BadReference,
    MalformedReference,
    ParsedReference,
    WrongCheckDigit,
    classify,
    customer_number_prefix,
    damm_check_digit,
    damm_valid,
    format_customer_number,
    format_invoice_number,
    format_mandate_ref,
    format_order_ref,
    format_ticket_ref,
    parse_customer_number,
    parse_invoice_number,
    parse_mandate_ref,
    parse_order_ref,
    parse_ticket_ref,
)

bodies = st.integers(min_value=0, max_value=BODY_LIMIT - 1)
years = st.integers(min_value=1000, max_value=9999)
invoice_seqs = st.integers(min_value=1, max_value=999_999)
mandate_seqs = st.integers(min_value=1, max_value=99)
digits = st.sampled_from("0123456789")


def with_check(n: int) -> str:
    body = f"{n:07d}"
    return body + damm_check_digit(body)


def wrong_check(n: int, delta: int = 1) -> str:
    """The 8 digits of body ``n`` with a wrong check digit."""
    good = with_check(n)
    return good[:-1] + str((int(good[-1]) + delta) % 10)


# --- Damm --------------------------------------------------------------------------------


def test_spec_check_digits() -> None:
    assert damm_check_digit("1234567") == "1"
    assert damm_check_digit("0004711") == "8"
    assert damm_valid("12345671")
    assert damm_valid("00047118")


def test_damm_wikipedia_example() -> None:
    assert damm_check_digit("572") == "4"
    assert damm_valid("5724")
    assert not damm_valid("5723")


@pytest.mark.parametrize("bad", ["", "12a4", "1 2", "١٢٣", "１２３", "-1"])
def test_damm_check_digit_rejects_non_digits(bad: str) -> None:
    with pytest.raises(ValueError):
        damm_check_digit(bad)


@pytest.mark.parametrize("bad", ["", "0", "5", "1234567x", "١٢٣٤", "１２３４５６７１"])
def test_damm_valid_is_false_for_junk(bad: str) -> None:
    assert not damm_valid(bad)


@given(bodies)
def test_damm_appending_check_digit_is_valid(n: int) -> None:
    assert damm_valid(with_check(n))
    assert sum(damm_valid(f"{n:07d}{d}") for d in "0123456789") == 1


@given(bodies, st.integers(min_value=0, max_value=7), digits)
def test_damm_detects_every_single_digit_substitution(n: int, pos: int, new: str) -> None:
    good = with_check(n)
    assume(good[pos] != new)
    bad = good[:pos] + new + good[pos + 1 :]
    assert not damm_valid(bad)


@given(bodies, st.integers(min_value=0, max_value=6))
def test_damm_detects_every_adjacent_transposition(n: int, pos: int) -> None:
    good = with_check(n)
    assume(good[pos] != good[pos + 1])
    bad = good[:pos] + good[pos + 1] + good[pos] + good[pos + 2 :]
    assert not damm_valid(bad)


def test_damm_error_detection_exhaustively() -> None:
    """Proof by exhaustion over the quasigroup. From any interim state, a different digit
    or two swapped different adjacent digits lead to a different state; every column of
    the table is a permutation, so different states stay different through the remaining
    digits and the final check fails."""
    prefixes = _state_prefixes()
    for state, a, b in itertools.product(range(10), repeat=3):
        if a == b:
            continue
        p = prefixes[state]
        assert _interim(f"{p}{a}") != _interim(f"{p}{b}")
        assert _interim(f"{p}{a}{b}") != _interim(f"{p}{b}{a}")
    for d in range(10):
        assert len({_interim(f"{p}{d}") for p in prefixes}) == 10


def _interim(text: str) -> int:
    """The Damm interim digit of ``text`` (the check digit it would get)."""
    return int(damm_check_digit(text))


def _state_prefixes() -> list[str]:
    """One digit string per interim state 0…9 (row 0 of the table is a permutation)."""
    found = {_interim(str(d)): str(d) for d in range(10)}
    assert len(found) == 10
    return [found[s] for s in range(10)]


# --- spec examples -------------------------------------------------------------------


def test_spec_examples_format() -> None:
    assert format_customer_number(1234567) == "K12345671"
    assert format_ticket_ref(1234) == "#KCP-00012340"
    assert format_order_ref(4711) == "SA-00047118"
    assert format_invoice_number(2026, 123) == "RE-2026-000123"
    assert format_mandate_ref(1234567, 1) == "K12345671-M01"


def test_spec_examples_parse() -> None:
    assert parse_customer_number("K12345671") == 1234567
    assert parse_ticket_ref("#KCP-00012340") == 1234
    assert parse_order_ref("SA-00047118") == 4711
    assert parse_invoice_number("RE-2026-000123") == (2026, 123)
    assert parse_mandate_ref("K12345671-M01") == (1234567, 1)


# --- formatter ranges ------------------------------------------------------------------

FORMATTERS: list[Callable[[int], str]] = [
    format_customer_number,
    format_ticket_ref,
    format_order_ref,
    lambda n: format_mandate_ref(n, 1),
]


@pytest.mark.parametrize("fmt", FORMATTERS)
@pytest.mark.parametrize("n", [-1, BODY_LIMIT, BODY_LIMIT + 5, -(10**9)])
def test_formatters_reject_out_of_range(fmt: Callable[[int], str], n: int) -> None:
    with pytest.raises(ValueError):
        fmt(n)


@pytest.mark.parametrize("fmt", FORMATTERS)
def test_formatters_accept_range_ends(fmt: Callable[[int], str]) -> None:
    assert "00000000" in fmt(0)
    assert "9999999" in fmt(BODY_LIMIT - 1)


@pytest.mark.parametrize(
    ("year", "seq"), [(999, 1), (10000, 1), (2026, 0), (2026, 1_000_000), (2026, -1)]
)
def test_invoice_format_rejects_out_of_range(year: int, seq: int) -> None:
    with pytest.raises(ValueError):
        format_invoice_number(year, seq)


@pytest.mark.parametrize("seq", [0, 100, -1])
def test_mandate_format_rejects_out_of_range_seq(seq: int) -> None:
    with pytest.raises(ValueError):
        format_mandate_ref(1234567, seq)


def test_formatters_reject_non_int() -> None:
    with pytest.raises(TypeError):
        format_customer_number(True)
    with pytest.raises(TypeError):
        format_ticket_ref("1234")  # type: ignore[arg-type]


# --- round trips -----------------------------------------------------------------------


@given(bodies)
def test_round_trip_customer(n: int) -> None:
    text = format_customer_number(n)
    assert len(text) == 9
    assert parse_customer_number(text) == n
    assert classify(text) == ParsedReference("customer", n)


@given(bodies)
def test_round_trip_ticket(n: int) -> None:
    text = format_ticket_ref(n)
    assert text.startswith("#KCP-")
    assert len(text) == 13
    assert parse_ticket_ref(text) == n
    assert classify(text) == ParsedReference("ticket", n)


@given(bodies)
def test_round_trip_order(n: int) -> None:
    text = format_order_ref(n)
    assert len(text) == 11
    assert parse_order_ref(text) == n
    assert classify(text) == ParsedReference("order", n)


@given(years, invoice_seqs)
def test_round_trip_invoice(year: int, seq: int) -> None:
    text = format_invoice_number(year, seq)
    assert len(text) == 14
    assert parse_invoice_number(text) == (year, seq)
    assert classify(text) == ParsedReference("invoice", year, seq)


@given(bodies, mandate_seqs)
def test_round_trip_mandate(n: int, seq: int) -> None:
    text = format_mandate_ref(n, seq)
    assert text == format_customer_number(n) + f"-M{seq:02d}"
    assert parse_mandate_ref(text) == (n, seq)
    assert classify(text) == ParsedReference("mandate", n, seq)


@given(bodies, st.sampled_from(["customer", "ticket", "order"]))
def test_canonical_round_trip(n: int, kind: str) -> None:
    parsed = classify({"customer": "k", "ticket": "kcp", "order": "sa"}[kind] + with_check(n))
    assert parsed is not None
    assert classify(parsed.canonical()) == parsed


def test_canonical_spelling() -> None:
    assert ParsedReference("ticket", 1234).canonical() == "#KCP-00012340"
    assert ParsedReference("invoice", 2026, 123).canonical() == "RE-2026-000123"
    assert ParsedReference("mandate", 1234567, 1).canonical() == "K12345671-M01"


# --- tolerant parsing ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "K12345671",
        "k12345671",
        "  K12345671\t",
        "12345671",
        " 1234567 1 ",
        "K 1234 5671",
        "K-12345671",
        "K\u00a012345671",  # no-break space from a PDF
        "K\u200b12345671",  # zero-width space
        "Ｋ１２３４５６７１",  # full-width
    ],
)
def test_parse_customer_variants(text: str) -> None:
    assert parse_customer_number(text) == 1234567


@pytest.mark.parametrize(
    "text",
    [
        "#KCP-00012340",
        "KCP-00012340",
        "kcp-00012340",
        "KCP 0001234 0",
        "# kcp 00012340",
        "#KCP00012340",
        "kcp00012340",
        " #KCP – 00012340 ",  # en dash
        "#KCP\u201100012340",  # non-breaking hyphen
    ],
)
def test_parse_ticket_variants(text: str) -> None:
    assert parse_ticket_ref(text) == 1234


@pytest.mark.parametrize(
    "text", ["SA-00047118", "sa-00047118", "SA00047118", "SA 0004711 8", " sa - 0004 7118 "]
)
def test_parse_order_variants(text: str) -> None:
    assert parse_order_ref(text) == 4711


@pytest.mark.parametrize(
    "text",
    [
        "RE-2026-000123",
        "re-2026-000123",
        "RE 2026 000123",
        "RE2026-000123",
        "RE-2026000123",
        "RE2026000123",
        " RE - 2026 - 000123 ",
        "RE-2026-123",
        "re 2026 123",
        "RE–2026–000123",
    ],
)
def test_parse_invoice_variants(text: str) -> None:
    assert parse_invoice_number(text) == (2026, 123)


@pytest.mark.parametrize(
    "text",
    [
        "K12345671-M01",
        "k12345671-m01",
        "K12345671M01",
        "K12345671 M01",
        "12345671-M01",
        " K 1234567 1 - M 01 ",
        "K12345671-M1",
    ],
)
def test_parse_mandate_variants(text: str) -> None:
    assert parse_mandate_ref(text) == (1234567, 1)


# --- malformed vs wrong check digit ----------------------------------------------------


@given(bodies, st.integers(min_value=1, max_value=9))
def test_wrong_check_digit_is_reported_as_such(n: int, delta: int) -> None:
    eight = wrong_check(n, delta)
    cases: list[tuple[Callable[[str], object], str, str]] = [
        (parse_customer_number, "K" + eight, "customer"),
        (parse_customer_number, eight, "customer"),
        (parse_ticket_ref, "#KCP-" + eight, "ticket"),
        (parse_ticket_ref, "kcp " + eight, "ticket"),
        (parse_order_ref, "SA-" + eight, "order"),
        (parse_mandate_ref, "K" + eight + "-M01", "mandate"),
    ]
    for parse, text, kind in cases:
        with pytest.raises(WrongCheckDigit) as info:
            parse(text)
        assert info.value.kind == kind
        assert isinstance(info.value, BadReference)
        assert isinstance(info.value, ValueError)
        with pytest.raises(WrongCheckDigit):
            classify(text)


def test_wrong_check_digit_message_does_not_leak_the_right_digit() -> None:
    with pytest.raises(WrongCheckDigit) as info:
        parse_customer_number("K12345679")
    assert str(info.value) == "Check digit wrong in customer number."
    assert not any(ch.isdigit() for ch in str(info.value))


@pytest.mark.parametrize(
    ("parse", "kind", "text"),
    [
        (parse_customer_number, "customer", ""),
        (parse_customer_number, "customer", "K1234567"),  # check digit missing
        (parse_customer_number, "customer", "K123456710"),
        (parse_customer_number, "customer", "X12345671"),
        (parse_customer_number, "customer", "KK12345671"),
        (parse_customer_number, "customer", "#KCP-00012340"),
        (parse_customer_number, "customer", "K1234567l"),
        (parse_customer_number, "customer", "K١٢٣٤٥٦٧١"),  # Arabic-Indic digits
        (parse_ticket_ref, "ticket", "#KCP-0001234"),
        (parse_ticket_ref, "ticket", "#00012340"),
        (parse_ticket_ref, "ticket", "K12345671"),
        (parse_ticket_ref, "ticket", "#KCPX00012340"),
        (parse_order_ref, "order", "00047118"),
        (parse_order_ref, "order", "SA-000471181"),
        (parse_order_ref, "order", "AS-00047118"),
        (parse_invoice_number, "invoice", "RE-26-000123"),
        (parse_invoice_number, "invoice", "RE-2026-0001234"),
        (parse_invoice_number, "invoice", "RE-2026"),
        (parse_invoice_number, "invoice", "RE-202612"),
        (parse_invoice_number, "invoice", "RE-2026-000000"),
        (parse_invoice_number, "invoice", "RE-0999-000001"),
        (parse_invoice_number, "invoice", "2026-000123"),
        (parse_mandate_ref, "mandate", "K12345671"),
        (parse_mandate_ref, "mandate", "K12345671-M"),
        (parse_mandate_ref, "mandate", "K12345671-M001"),
        (parse_mandate_ref, "mandate", "K12345671-M00"),
        (parse_mandate_ref, "mandate", "K1234567-M01"),
    ],
)
def test_malformed_is_not_a_check_digit_error(
    parse: Callable[[str], object], kind: str, text: str
) -> None:
    with pytest.raises(MalformedReference) as info:
        parse(text)
    assert not isinstance(info.value, WrongCheckDigit)
    assert info.value.kind == kind
    assert str(info.value).startswith("Not a ")


def test_error_hierarchy() -> None:
    assert issubclass(MalformedReference, BadReference)
    assert issubclass(WrongCheckDigit, BadReference)
    assert issubclass(BadReference, ValueError)
    assert not issubclass(WrongCheckDigit, MalformedReference)
    assert not issubclass(MalformedReference, WrongCheckDigit)


# --- classify --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("K12345671", ParsedReference("customer", 1234567)),
        ("12345671", ParsedReference("customer", 1234567)),
        ("k 1234567 1", ParsedReference("customer", 1234567)),
        ("#KCP-00012340", ParsedReference("ticket", 1234)),
        ("KCP 0001234 0", ParsedReference("ticket", 1234)),
        ("kcp-00012340", ParsedReference("ticket", 1234)),
        ("SA-00047118", ParsedReference("order", 4711)),
        ("RE-2026-000123", ParsedReference("invoice", 2026, 123)),
        ("re 2026 123", ParsedReference("invoice", 2026, 123)),
        ("K12345671-M01", ParsedReference("mandate", 1234567, 1)),
        ("12345671-m07", ParsedReference("mandate", 1234567, 7)),
    ],
)
def test_classify_each_kind(text: str, expected: ParsedReference) -> None:
    assert classify(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Müller",
        "example.org",
        "max@example.org",
        "K",
        "K123",  # partial customer number: search-as-you-type, not a full reference
        "1234567",
        "123456710",
        "+49 30 1234567",
        "#KCP-",
        "#KCP-0001234",
        "SA-",
        "RE-2026",
        "RE: invoice question",
        "Rechnung",
        "RE-2026-000000",
        "K12345671-M00",
        "DE89 3704 0044 0532 0130 00",  # an IBAN
    ],
)
def test_classify_returns_none_for_non_references(text: str) -> None:
    assert classify(text) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("K12345672", "customer"),
        ("12345672", "customer"),  # 8 bare digits are a customer number candidate
        ("#KCP-00012341", "ticket"),
        ("kcp 0001234 1", "ticket"),
        ("SA-00047119", "order"),
        ("K12345672-M01", "mandate"),
    ],
)
def test_classify_raises_on_wrong_check_digit(text: str, kind: str) -> None:
    with pytest.raises(WrongCheckDigit) as info:
        classify(text)
    assert info.value.kind == kind


def test_classify_transposed_customer_number() -> None:
    with pytest.raises(WrongCheckDigit):
        classify("K21345671")


@given(st.text(max_size=20))
def test_classify_never_raises_anything_but_wrong_check_digit(text: str) -> None:
    try:
        result = classify(text)
    except WrongCheckDigit:
        return
    if result is not None:
        assert classify(result.canonical()) == result


@given(st.text(alphabet="0123456789KkCcPpSsAaMmRrEe#- ", max_size=16))
def test_classify_agrees_with_the_parsers(text: str) -> None:
    try:
        result = classify(text)
    except WrongCheckDigit as exc:
        parsers: dict[str, Callable[[str], object]] = {
            "customer": parse_customer_number,
            "ticket": parse_ticket_ref,
            "order": parse_order_ref,
            "mandate": parse_mandate_ref,
        }
        with pytest.raises(WrongCheckDigit):
            parsers[exc.kind](text)
        return
    if result is None:
        return
    if result.kind == "customer":
        assert parse_customer_number(text) == result.number
    elif result.kind == "ticket":
        assert parse_ticket_ref(text) == result.number
    elif result.kind == "order":
        assert parse_order_ref(text) == result.number
    elif result.kind == "invoice":
        assert parse_invoice_number(text) == (result.number, result.extra)
    else:
        assert parse_mandate_ref(text) == (result.number, result.extra)


# --- customer_number_prefix ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("K123", "123"),
        ("123", "123"),
        ("k 123", "123"),
        ("K0001", "0001"),
        ("1", "1"),
        ("K1234567", "1234567"),
        ("K12345671", "12345671"),
        ("12345671", "12345671"),
        (" k 1234 567 ", "1234567"),
    ],
)
def test_customer_number_prefix(text: str, expected: str) -> None:
    assert customer_number_prefix(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", " ", "K", "KK12", "Müller", "12a", "K123456712", "#KCP-0001", "SA-0004", "RE-2026"],
)
def test_customer_number_prefix_none(text: str) -> None:
    assert customer_number_prefix(text) is None


def test_customer_number_prefix_validates_complete_numbers() -> None:
    with pytest.raises(WrongCheckDigit):
        customer_number_prefix("K12345672")


@given(bodies, st.integers(min_value=1, max_value=7))
def test_customer_number_prefix_never_validates_partial_input(n: int, length: int) -> None:
    partial = wrong_check(n)[:length]
    assert customer_number_prefix("K" + partial) == partial
    assert format_customer_number(n)[1:].startswith(partial)
