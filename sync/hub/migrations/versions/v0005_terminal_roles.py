"""Each terminal's role: `hall` (a hall's terminal: its own hall's statistics and the city
totals) or `city` (the city's office: every hall's statistics).

Revision ID: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("terminals") as batch:
        batch.add_column(sa.Column("role", sa.String(16), nullable=False,
                                   server_default="hall"))


def downgrade() -> None:
    with op.batch_alter_table("terminals") as batch:
        batch.drop_column("role")
