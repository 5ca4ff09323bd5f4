"""Deadline throughput of the working-day clock, checked against the holidays package.

What it measures: `count` random (received date 2000-01-01..2040-12-31, N 1..65) pairs from a seeded RNG,
all deadlines computed with our England calendar (`calendar_for("ENG")`), timing only the computation
(best of --repeat runs, one process, one thread, so one core). The same deadlines are then computed with the
holidays package's own day-by-day helper, adjusted to our day-0 convention:
`ref.get_nth_working_day(ref.get_nth_working_day(d, 0), n)`, and every pair must agree.

How to read it: "deadlines/s" is throughput; the ratio is ours/holidays in deadlines per second (so it holds
when --reference-count checks fewer pairs than were timed). The memory lines are for a 1900-2100 calendar:
what tracemalloc sees the calendar keep after construction (the bank-holiday table is shared and cached,
so not counted) and `index_size_bytes()`. Goals: >= 1,000,000 deadlines/s, >= 50x holidays, < 10 MB.
Exit status 0 when every pair agrees and every goal passes, 1 otherwise.

	python benchmarks/deadline_benchmark.py [--count N] [--seed S] [--reference-count K] [--repeat R]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import holidays

from customer_feedback.working_days import WorkingDayCalendar, calendar_for

FIRST_RECEIVED = dt.date(2000, 1, 1)
LAST_RECEIVED = dt.date(2040, 12, 31)
MAX_N = 65
GOAL_RATE = 1_000_000
GOAL_RATIO = 50
GOAL_MEMORY = 10 * 1024 * 1024
SHOW_DISAGREEMENTS = 10


def make_pairs(count: int, seed: int) -> list[tuple[dt.date, int]]:
	rng = random.Random(seed)
	base = FIRST_RECEIVED.toordinal()
	span = LAST_RECEIVED.toordinal() - base + 1
	fromordinal = dt.date.fromordinal
	return [(fromordinal(base + rng.randrange(span)), rng.randint(1, MAX_N)) for _ in range(count)]


def best_times(
	computes: dict[str, Callable[[], list[dt.date]]], repeat: int
) -> dict[str, tuple[float, list]]:
	"""Best time and result of each computation; runs are interleaved so background load hits all alike."""
	best: dict[str, tuple[float, list]] = {}
	for _ in range(repeat):
		for name, compute in computes.items():
			start = time.perf_counter()
			result = compute()
			elapsed = time.perf_counter() - start
			if name not in best or elapsed < best[name][0]:
				best[name] = (elapsed, result)
	return best


def reference_deadlines(pairs: list[tuple[dt.date, int]]) -> tuple[float, list[dt.date]]:
	ref = holidays.country_holidays("GB", subdiv="ENG", years=range(2000, 2043))
	nth = ref.get_nth_working_day
	nth(FIRST_RECEIVED, 1)  # warm up outside the timing
	total = len(pairs)
	step = max(total // 20, 1)
	due: list[dt.date] = []
	append = due.append
	elapsed = 0.0
	for chunk_start in range(0, total, step):
		chunk = pairs[chunk_start : chunk_start + step]
		start = time.perf_counter()
		for received, n in chunk:
			append(nth(nth(received, 0), n))
		elapsed += time.perf_counter() - start
		done = len(due)
		eta = elapsed / done * (total - done)
		print(
			f"  holidays helper: {done:,}/{total:,} ({done / elapsed:,.0f}/s, about {eta:.0f} s left)",
			file=sys.stderr,
			flush=True,
		)
	return elapsed, due


def index_memory() -> tuple[int, int, int]:
	"""(kept by a new 1900-2100 calendar, peak while building it, index_size_bytes()), in bytes."""
	calendar_for("ENG")  # the bank-holiday table is built and cached once; measure the index alone
	tracemalloc.start()
	before, _ = tracemalloc.get_traced_memory()
	calendar = WorkingDayCalendar("ENG")
	after, peak = tracemalloc.get_traced_memory()
	tracemalloc.stop()
	return after - before, peak - before, calendar.index_size_bytes()


def verdict(ok: bool) -> str:
	return "PASS" if ok else "FAIL"


def main(argv: list[str] | None = None) -> int:
	parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	parser.add_argument(
		"--count", type=int, default=1_000_000, help="random pairs to time (default 1,000,000)"
	)
	parser.add_argument("--seed", type=int, default=20241219, help="RNG seed (default 20241219)")
	parser.add_argument(
		"--reference-count",
		type=int,
		default=None,
		help="check only the first K pairs through the holidays helper (default: all of them)",
	)
	parser.add_argument(
		"--repeat", type=int, default=5, help="timed runs of ours; the best counts (default 5)"
	)
	args = parser.parse_args(argv)
	if args.count < 1 or args.repeat < 1:
		parser.error("--count and --repeat must be at least 1")
	reference_count = args.count if args.reference_count is None else min(args.reference_count, args.count)
	if reference_count < 1:
		parser.error("--reference-count must be at least 1")

	print(f"Python {sys.version.split()[0]}, holidays {holidays.__version__}")
	print(
		f"{args.count:,} pairs, seed {args.seed}: received {FIRST_RECEIVED} to {LAST_RECEIVED}, N 1 to {MAX_N}"
	)
	pairs = make_pairs(args.count, args.seed)
	calendar = calendar_for("ENG")

	add = calendar.add_working_days
	apis: dict[str, Callable[[], list[dt.date]]] = {
		"add_working_days_many(pairs)": lambda: calendar.add_working_days_many(pairs),
		"add_working_days(d, n) per pair": lambda: [add(d, n) for d, n in pairs],
	}
	timed = best_times(apis, args.repeat)
	results = [result for _, result in timed.values()]
	if any(result != results[0] for result in results):
		print("FAIL: add_working_days and add_working_days_many disagree")
		return 1
	ours = results[0]
	rates = {name: args.count / elapsed for name, (elapsed, _) in timed.items()}
	api = max(rates, key=rates.__getitem__)
	rate = rates[api]
	for name, api_rate in rates.items():
		print(f"ours, {name + ':':<34} {api_rate:>12,.0f} deadlines/s (best of {args.repeat})")
	print(f"fastest public API: {api}")

	checked = pairs[:reference_count]
	print(f"holidays helper: computing {reference_count:,} deadlines (progress on stderr)", flush=True)
	ref_time, expected = reference_deadlines(checked)
	ref_rate = reference_count / ref_time
	print(f"holidays get_nth_working_day (adjusted): {ref_rate:>12,.0f} deadlines/s (one run)")
	if reference_count < args.count:
		print(
			f"note: only the first {reference_count:,} of {args.count:,} pairs went through holidays "
			"(--reference-count); the ratio compares rates"
		)

	disagreements = [
		(received, n, mine, theirs)
		for (received, n), mine, theirs in zip(checked, ours[:reference_count], expected, strict=True)
		if mine != theirs
	]
	if disagreements:
		print(f"FAIL: {len(disagreements):,} of {reference_count:,} deadlines disagree; the first:")
		for received, n, mine, theirs in disagreements[:SHOW_DISAGREEMENTS]:
			print(f"  received {received}, N {n}: ours {mine}, holidays {theirs}")
		return 1
	print(f"agreement: all {reference_count:,} checked deadlines agree")

	ratio = rate / ref_rate
	kept, peak, index_size = index_memory()
	mib = 1024 * 1024
	print(f"ratio ours/holidays: {ratio:,.0f}x ({api})")
	print(
		f"index memory, 1900-2100 calendar: tracemalloc kept {kept / mib:.2f} MiB ({kept:,} B), "
		f"peak while building {peak / mib:.2f} MiB; index_size_bytes() {index_size / mib:.2f} MiB ({index_size:,} B)"
	)

	goals = [
		(f"ours >= {GOAL_RATE:,} deadlines/s on one core", rate >= GOAL_RATE, f"{rate:,.0f}/s"),
		(f"ours >= {GOAL_RATIO}x the holidays helper", ratio >= GOAL_RATIO, f"{ratio:,.0f}x"),
		(
			"index memory < 10 MiB",
			max(kept, index_size) < GOAL_MEMORY,
			f"{max(kept, index_size) / mib:.2f} MiB",
		),
	]
	for goal, ok, value in goals:
		print(f"{verdict(ok)}: {goal} ({value})")
	passed = all(ok for _, ok, _ in goals)
	print(f"overall: {verdict(passed)}")
	return 0 if passed else 1


if __name__ == "__main__":
	sys.exit(main())
