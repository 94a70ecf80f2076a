"""`auditor-app sync`: send pending Zero Tolerance alerts, then every finalized audit not yet received,
to the Connect platform; "sent" only once the platform's signed receipt verified. Exit 0 when nothing
is left, 1 when something waits for the network, 2 when the platform refused something (the reason is
printed; fix it, then `--retry`)."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("sync", help="send alerts and finalized audits to the Connect platform")
    p.add_argument("--retry", action="store_true", help="try again the items the platform refused before")
    p.add_argument("--quiet", action="store_true", help="print only the summary")
    p.set_defaults(func=run, uses_data_folder=True)


def run(args) -> int:
    import sys

    from auditor_app.paths import DataFolder
    from auditor_app.store.db import open_store
    from auditor_app.sync.outbox import retry_failed
    from auditor_app.sync.worker import Progress, sync_once
    from auditor_app.text import printable

    folder = DataFolder.default()
    store = open_store(folder)
    last: dict[str, str] = {}

    def show(p: Progress) -> None:
        if args.quiet:
            return
        line = f"{p.audit_id[:8]} {p.kind}: {p.phase}"
        if p.total:
            line += f" {p.done * 100 // max(p.total, 1)}% of {p.total:,} bytes"
        if p.message:
            line += f" ({printable(p.message)})"
        if last.get(p.audit_id) != line:
            last[p.audit_id] = line
            print(line, file=sys.stderr, flush=True)

    try:
        if args.retry:
            retry_failed(store)
        report = sync_once(store, folder, progress=show)
    finally:
        store.close()
    for r in report.results:
        if r.state != "sent":
            print(f"{r.audit_id[:8]} {r.kind}: {r.state}: {printable(r.message)}")
            for problem in r.problems[:20]:
                print(f"  - {printable(problem)}")
    print(f"Sent {report.count('sent')}, waiting {report.count('pending')}, refused {report.count('failed')}.")
    if report.count("failed"):
        return 2
    return 1 if report.count("pending") else 0
