"""Alembic migrations; ``env.py`` and the schema test share :func:`include_name`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.runtime.environment import NameFilterParentNames, NameFilterType

#: Search index objects that migration 0002 creates by hand and the ORM metadata does not
#: describe: SQLite's FTS5 table (and its shadow tables ``customer_fts_data`` …), and on
#: PostgreSQL the generated column ``customers.search_text`` with its trigram index.
SEARCH_INDEX_TABLE_PREFIX = "customer_fts"
SEARCH_INDEX_NAMES = frozenset({"ix_customers_search_trgm"})
SEARCH_INDEX_COLUMNS = frozenset({("customers", "search_text")})
#: Expression indexes (migration 0009: the tickets' priority rank and due time), which
#: autogenerate cannot compare.
HAND_MADE_INDEXES = frozenset(
    {
        "ix_tickets_closed_priority",
        "ix_tickets_open_priority",
        "ix_tickets_mine_due",
        "ix_tickets_open_due",
        "ix_tickets_unassigned_due",
    }
)


def include_name(
    name: str | None, type_: NameFilterType, parent_names: NameFilterParentNames
) -> bool:
    """Alembic ``include_name`` hook: leave the hand-made search index objects alone."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(SEARCH_INDEX_TABLE_PREFIX)
    if type_ == "index":
        return name not in SEARCH_INDEX_NAMES | HAND_MADE_INDEXES
    if type_ == "column":
        return (parent_names.get("table_name"), name) not in SEARCH_INDEX_COLUMNS
    return True
