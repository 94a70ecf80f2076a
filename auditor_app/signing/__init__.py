"""Keys and signatures of an installation (no Qt).

- `device_key`: the data folder's Ed25519 device key, made on first use, kept in the OS keyring or a
  file only the user can read (`key_store`), never exported;
- `seal_statement`: the statement finalize signs with it (audit, seal, event head, signer);
- `certificates`, `pdf_signing`: PAdES signatures on report and CAP PDFs, made with a P-256 key whose
  certificate the device key issues, and checking them.

`atomic_files` writes keys, certificates and signed PDFs whole or not at all.
"""
