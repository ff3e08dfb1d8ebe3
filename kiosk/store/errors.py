"""Store failures that a person must be told about in plain words."""

from __future__ import annotations


class StoreError(Exception):
    """A problem with the terminal database that stops it from being used."""


class StoreCorrupt(StoreError):
    """`PRAGMA integrity_check` failed: the file must be restored from a backup."""


class StoreTooNew(StoreError):
    """The file was written by a newer version of this program."""
