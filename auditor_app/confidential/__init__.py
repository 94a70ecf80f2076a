"""Worker confidentiality: what a worker said must not be readable on a lost laptop or USB stick.

- `folder_modes`: the data folder is the user's alone (0700 folders, 0600 files).
- `fields`, `markers`: which values are confidential (interview notes, quotes not marked quotable,
  the draw's seed) and the keyed hash ("marker") that stands in for each of them in the database,
  the event log, the canonical document, the seal and audit.json.
- `audit_keys`, `vault`: each audit's own key, and its confidential values encrypted with it in
  `<data folder>/confidential/<audit id>/`; erasing the key makes every copy unreadable.
- `orm`: the store keeps markers in its rows; loaded rows show the values to the app.
- `recipients`, `sealed_box`, `sealed_part`: the confidential part of an `.escp`, encrypted to the
  audit firm's and the program's public keys.
- `retention`, `erasure`: when an audit's confidential data is erased, and erasing it.
- `photo_copies`: photos for outside the firm, without GPS and camera serial numbers.

Nothing here imports Qt.
"""
