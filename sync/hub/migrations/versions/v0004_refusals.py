"""The city's log of changes the hub refused for trust reasons (a hall writing another
hall's record, an invented hire): which terminal, when, what.

Revision ID: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "refusals",
        sa.Column("seq", SEQ, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("terminal_id", sa.String(64), nullable=False),
        sa.Column("hall_id", sa.String(64), nullable=False),
        sa.Column("record_type", sa.String(32), nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
    )
    op.create_index("ix_refusals_terminal_id", "refusals", ["terminal_id"])


def downgrade() -> None:
    op.drop_index("ix_refusals_terminal_id", "refusals")
    op.drop_table("refusals")
