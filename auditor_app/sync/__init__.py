"""Sync with Connect, the central platform: protocol models, client and outbox. No Qt.

- `protocol`: the wire models and signed-bytes rules, shared with `connect_server`;
- `client`: the HTTP calls (requests), errors sorted into transient (retry) and refused (stop);
- `credentials`: the platform's URL and key, the session token (keyring, else a 0600 file);
- `account`: signing in with an enrolment token, downloading assignments;
- `outbox`: what waits to be sent, frozen payloads, receipts;
- `worker`: `sync_once(store, folder, progress=callback)`, which drains the outbox (off the GUI thread);
- `chunk_body`: one chunk of a blob as an upload's body, read while it is sent.

The portable `.escp` package is the payload: its manifest is the submission, its members the blobs."""
