"""Search folding (SPEC C1.1): German umlauts and case fold, accents are stripped."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kcp_desk.domain.folding import fold, fold_join


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Müller", "mueller"),
        ("MÜLLER", "mueller"),
        ("Mueller", "mueller"),
        ("Jörg Großmann", "joerg grossmann"),
        ("GROẞMANN", "grossmann"),
        ("Schäfer Bau GmbH & Co. KG", "schaefer bau gmbh & co. kg"),
        ("Zoë Éluard", "zoe eluard"),
        ("Çağlar Öztürk", "caglar oeztuerk"),
        ("Łódź", "lodz"),
        ("info@mueller-bau.de", "info@mueller-bau.de"),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_decomposed_umlaut_folds_like_the_composed_one() -> None:
    decomposed = unicodedata.normalize("NFD", "Müller")
    assert decomposed != "Müller"
    assert fold(decomposed) == "mueller"


def test_fold_join_skips_empty_parts() -> None:
    assert fold_join("Anna", "", None, "Schäfer", "Köln") == "anna schaefer koeln"


@given(st.text())
def test_fold_is_idempotent_and_lower(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert "ä" not in once and "ß" not in once
