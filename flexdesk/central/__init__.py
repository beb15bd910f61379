"""Reference central receiver (``flexdesk-central``): its own SQLAlchemy metadata
(:mod:`flexdesk.central.models`), the ingest service (:mod:`flexdesk.central.service`), the
record-application rules (:mod:`flexdesk.central.apply`) and the CLI
(:mod:`flexdesk.central.cli`). No Qt; reusable as a library by an instansi's own system."""
