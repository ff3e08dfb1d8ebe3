"""Worker identities by the hub's blind index, and aliases of merged workers.

Revision ID: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "worker_identities",
        sa.Column("hub_index", sa.String(64), primary_key=True),
        sa.Column("worker_id", sa.String(64), nullable=False),
        sa.Column("change_seq", SEQ, nullable=False),
    )
    op.create_table(
        "worker_aliases",
        sa.Column("alias_id", sa.String(64), primary_key=True),
        sa.Column("canonical_id", sa.String(64), nullable=False),
        sa.Column("change_seq", SEQ, nullable=False),
    )
    op.create_index("ix_worker_aliases_canonical_id", "worker_aliases", ["canonical_id"])


def downgrade() -> None:
    op.drop_index("ix_worker_aliases_canonical_id", "worker_aliases")
    op.drop_table("worker_aliases")
    op.drop_table("worker_identities")
