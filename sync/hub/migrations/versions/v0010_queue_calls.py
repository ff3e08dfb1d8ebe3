"""Queue numbers called at a hall's counter windows (叫号): a record table of the hall,
whose rows also go to that hall's feed, so every terminal and board of the hall shows them.

Revision ID: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision: str | None = "0009"
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "queue_calls",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("hall_id", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("change_seq", SEQ, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_index("ix_queue_calls_hall_id", "queue_calls", ["hall_id"])


def downgrade() -> None:
    op.drop_index("ix_queue_calls_hall_id", "queue_calls")
    op.drop_table("queue_calls")
