"""The web view for leads and reviewers: server-rendered pages, no script.

Sign in with the password an admin set (`connect-server admin set-password`); the session is a cookie
(HttpOnly, SameSite=Strict). Pages: submissions with their state, signer, verification result and review
state; one submission in detail, with its report and CAP as PDF once verified (`pdfs.py`); one review
(its thread: every entry, who, when, on which revision, and the state); Zero Tolerance alerts (reviewers
see a banner until each is acknowledged).
Everyone sees only what their role allows (the same rules as the API).
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func, select

from connect_server.deps import transaction, web_user
from auditor_app.review.states import OPENS_REVISION, STATE_LABELS
from connect_server.models import (
    Firm,
    ReviewRecordEntry,
    ReviewThread,
    SessionToken,
    Submission,
    SubmissionBlob,
    User,
    ZtAlert,
    utcnow,
)
from connect_server.security import SESSION_COOKIE, open_session, password_ok, token_hash, visible

router = APIRouter(prefix="/web", include_in_schema=False)

STYLE = """body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d2733;background:#f5f7fa}
header{background:#1f3b57;color:#fff;padding:10px 24px;display:flex;gap:24px;align-items:center}
header a{color:#fff}main{padding:16px 24px;max-width:1100px}table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #dde3ea;vertical-align:top}
th{background:#eef2f6}.verified{color:#136b2d;font-weight:600}.rejected{color:#a3191c;font-weight:600}
.receiving{color:#8a5a00}.banner{background:#a3191c;color:#fff;padding:8px 24px}.muted{color:#66717d}
form.inline{display:inline}code{font-size:13px}"""


def page(title: str, body: str, user: User | None = None, alerts: int = 0) -> HTMLResponse:
    nav = ""
    if user is not None:
        nav = (f'<a href="/web/">Submissions</a><a href="/web/alerts">Zero Tolerance alerts</a>'
               f'<span class="muted" style="color:#cfd8e3">{escape(user.name)} ({escape(user.role)})</span>'
               '<form class="inline" method="post" action="/web/logout"><button>Sign out</button></form>')
    banner = (f'<div class="banner">{alerts} Zero Tolerance alert(s) not yet acknowledged: '
              '<a style="color:#fff" href="/web/alerts">review them</a></div>' if alerts else "")
    html = (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{escape(title)} · ESCP Connect</title>"
            f"<style>{STYLE}</style></head><body><header><strong>ESCP Connect</strong>{nav}</header>{banner}"
            f"<main><h1>{escape(title)}</h1>{body}</main></body></html>")
    return HTMLResponse(html, headers={"Content-Security-Policy": "default-src 'self'; style-src 'unsafe-inline'",
                                       "X-Frame-Options": "DENY"})


def _signed_in(request: Request) -> User | Response:
    user = web_user(request)
    return user if user is not None else RedirectResponse("/web/login", status_code=303)


def _open_alerts(db, user: User) -> int:
    if user.role not in ("reviewer", "admin", "lead"):
        return 0
    return db.scalar(select(func.count()).select_from(ZtAlert).where(
        ZtAlert.acknowledged_at.is_(None), visible(user, ZtAlert.user_id, ZtAlert.firm_id))) or 0


@router.get("/login")
def login_form(error: str = "") -> HTMLResponse:
    note = f'<p class="rejected">{escape(error)}</p>' if error else ""
    return page("Sign in", note + '<form method="post" action="/web/login"><p><label>Login <input name="login" '
                'autocomplete="username"></label></p><p><label>Password <input name="password" type="password" '
                'autocomplete="current-password"></label></p><p><button>Sign in</button></p></form>')


@router.post("/login")
async def login(request: Request) -> Response:
    form = parse_qs((await request.body()).decode("utf-8", "replace"))
    login_name = (form.get("login") or [""])[0]
    password = (form.get("password") or [""])[0]
    with transaction(request) as db:
        user = db.scalars(select(User).where(User.login == login_name)).one_or_none()
        if user is None or not user.password_hash or not password_ok(user.password_hash, password):
            return RedirectResponse("/web/login?error=Wrong+login+or+password", status_code=303)
        token, _expires = open_session(db, user, kind="web", hours=request.app.state.settings.session_hours)
    response = RedirectResponse("/web/", status_code=303)
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict", path="/web")
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        with transaction(request) as db:
            row = db.get(SessionToken, token_hash(token))
            if row is not None:
                db.delete(row)
    response = RedirectResponse("/web/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/web")
    return response


@router.get("/")
def submissions_page(request: Request) -> Response:
    user = _signed_in(request)
    if not isinstance(user, User):
        return user
    with transaction(request) as db:
        rows = db.scalars(select(Submission).where(visible(user, Submission.user_id, Submission.firm_id))
                          .order_by(Submission.received_at.desc())).all()
        names = {u.id: u.name for u in db.scalars(select(User))}
        firms = {f.id: f.name for f in db.scalars(select(Firm))}
        alerts = _open_alerts(db, user)
        reviews = _reviews_by_audit(db)
    lines = []
    for s in rows:
        signer = s.signer.get("name") or "" if s.signer else ""
        result = {"verified": "verified: chain, seal and signature", "rejected": f"refused ({len(s.problems)} "
                  "problem(s))", "receiving": "receiving files"}.get(s.state, s.state)
        pdfs = (f'<a href="/web/submissions/{escape(s.audit_id)}/report.pdf">report</a> · '
                f'<a href="/web/submissions/{escape(s.audit_id)}/cap.pdf">CAP</a>' if s.state == "verified" else "")
        lines.append(f'<tr><td><a href="/web/submissions/{escape(s.audit_id)}">{escape(s.factory_name or "?")}</a></td>'
                     f"<td>{escape(s.audit_type)}</td><td class='{escape(s.state)}'>{escape(result)}</td>"
                     f"<td>{escape(signer)}</td><td>{escape(names.get(s.user_id, ''))}</td>"
                     f"<td>{escape(firms.get(s.firm_id or '', ''))}</td><td>{_time(s.received_at)}</td>"
                     f"<td>{_review_cell(reviews.get(s.audit_id), s)}</td><td>{pdfs}</td></tr>")
    table = ("<table><tr><th>Factory</th><th>Type</th><th>State</th><th>Seal signed by</th><th>Submitted by</th>"
             "<th>Firm</th><th>Received</th><th>Review</th><th>PDF</th></tr>" + "".join(lines) + "</table>") if lines else \
        "<p class=muted>No submissions yet.</p>"
    return page("Submissions", table, user, alerts)


@router.get("/submissions/{audit_id}")
def submission_page(request: Request, audit_id: str) -> Response:
    user = _signed_in(request)
    if not isinstance(user, User):
        return user
    with transaction(request) as db:
        sub = db.get(Submission, audit_id)
        if sub is None or not _may_see(user, sub.user_id, sub.firm_id):
            return page("Not found", "<p>That submission does not exist or is not visible to you.</p>", user)
        members = db.scalars(select(SubmissionBlob).where(SubmissionBlob.audit_id == audit_id)
                             .order_by(SubmissionBlob.path)).all()
        submitter = db.get(User, sub.user_id)
        alerts = _open_alerts(db, user)
        thread = _reviews_by_audit(db, audit_id).get(audit_id)
    store = request.app.state.blobs
    audit = sub.manifest.get("audit", {})
    signer = sub.signer or {}
    facts = [("Audit", audit_id), ("Factory", sub.factory_name or ""), ("Type", sub.audit_type),
             ("Revision", str(audit.get("revision", ""))), ("State", sub.state),
             ("Submitted by", submitter.name if submitter else ""), ("Received", _time(sub.received_at)),
             ("Verified", _time(sub.verified_at) if sub.verified_at else "not yet"),
             ("Seal", audit.get("seal", "")),
             ("Seal signed by", f"{signer.get('name', '')} ({signer.get('firm', '')}), key {signer.get('key_id', '')}"
              f", registered to {signer.get('registered_to', '')}" if signer else "")]
    body = "<table>" + "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in facts) + "</table>"
    if sub.state == "verified":
        body += (f'<p class="documents"><a href="/web/submissions/{escape(audit_id)}/report.pdf">Audit report (PDF)</a>'
                 f' · <a href="/web/submissions/{escape(audit_id)}/cap.pdf">Corrective Action Plan (PDF)</a>'
                 ' <span class="muted">built from the verified package</span></p>')
    if thread is not None:
        body += (f'<p class="review">Review: <a href="/web/reviews/{escape(thread.id)}">'
                 f'{escape(_review_words(thread, audit_id))}</a></p>')
    if sub.problems:
        body += "<h2>Problems</h2><ul>" + "".join(f"<li>{escape(p)}</li>" for p in sub.problems) + "</ul>"
    body += "<h2>Files</h2><table><tr><th>Member</th><th>Size</th><th>SHA-256</th><th>Held</th></tr>" + "".join(
        f"<tr><td>{escape(m.path[:20])}</td><td>{m.size:,}</td><td><code>{m.sha256}</code></td>"
        f"<td>{'yes' if store.has(m.sha256) else 'not yet'}</td></tr>" for m in members) + "</table>"
    return page(sub.factory_name or "Submission", body, user, alerts)


@router.get("/submissions/{audit_id}/{kind}.pdf")
def submission_pdf(request: Request, audit_id: str, kind: str) -> Response:
    """The report or CAP PDF of a verified submission (built from its package on first request)."""
    from connect_server.pdfs import KINDS, NotRenderable, cached_pdf, file_name

    user = _signed_in(request)
    if not isinstance(user, User):
        return user
    with transaction(request) as db:
        sub = db.get(Submission, audit_id)
        if sub is None or kind not in KINDS or not _may_see(user, sub.user_id, sub.firm_id):
            return page("Not found", "<p>That document does not exist or is not visible to you.</p>", user)
        try:
            data = cached_pdf(db, request.app.state.blobs, sub, kind)
        except NotRenderable as exc:
            return page("Not available", f"<p>{escape(str(exc).capitalize())}.</p>", user)
        name = file_name(sub, kind)
    return Response(data, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "X-Content-Type-Options": "nosniff"})


@router.get("/alerts")
def alerts_page(request: Request) -> Response:
    user = _signed_in(request)
    if not isinstance(user, User):
        return user
    with transaction(request) as db:
        rows = db.scalars(select(ZtAlert).where(visible(user, ZtAlert.user_id, ZtAlert.firm_id))
                          .order_by(ZtAlert.received_at.desc())).all()
        alerts = _open_alerts(db, user)
    lines = []
    for a in rows:
        b = a.body
        ack = (f"acknowledged {_time(a.acknowledged_at)}" if a.acknowledged_at else
               (f'<form class="inline" method="post" action="/web/alerts/{escape(a.id)}/acknowledge">'
                '<button>Acknowledge</button></form>' if user.role in ("reviewer", "admin") else "open"))
        lines.append(f"<tr><td>{_time(a.received_at)}</td><td>{escape(str(b.get('factory_name', '')))}</td>"
                     f"<td>{escape(str(b.get('checkpoint_id', '')))}</td><td>{escape(str(b.get('description', '')))}"
                     f"</td><td>{len(b.get('evidence') or [])}</td><td>{ack}</td></tr>")
    table = ("<table><tr><th>Received</th><th>Factory</th><th>Checkpoint</th><th>Finding</th><th>Evidence</th>"
             "<th></th></tr>" + "".join(lines) + "</table>") if lines else "<p class=muted>No alerts.</p>"
    return page("Zero Tolerance alerts", table, user, alerts)


@router.post("/alerts/{alert_id}/acknowledge")
def acknowledge(request: Request, alert_id: str) -> Response:
    user = _signed_in(request)
    if not isinstance(user, User):
        return user
    if user.role not in ("reviewer", "admin"):
        return page("Not allowed", "<p>Only program reviewers acknowledge alerts.</p>", user)
    with transaction(request) as db:
        alert = db.get(ZtAlert, alert_id)
        if alert is not None and alert.acknowledged_at is None:
            alert.acknowledged_at, alert.acknowledged_by = utcnow(), user.id
    return RedirectResponse("/web/alerts", status_code=303)


# ---- reviews ------------------------------------------------------------------------------------------

ENTRY_WORDS = {"receive": "received for review", "comment": "comment", "answer": "answer",
               "return": "returned for rework", "resubmit": "resubmitted", "approve": "approved",
               "submit": "submitted to the program"}


def _reviews_by_audit(db, audit_id: str | None = None) -> dict[str, ReviewThread]:
    """{revision: its review thread}, for every revision received or resubmitted (or for `audit_id`)."""
    query = (select(ReviewRecordEntry.audit_id, ReviewThread)
             .join(ReviewThread, ReviewThread.id == ReviewRecordEntry.thread_id)
             .where(ReviewRecordEntry.kind.in_(sorted(OPENS_REVISION))))
    if audit_id is not None:
        query = query.where(ReviewRecordEntry.audit_id == audit_id)
    return {revision: thread for revision, thread in db.execute(query).tuples()}


def _review_words(thread: ReviewThread, audit_id: str) -> str:
    if thread.under_review != audit_id:
        return "returned; corrected in a later revision"
    return STATE_LABELS.get(thread.state, thread.state)


def _review_cell(thread: ReviewThread | None, sub: Submission) -> str:
    if thread is not None:
        return (f'<a class="review-{escape(thread.state)}" href="/web/reviews/{escape(thread.id)}">'
                f"{escape(_review_words(thread, sub.audit_id))}</a>")
    return '<span class="muted">not received yet</span>' if sub.state == "verified" else ""


@router.get("/reviews/{thread_id}")
def review_page(request: Request, thread_id: str) -> Response:
    """One review: the state, the revisions, and every entry of the record in order."""
    from connect_server.reviews import held_entries, may_see_thread, revisions

    user = _signed_in(request)
    if not isinstance(user, User):
        return user
    with transaction(request) as db:
        thread = db.get(ReviewThread, thread_id)
        if thread is None or not may_see_thread(db, user, thread):
            return page("Not found", "<p>That review does not exist or is not visible to you.</p>", user)
        records = held_entries(db, thread_id)
        posted = {row.id: row.user_id for row in db.scalars(select(ReviewRecordEntry)
                                                            .where(ReviewRecordEntry.thread_id == thread_id))}
        logins = {u.id: u.login for u in db.scalars(select(User))}
        under = db.get(Submission, thread.under_review)
        firm = db.get(Firm, thread.firm_id) if thread.firm_id else None
        alerts = _open_alerts(db, user)
    revision_no = {e["audit"]["id"]: e["audit"]["revision"] for e in records}
    facts = [("State", STATE_LABELS.get(thread.state, thread.state)),
             ("Factory", (under.factory_name or "") if under else ""), ("Firm", firm.name if firm else ""),
             ("Under review", f"revision {revision_no.get(thread.under_review, '?')} ({thread.under_review})"),
             ("Entries", str(thread.head_seq)), ("Last change", _time(thread.updated_at))]
    body = ('<table class="facts">' + "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in facts)
            + "</table><h2>Revisions</h2><ul>" + "".join(
                f'<li><a href="/web/submissions/{escape(r)}">revision {revision_no.get(r, "?")}</a> '
                f'<code>{escape(r)}</code></li>' for r in revisions(records)) + "</ul>")
    seq_of = {e["id"]: e["seq"] for e in records}
    lines = []
    for e in records:
        author = e["author"]
        about = (e["target"] or {}).get("label", "")
        if e["reply_to"]:
            about = f"answer to #{seq_of.get(e['reply_to'], '?')}" + (f": {about}" if about else "")
        lines.append(f'<tr class="entry entry-{escape(e["kind"])}"><td>{e["seq"]}</td><td>{_time(_parsed_at(e["at"]))}</td>'
                     f"<td>{escape(ENTRY_WORDS.get(e['kind'], e['kind']))}</td>"
                     f"<td>{escape(author['name'])}{', ' + escape(author['firm']) if author['firm'] else ''}"
                     f"<br><span class=muted>key {escape(author['key_id'])}, posted by "
                     f"{escape(logins.get(posted.get(e['id'], ''), ''))}</span></td>"
                     f"<td>{escape(str(e['audit']['revision']))}</td><td>{escape(about)}</td>"
                     f"<td>{escape(e['text'])}</td></tr>")
    body += ("<h2>Record</h2><table><tr><th>#</th><th>When</th><th>What</th><th>Who</th><th>Revision</th>"
             "<th>About</th><th>Text</th></tr>" + "".join(lines) + "</table>"
             '<p class="muted">Each entry is signed with its author\'s enrolled device key and chained to the one '
             "before it.</p>")
    return page(f"Review: {(under.factory_name or '') if under else ''}", body, user, alerts)


def _parsed_at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))  # checked by records.entry_problems


def _may_see(user: User, owner: str, firm: str | None) -> bool:
    from connect_server.security import may_see

    return may_see(user, owner, firm)


def _time(when) -> str:
    return when.strftime("%Y-%m-%d %H:%M UTC") if when else ""
