from auditor_app.cli import main

raise SystemExit(main())
