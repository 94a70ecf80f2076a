"""The factory's time zone: on-site times (meetings, signatures, photos) are read in local time."""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, field_validator

from auditor_app.resources import load_rules

ZONES_FILE = "rules/time-zones.yaml"


def _valid_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{name!r} is not a known time zone (IANA name like Asia/Shanghai)") from None
    return name


class _ZonesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    default_by_country: dict[str, str]
    fallback: str

    @field_validator("default_by_country")
    @classmethod
    def _zones(cls, value: dict[str, str]) -> dict[str, str]:
        return {country: _valid_zone(zone) for country, zone in value.items()}

    @field_validator("fallback")
    @classmethod
    def _fallback(cls, value: str) -> str:
        return _valid_zone(value)


@lru_cache(maxsize=None)
def _zones(path: str = ZONES_FILE) -> _ZonesFile:
    return load_rules(_ZonesFile, path)


def zone_for_country(country: str, path: str = ZONES_FILE) -> str:
    zones = _zones(path)
    return zones.default_by_country.get((country or "").upper(), zones.fallback)


def factory_zone(profile: dict | None) -> ZoneInfo:
    """The zone of a factory profile row (as in the audit document), by its country if unset."""
    profile = profile or {}
    name = profile.get("timezone") or zone_for_country(profile.get("country") or "")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(zone_for_country(profile.get("country") or ""))
