"""Keys and cryptography of bundles: Ed25519 keys and key rings, OpenSSH SSHSIG signatures
and the optional age encryption."""
