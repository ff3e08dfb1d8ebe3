"""The counter staff's audit log (who did what, when), as a materialised record table.

Revision ID: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("hall_id", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("change_seq", SEQ, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_index("ix_audit_events_hall_id", "audit_events", ["hall_id"])


def downgrade() -> None:
    op.drop_index("ix_audit_events_hall_id", "audit_events")
    op.drop_table("audit_events")
