"""The shared evidence store (the "attachment_store" branch): ``attachment_blobs`` and
``attachment_chunks`` (evidence bytes in the database, content-addressed, in 1 MiB chunks) and
``office_key_material`` (the encrypted private key, usable from any PC of a server office).
On PostgreSQL the chunk column is stored out of line without compression: evidence is mostly
PDF and JPEG, already compressed, and trying again costs time on every write.

Revision ID: 0700
Revises: 0002
Create Date: 2026-12-07 23:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0700"
down_revision = "0002"
branch_labels = ("attachment_store",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachment_blobs",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("chunk_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachment_blobs")),
    )
    op.create_table(
        "attachment_chunks",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sha256"],
            ["attachment_blobs.sha256"],
            name=op.f("fk_attachment_chunks_sha256_attachment_blobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("sha256", "n", name=op.f("pk_attachment_chunks")),
    )
    op.create_table(
        "office_key_material",
        sa.Column("key_id", sa.String(length=80), nullable=False),
        sa.Column("encrypted_pkcs8", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_office_key_material")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE attachment_chunks ALTER COLUMN data SET STORAGE EXTERNAL")


def downgrade() -> None:
    op.drop_table("office_key_material")
    op.drop_table("attachment_chunks")
    op.drop_table("attachment_blobs")
