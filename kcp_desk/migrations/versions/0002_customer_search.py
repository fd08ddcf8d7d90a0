"""customer search indexes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

SPEC C1.1: the index behind the one search field (kcp_desk.services.search).

What is indexed is the *search text* of a customer: ``search_folded``, a space and its
umlaut-less variant (``mueller`` → ``muller``, see ``folding.umlaut_variant``), so
``muller``, ``mueller`` and ``Müller`` all find ``Müller``. :func:`search_text_sql`
builds it; ``services/search.py`` relies on exactly this text.

- SQLite: an FTS5 table with the trigram tokenizer, external content read through the
  view ``customer_search_v`` (so ``'rebuild'`` indexes the same expression the triggers
  write), kept up to date by AFTER INSERT / UPDATE / DELETE triggers on ``customers``.
- PostgreSQL: ``pg_trgm`` and ONE GIN trigram index, on the generated column
  ``customers.search_text`` (STORED, so a recheck or a filter reads a column instead of
  evaluating three ``replace()`` calls per row, and ANALYZE keeps statistics on it). In
  that column punctuation that e-mail addresses and names contain (``. @ - _ & ' ( ) , /
  +``) is spelt as letters with a caron (``ǎ ě ǐ`` …): pg_trgm only makes trigrams of
  letters and digits, so ``c.roeh`` would otherwise be looked up as ``roeh`` and every
  Röhrig rechecked. ``fold()`` strips diacritics, so those letters never occur in folded
  text and the mapping loses nothing (``PG_PUNCTUATION`` / ``PG_LETTERS``; the service
  spells the query words the same way). With a database ctype other than UTF-8 they are
  not letters to pg_trgm either: the search is then as exact, only less selective.
- PostgreSQL: the identifier columns searched by prefix (``customers.email``,
  ``products.domain``, ``products.hostname``) get ``text_pattern_ops`` btree indexes
  (byte-wise order, so a prefix is a range whatever the database collation); they replace
  the plain indexes of the same names, equality lookups use them as before.

The FTS5 objects, the generated column and the trigram index are not part of the ORM
metadata; ``kcp_desk.migrations.include_name`` keeps autogenerate from comparing them.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

#: the pattern-ops indexes: (table, column); names follow the naming convention
_PATTERN_INDEXES = (("customers", "email"), ("products", "domain"), ("products", "hostname"))
#: PostgreSQL: punctuation in the search text, and the letters it is spelt as
PG_PUNCTUATION = ".@-_&'(),/+"
PG_LETTERS = "ǎěǐǒǔǧǩňřťž"


def umlaut_variant_sql(column: str) -> str:
    """SQL twin of ``kcp_desk.domain.folding.umlaut_variant`` (same on both databases)."""
    return f"replace(replace(replace({column}, 'ae', 'a'), 'oe', 'o'), 'ue', 'u')"


def search_text_sql(column: str) -> str:
    """The search text: the folded text, a space and its umlaut-less variant.

    A query word never contains a space, so it cannot match across the joint: a word
    matches if it occurs in the folded text or in its variant.
    """
    return f"{column} || ' ' || {umlaut_variant_sql(column)}"


def fts_text_sql(column: str) -> str:
    """What the FTS5 table indexes: the same matches, without the variant where it adds
    nothing (FTS5 stores every trigram position, so the duplicate would cost space)."""
    variant = umlaut_variant_sql(column)
    return f"CASE WHEN {variant} = {column} THEN {column} ELSE {search_text_sql(column)} END"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _upgrade_postgresql()
    else:
        _upgrade_sqlite()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _downgrade_postgresql()
    else:
        _downgrade_sqlite()


# --- SQLite -----------------------------------------------------------------------------


def _upgrade_sqlite() -> None:
    op.execute(
        "CREATE VIEW customer_search_v AS "
        f"SELECT id, {fts_text_sql('search_folded')} AS search_text FROM customers"
    )
    # case_sensitive 1: both sides are folded in Python already, and it keeps MATCH a
    # plain substring test exactly like PostgreSQL's LIKE.
    op.execute(
        "CREATE VIRTUAL TABLE customer_fts USING fts5("
        "search_text, content='customer_search_v', content_rowid='id', "
        "tokenize='trigram case_sensitive 1')"
    )
    new_text = fts_text_sql("new.search_folded")
    old_text = fts_text_sql("old.search_folded")
    op.execute(
        "CREATE TRIGGER customers_search_ai AFTER INSERT ON customers BEGIN "
        f"INSERT INTO customer_fts (rowid, search_text) VALUES (new.id, {new_text}); END"
    )
    op.execute(
        "CREATE TRIGGER customers_search_ad AFTER DELETE ON customers BEGIN "
        "INSERT INTO customer_fts (customer_fts, rowid, search_text) "
        f"VALUES ('delete', old.id, {old_text}); END"
    )
    op.execute(
        "CREATE TRIGGER customers_search_au AFTER UPDATE OF id, search_folded ON customers "
        "BEGIN "
        "INSERT INTO customer_fts (customer_fts, rowid, search_text) "
        f"VALUES ('delete', old.id, {old_text}); "
        f"INSERT INTO customer_fts (rowid, search_text) VALUES (new.id, {new_text}); END"
    )
    op.execute("INSERT INTO customer_fts (customer_fts) VALUES ('rebuild')")


def _downgrade_sqlite() -> None:
    for trigger in ("customers_search_au", "customers_search_ad", "customers_search_ai"):
        op.execute(f"DROP TRIGGER {trigger}")
    op.execute("DROP TABLE customer_fts")
    op.execute("DROP VIEW customer_search_v")


# --- PostgreSQL -------------------------------------------------------------------------


def _upgrade_postgresql() -> None:
    # pg_trgm is a trusted extension: the database owner may create it.
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    punctuation = PG_PUNCTUATION.replace("'", "''")
    op.execute(
        "ALTER TABLE customers ADD COLUMN search_text text GENERATED ALWAYS AS ("
        f"translate({search_text_sql('search_folded')}, '{punctuation}', '{PG_LETTERS}')"
        ") STORED"
    )
    op.execute(
        "CREATE INDEX ix_customers_search_trgm ON customers USING gin (search_text gin_trgm_ops)"
    )
    for table, column in _PATTERN_INDEXES:
        name = f"ix_{table}_{column}"
        op.drop_index(name, table_name=table)
        op.create_index(name, table, [column], postgresql_ops={column: "text_pattern_ops"})


def _downgrade_postgresql() -> None:
    for table, column in _PATTERN_INDEXES:
        name = f"ix_{table}_{column}"
        op.drop_index(name, table_name=table)
        op.create_index(name, table, [column])
    op.execute("DROP INDEX ix_customers_search_trgm")
    op.execute("ALTER TABLE customers DROP COLUMN search_text")
    # pg_trgm stays: other objects of the database may use it by now.
