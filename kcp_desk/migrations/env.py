"""Alembic environment: run from ``Database.migrate()`` with a live connection."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

import kcp_desk.models  # noqa: F401 - registers every table on the metadata
from kcp_desk.migrations import include_name
from kcp_desk.models.base import Base

target_metadata = Base.metadata


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:  # plain `alembic` command line use
        url = context.config.get_main_option("sqlalchemy.url")
        assert url
        with create_engine(url).connect() as conn:
            _migrate(conn)
            conn.commit()
        return
    _migrate(connection)


def _migrate(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite needs table rebuilds for ALTER
        compare_type=True,
        include_name=include_name,  # the hand-made search index objects (0002)
    )
    with context.begin_transaction():
        context.run_migrations()


run()
