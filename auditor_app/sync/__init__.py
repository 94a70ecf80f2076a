"""Sync with Connect, the central platform: protocol models, client and outbox. No Qt.

Built in a later issue; the portable `.escp` file (auditor_app.package) is its payload."""
