"""A small iCalendar (RFC 5545) writer: one calendar of timed events in the Vietnamese
time zone, text escaped (§3.3.11) and lines folded at 75 octets (§3.1), CRLF endings.

Domain-free: the apps build `Event`s from their records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

TZID = "Asia/Ho_Chi_Minh"
VIETNAM = ZoneInfo(TZID)
# Vietnam has kept UTC+7 without daylight saving since 13/06/1975.
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:STANDARD",
    "DTSTART:19750613T000000",
    "TZOFFSETFROM:+0700",
    "TZOFFSETTO:+0700",
    "TZNAME:ICT",
    "END:STANDARD",
    "END:VTIMEZONE",
]


@dataclass(frozen=True)
class Event:
    uid: str
    start: dt.datetime  # aware
    end: dt.datetime  # aware
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""
    sequence: int = 0
    cancelled: bool = False


def escape(text: str) -> str:
    """TEXT value escaping: backslash, semicolon, comma and line breaks."""
    text = (text or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets (UTF-8), never inside a
    character; continuation lines start with one space."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not parts else 74  # the leading space of a continuation counts
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _local(moment: dt.datetime) -> str:
    return moment.astimezone(VIETNAM).strftime("%Y%m%dT%H%M%S")


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def render(events: list[Event], *, stamp: dt.datetime, product: str = "-//phoihop//phoihop//VI") -> str:
    """The calendar as text (CRLF line endings)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{product}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    lines += VTIMEZONE
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{_utc(stamp)}",
            f"SEQUENCE:{event.sequence}",
            f"DTSTART;TZID={TZID}:{_local(event.start)}",
            f"DTEND;TZID={TZID}:{_local(event.end)}",
            f"SUMMARY:{escape(event.summary)}",
        ]
        if event.location:
            lines.append(f"LOCATION:{escape(event.location)}")
        if event.description:
            lines.append(f"DESCRIPTION:{escape(event.description)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines += [f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(f"{fold(line)}\r\n" for line in lines)
