"""ESCP Connect: the reference platform server of the sync protocol (FastAPI, no Qt).

`connect-server serve` runs it, `connect-server admin ...` manages firms, users and enrolment tokens.
It shares the wire models with the app (`auditor_app.sync.protocol`) and checks submissions with the
app's own package code (`auditor_app.package`)."""

__version__ = "0.1.0"
