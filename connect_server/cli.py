"""`connect-server`: run the platform server, migrate its database, administer it.

    connect-server serve [--data DIR] [--host 127.0.0.1] [--port 8700]
    connect-server migrate
    connect-server openapi [--output FILE]
    connect-server admin create-firm NAME
    connect-server admin create-user LOGIN --name NAME --role auditor|lead|reviewer|admin [--firm FIRM]
    connect-server admin set-password LOGIN          (reads the password from standard input)
    connect-server admin enrol-token LOGIN [--days 7]
    connect-server admin assign AUDITOR --type IAA --factory-name NAME --from DATE --to DATE
    connect-server admin users
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from connect_server.config import Settings


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="connect-server", description="ESCP Connect, the reference platform server")
    parser.add_argument("--data", help="data folder (database, blobs, server key); default $CONNECT_SERVER_DATA "
                                       "or ./connect-data")
    parser.add_argument("--database-url", help="SQLAlchemy URL (default $CONNECT_DATABASE_URL, else SQLite in the "
                                               "data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    serve = sub.add_parser("serve", help="run the server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8700)
    sub.add_parser("migrate", help="bring the database schema up to date")
    openapi = sub.add_parser("openapi", help="print the OpenAPI document")
    openapi.add_argument("--output", type=Path)
    admin = sub.add_parser("admin", help="firms, users, enrolment tokens, assignments")
    a = admin.add_subparsers(dest="admin_command", metavar="ACTION", required=True)
    p = a.add_parser("create-firm", help="add an audit firm")
    p.add_argument("name")
    p = a.add_parser("create-user", help="add a user")
    p.add_argument("login")
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=["auditor", "lead", "reviewer", "admin"])
    p.add_argument("--firm", help="the audit firm (auditors and leads)")
    p = a.add_parser("set-password", help="set a user's web view password (read from standard input)")
    p.add_argument("login")
    p = a.add_parser("enrol-token", help="issue a one-time token to enrol a laptop")
    p.add_argument("login")
    p.add_argument("--days", type=float, default=7)
    p = a.add_parser("assign", help="assign an audit to an auditor")
    p.add_argument("auditor", help="the auditor's login")
    p.add_argument("--type", required=True, dest="audit_type")
    p.add_argument("--factory-name", required=True)
    p.add_argument("--factory-json", help="the factory profile as JSON (name is added)")
    p.add_argument("--from", dest="window_start", required=True, type=date.fromisoformat)
    p.add_argument("--to", dest="window_end", required=True, type=date.fromisoformat)
    p.add_argument("--previous", help="the previous audit's id (its CAP goes with the assignment)")
    a.add_parser("users", help="list users")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = Settings.from_env(args.data, args.database_url)
    command = args.command or "serve"
    if command != "openapi":
        settings.data.mkdir(parents=True, exist_ok=True)
    if command == "serve":
        return _serve(settings, getattr(args, "host", "127.0.0.1"), getattr(args, "port", 8700))
    if command == "migrate":
        from connect_server.db import make_engine, migrate

        migrate(make_engine(settings.database_url))
        print("The database schema is up to date.")
        return 0
    if command == "openapi":
        text = openapi_text()
        if args.output:
            args.output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0
    return _admin(settings, args)


def openapi_text() -> str:
    """The OpenAPI document as checked into docs/connect-openapi.json (from a throwaway app)."""
    import tempfile

    from connect_server.app import create_app

    with tempfile.TemporaryDirectory(prefix="connect-openapi-") as scratch:
        app = create_app(Settings.from_env(scratch), run_migrations=False)
        document = app.openapi()
        app.state.engine.dispose()
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _serve(settings: Settings, host: str, port: int) -> int:
    import uvicorn

    from connect_server.app import create_app

    app = create_app(settings)
    print(f"ESCP Connect serving {settings.data} at http://{host}:{port}/ (web view at /web/, API at /api/v1)",
          flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=5)
    return 0


def _admin(settings: Settings, args) -> int:
    from connect_server import admin
    from connect_server.db import make_engine, migrate, sessions

    engine = make_engine(settings.database_url)
    migrate(engine)
    try:
        with sessions(engine).begin() as db:
            return _admin_action(db, settings, args)
    except admin.AdminError as exc:
        print(f"connect-server: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()


def _admin_action(db, settings: Settings, args) -> int:
    from sqlalchemy import select

    from auditor_app.sync.protocol import AssignmentIn
    from connect_server import admin
    from connect_server.api import add_assignment
    from connect_server.blobs import FolderBlobStore
    from connect_server.errors import ApiError
    from connect_server.models import Firm, User

    action = args.admin_command
    if action == "create-firm":
        firm = admin.create_firm(db, args.name)
        print(f"Created firm {firm.name} ({firm.id}).")
    elif action == "create-user":
        user = admin.create_user(db, login=args.login, name=args.name, role=args.role, firm=args.firm)
        print(f"Created {user.role} {user.login} ({user.id}).")
    elif action == "set-password":
        password = sys.stdin.readline().rstrip("\n")
        admin.set_password(db, args.login, password)
        print(f"Password set for {args.login}.")
    elif action == "enrol-token":
        token = admin.issue_enrolment_token(db, args.login, days=args.days)
        print(token)
        print(f"One-time enrolment token for {args.login}, valid {args.days:g} days: on the laptop, run\n"
              f"  auditor-app connect login URL --token {token}", file=sys.stderr)
    elif action == "assign":
        auditor = admin.find_user(db, args.auditor)
        factory = json.loads(args.factory_json) if args.factory_json else {}
        factory["name"] = args.factory_name
        body = AssignmentIn(auditor_id=auditor.id, audit_type=args.audit_type, factory=factory,
                            window_start=args.window_start, window_end=args.window_end,
                            previous_audit_id=args.previous)
        creator = db.scalars(select(User).where(User.role == "admin")).first() or auditor
        try:
            row = add_assignment(db, body, creator, FolderBlobStore(settings.blobs))
        except ApiError as exc:
            raise admin.AdminError(exc.detail) from None
        print(f"Assigned {row.audit_type} at {args.factory_name} to {auditor.login} ({row.id}).")
    elif action == "users":
        firms = {f.id: f.name for f in db.scalars(select(Firm))}
        for u in db.scalars(select(User).order_by(User.login)):
            print(f"{u.login}\t{u.role}\t{u.name}\t{firms.get(u.firm_id or '', '')}")
    return 0
