"""Office sync state: signing keys, bundle counter and acknowledged point, bundle history,
sent and acknowledged revisions (the "sync" branch).

Revision ID: 0300
Revises: 0002
Create Date: 2026-11-23 10:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0300"
down_revision = "0002"
branch_labels = ("sync",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_keys",
        sa.Column("key_id", sa.String(length=80), nullable=False),
        sa.Column("fingerprint", sa.String(length=19), nullable=False),
        sa.Column("public_openssh", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("valid_from_seq", sa.Integer(), nullable=False),
        sa.Column("private_key_file", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_sync_keys")),
    )
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("next_bundle_seq", sa.Integer(), nullable=False),
        sa.Column("ack_seq", sa.Integer(), nullable=True),
        sa.Column("ack_sha256", sa.String(length=64), nullable=True),
        sa.Column("applied_through", sa.Integer(), nullable=False),
        sa.Column("central_public_key", sa.Text(), nullable=True),
        sa.Column("central_key_id", sa.String(length=80), nullable=True),
        sa.Column("central_fingerprint", sa.String(length=19), nullable=True),
        sa.Column("central_age_recipient", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "sync_bundles",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=True),
        sa.Column("key_id", sa.String(length=80), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("folder", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("record_count", sa.Integer(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("attachment_count", sa.Integer(), nullable=False),
        sa.Column("report_count", sa.Integer(), nullable=False),
        sa.Column("change_from", sa.Integer(), nullable=False),
        sa.Column("change_to", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=True),
        sa.Column("envelope_sha256", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("receipt_sha256", sa.String(length=64), nullable=True),
        sa.Column("receipt_status", sa.String(length=12), nullable=True),
        sa.Column("receipt_reason", sa.String(length=40), nullable=True),
        sa.Column("receipt_message", sa.Text(), nullable=True),
        sa.Column("receipt_message_en", sa.Text(), nullable=True),
        sa.Column("received_at", sa.String(length=20), nullable=True),
        sa.Column("applied_through", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_bundles")),
    )
    op.create_table(
        "sync_sent_records",
        sa.Column("bundle_seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "bundle_seq", "entity", "entity_id", name=op.f("pk_sync_sent_records")
        ),
    )
    op.create_table(
        "sync_acked_revs",
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("bundle_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "entity_id", name=op.f("pk_sync_acked_revs")),
    )


def downgrade() -> None:
    op.drop_table("sync_acked_revs")
    op.drop_table("sync_sent_records")
    op.drop_table("sync_bundles")
    op.drop_table("sync_state")
    op.drop_table("sync_keys")
