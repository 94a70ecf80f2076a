"""verify_package: [] for an intact package; otherwise every problem, naming the member or event."""

from __future__ import annotations

import zipfile
from pathlib import Path

from auditor_app.package.verify import verify_package

from .crafting import read_members, repack


def evidence_member(package_path) -> zipfile.ZipInfo:
    with zipfile.ZipFile(package_path) as zf:
        return next(i for i in zf.infolist() if i.filename.startswith("evidence/"))


def test_an_intact_package_has_no_problems(package_path):
    assert verify_package(package_path) == []


def test_one_flipped_byte_in_a_photo_names_the_member(package_path):
    info = evidence_member(package_path)
    data = bytearray(Path(package_path).read_bytes())
    # Photos are stored uncompressed: the member's bytes follow its local header (30 bytes + name + extra).
    name_len = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little")
    extra_len = int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    data[start + info.file_size // 2] ^= 0x10  # bit rot on a USB stick
    Path(package_path).write_bytes(bytes(data))

    problems = verify_package(package_path)
    assert len(problems) == 1
    assert problems[0].startswith(f"{info.filename}: ")


def test_a_photo_replaced_under_the_same_name_names_the_member(package_path, tmp_path):
    info = evidence_member(package_path)
    photo = bytearray(read_members(package_path)[info.filename])
    photo[-3] ^= 0xFF
    out = tmp_path / "swapped.escp"
    repack(package_path, out, replace={info.filename: bytes(photo)}, fix_manifest=False)
    assert verify_package(out) == [f"{info.filename}: SHA-256 differs from the manifest (the file was "
                                   "changed or damaged)"]


def test_an_edited_event_names_the_event(package_path, tmp_path):
    out = tmp_path / "edited.escp"

    def edit(events):
        events[5]["changes"] = {"grade": ["critical", "minor"]}
    repack(package_path, out, edit_json={"events.json": edit})  # member hashes made to match
    problems = verify_package(out)
    assert any(p.startswith("events.json: event 6 (") and "was altered" in p for p in problems)


def test_every_problem_is_listed_not_just_the_first(package_path, tmp_path):
    info = evidence_member(package_path)
    out = tmp_path / "worse.escp"

    def edit(events):
        events[0]["actor"] = "nobody"
    repack(package_path, out, edit_json={"events.json": edit}, drop=[info.filename], fix_manifest=False)
    problems = verify_package(out)
    assert f"{info.filename}: listed in the manifest but missing from the package" in problems
    assert "events.json: SHA-256 differs from the manifest (the file was changed or damaged)" in problems
    assert any(p.startswith("events.json: event 1 (") for p in problems)


def test_evidence_named_by_the_audit_must_be_in_the_package(package_path, tmp_path):
    info = evidence_member(package_path)
    out = tmp_path / "missing.escp"
    repack(package_path, out, drop=[info.filename])  # manifest agrees: only the audit knows
    problems = verify_package(out)
    assert len(problems) == 1
    assert problems[0].startswith(f"{info.filename}: the original of '")
    assert problems[0].endswith("is missing from the package")


def test_not_a_package(tmp_path):
    junk = tmp_path / "notes.escp"
    junk.write_text("not a zip")
    assert verify_package(junk) == ["not an ESCP audit package: not a zip file"]


def test_every_damaged_photo_is_named_in_the_order_of_the_package(package_path, tmp_path):
    """Photos are hashed two at a time; the problems still come one per photo, in the manifest's order."""
    members = read_members(package_path)
    photos = sorted(name for name in members if name.startswith("evidence/"))
    assert len(photos) >= 2
    out = tmp_path / "rotten.escp"
    repack(package_path, out, replace={name: members[name][:-3] + bytes(b ^ 0xFF for b in members[name][-3:])
                                       for name in photos}, fix_manifest=False)
    assert verify_package(out) == [f"{name}: SHA-256 differs from the manifest (the file was changed or damaged)"
                                   for name in photos]
