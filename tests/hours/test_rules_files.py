"""The data files of the review are validated when loaded; mistakes name the file, place and problem."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from auditor_app.hours import headers, minimum_wage, rules
from auditor_app.resources import RulesFileError, load_rules, resources_dir


def _broken(tmp_path: Path, name: str, model, change) -> str:
    raw = yaml.safe_load((resources_dir() / "rules" / name).read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RulesFileError) as caught:
        load_rules(model, path)
    return str(caught.value)


def test_header_aliases_may_name_one_field_only(tmp_path):
    message = _broken(tmp_path, "hours-headers.yaml", headers._File,
                      lambda raw: raw["payroll"]["fields"]["net_pay"].append("应发工资"))
    assert "payroll: header '应发工资' is listed for both gross_pay and net_pay" in message
    message = _broken(tmp_path, "hours-headers.yaml", headers._File,
                      lambda raw: raw["attendance"]["required"].remove("date"))
    assert "attendance: date must stay required" in message


def test_minimum_wage_entries_in_order_with_sources(tmp_path):
    message = _broken(tmp_path, "minimum-wage-CN.yaml", minimum_wage._File,
                      lambda raw: raw["cities"]["shanghai"]["entries"].reverse())
    assert "cities.shanghai.entries" in message and "in order of effective_from" in message
    message = _broken(tmp_path, "minimum-wage-CN.yaml", minimum_wage._File,
                      lambda raw: raw["cities"]["wuhan"]["entries"][0].pop("source"))
    assert "cities.wuhan.entries[0].source" in message


def test_every_city_is_found_by_its_names_and_has_a_figure_for_2024_to_2026():
    table = minimum_wage.wage_table()
    assert len(table.cities) >= 12
    for city in table.cities.values():
        assert table.city(city.name_local + "市") is city and table.city(city.name.upper()) is city
        entry = city.in_force(date(2024, 1, 1))
        assert entry is not None and entry.monthly > 1500 and entry.source


def test_hours_rules_checkpoints_cover_every_breach(tmp_path):
    message = _broken(tmp_path, "hours-rules.yaml", rules._File,
                      lambda raw: raw["checkpoints"]["4.0"].pop("missing_punch"))
    assert "checkpoints.4.0: missing missing_punch" in message
    message = _broken(tmp_path, "hours-rules.yaml", rules._File,
                      lambda raw: raw["program"].update(weekly_hours_critical=50))
    assert "weekly_hours_critical must not be below weekly_hours_limit" in message
