#!/usr/bin/env python3
"""Checks a Kompetence iCalendar feed (.ics) with an independent parser: PyPI `icalendar`.

Usage: python3 tests/ical/check.py FILE.ics [--expect-dst]

Checks that the file parses; VERSION is 2.0 and PRODID is present; lines end in CRLF and
are folded at 75 octets; there is a VTIMEZONE for Europe/Copenhagen (and for every TZID
used); every VEVENT has exactly one UID (unique in the file), exactly one DTSTAMP in UTC,
and a DTSTART and DTEND as date-times with TZID=Europe/Copenhagen, DTEND after DTSTART;
the file's VTIMEZONE gives every event the same UTC instant as the tz database. When the
file has events at 09:00 local on the summer-time changes 2026-10-25 and 2027-03-28, their
UTC instants must be 2026-10-25T08:00:00Z and 2027-03-28T07:00:00Z (with --expect-dst the
two events must be there).

Prints one line per failure and ends with "N passed, M failed"; exits 1 on any failure,
2 on bad usage. Needs `pip install icalendar` (tested with 7.3.0).
"""
from __future__ import annotations

import sys
from datetime import datetime, timezone

TZID = "Europe/Copenhagen"
# Local 09:00 on the last Sundays of October 2026 and March 2027 (the summer-time changes).
DST_SAMPLES = {
    datetime(2026, 10, 25, 9, 0): datetime(2026, 10, 25, 8, 0, tzinfo=timezone.utc),
    datetime(2027, 3, 28, 9, 0): datetime(2027, 3, 28, 7, 0, tzinfo=timezone.utc),
}


class Report:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def check(self, ok: bool, what: str) -> bool:
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL: {what}")
        return ok

    def finish(self, skipped: int = 0) -> int:
        tail = f", {skipped} skipped" if skipped else ""
        print(f"{self.passed} passed, {self.failed} failed{tail}")
        return 1 if self.failed else 0


def as_list(value) -> list:
    """The parser gives a list for a repeated property, the value itself otherwise."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    flags = {a for a in argv if a.startswith("--")}
    if len(args) != 1 or flags - {"--expect-dst"}:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    path = args[0]
    try:
        import icalendar
        from icalendar import Calendar
    except ImportError:
        print("FAIL: the Python package 'icalendar' is missing: pip install icalendar", file=sys.stderr)
        return 2

    r = Report()
    try:
        raw = open(path, "rb").read()
    except OSError as e:
        r.check(False, f"cannot read {path}: {e}")
        return r.finish()

    # Content lines: CRLF endings and at most 75 octets each (RFC 5545 section 3.1).
    lines = raw.split(b"\r\n")
    r.check(b"\n" not in raw.replace(b"\r\n", b""), "every line ends in CRLF (found a bare LF)")
    long_lines = [i + 1 for i, l in enumerate(lines) if len(l) > 75]
    r.check(not long_lines, f"lines are folded at 75 octets (too long: lines {long_lines[:10]})")
    try:
        raw.decode("utf-8")
        r.check(True, "")
    except UnicodeDecodeError as e:
        r.check(False, f"the file is not valid UTF-8 (a fold may split a character): {e}")

    try:
        cal = Calendar.from_ical(raw)
    except Exception as e:  # the parser raises ValueError and friends
        r.check(False, f"icalendar {icalendar.__version__} cannot parse {path}: {e}")
        return r.finish()
    r.check(cal.name == "VCALENDAR", f"the file is a VCALENDAR (got {cal.name})")
    # A parser that swallowed a broken line records it instead of raising.
    broken = [c for c in cal.walk() if getattr(c, "errors", None)]
    r.check(not broken, "no component has parse errors: " + "; ".join(f"{c.name}: {c.errors}" for c in broken))

    version = as_list(cal.get("VERSION"))
    r.check(len(version) == 1 and str(version[0]) == "2.0", f"VERSION is 2.0 (got {version})")
    prodid = as_list(cal.get("PRODID"))
    r.check(len(prodid) == 1 and str(prodid[0]).strip() != "", f"one non-empty PRODID (got {prodid})")

    timezones = {str(tz.get("TZID")): tz for tz in cal.walk("VTIMEZONE")}
    file_tz = None
    if r.check(TZID in timezones, f"a VTIMEZONE with TZID {TZID} (found {sorted(timezones)})"):
        vtz = timezones[TZID]
        r.check(
            any(True for _ in vtz.walk("STANDARD")) and any(True for _ in vtz.walk("DAYLIGHT")),
            f"the {TZID} VTIMEZONE has STANDARD and DAYLIGHT parts",
        )
        try:
            # lookup_tzid=False: build the zone from the file's own rules, not the tz database.
            file_tz = vtz.to_tz(lookup_tzid=False)
            r.check(True, "")
        except Exception as e:
            r.check(False, f"the {TZID} VTIMEZONE cannot be turned into a time zone: {e}")

    events = list(cal.walk("VEVENT"))
    r.check(len(events) > 0, "the calendar has at least one VEVENT")
    uids: dict[str, int] = {}
    starts: dict[datetime, datetime | None] = {}  # local start -> UTC instant by the file's VTIMEZONE
    for n, ev in enumerate(events, 1):
        uid_values = as_list(ev.get("UID"))
        uid = str(uid_values[0]) if uid_values else f"#{n}"
        name = f"VEVENT {n} (UID {uid})"
        r.check(len(uid_values) == 1 and uid.strip() != "", f"{name}: exactly one non-empty UID (got {len(uid_values)})")
        uids[uid] = uids.get(uid, 0) + 1

        stamps = as_list(ev.get("DTSTAMP"))
        if r.check(len(stamps) == 1, f"{name}: exactly one DTSTAMP (got {len(stamps)})"):
            stamp = stamps[0]
            raw_stamp = stamp.to_ical().decode()
            r.check(
                isinstance(stamp.dt, datetime) and raw_stamp.endswith("Z") and "TZID" not in stamp.params,
                f"{name}: DTSTAMP is a UTC date-time ending in Z (got {raw_stamp} {dict(stamp.params)})",
            )

        times = {}
        for key in ("DTSTART", "DTEND"):
            values = as_list(ev.get(key))
            if not r.check(len(values) == 1, f"{name}: exactly one {key} (got {len(values)})"):
                continue
            prop = values[0]
            tzid = prop.params.get("TZID")
            ok = r.check(tzid == TZID, f"{name}: {key} has TZID={TZID} (got {tzid!r}, {prop.to_ical().decode()})")
            ok = r.check(
                isinstance(prop.dt, datetime) and prop.dt.tzinfo is not None,
                f"{name}: {key} is a date-time in a time zone (got {prop.dt!r})",
            ) and ok
            if tzid and tzid not in timezones:
                r.check(False, f"{name}: {key} uses TZID {tzid} without a VTIMEZONE for it")
            if ok:
                times[key] = prop.dt
        if len(times) == 2:
            start, end = times["DTSTART"], times["DTEND"]
            r.check(end > start, f"{name}: DTEND {end} is after DTSTART {start}")
            starts.setdefault(start.replace(tzinfo=None), None)
            if file_tz is not None:
                for key, t in times.items():
                    local = t.replace(tzinfo=None)
                    by_file = local.replace(tzinfo=file_tz).astimezone(timezone.utc)
                    by_tzdb = t.astimezone(timezone.utc)
                    r.check(
                        by_file == by_tzdb,
                        f"{name}: {key} {local} is {by_file:%Y-%m-%dT%H:%M:%SZ} by the file's VTIMEZONE "
                        f"but {by_tzdb:%Y-%m-%dT%H:%M:%SZ} by the tz database",
                    )
                    if key == "DTSTART":
                        starts[local] = by_file

    dupes = sorted(u for u, c in uids.items() if c > 1)
    r.check(not dupes, f"UIDs are unique in the file (repeated: {dupes})")

    skipped = 0
    for local, want in DST_SAMPLES.items():
        if local in starts:
            got = starts[local]
            if got is None:
                r.check(False, f"the event at {local:%Y-%m-%d %H:%M} cannot be converted to UTC: no usable {TZID} VTIMEZONE")
                continue
            r.check(
                got == want,
                f"the event at {local:%Y-%m-%d %H:%M} {TZID} is {got:%Y-%m-%dT%H:%M:%SZ} in UTC, "
                f"expected {want:%Y-%m-%dT%H:%M:%SZ}",
            )
        elif "--expect-dst" in flags:
            r.check(False, f"--expect-dst: no event starts at {local:%Y-%m-%d %H:%M} {TZID}")
        else:
            skipped += 1
            print(f"note: no event at {local:%Y-%m-%d %H:%M} local; summer-time check for it skipped")

    return r.finish(skipped)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
