"""Worker lookups (a hall asking the hub for another hall's worker, sync.hub.lookup): the
city's audit of who asked, when, by what, and which worker was shown.

Revision ID: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision: str | None = "0010"
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "worker_lookups",
        sa.Column("seq", SEQ, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("terminal_id", sa.String(64), nullable=False),
        sa.Column("hall_id", sa.String(64), nullable=False),
        sa.Column("by", sa.String(16), nullable=False),
        sa.Column("worker_id", sa.String(64)),
    )
    op.create_index("ix_worker_lookups_terminal_id", "worker_lookups", ["terminal_id"])
    op.create_index("ix_worker_lookups_worker_id", "worker_lookups", ["worker_id"])


def downgrade() -> None:
    op.drop_index("ix_worker_lookups_worker_id", "worker_lookups")
    op.drop_index("ix_worker_lookups_terminal_id", "worker_lookups")
    op.drop_table("worker_lookups")
