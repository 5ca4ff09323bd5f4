"""The working-day clock: UK bank holidays, organisation closures and pauses, with no Frappe import.

Why our own: Frappe and ERPNext count service levels in seconds with day-by-day loops and add wall-clock
pause time to working-time deadlines. UK complaint procedures count whole working days, so this module
precomputes an index of working days once per calendar and answers every question by array lookups.

The convention (the same in the README):

- The day of receipt is day 0.
- An item received on a non-working day, or after the cut-off time, counts as received on the next working
  day, which is then day 0.
- A deadline of N working days is the end of the Nth working day after day 0.

Examples (England): received Thu 19 Dec 2024, 10 working days, due Tue 7 Jan 2025; received Sat 21 Dec 2024,
5 working days, due Thu 2 Jan 2025.

Pauses stop the clock: a working day inside a pause (both ends included) does not count, so a deadline
moves by exactly the working days paused before it falls due.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterable
from functools import lru_cache

from customer_feedback.rule_errors import RuleError, _

SUBDIVISIONS = {
	"ENG": "England",
	"WLS": "Wales",
	"SCT": "Scotland",
	"NIR": "Northern Ireland",
}
MONDAY_TO_FRIDAY = (0, 1, 2, 3, 4)
FIRST_YEAR = 1900
LAST_YEAR = 2100

DateLike = dt.date | dt.datetime


class WorkingDayError(RuleError):
	"""Bad input to the working-day clock; the message names the value and the fix."""


class UnknownSubdivisionError(WorkingDayError):
	pass


class DateOutOfRangeError(WorkingDayError):
	pass


class NegativeWorkingDaysError(WorkingDayError):
	pass


class InvalidCutoffError(WorkingDayError):
	pass


class InvalidPauseError(WorkingDayError):
	pass


def _as_date(value: DateLike, what: str = "date") -> dt.date:
	if isinstance(value, dt.datetime):
		return value.date()
	if isinstance(value, dt.date):
		return value
	raise WorkingDayError(_("{0} must be a date or datetime, not {1!r}"), what, value)


class WorkingDayCalendar:
	"""Working days of one UK nation plus the organisation's own closed and opened dates.

	Built once (a few milliseconds) and then immutable; use `calendar_for` to share instances.
	"""

	__slots__ = (
		"_base",
		"_before",
		"_holiday_names",
		"_working",
		"closed_dates",
		"cutoff",
		"first_day",
		"last_day",
		"opened_dates",
		"subdivision",
		"working_weekdays",
	)

	def __init__(
		self,
		subdivision: str = "ENG",
		working_weekdays: Iterable[int] = MONDAY_TO_FRIDAY,
		closed_dates: Iterable[dt.date] = (),
		opened_dates: Iterable[dt.date] = (),
		cutoff: dt.time | None = None,
		first_year: int = FIRST_YEAR,
		last_year: int = LAST_YEAR,
	):
		if subdivision not in SUBDIVISIONS:
			raise UnknownSubdivisionError(
				_("Unknown UK subdivision {0!r}: use one of {1}"), subdivision, ", ".join(SUBDIVISIONS)
			)
		weekdays = frozenset(working_weekdays)
		if not weekdays or not weekdays <= set(range(7)):
			raise WorkingDayError(
				_("Working weekdays {0!r} must be a non-empty set of 0 (Monday) to 6 (Sunday)"),
				sorted(weekdays),
			)
		if cutoff is not None and not isinstance(cutoff, dt.time):
			raise InvalidCutoffError(
				_("Cut-off {0!r} is not a time of day: give a datetime.time or None"), cutoff
			)
		if first_year > last_year:
			raise WorkingDayError(_("First year {0} is after last year {1}"), first_year, last_year)

		self.subdivision = subdivision
		self.working_weekdays = weekdays
		self.closed_dates = frozenset(_as_date(d, "closed date") for d in closed_dates)
		self.opened_dates = frozenset(_as_date(d, "opened date") for d in opened_dates)
		self.cutoff = cutoff
		self.first_day = dt.date(first_year, 1, 1)
		self.last_day = dt.date(last_year, 12, 31)
		self._holiday_names = _bank_holidays(subdivision, first_year, last_year)
		self._build_index()

	def _build_index(self) -> None:
		# _before[i]: how many working days fall strictly before day i of the range;
		# _working: the working days in order. A deadline is then _working[_before[i] + n].
		self._base = self.first_day.toordinal()
		size = self.last_day.toordinal() - self._base + 1
		holidays = self._holiday_names
		before = array("i", bytes(4 * (size + 1)))
		working: list[dt.date] = []
		count = 0
		day = self.first_day
		one = dt.timedelta(days=1)
		for i in range(size):
			before[i] = count
			if day in self.opened_dates or (
				day.weekday() in self.working_weekdays
				and day not in holidays
				and day not in self.closed_dates
			):
				working.append(day)
				count += 1
			day += one
		before[size] = count
		self._before = before
		self._working = working

	def __repr__(self) -> str:
		return (
			f"WorkingDayCalendar({self.subdivision!r}, weekdays={sorted(self.working_weekdays)}, "
			f"closed={len(self.closed_dates)}, opened={len(self.opened_dates)}, cutoff={self.cutoff})"
		)

	# -- lookups -------------------------------------------------------------------------------------

	def _index(self, day: dt.date) -> int:
		i = day.toordinal() - self._base
		if i < 0 or i >= len(self._before) - 1:
			raise DateOutOfRangeError(
				_("Date {0} is outside the calendar's range {1} to {2}"),
				day.isoformat(),
				self.first_day.isoformat(),
				self.last_day.isoformat(),
			)
		return i

	def _working_at(self, position: int, asked: dt.date, n: int) -> dt.date:
		if position >= len(self._working):
			raise DateOutOfRangeError(
				_("{0} working days after {1} falls after the calendar's last day {2}"),
				n,
				asked.isoformat(),
				self.last_day.isoformat(),
			)
		return self._working[position]

	def holiday_name(self, day: dt.date) -> str | None:
		"""The bank holiday's name, 'Organisation closed' for a closed date, or None."""
		if day in self.closed_dates:
			return "Organisation closed"
		return self._holiday_names.get(day)

	def is_working_day(self, day: DateLike) -> bool:
		day = _as_date(day)
		i = self._index(day)
		return self._before[i + 1] != self._before[i]

	def day_zero(self, received: DateLike) -> dt.date:
		"""The working day that counts as the day of receipt (after the cut-off: the next one)."""
		return self._working_at(self._position_of_day_zero(received), _as_date(received), 0)

	def _position_of_day_zero(self, received: DateLike) -> int:
		day = _as_date(received)
		if isinstance(received, dt.datetime) and self.cutoff is not None and received.time() > self.cutoff:
			day = day + dt.timedelta(days=1)
		# The first working day on or after `day` is the one with as many working days before it.
		return self._before[self._index(day)]

	def next_working_day(self, day: DateLike) -> dt.date:
		"""The first working day strictly after `day`."""
		day = _as_date(day)
		return self._working_at(self._before[self._index(day) + 1], day, 1)

	def add_working_days(self, received: DateLike, n: int) -> dt.date:
		"""The end of the Nth working day after day 0 (see the module's convention). O(1)."""
		if n < 0:
			raise NegativeWorkingDaysError(_("Number of working days {0} is negative: give 0 or more"), n)
		if type(received) is dt.date:
			# Fast path for a plain date (no cut-off applies): two lookups, no helper calls.
			i = received.toordinal() - self._base
			if 0 <= i < len(self._before) - 1:
				position = self._before[i] + n
				working = self._working
				if position < len(working):
					return working[position]
		return self._working_at(self._position_of_day_zero(received) + n, _as_date(received), n)

	def add_working_days_many(self, pairs: Iterable[tuple[DateLike, int]]) -> list[dt.date]:
		"""`add_working_days` for many (received, n) pairs at once, in order; the fastest way in bulk.

		Same answers and the same errors as calling `add_working_days` on each pair in turn.
		"""
		if not isinstance(pairs, list | tuple):
			pairs = list(pairs)
		base = self._base
		before = self._before
		working = self._working
		days = len(before) - 1
		date = dt.date
		single = self.add_working_days
		try:
			# Plain dates in range with n >= 0 are two lookups; the rest (datetimes and the cut-off,
			# negative n, out-of-range dates, other types) go through the single call, which answers or raises.
			return [
				working[before[i] + n]
				if type(received) is date and not n < 0 and 0 <= (i := received.toordinal() - base) < days
				else single(received, n)
				for received, n in pairs
			]
		except IndexError:
			# A deadline after the calendar's last day: the single calls raise its DateOutOfRangeError.
			return [single(received, n) for received, n in pairs]

	def working_days_between(self, start: DateLike, end: DateLike) -> int:
		"""Working days counted from day 0 of `start` to `end` (0 when `end` is on or before day 0).

		A reply on the deadline day of an N-day target counts N.
		"""
		end_day = _as_date(end)
		counted = self._before[self._index(end_day) + 1] - 1 - self._position_of_day_zero(start)
		return max(counted, 0)

	def deadline(
		self,
		received: DateLike,
		n: int,
		pauses: Iterable[tuple[DateLike, DateLike]] = (),
	) -> dt.date:
		"""Like add_working_days, but working days inside pauses (both ends included) do not count."""
		if n < 0:
			raise NegativeWorkingDaysError(_("Number of working days {0} is negative: give 0 or more"), n)
		start = self._position_of_day_zero(received)
		due = start + n
		for first, last in self._merged_pauses(pauses):
			# Positions (in _working) of the paused working days that come after day 0.
			lo = max(self._before[self._index(first)], start + 1)
			if lo > due:
				break  # sorted: every later pause starts after the deadline too
			hi = self._before[self._index(last) + 1] - 1
			if hi >= lo:
				due += hi - lo + 1
		return self._working_at(due, _as_date(received), n)

	def paused_working_days(self, pauses: Iterable[tuple[DateLike, DateLike]]) -> int:
		"""How many working days the given pauses cover (overlaps counted once)."""
		total = 0
		for first, last in self._merged_pauses(pauses):
			total += self._before[self._index(last) + 1] - self._before[self._index(first)]
		return total

	@staticmethod
	def _merged_pauses(pauses: Iterable[tuple[DateLike, DateLike]]) -> list[tuple[dt.date, dt.date]]:
		spans = []
		for first, last in pauses:
			first, last = _as_date(first, "pause start"), _as_date(last, "pause end")
			if last < first:
				raise InvalidPauseError(
					_("Pause ends on {0} before it starts on {1}: give an end on or after the start"),
					last.isoformat(),
					first.isoformat(),
				)
			spans.append((first, last))
		spans.sort()
		merged: list[tuple[dt.date, dt.date]] = []
		for first, last in spans:
			if merged and first <= merged[-1][1] + dt.timedelta(days=1):
				if last > merged[-1][1]:
					merged[-1] = (merged[-1][0], last)
			else:
				merged.append((first, last))
		return merged

	def index_size_bytes(self) -> int:
		"""Approximate memory held by the index (the arrays and the date objects)."""
		import sys

		return (
			sys.getsizeof(self._before)
			+ sys.getsizeof(self._working)
			+ sum(sys.getsizeof(d) for d in self._working)
		)


@lru_cache(maxsize=8)
def _bank_holidays(subdivision: str, first_year: int, last_year: int) -> dict[dt.date, str]:
	import holidays

	# Always with a subdivision: without one, Easter Monday and the August bank holiday are missing.
	return dict(holidays.country_holidays("GB", subdiv=subdivision, years=range(first_year, last_year + 1)))


@lru_cache(maxsize=64)
def calendar_for(
	subdivision: str = "ENG",
	working_weekdays: tuple[int, ...] = MONDAY_TO_FRIDAY,
	closed_dates: frozenset[dt.date] = frozenset(),
	opened_dates: frozenset[dt.date] = frozenset(),
	cutoff: dt.time | None = None,
) -> WorkingDayCalendar:
	"""A shared calendar for this configuration (building one costs milliseconds, lookups are O(1))."""
	return WorkingDayCalendar(subdivision, working_weekdays, closed_dates, opened_dates, cutoff)
