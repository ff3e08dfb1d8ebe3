"""Complaints followed to the end: each casework step (taken up, mediation, hand-off to
劳动保障监察, resolved, closed) is a record of its own, kept by complaint.

Revision ID: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision: str | None = "0008"
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "case_steps",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("hall_id", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("change_seq", SEQ, nullable=False),
        sa.Column("complaint_id", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_index("ix_case_steps_hall_id", "case_steps", ["hall_id"])
    op.create_index("ix_case_steps_complaint_id", "case_steps", ["complaint_id"])


def downgrade() -> None:
    op.drop_table("case_steps")
