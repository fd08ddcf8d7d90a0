"""Hypothesis strategies for "any text a user can type or paste" (issue 8), shared by the
domain tests and the service tests of every form."""

from __future__ import annotations

from hypothesis import strategies as st

#: the characters that broke things: NUL, ESC, BEL, BS, DEL, C1, bidi overrides and
#: isolates, zero-width characters, soft hyphen, line separators, a lone surrogate of
#: each half, the last code point and combining marks
NASTY: tuple[str, ...] = (
    "\x00", "\x1b", "\x07", "\x08", "\x7f", "\x85", "\x9b", "\t", "\n", "\r",
    "\u202a", "\u202e", "\u2066", "\u2069", "\u200b", "\u200c", "\u200d", "\u2060",
    "\ufeff", "\u00ad", "\u2028", "\u2029", "\ud800", "\udfff", "\U0010ffff", "\u0308",
    "'", '"', "\\", "%", "_", "ß", "ü",
)  # fmt: skip

any_char = st.one_of(
    st.characters(),  # every code point but surrogates
    st.characters(categories=["Cc", "Cf", "Cs", "Zl", "Zp", "Zs", "Mn"]),
    st.sampled_from(NASTY),
)

#: what an agent may type or paste into one field
typed_text = st.text(any_char, max_size=40)

#: the same, now and then a huge paste (a block of text, a repeated word)
typed_or_pasted = st.one_of(
    typed_text,
    st.builds(
        lambda word, n: word * n, st.text(any_char, min_size=1, max_size=8), st.integers(50, 1500)
    ),
)


def one_line_clean(text: str) -> bool:
    """No character that ``single_line`` refuses (Cc, Cf, Cs, U+2028/U+2029)."""
    import unicodedata

    return not any(
        unicodedata.category(ch) in ("Cc", "Cf", "Cs") or ch in "\u2028\u2029" for ch in text
    )
