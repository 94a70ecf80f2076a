"""The factory's time zone: on-site times (meetings, signatures, photos) are read in local time."""

from __future__ import annotations

from datetime import datetime, timezone, tzinfo
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


def factory_zone(profile) -> ZoneInfo:
    """The zone of a factory profile (a row of the audit document, or the stored FactoryProfile),
    by its country when it names none."""
    def field(name: str) -> str:
        value = profile.get(name) if isinstance(profile, dict) else getattr(profile, name, "")
        return value or ""

    country = field("country") if profile is not None else ""
    name = (field("timezone") if profile is not None else "") or zone_for_country(country)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(zone_for_country(country))


def site_time(moment: datetime | None, zone: tzinfo, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored UTC moment as the people on site read it, with its offset: `2026-11-18 08:50 UTC+08:00`.

    Every screen and document prints on-site times this way, whatever zone the laptop is set to."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    local = moment.astimezone(zone)
    offset = local.strftime("%z")
    label = "UTC" if offset in ("+0000", "") else f"UTC{offset[:3]}:{offset[3:]}"
    return f"{local.strftime(fmt)} {label}"


def photo_time(moment: datetime | None, source: str, zone: tzinfo, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """When a photo was taken, as true as the file allows: the camera's time; else "time unknown" with
    the file's time beside it, which says when the file was last written, not when the photo was taken."""
    if moment is None:
        return "time unknown"
    if source == "file":
        return f"time unknown (file time {site_time(moment, zone, fmt)})"
    return site_time(moment, zone, fmt)
