#!/usr/bin/env python3
"""Cross-check HaiCap's lunar calendar and holidays against two independent packages.

Usage (Python 3.11, in a throwaway virtualenv; never a runtime dependency of HaiCap):

    python3 -m venv /tmp/ovenv && /tmp/ovenv/bin/pip install lunar-vn holidays
    /tmp/ovenv/bin/python tests/oracles/check_calendar.py lunar.csv holidays.csv

lunar.csv     one line per solar day 1900-01-31 .. 2100-12-31:
              YYYY-MM-DD,lunarDay,lunarMonth,lunarYear,leap(0|1)
holidays.csv  YYYY-MM-DD,name,kind  (standard CSV quoting)
              - HaiCap's days off for 2024..2030, kind one of
                statutory | observed | tet_extra | announced_off
              - the first day of Tết for 1901..2100, kind `tet`

Checks:
  1. every day of lunar.csv against lunar_vn (solar -> lunar), and the lunar date back to the
     same solar day (lunar -> solar), so both directions of HaiCap's table are covered;
  2. every Tết 1901..2100 against `holidays` (Vietnam, UTC+7 calendar) and lunar_vn;
  3. the days off 2024..2030 against holidays.VN(observed=True): same dates, and the same kind
     once the package's names are mapped to HaiCap's kinds.

Deliberate differences are listed in DELIBERATE_DIFFERENCES with their reason; they are reported
but not counted as failures. The last line printed is "N passed, N failed"; the exit status is 1
if anything failed.
"""
from __future__ import annotations

import csv
import datetime as dt
import sys
from collections import Counter

import holidays
import lunar_vn

HOLIDAY_YEARS = range(2024, 2031)
TET_YEARS = range(1901, 2101)
FIRST_DAY = dt.date(1900, 1, 31)
LAST_DAY = dt.date(2100, 12, 31)

# (date, what) -> reason. `what` is "missing" (in `holidays`, not in HaiCap), "extra" (in HaiCap,
# not in `holidays`) or "kind" (both have the day, kinds differ).
DELIBERATE_DIFFERENCES: dict[tuple[dt.date, str], str] = {
    # None at present: HaiCap's rules (Tết compensation Saturday -> working day before the break,
    # Sunday -> working day after; other holidays on a weekend -> next working day; the Quốc
    # khánh adjacent day joining a weekend) and its announcements for 2024-2026 give the same days
    # off as `holidays` 0.109 for 2024-2030.
}


def kind_of(name: str) -> str:
    """Map a `holidays` (en_US) name to HaiCap's kind."""
    if name.startswith("Day off (substituted"):
        return "announced_off"
    if "(observed" in name:
        return "observed"
    # Compensation days of the Tết break are named after the lunar day they fall on.
    if name.startswith(("29 of Lunar New Year", "Fifth Day", "Sixth Day")):
        return "tet_extra"
    return "statutory"


class Tally:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0
        self.by_check: Counter[str] = Counter()
        self.examples: dict[str, list[str]] = {}

    def ok(self, check: str) -> None:
        self.passed += 1

    def fail(self, check: str, message: str) -> None:
        self.failed += 1
        self.by_check[check] += 1
        shown = self.examples.setdefault(check, [])
        if len(shown) < 10:
            shown.append(message)


def check_lunar(path: str, tally: Tally) -> None:
    seen: set[dt.date] = set()
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.reader(handle):
            if not row:
                continue
            day = dt.date.fromisoformat(row[0])
            ld, lm, ly, leap = (int(x) for x in row[1:5])
            seen.add(day)
            want = lunar_vn.solar_to_lunar(day)
            got = (ld, lm, ly, bool(leap))
            if got == (want.day, want.month, want.year, want.leap):
                tally.ok("solar->lunar")
            else:
                tally.fail("solar->lunar", f"{day}: HaiCap {got}, lunar_vn {want}")
                continue
            back = lunar_vn.convert_lunar_to_solar(ld, lm, ly, leap)
            if back == day:
                tally.ok("lunar->solar")
            else:
                tally.fail("lunar->solar", f"{ld}/{lm}{'n' if leap else ''}/{ly} -> lunar_vn {back}, HaiCap {day}")
    expected = (LAST_DAY - FIRST_DAY).days + 1
    if len(seen) == expected:
        tally.ok("coverage")
    else:
        tally.fail("coverage", f"lunar.csv has {len(seen)} distinct days, expected {expected}")


def read_holidays(path: str) -> tuple[dict[int, dt.date], dict[dt.date, tuple[str, str]]]:
    tet: dict[int, dt.date] = {}
    days_off: dict[dt.date, tuple[str, str]] = {}
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.reader(handle):
            if not row:
                continue
            day = dt.date.fromisoformat(row[0])
            name, kind = row[1], row[2]
            if kind == "tet":
                tet[day.year] = day
            else:
                days_off[day] = (name, kind)
    return tet, days_off


def check_tet(tet: dict[int, dt.date], tally: Tally) -> None:
    for year in TET_YEARS:
        got = tet.get(year)
        reference = holidays.VN(years=year, observed=False, language="en_US")
        want = [d for d, n in reference.items() if n == "Lunar New Year"]
        if got is None:
            tally.fail("tet", f"{year}: missing in holidays.csv")
            continue
        if want == [got]:
            tally.ok("tet vs holidays")
        else:
            tally.fail("tet vs holidays", f"{year}: HaiCap {got}, holidays {want}")
        other = lunar_vn.convert_lunar_to_solar(1, 1, year)
        if other == got:
            tally.ok("tet vs lunar_vn")
        else:
            tally.fail("tet vs lunar_vn", f"{year}: HaiCap {got}, lunar_vn {other}")


def check_days_off(days_off: dict[dt.date, tuple[str, str]], tally: Tally) -> list[str]:
    notes: list[str] = []
    reference = holidays.VN(years=HOLIDAY_YEARS, observed=True, language="en_US")
    theirs = {d: kind_of(n) for d, n in reference.items()}
    ours = {d: k for d, (_, k) in days_off.items() if d.year in HOLIDAY_YEARS}
    for day in sorted(set(theirs) | set(ours)):
        if day in theirs and day in ours:
            what = "kind" if theirs[day] != ours[day] else None
        else:
            what = "missing" if day in theirs else "extra"
        if what is None:
            tally.ok("days off")
            continue
        detail = (f"{day} {what}: holidays {reference.get(day)!r} ({theirs.get(day)}), "
                  f"HaiCap {days_off.get(day)}")
        reason = DELIBERATE_DIFFERENCES.get((day, what))
        if reason:
            tally.ok("days off")
            notes.append(f"deliberate: {detail} -- {reason}")
        else:
            tally.fail("days off", detail)
    return notes


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    tally = Tally()
    check_lunar(sys.argv[1], tally)
    tet, days_off = read_holidays(sys.argv[2])
    check_tet(tet, tally)
    notes = check_days_off(days_off, tally)

    print(f"lunar days checked: {(LAST_DAY - FIRST_DAY).days + 1} ({FIRST_DAY}..{LAST_DAY}), "
          f"both directions, against lunar_vn {lunar_vn.__version__}")
    print(f"Tết checked: {TET_YEARS.start}..{TET_YEARS.stop - 1} against holidays {holidays.__version__} and lunar_vn")
    print(f"days off checked: {HOLIDAY_YEARS.start}..{HOLIDAY_YEARS.stop - 1} against holidays.VN(observed=True)")
    for note in notes:
        print(note)
    for check, count in sorted(tally.by_check.items()):
        print(f"FAILED {check}: {count}")
        for example in tally.examples[check]:
            print(f"  {example}")
    print(f"{tally.passed} passed, {tally.failed} failed")
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
