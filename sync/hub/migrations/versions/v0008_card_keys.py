"""Each terminal's worker-card key (the public half, base64): it signs the `LGW2` cards the
terminal prints, and the hub publishes all of them in the `card_keys` asset.

Revision ID: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision: str | None = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("terminals") as batch:
        batch.add_column(sa.Column("card_key", sa.String(64)))


def downgrade() -> None:
    with op.batch_alter_table("terminals") as batch:
        batch.drop_column("card_key")
