"""Referral slips scanned at any hall's terminal (到岗): a record table of the scanning hall,
whose rows go to the feed of the hall that made the referral (sync.hub.materialise).

Revision ID: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision: str | None = "0015"
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "arrivals",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("hall_id", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("change_seq", SEQ, nullable=False),
        sa.Column("referral_id", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_index("ix_arrivals_hall_id", "arrivals", ["hall_id"])
    op.create_index("ix_arrivals_referral_id", "arrivals", ["referral_id"])


def downgrade() -> None:
    op.drop_index("ix_arrivals_referral_id", "arrivals")
    op.drop_index("ix_arrivals_hall_id", "arrivals")
    op.drop_table("arrivals")
