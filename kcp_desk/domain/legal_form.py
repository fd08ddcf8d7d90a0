"""A company's registered name and its legal form ("Ortmann Haustechnik" + "GmbH").

The registered name may be stored with its legal form or without it; every place that
shows or edits a company name joins and splits it by these two rules, so the legal form
appears once (issue 9: "Ortmann Haustechnik GmbH" + "GmbH").
"""

from __future__ import annotations


def split_legal_form(company: str | None, legal_form: str | None) -> tuple[str, bool]:
    """The company name without a trailing legal form, and whether it carried one.

    The registered name is stored with its legal form ("Ortmann Haustechnik GmbH", legal
    form "GmbH"); the form shows the legal form once, in its own field.
    """
    name = company or ""
    suffix = f" {legal_form}" if legal_form else ""
    if suffix and name.endswith(suffix) and name[: -len(suffix)].strip():
        return name[: -len(suffix)], True
    return name, False


def join_legal_form(name: str, legal_form: str) -> str:
    """The registered name again: ``name`` with the legal form, unless it ends in it."""
    if not name or not legal_form or name.endswith(f" {legal_form}") or name == legal_form:
        return name
    return f"{name} {legal_form}"
