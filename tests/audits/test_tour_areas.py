"""The usual tour areas come from the profile under the profile's own names, never doubled."""

from __future__ import annotations

from types import SimpleNamespace

from auditor_app.audits.tour import suggested_areas


def profile(departments, dormitory=False, canteen=False, sites=()):
    return SimpleNamespace(departments=departments, has_dormitory=dormitory, has_canteen=canteen,
                           other_sites=list(sites))


def test_departments_keep_their_case_and_kind():
    areas = suggested_areas(profile(["Injection Moulding", "Finished Goods Warehouse", "Staff Canteen"],
                                    dormitory=True, canteen=True))
    assert areas == [("production", "Injection Moulding"), ("warehouse", "Finished Goods Warehouse"),
                     ("canteen", "Staff Canteen"), ("dormitory", "Dormitory")]


def test_no_second_warehouse_and_chinese_names():
    areas = suggested_areas(profile(["注塑车间", "成品仓库", "Warehouse"], dormitory=True))
    names = [name for _, name in areas]
    assert names.count("Warehouse") == 1 and ("warehouse", "成品仓库") in areas
    assert ("production", "注塑车间") in areas and ("dormitory", "Dormitory") in areas


def test_a_profile_without_departments_gets_the_usual_three():
    assert suggested_areas(profile([], canteen=True)) == [
        ("production", "Production floor"), ("warehouse", "Warehouse"), ("canteen", "Canteen")]
