"""The working-day clock, table-driven, at named dates. No Frappe needed."""

import datetime as dt
import random

import holidays
import pytest

from customer_feedback.working_days import (
	DateOutOfRangeError,
	InvalidCutoffError,
	InvalidPauseError,
	NegativeWorkingDaysError,
	UnknownSubdivisionError,
	WorkingDayCalendar,
	calendar_for,
)

D = dt.date


@pytest.mark.parametrize(
	"subdivision, received, n, due, why",
	[
		("ENG", D(2024, 12, 19), 10, D(2025, 1, 7), "the README's example: Christmas and New Year"),
		("ENG", D(2024, 12, 21), 5, D(2025, 1, 2), "received on a Saturday: day 0 is Monday 23rd"),
		("ENG", D(2020, 12, 24), 1, D(2020, 12, 29), "2020: Boxing Day on Saturday, substitute Monday 28th"),
		(
			"ENG",
			D(2021, 12, 24),
			1,
			D(2021, 12, 29),
			"2021: Christmas and Boxing Day at a weekend, 27th and 28th off",
		),
		("ENG", D(2021, 12, 31), 1, D(2022, 1, 4), "2022: New Year's Day on Saturday, substitute Monday 3rd"),
		("ENG", D(2022, 12, 23), 1, D(2022, 12, 28), "2022: Christmas on Sunday, 26th and 27th off"),
		("ENG", D(2022, 12, 30), 1, D(2023, 1, 3), "2023: New Year's Day on Sunday, substitute Monday 2nd"),
		("ENG", D(2024, 3, 28), 1, D(2024, 4, 2), "Easter 2024: Good Friday and Easter Monday"),
		("SCT", D(2024, 3, 28), 1, D(2024, 4, 1), "Scotland has no Easter Monday holiday"),
		("ENG", D(2022, 9, 16), 1, D(2022, 9, 20), "state funeral of Queen Elizabeth II, 19 Sep 2022"),
		("NIR", D(2022, 9, 16), 1, D(2022, 9, 20), "the state funeral was UK-wide"),
		("ENG", D(2023, 5, 5), 1, D(2023, 5, 9), "coronation of Charles III, 8 May 2023"),
		(
			"ENG",
			D(2022, 6, 1),
			1,
			D(2022, 6, 6),
			"2022 jubilee: spring bank holiday moved to 2 June, jubilee 3 June",
		),
		("ENG", D(2025, 12, 31), 1, D(2026, 1, 2), "England works on 2 January"),
		("SCT", D(2025, 12, 31), 1, D(2026, 1, 5), "Scotland's 2 January holiday"),
		("ENG", D(2026, 3, 16), 1, D(2026, 3, 17), "England works on St Patrick's Day"),
		("NIR", D(2026, 3, 16), 1, D(2026, 3, 18), "Northern Ireland: St Patrick's Day"),
		(
			"NIR",
			D(2026, 7, 10),
			1,
			D(2026, 7, 14),
			"Northern Ireland: the Boyne on a Sunday, substitute Monday",
		),
		("SCT", D(2026, 7, 31), 1, D(2026, 8, 4), "Scotland: summer bank holiday first Monday of August"),
		("ENG", D(2026, 8, 28), 1, D(2026, 9, 1), "England: summer bank holiday last Monday of August"),
		("SCT", D(2026, 11, 27), 1, D(2026, 12, 1), "Scotland: St Andrew's Day"),
		("ENG", D(2024, 2, 28), 1, D(2024, 2, 29), "leap day 2024 is a working day"),
		("ENG", D(2024, 2, 29), 1, D(2024, 3, 1), "after the leap day"),
		("ENG", D(2000, 2, 28), 1, D(2000, 2, 29), "2000 was a leap year"),
		("ENG", D(1900, 2, 28), 1, D(1900, 3, 1), "1900 was not a leap year"),
		("ENG", D(2024, 12, 19), 0, D(2024, 12, 19), "0 days: day 0 itself"),
		("ENG", D(2024, 12, 25), 0, D(2024, 12, 27), "0 days from a holiday: the next working day"),
	],
)
def test_add_working_days(subdivision, received, n, due, why):
	assert calendar_for(subdivision).add_working_days(received, n) == due, why


@pytest.mark.parametrize(
	"received, due, why",
	[
		(dt.datetime(2024, 12, 19, 16, 59), D(2025, 1, 7), "before the cut-off: same day is day 0"),
		(dt.datetime(2024, 12, 19, 17, 0), D(2025, 1, 7), "exactly at the cut-off is not after it"),
		(dt.datetime(2024, 12, 19, 17, 1), D(2025, 1, 8), "after the cut-off: Friday is day 0"),
		(dt.datetime(2024, 12, 20, 18, 0), D(2025, 1, 9), "Friday evening: Monday is day 0"),
		(D(2024, 12, 19), D(2025, 1, 7), "a plain date has no time, so no cut-off"),
	],
)
def test_cutoff(received, due, why):
	calendar = calendar_for("ENG", cutoff=dt.time(17, 0))
	assert calendar.add_working_days(received, 10) == due, why


@pytest.mark.parametrize(
	"received, n, pauses, due, why",
	[
		(D(2024, 12, 2), 10, [], D(2024, 12, 16), "no pause"),
		(D(2024, 12, 2), 10, [(D(2024, 12, 23), D(2025, 1, 3))], D(2024, 12, 16), "pause after the deadline"),
		(D(2024, 12, 2), 10, [(D(2024, 12, 9), D(2024, 12, 13))], D(2024, 12, 23), "one working week paused"),
		(
			D(2024, 12, 16),
			10,
			[(D(2024, 12, 24), D(2024, 12, 27))],
			D(2025, 1, 6),
			"pause over Christmas: 2 working days",
		),
		(
			D(2024, 12, 16),
			10,
			[(D(2024, 12, 21), D(2024, 12, 22))],
			D(2025, 1, 2),
			"a weekend pause costs nothing",
		),
		(
			D(2024, 12, 2),
			10,
			[(D(2024, 12, 9), D(2024, 12, 10)), (D(2024, 12, 10), D(2024, 12, 11))],
			D(2024, 12, 19),
			"overlapping pauses count once",
		),
		(
			D(2024, 12, 2),
			5,
			[(D(2024, 12, 6), D(2024, 12, 6)), (D(2024, 12, 10), D(2024, 12, 10))],
			D(2024, 12, 11),
			"a pause pushes the deadline into a later pause",
		),
		(D(2024, 12, 2), 5, [(D(2024, 11, 25), D(2024, 12, 2))], D(2024, 12, 9), "pause ending on day 0"),
	],
)
def test_pauses(received, n, pauses, due, why):
	assert calendar_for("ENG").deadline(received, n, pauses) == due, why


def test_pause_ending_before_it_starts_is_refused():
	with pytest.raises(InvalidPauseError, match="2024-12-01 before it starts on 2024-12-05"):
		calendar_for("ENG").deadline(D(2024, 12, 2), 5, [(D(2024, 12, 5), D(2024, 12, 1))])


def test_paused_working_days():
	calendar = calendar_for("ENG")
	assert (
		calendar.paused_working_days([(D(2024, 12, 23), D(2025, 1, 3))]) == 7
	)  # 23, 24, 27, 30, 31 Dec, 2, 3 Jan
	assert calendar.paused_working_days([]) == 0


def test_closed_and_opened_dates():
	shutdown = frozenset({D(2024, 12, 24), D(2024, 12, 27), D(2024, 12, 30), D(2024, 12, 31)})
	assert calendar_for("ENG").add_working_days(D(2024, 12, 23), 5) == D(2025, 1, 2)
	closed = calendar_for("ENG", closed_dates=shutdown)
	assert closed.add_working_days(D(2024, 12, 23), 5) == D(2025, 1, 8)
	assert closed.holiday_name(D(2024, 12, 24)) == "Organisation closed"
	assert closed.holiday_name(D(2024, 12, 25)) == "Christmas Day"

	opened = calendar_for("ENG", opened_dates=frozenset({D(2024, 12, 14)}))
	assert opened.add_working_days(D(2024, 12, 13), 1) == D(2024, 12, 14)
	assert opened.is_working_day(D(2024, 12, 14))


def test_working_weekdays():
	six_days = calendar_for("ENG", working_weekdays=(0, 1, 2, 3, 4, 5))
	assert six_days.add_working_days(D(2024, 12, 13), 1) == D(2024, 12, 14)


@pytest.mark.parametrize(
	"start, end, count",
	[
		(D(2024, 12, 19), D(2025, 1, 7), 10),
		(D(2024, 12, 21), D(2025, 1, 2), 5),
		(D(2024, 12, 19), D(2024, 12, 19), 0),
		(D(2025, 1, 7), D(2024, 12, 19), 0),
		(D(2024, 12, 19), D(2024, 12, 21), 1),
	],
)
def test_working_days_between(start, end, count):
	assert calendar_for("ENG").working_days_between(start, end) == count


def test_next_working_day_and_is_working_day():
	calendar = calendar_for("ENG")
	assert calendar.next_working_day(D(2020, 12, 24)) == D(2020, 12, 29)
	assert calendar.next_working_day(D(2024, 12, 20)) == D(2024, 12, 23)
	assert not calendar.is_working_day(D(2024, 12, 25))
	assert not calendar.is_working_day(D(2024, 12, 21))
	assert calendar.is_working_day(dt.datetime(2024, 12, 19, 9, 0))
	assert calendar.day_zero(D(2024, 12, 21)) == D(2024, 12, 23)


@pytest.mark.parametrize(
	"call, error, message",
	[
		(lambda c: c.add_working_days(D(2024, 1, 1), -1), NegativeWorkingDaysError, "-1 is negative"),
		(lambda c: c.add_working_days(D(1899, 12, 31), 1), DateOutOfRangeError, "1899-12-31 is outside"),
		(lambda c: c.add_working_days(D(2101, 1, 3), 1), DateOutOfRangeError, "2101-01-03 is outside"),
		(
			lambda c: c.add_working_days(D(2100, 12, 31), 1),
			DateOutOfRangeError,
			"after the calendar's last day",
		),
		(lambda c: c.is_working_day(D(1899, 1, 1)), DateOutOfRangeError, "1899-01-01"),
		(lambda c: c.add_working_days("2024-01-01", 1), ValueError, "must be a date"),
	],
)
def test_bad_input_names_the_value(call, error, message):
	with pytest.raises(error, match=message):
		call(calendar_for("ENG"))


@pytest.mark.parametrize(
	"cutoff, pairs, due, why",
	[
		(None, [], [], "no pairs: no deadlines"),
		(
			None,
			[(D(2024, 12, 19), 10), (D(2024, 12, 21), 5), (D(2024, 12, 25), 0)],
			[D(2025, 1, 7), D(2025, 1, 2), D(2024, 12, 27)],
			"plain dates, in order: working day, Saturday, holiday with 0 days",
		),
		(
			None,
			[(D(1900, 1, 1), 1), (D(2100, 12, 30), 1)],
			[D(1900, 1, 2), D(2100, 12, 31)],
			"the first and last days of the range",
		),
		(
			dt.time(17, 0),
			[
				(dt.datetime(2024, 12, 19, 17, 1), 10),
				(D(2024, 12, 19), 10),
				(dt.datetime(2024, 12, 19, 9), 10),
			],
			[D(2025, 1, 8), D(2025, 1, 7), D(2025, 1, 7)],
			"datetimes take the cut-off, plain dates do not",
		),
		(
			None,
			[(dt.datetime(2024, 12, 20, 18, 0), 1)],
			[D(2024, 12, 23)],
			"a datetime without a cut-off counts its date",
		),
		(
			None,
			((D(2024, 3, 28), n) for n in (0, 1, 2)),
			[D(2024, 3, 28), D(2024, 4, 2), D(2024, 4, 3)],
			"any iterable of pairs, e.g. a generator",
		),
		(
			None,
			((D(2024, 12, 20), 1), (D(2024, 12, 20), 0)),
			[D(2024, 12, 23), D(2024, 12, 20)],
			"a tuple of pairs",
		),
	],
)
def test_add_working_days_many(cutoff, pairs, due, why):
	assert calendar_for("ENG", cutoff=cutoff).add_working_days_many(pairs) == due, why


def test_add_working_days_many_agrees_with_add_working_days():
	calendar = calendar_for("ENG")
	rng = random.Random(20250101)
	pairs = [
		(D(1900, 1, 1) + dt.timedelta(days=rng.randrange(365 * 200)), rng.randint(0, 65)) for _ in range(5000)
	]
	assert calendar.add_working_days_many(pairs) == [calendar.add_working_days(d, n) for d, n in pairs]


@pytest.mark.parametrize(
	"pairs, error, message",
	[
		([(D(2024, 1, 1), 1), (D(2024, 1, 1), -1)], NegativeWorkingDaysError, "-1 is negative"),
		([(D(1899, 12, 31), 1)], DateOutOfRangeError, "1899-12-31 is outside"),
		([(D(2024, 1, 1), 1), (D(2101, 1, 3), 1)], DateOutOfRangeError, "2101-01-03 is outside"),
		([(dt.datetime(1899, 12, 31, 9), 1)], DateOutOfRangeError, "1899-12-31 is outside"),
		([(D(2100, 12, 31), 1)], DateOutOfRangeError, "1 working days after 2100-12-31 falls after"),
		([(D(2100, 12, 1), 65)], DateOutOfRangeError, "65 working days after 2100-12-01 falls after"),
		([("2024-01-01", 1)], ValueError, "must be a date or datetime, not '2024-01-01'"),
		([(D(2024, 1, 1), "1")], TypeError, "not supported"),
	],
)
def test_add_working_days_many_bad_input_names_the_value(pairs, error, message):
	calendar = calendar_for("ENG")
	with pytest.raises(error, match=message):
		calendar.add_working_days_many(pairs)
	# The same error, word for word, as the single call on the offending pair.
	with pytest.raises(error) as single:
		for received, n in pairs:
			calendar.add_working_days(received, n)
	with pytest.raises(error) as many:
		calendar.add_working_days_many(pairs)
	assert str(many.value) == str(single.value)


def test_range_edges_inside():
	calendar = calendar_for("ENG")
	assert calendar.add_working_days(D(1900, 1, 1), 1) == D(1900, 1, 2)
	assert calendar.add_working_days(D(2100, 12, 30), 1) == D(2100, 12, 31)


def test_unknown_subdivision_and_bad_cutoff():
	with pytest.raises(UnknownSubdivisionError, match=r"'GB'.*ENG, WLS, SCT, NIR"):
		WorkingDayCalendar("GB")
	with pytest.raises(InvalidCutoffError, match="'17:00' is not a time"):
		WorkingDayCalendar("ENG", cutoff="17:00")


def test_calendars_are_shared():
	assert calendar_for("ENG") is calendar_for("ENG")
	assert calendar_for("ENG") is not calendar_for("WLS")


def test_agrees_with_the_holidays_package():
	"""The index agrees with holidays' own day-by-day helper, adjusted to our day-0 convention."""
	reference = holidays.country_holidays("GB", subdiv="ENG", years=range(2000, 2042))
	calendar = calendar_for("ENG")
	rng = random.Random(20241219)
	for _ in range(2000):
		received = D(2000, 1, 1) + dt.timedelta(days=rng.randrange(365 * 40))
		n = rng.randint(1, 65)
		expected = reference.get_nth_working_day(reference.get_nth_working_day(received, 0), n)
		assert calendar.add_working_days(received, n) == expected, (received, n)


def test_index_memory_is_small():
	assert WorkingDayCalendar("ENG").index_size_bytes() < 10 * 1024 * 1024
