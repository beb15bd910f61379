"""Signed report bundles: format, signing, verification, receipts (no Qt, no ORM).

Where to start (docs/bundle-format.md is the published spec):

- :mod:`flexdesk.sync.bundle`: ``write_bundle`` / ``verify_bundle`` and the data classes the
  office side fills (``ChangeRecord``, ``AttachmentSource``, ``ReportFile``, ``BaseAck``).
- :mod:`flexdesk.sync.receipt`: central's signed receipts; ``verify_receipt``,
  ``advance_ack`` (the office's acknowledged point), receipt files and receipt zips.
- :mod:`flexdesk.sync.crypto.keys`: office/central Ed25519 keys (encrypted PKCS#8, OpenSSH line, PEM,
  fingerprints) and the ``KeyRing`` verifiers use.
- :mod:`flexdesk.sync.rotation`: key rotation statements signed by the old and the new key.
- :mod:`flexdesk.sync.auditchain`: the office audit trail's hash recipe and the chain segment a
  bundle carries (format 2), pure standard library.
- :mod:`flexdesk.sync.crypto.sshsig`: OpenSSH SSHSIG signatures (``ssh-keygen -Y`` compatible).
- :mod:`flexdesk.sync.format.ziphygiene`: ``SafeZip``, the only way untrusted zips are read.
- :mod:`flexdesk.sync.crypto.age`: optional age v1 encryption through pyrage (rage).
- :mod:`flexdesk.sync.format.bagit`, :mod:`flexdesk.sync.format.canonical`, :mod:`flexdesk.sync.format.layout`:
  BagIt tag files, canonical JSON, names inside a bundle.

Errors are :class:`flexdesk.errors.BundleError` with a ``code`` (see ``_errors.CODES``) and
Indonesian/English messages; long operations take ``progress`` and ``is_cancelled`` callbacks
and raise :class:`flexdesk.errors.Cancelled`.
"""
