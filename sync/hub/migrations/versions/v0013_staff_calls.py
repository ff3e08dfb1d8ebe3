"""Calls for staff from a hall's touchscreens (请工作人员帮助): a record table of the hall,
whose rows also go to that hall's feed, so its counters show them and the touchscreen
learns they were handled.

Revision ID: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision: str | None = "0012"
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "staff_calls",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("hall_id", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("change_seq", SEQ, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_index("ix_staff_calls_hall_id", "staff_calls", ["hall_id"])


def downgrade() -> None:
    op.drop_index("ix_staff_calls_hall_id", "staff_calls")
    op.drop_table("staff_calls")
