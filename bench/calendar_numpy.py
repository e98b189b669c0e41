#!/usr/bin/env python3
"""Baseline for `haicap bench calendar`: numpy.busday_offset on the same inputs and days off.

Reads DIR/inputs.bin (int32 triples: receipt day, working days, HaiCap's due day, all as days
since 1970-01-01), DIR/holidays.txt and DIR/worked.txt (weekend days worked in exchange, which
numpy cannot express: inputs whose span touches one are left out of the agreement count).
HaiCap's rule "the receipt day is not counted" is busday_offset(receipt, n, roll="backward").
"""
import sys
import time

import numpy as np

directory = sys.argv[1]
raw = np.fromfile(f"{directory}/inputs.bin", dtype=np.int32).reshape(-1, 3)
starts = raw[:, 0].astype("datetime64[D]")
durations = raw[:, 1].astype(np.int64)
ours = raw[:, 2].astype("datetime64[D]")
holidays = np.array([line for line in open(f"{directory}/holidays.txt").read().split() if line], dtype="datetime64[D]")
worked = np.array([line for line in open(f"{directory}/worked.txt").read().split() if line], dtype="datetime64[D]")
calendar = np.busdaycalendar(weekmask="1111100", holidays=holidays)

best = None
for _ in range(3):
    began = time.perf_counter()
    theirs = np.busday_offset(starts, durations, roll="backward", busdaycal=calendar)
    took = time.perf_counter() - began
    best = took if best is None else min(best, took)

touches_worked = np.zeros(len(starts), dtype=bool)
for day in worked:
    touches_worked |= (starts < day) & (day <= ours)
comparable = ~touches_worked
agree = int(np.sum(theirs[comparable] == ours[comparable]))
print(f"numpy.busday_offset (vectorised C, numpy {np.__version__}): {len(starts)} in {best:.3f} s = {int(len(starts) / best)} ops/s (best of 3)")
print(f"agreement: {agree} of {int(comparable.sum())} comparable deadlines ({int(touches_worked.sum())} skipped: they span a worked weekend day)")
print(f"numpy_ops_per_second={len(starts) / best}")
sys.exit(0 if agree == int(comparable.sum()) else 2)
