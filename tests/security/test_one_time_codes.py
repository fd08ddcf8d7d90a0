"""One-time codes (ID-1, ID-5): alphabet, length, grouping, parsing, Argon2id hashes with
bounded parameters, and no code in any repr."""

from __future__ import annotations

import base64
import math
import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kcp_desk.security import one_time_codes as otc
from kcp_desk.security.field_crypto import SecretText
from kcp_desk.security.one_time_codes import CodeHashFormatError, CodeKind

CHEAP = otc.CodeHashParams(memory_kib=8, iterations=1, lanes=1)
AMBIGUOUS = "0O1IL5S2ZQBGV"


def test_the_letter_alphabet_has_no_lookalikes_and_over_60_bits() -> None:
    alphabet = otc.LETTER_ALPHABET
    assert len(set(alphabet)) == len(alphabet) == 23
    assert not set(alphabet) & set(AMBIGUOUS)
    assert alphabet == alphabet.upper()
    assert pytest.approx(16 * math.log2(23)) == otc.LETTER_BITS
    assert otc.LETTER_BITS >= 60


def test_letter_codes_are_16_characters_of_the_alphabet_and_differ() -> None:
    codes = [otc.new_letter_code().reveal() for _ in range(200)]
    assert all(len(c) == 16 and set(c) <= set(otc.LETTER_ALPHABET) for c in codes)
    assert len(set(codes)) == 200
    # every symbol turns up: the draw uses the whole alphabet
    assert set("".join(codes)) == set(otc.LETTER_ALPHABET)


def test_letter_codes_are_grouped_in_fours_for_reading_aloud() -> None:
    code = SecretText("KD7MX3PAHRT4WN9C")
    assert otc.format_letter_code(code).reveal() == "KD7M-X3PA-HRT4-WN9C"
    printed = otc.format_letter_code(otc.new_letter_code()).reveal()
    assert re.fullmatch(r"[A-Z0-9]{4}(-[A-Z0-9]{4}){3}", printed)


@pytest.mark.parametrize(
    "typed",
    [
        "KD7M-X3PA-HRT4-WN9C",
        "kd7m-x3pa-hrt4-wn9c",
        "KD7M X3PA HRT4 WN9C",
        " kd7mx3pahrt4wn9c ",
        "KD7M – X3PA — HRT4 ‐ WN9C",  # Unicode dashes from a word processor
        "ＫＤ７Ｍ-Ｘ３ＰＡ-ＨＲＴ４-ＷＮ９Ｃ",  # full-width forms
        "KD7M\tX3PA\nHRT4\u00a0WN9C",
    ],
)
def test_parsing_tolerates_case_spaces_and_dashes(typed: str) -> None:
    assert otc.parse_letter_code(typed).reveal() == "KD7MX3PAHRT4WN9C"


@pytest.mark.parametrize(
    "typed",
    ["", "KD7M-X3PA-HRT4", "KD7M-X3PA-HRT4-WN9C-A", "KD7M-X3PA-HRT4-WN90", "KD7M-X3PA-HRT4-WN9S"],
)
def test_parsing_refuses_what_cannot_be_a_letter_code_without_echoing_it(typed: str) -> None:
    with pytest.raises(otc.CodeFormatError) as info:
        otc.parse_letter_code(typed)
    assert str(info.value) == "this is not a letter code"


@given(st.data())
@settings(max_examples=200)
def test_any_letter_code_survives_printing_and_typing(data: st.DataObject) -> None:
    code = otc.new_letter_code()
    printed = otc.format_letter_code(code).reveal()
    typed = data.draw(
        st.sampled_from(
            [printed, printed.lower(), printed.replace("-", " "), printed.replace("-", "")]
        )
    )
    assert otc.parse_letter_code(typed) == code


def test_sms_codes_are_six_digits() -> None:
    codes = [otc.new_sms_code().reveal() for _ in range(300)]
    assert all(re.fullmatch(r"[0-9]{6}", c) for c in codes)
    assert len(set(codes)) > 290
    assert otc.parse_sms_code(" 012 345 ").reveal() == "012345"
    assert otc.parse_sms_code("０１２-３４５").reveal() == "012345"
    for bad in ("12345", "1234567", "12a456", "١٢٣٤٥٦"):
        with pytest.raises(otc.CodeFormatError):
            otc.parse_sms_code(bad)


def test_link_tokens_carry_256_bits() -> None:
    token = otc.new_link_token().reveal()
    assert len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) == 32
    assert otc.new_link_token() != otc.new_link_token()


@pytest.mark.parametrize("kind", list(CodeKind))
def test_a_hash_verifies_its_code_and_nothing_else(kind: CodeKind) -> None:
    fresh = otc.new_code(kind, CHEAP)
    assert otc.verify_code(kind, fresh.code, fresh.code_hash)
    other = otc.new_code(kind, CHEAP).code
    assert not otc.verify_code(kind, other, fresh.code_hash)
    assert not otc.verify_code(kind, SecretText(""), fresh.code_hash)
    for wrong_kind in set(CodeKind) - {kind}:
        assert not otc.verify_code(wrong_kind, fresh.code, fresh.code_hash)
    assert fresh.code.reveal() not in fresh.code_hash


def test_the_hash_describes_itself_and_salts_every_code() -> None:
    code = SecretText("KD7MX3PAHRT4WN9C")
    first = otc.hash_code(CodeKind.LETTER, code, CHEAP)
    second = otc.hash_code(CodeKind.LETTER, code, CHEAP)
    assert first != second
    assert re.fullmatch(r"argon2id\$v=19\$m=8,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}", first)
    production = otc.PRODUCTION_PARAMS
    assert (production.memory_kib, production.iterations, production.lanes) == (19456, 2, 1)


def _with(stored: str, old: str, new: str) -> str:
    assert old in stored
    return stored.replace(old, new, 1)


def test_rewritten_parameters_are_refused_before_any_work() -> None:
    stored = otc.hash_code(CodeKind.SMS, SecretText("123456"), CHEAP)
    code = SecretText("123456")
    for tampered in (
        _with(stored, "m=8,", "m=67108864,"),  # 64 GiB
        _with(stored, "m=8,", f"m={otc.CODE_HASH_BOUNDS.max_memory_kib + 1},"),
        _with(stored, "t=1,", "t=1000,"),
        _with(stored, "p=1$", "p=64$"),
        _with(stored, "m=8,", "m=4,"),  # below 8·lanes
        _with(stored, "v=19", "v=16"),
        _with(stored, "argon2id", "argon2i"),
        _with(stored, "m=8,", "m=08,"),
        stored + "$",
        stored.rsplit("$", 1)[0] + "$" + "A" * 8,  # a 6-byte hash
        "$" + stored,
        "",
    ):
        with pytest.raises(CodeHashFormatError) as info:
            otc.verify_code(CodeKind.SMS, code, tampered)
        assert "123456" not in str(info.value)
    # a flipped digest byte is a plain mismatch
    head, digest = stored.rsplit("$", 1)
    flipped = ("B" if digest[0] == "A" else "A") + digest[1:]
    assert not otc.verify_code(CodeKind.SMS, code, f"{head}${flipped}")


def test_parameters_out_of_bounds_cannot_be_written_either() -> None:
    with pytest.raises(ValueError, match="memory"):
        otc.CodeHashParams(memory_kib=2 * 1024 * 1024, iterations=1, lanes=1)
    with pytest.raises(ValueError, match="integers"):
        otc.CodeHashParams(memory_kib=8, iterations=True, lanes=1)
    with pytest.raises(ValueError, match="salts"):
        otc.CodeHashParams(memory_kib=8, iterations=1, lanes=1, salt_bytes=8)


def test_no_code_shows_in_repr_str_or_format() -> None:
    for kind in CodeKind:
        fresh = otc.new_code(kind, CHEAP)
        secret = fresh.code.reveal()
        for text in (repr(fresh), str(fresh), f"{fresh}", repr(fresh.code), f"{fresh.code}"):
            assert secret not in text
            assert "hidden" in text
        with pytest.raises(TypeError):
            pickle.dumps(fresh)
    printed = otc.format_letter_code(otc.new_letter_code())
    assert "-" not in repr(printed)
