"""Sub-commands of `auditor-app`, one module each, registered by `auditor_app.cli`."""
