"""The bundle's entry point: the same program as the `auditor-app` command (`python -m auditor_app`)."""

import sys

from auditor_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
