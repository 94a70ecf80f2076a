"""`read_package(path, evidence="as_read")`: every check but the evidence hashes, which are proven as
`copy_evidence` streams each member, or by `check_unread_evidence`; a member that fails refuses the
package. `inspect_package` (verify) and the default read stay as strict as ever."""

from __future__ import annotations

import io
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from auditor_app.package.errors import PackageError
from auditor_app.package.reader import read_package
from auditor_app.package.verify import verify_package

from .crafting import read_members, repack

CHANGED = "SHA-256 differs from the manifest (the file was changed or damaged)"


def evidence_names(path) -> list[str]:
    return sorted(n for n in read_members(path) if n.startswith("evidence/"))


def changed_photos(package_path, out, names) -> None:
    """The package with the photos `names` changed in one byte each: same sizes, a valid zip (CRCs
    recomputed), the manifest as exported; only the SHA-256 tells."""
    members = read_members(package_path)
    replaced = {}
    for name in names:
        photo = bytearray(members[name])
        photo[len(photo) // 2] ^= 0x01
        replaced[name] = bytes(photo)
    repack(package_path, out, replace=replaced, fix_manifest=False)


def copy(package, name: str) -> str:
    return package.copy_evidence(name.split("/", 1)[1], io.BytesIO())


def test_every_check_runs_but_the_evidence_hashes(package_path, tmp_path):
    photos = evidence_names(package_path)
    changed = tmp_path / "changed.escp"
    changed_photos(package_path, changed, photos[:1])
    with pytest.raises(PackageError, match=re.escape(CHANGED)):
        read_package(changed)  # the default reads every hash first, as before
    assert verify_package(changed) == [f"{photos[0]}: {CHANGED}"]

    package = read_package(changed, evidence="as_read")
    assert package.unchecked == set(photos)
    assert read_package(package_path).unchecked == set()

    edited = tmp_path / "edited.escp"

    def edit(events):
        events[0]["actor"] = "nobody"
    repack(package_path, edited, edit_json={"events.json": edit}, fix_manifest=False)
    with pytest.raises(PackageError, match="events.json"):
        read_package(edited, evidence="as_read")  # the rest is checked up front as ever


def test_copy_evidence_proves_the_member_or_refuses_the_package(package_path, tmp_path):
    good, bad = evidence_names(package_path)[:2]
    changed = tmp_path / "changed.escp"
    changed_photos(package_path, changed, [bad])
    package = read_package(changed, evidence="as_read")

    assert copy(package, good) == good.split("/", 1)[1]
    assert package.unchecked == {bad}
    with pytest.raises(PackageError) as err:
        copy(package, bad)
    assert err.value.problems == [f"{bad}: {CHANGED}"]
    assert package.unchecked == {bad}
    with pytest.raises(PackageError, match=bad):
        copy(package, good)  # a package that failed a check is trusted no more


def test_check_unread_evidence_names_every_changed_member_in_the_package_order(package_path, tmp_path):
    photos = evidence_names(package_path)
    assert len(photos) >= 2
    changed = tmp_path / "changed.escp"
    changed_photos(package_path, changed, photos)
    package = read_package(changed, evidence="as_read")
    with pytest.raises(PackageError) as err:
        package.check_unread_evidence()
    assert err.value.problems == [f"{name}: {CHANGED}" for name in photos]

    intact = read_package(package_path, evidence="as_read")
    copy(intact, photos[0])
    intact.check_unread_evidence()
    assert intact.unchecked == set()


def test_the_member_read_is_the_one_checked_even_if_the_file_is_replaced_after(package_path, tmp_path):
    """Names, sizes and limits were checked on the first directory; a file put in its place later
    must still give the manifest's hashes."""
    photos = evidence_names(package_path)
    path = tmp_path / "swapped.escp"
    path.write_bytes(package_path.read_bytes())
    package = read_package(path, evidence="as_read")
    changed_photos(package_path, tmp_path / "other.escp", photos)
    (tmp_path / "other.escp").replace(path)
    with pytest.raises(PackageError) as err:
        package.check_unread_evidence()
    assert [p.split(":")[0] for p in err.value.problems] == photos


def test_copy_evidence_from_two_threads(package_path, tmp_path):
    photos = evidence_names(package_path)
    changed = tmp_path / "changed.escp"
    changed_photos(package_path, changed, photos[-1:])
    package = read_package(changed, evidence="as_read")
    good = photos[:-1] * 20  # each good photo copied many times, two at a time, from the first read on
    start = threading.Barrier(2)

    def one(name: str) -> str:
        if name == good[0]:
            start.wait(timeout=10)
        return copy(package, name)

    with ThreadPoolExecutor(max_workers=2) as pool:
        firsts = [pool.submit(one, good[0]), pool.submit(one, good[0])]  # both on the same unproven member
        assert [f.result() for f in firsts] == [good[0].split("/", 1)[1]] * 2
        assert list(pool.map(one, good)) == [name.split("/", 1)[1] for name in good]
    assert package.unchecked == {photos[-1]}

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = [pool.submit(copy, package, name) for name in photos * 3]
    failures = [f.exception() for f in results if f.exception() is not None]
    assert failures and all(isinstance(exc, PackageError) and photos[-1] in str(exc) for exc in failures)
    assert package.unchecked == {photos[-1]}
