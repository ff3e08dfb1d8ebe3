"""Each terminal's kind, set by the hub's admin when the terminal is added: `counter`
(a staff counter: the feed carries the employers' contact person and phone),
`touchscreen` or `board` (never a contact). Terminals added before are touchscreens until
the admin says otherwise (`kiosk-hub terminals set-kind`): no contact reaches a public
screen by default.

Revision ID: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision: str | None = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("terminals") as batch:
        batch.add_column(sa.Column("kind", sa.String(16), nullable=False,
                                   server_default="touchscreen"))


def downgrade() -> None:
    with op.batch_alter_table("terminals") as batch:
        batch.drop_column("kind")
