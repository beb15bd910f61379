"""Fixtures of the service tests that send bundles to the reference receiver
(tests/support/central_office.py); a test module may define its own of the same name."""

from tests.support.central_office import central_key, office, receiver

__all__ = ["central_key", "office", "receiver"]
