"""Scale: does an audit ten times the usual size still open, list, export and report, and how does
each figure grow? Opt-in (`python -m benchmarks scale`, or BENCH_SCALE=1): the first run builds two
data folders (a few minutes), later runs take about two minutes.

Two audits, each in its own cached data folder under bench-out/scale-<photos>/:
  small  100 findings and   200 photos (about the large audit of bench_report),
  large 1000 findings and 2,000 photos,
photos of 1024x768 px (distinct, camera-like JPEGs with EXIF: the per-photo work of a 12-MP photo is
bench_report's business; this is about how things grow), linked two to a finding, with the
background check done (display copies made) as the window would have done after the import.

Each audit's figures come from two child processes (peak RSS per child):
  work:   open the store and read the audit as the header's recommended status does (live_rating:
          the whole audit document, the status rules); export the .escp; the report and the CAP from
          the data folder (PDF photo cache cold);
  window: the real main window (offscreen): the audit list reloaded; the audit opened on the
          Evidence page and on the Closing page (the CAP table), each to its first paint.
Growth is large / small: linear is ~10x for the photo- and finding-bound figures; the audit list
holds one audit either way (~1x expected).
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

from benchmarks import BENCH_OUT, ROOT

os.environ.setdefault("AUDITOR_APP_KEYRING", "off")  # the folder's key in a file: no keyring on a bench machine

SIZES = (("small", 100, 200), ("large", 1000, 2000))  # (name, findings, photos)
PHOTO_SIZE = (1024, 768)
OPT_IN_WORDS = ("scale",)


def _photo(seed: int) -> bytes:
    """A distinct camera-like JPEG: lit gradient, shapes, a little noise, EXIF capture time."""
    from PIL import Image, ImageDraw

    rnd = random.Random(seed)
    w, h = PHOTO_SIZE
    small = Image.linear_gradient("L").rotate(rnd.uniform(0, 360)).resize((w // 8, h // 8))
    base = Image.merge("RGB", [small.point(lambda v, k=k: int(v * k) + 20)
                               for k in (rnd.uniform(0.4, 0.9) for _ in range(3))])
    draw = ImageDraw.Draw(base)
    for _ in range(12):
        x, y = rnd.randrange(w // 8), rnd.randrange(h // 8)
        draw.rectangle((x, y, x + rnd.randrange(4, 40), y + rnd.randrange(4, 30)),
                       fill=tuple(rnd.randrange(256) for _ in range(3)))
    img = Image.blend(base.resize(PHOTO_SIZE, Image.Resampling.BILINEAR),
                      Image.effect_noise(PHOTO_SIZE, 20).convert("RGB"), 0.15)
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = f"2026:11:18 {9 + seed // 3600 % 8:02d}:{seed // 60 % 60:02d}:{seed % 60:02d}"
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85, exif=exif)
    return buf.getvalue()


def _write_photo(args: tuple[int, str]) -> None:
    seed, dest = args
    tmp = Path(f"{dest}.part")
    tmp.write_bytes(_photo(seed))
    os.replace(tmp, dest)


def prepare(name: str, findings: int, photos: int) -> tuple[Path, str]:
    """The cached data folder and audit id of one size; built on first use."""
    from benchmarks.bench_report import check_all, make_large_audit

    cache = BENCH_OUT / f"scale-{photos}"
    marker = cache / f"ready-{findings}-{photos}.json"
    if marker.is_file():
        return cache / "data", json.loads(marker.read_text())["audit_id"]
    shutil.rmtree(cache, ignore_errors=True)
    shots = cache / "photos"
    shots.mkdir(parents=True)
    started = time.perf_counter()
    print(f"   {name}: generating {photos} photos, then the audit (once) ...", flush=True)
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(_write_photo, [(n, str(shots / f"IMG_{n:05d}.jpg")) for n in range(photos)], chunksize=16))
    from auditor_app.paths import DataFolder
    from auditor_app.store.db import open_store

    store = open_store(DataFolder(cache / "data"), actor="bench")
    try:
        audit_id = make_large_audit(store, findings, sorted(shots.glob("IMG_*.jpg")))
        check_all(store, audit_id)
    finally:
        store.close()
    shutil.rmtree(shots, ignore_errors=True)  # the originals now live in data/evidence
    marker.write_text(json.dumps({"audit_id": audit_id, "made": datetime.now(timezone.utc).isoformat()}))
    print(f"   {name}: ready in {time.perf_counter() - started:.0f} s", flush=True)
    return cache / "data", audit_id


def _timed(figures: dict, key: str, fn) -> object:
    started = time.perf_counter()
    try:
        value = fn()
    except Exception as exc:  # noqa: BLE001 - one failing figure is printed, the others still measured
        figures[key] = f"failed: {type(exc).__name__}: {exc}"
        return None
    figures[key] = time.perf_counter() - started
    return value


def child_work(folder: str, audit_id: str, out_dir: str) -> None:
    from benchmarks.bench_report import peak_mb

    from auditor_app.audits.rating import live_rating
    from auditor_app.package.document import audit_document
    from auditor_app.package.export import export_audit
    from auditor_app.paths import DataFolder
    from auditor_app.reports.cap import build_cap
    from auditor_app.reports.photos import StorePhotos
    from auditor_app.reports.report import build_report
    from auditor_app.store.db import open_store

    out, figures = Path(out_dir), {}
    store = _timed(figures, "open store", lambda: open_store(DataFolder(Path(folder)), actor="bench"))

    def read_status():
        with store.session(read_only=True) as session:
            return live_rating(session, audit_id)

    _timed(figures, "open audit (live rating)", read_status)

    def document():
        with store.session(read_only=True) as session:
            return audit_document(session, audit_id)

    doc = _timed(figures, "audit document", document)
    _timed(figures, "export .escp", lambda: export_audit(store, audit_id, out / "audit.escp"))
    if (out / "audit.escp").is_file():
        figures["export MB"] = (out / "audit.escp").stat().st_size / 1e6
        (out / "audit.escp").unlink()
    photos = StorePhotos(store)
    report = _timed(figures, "report", lambda: build_report(doc, out / "report.pdf", photos=photos,
                                                            photo_cache=photos.cache()))
    _timed(figures, "CAP", lambda: build_cap(doc, out / "cap.pdf"))
    if report is not None:
        figures["report pages"] = report.pages
    figures["work peak RSS MB"] = peak_mb()
    store.close()
    print(json.dumps(figures))


def child_window(folder: str, audit_id: str) -> None:
    from benchmarks.bench_report import peak_mb

    os.environ["AUDITOR_APP_HOME"] = folder
    from benchmarks.bench_evidence_page import first_paint

    from auditor_app.paths import DataFolder
    from auditor_app.store.db import open_store
    from auditor_app.ui.app import create_app
    from auditor_app.ui.main_window import MainWindow

    app = create_app()
    figures: dict = {}
    store = open_store(DataFolder(Path(folder)), actor="bench")
    try:
        window = MainWindow(store)
        window.resize(1366, 768)
        window.show()
        app.processEvents()
        _timed(figures, "audit list reload", lambda: (window.show_list(), app.processEvents()))
        for stage, key in (("evidence", "open on Evidence page"), ("closing", "open on Closing page")):
            def opened(stage=stage):
                window.open_audit(audit_id, stage)
                view = window.audit_view
                page = getattr(view, "pages", {}).get(stage)
                return getattr(page, "grid", None) or page or view

            try:
                figures[key] = first_paint(app, opened)
            except Exception as exc:  # noqa: BLE001
                figures[key] = f"failed: {type(exc).__name__}: {exc}"
            window.show_list()
            app.processEvents()
        figures["window peak RSS MB"] = peak_mb()
        window.close()
    finally:
        store.close()
    print(json.dumps(figures))


def _child(*args: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-m", "benchmarks.bench_scale", "--child", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=3600)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"child": f"failed (exit {proc.returncode}): {proc.stderr.strip().splitlines()[-1:]}"}
    return json.loads(lines[-1])


def _fmt(key: str, value) -> str:
    if isinstance(value, str):
        return value
    if key.endswith("MB"):
        return f"{value:.0f} MB"
    if key.endswith("pages"):
        return f"{value}"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.1f} s"


def main() -> list[str]:
    from benchmarks.bench_evidence_import import load_average

    if not (set(OPT_IN_WORDS) & set(sys.argv[1:]) or os.environ.get("BENCH_SCALE")):
        print("   skipped: opt-in (`python -m benchmarks scale`; about 2 minutes, 10 more the first time)")
        return []
    results: dict[str, dict] = {}
    for name, findings, photos in SIZES:
        folder, audit_id = prepare(name, findings, photos)
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="bench-scale-", dir=BENCH_OUT) as tmp:
            figures = _child("work", str(folder), audit_id, tmp)
        figures.update(_child("window", str(folder), audit_id))
        results[name] = figures
        print(f"   {name} ({findings} findings, {photos} photos) measured in {time.perf_counter() - started:.0f} s, "
              f"load average {load_average()}", flush=True)
    small, large = results["small"], results["large"]
    lines = []
    print(f"   {'figure':30s} {'100 F / 200 P':>14s} {'1000 F / 2000 P':>16s} {'growth':>8s}")
    for key in dict.fromkeys(list(small) + list(large)):
        a, b = small.get(key), large.get(key)
        growth = f"{b / a:.1f}x" if isinstance(a, (int, float)) and isinstance(b, (int, float)) and a else "—"
        row = f"{key:30s} {_fmt(key, a) if a is not None else '—':>14s} {_fmt(key, b) if b is not None else '—':>16s} {growth:>8s}"
        print("   " + row)
        lines.append("scale: " + row.rstrip())
    return lines


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        if sys.argv[2] == "work":
            child_work(*sys.argv[3:6])
        else:
            child_window(*sys.argv[3:5])
    else:
        sys.argv.append("scale")
        main()
