"""Reporting periods at named dates: financial years run 1 April to 31 March."""

import datetime as dt

import pytest

from customer_feedback.reporting_periods import (
	CUSTOM,
	FINANCIAL_YEAR,
	HALF_YEAR,
	MONTH,
	QUARTER,
	PeriodError,
	period_dates,
	period_label,
	shown_count,
)

D = dt.date


@pytest.mark.parametrize(
	"period, day, expected, label",
	[
		(FINANCIAL_YEAR, D(2025, 4, 1), (D(2025, 4, 1), D(2026, 3, 31)), "2025/26"),
		(FINANCIAL_YEAR, D(2026, 3, 31), (D(2025, 4, 1), D(2026, 3, 31)), "2025/26"),
		(FINANCIAL_YEAR, D(2026, 1, 15), (D(2025, 4, 1), D(2026, 3, 31)), "2025/26"),
		(FINANCIAL_YEAR, D(1999, 12, 31), (D(1999, 4, 1), D(2000, 3, 31)), "1999/00"),
		(QUARTER, D(2025, 4, 30), (D(2025, 4, 1), D(2025, 6, 30)), "Q1 2025/26"),
		(QUARTER, D(2025, 8, 15), (D(2025, 7, 1), D(2025, 9, 30)), "Q2 2025/26"),
		(QUARTER, D(2025, 12, 31), (D(2025, 10, 1), D(2025, 12, 31)), "Q3 2025/26"),
		(QUARTER, D(2026, 2, 28), (D(2026, 1, 1), D(2026, 3, 31)), "Q4 2025/26"),
		(HALF_YEAR, D(2025, 9, 30), (D(2025, 4, 1), D(2025, 9, 30)), "H1 2025/26"),
		(HALF_YEAR, D(2025, 10, 1), (D(2025, 10, 1), D(2026, 3, 31)), "H2 2025/26"),
		(HALF_YEAR, D(2026, 3, 1), (D(2025, 10, 1), D(2026, 3, 31)), "H2 2025/26"),
		(MONTH, D(2024, 2, 10), (D(2024, 2, 1), D(2024, 2, 29)), "February 2024"),
		(MONTH, D(2025, 12, 31), (D(2025, 12, 1), D(2025, 12, 31)), "December 2025"),
	],
)
def test_period_dates_and_label(period, day, expected, label):
	assert period_dates(period, day) == expected
	assert period_label(period, *expected) == label


def test_custom_period_takes_its_dates():
	assert period_dates(CUSTOM, D(2025, 1, 1), D(2025, 2, 3), D(2025, 2, 9)) == (D(2025, 2, 3), D(2025, 2, 9))


@pytest.mark.parametrize(
	"args, names",
	[
		((CUSTOM, D(2025, 1, 1)), "From Date and To Date"),
		((CUSTOM, D(2025, 1, 1), D(2025, 2, 9), D(2025, 2, 3)), "is after To Date"),
		(("Fortnight", D(2025, 1, 1)), "Period Fortnight is not one of"),
	],
)
def test_bad_period_refused_naming_the_fix(args, names):
	with pytest.raises(PeriodError, match=names):
		period_dates(*args)


@pytest.mark.parametrize(
	"count, shown", [(0, 0), (1, "fewer than 5"), (4, "fewer than 5"), (5, 5), (120, 120)]
)
def test_small_numbers_hidden(count, shown):
	assert shown_count(count) == shown
