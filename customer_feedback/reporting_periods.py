"""The periods public bodies report by, and the small-number rule, without Frappe.

UK public bodies report by financial year (1 April to 31 March), its quarters (Q1 April to June) and half
years, and by calendar month: committees ask for "Q2 2025/26", not for two dates. `period_dates` turns a
quick choice and a day inside the period into its first and last day; the reports' filters call it.
`shown_count` keeps equality figures from identifying anyone: a count below the threshold (5, as the ONS
and the ombudsmen's published statistics do) is shown as "fewer than 5".
"""

from __future__ import annotations

import datetime as dt

from customer_feedback.rule_errors import RuleError, _

FINANCIAL_YEAR = "Financial year"
HALF_YEAR = "Half year"
QUARTER = "Quarter"
MONTH = "Month"
CUSTOM = "Custom"
PERIODS = (FINANCIAL_YEAR, HALF_YEAR, QUARTER, MONTH, CUSTOM)
FINANCIAL_YEAR_STARTS = 4  # April
SMALL_NUMBER_THRESHOLD = 5


class PeriodError(RuleError):
	"""A period the reports cannot read: unknown choice, or custom dates missing or in the wrong order."""


def financial_year_start(day: dt.date) -> dt.date:
	"""1 April of the financial year `day` is in."""
	year = day.year if day.month >= FINANCIAL_YEAR_STARTS else day.year - 1
	return dt.date(year, FINANCIAL_YEAR_STARTS, 1)


def add_months(day: dt.date, months: int) -> dt.date:
	"""The first of the month `months` after `day`'s month."""
	index = day.year * 12 + day.month - 1 + months
	return dt.date(index // 12, index % 12 + 1, 1)


def period_dates(
	period: str, day: dt.date, from_date: dt.date | None = None, to_date: dt.date | None = None
) -> tuple[dt.date, dt.date]:
	"""(first, last) day of the `period` that contains `day`; for Custom, `from_date` to `to_date`."""
	if period == CUSTOM:
		if not (from_date and to_date):
			raise PeriodError(
				_("A custom period needs From Date and To Date: fill both, or choose a period.")
			)
		if from_date > to_date:
			raise PeriodError(
				_("From Date {0} is after To Date {1}: swap them."),
				from_date.isoformat(),
				to_date.isoformat(),
			)
		return from_date, to_date
	months = {FINANCIAL_YEAR: 12, HALF_YEAR: 6, QUARTER: 3, MONTH: 1}.get(period)
	if not months:
		raise PeriodError(_("Period {0} is not one of {1}: choose one of them."), period, ", ".join(PERIODS))
	year_start = financial_year_start(day)
	months_in = (day.year - year_start.year) * 12 + day.month - year_start.month
	start = add_months(year_start, months_in - months_in % months) if months != 1 else day.replace(day=1)
	return start, add_months(start, months) - dt.timedelta(days=1)


def period_label(period: str, start: dt.date, end: dt.date) -> str:
	"""How a committee paper names the period: "2025/26", "Q2 2025/26", "H1 2025/26", "May 2025"."""
	year_start = financial_year_start(start)
	year = f"{year_start.year}/{(year_start.year + 1) % 100:02d}"
	months_in = (start.year - year_start.year) * 12 + start.month - year_start.month
	if period == FINANCIAL_YEAR:
		return year
	if period == HALF_YEAR:
		return f"H{months_in // 6 + 1} {year}"
	if period == QUARTER:
		return f"Q{months_in // 3 + 1} {year}"
	if period == MONTH:
		return f"{start:%B %Y}"
	return f"{start.isoformat()} to {end.isoformat()}"


def shown_count(count: int, threshold: int = SMALL_NUMBER_THRESHOLD) -> int | str:
	"""The count as a report may show it: 0 and counts from the threshold up as they are, others hidden."""
	return count if count == 0 or count >= threshold else f"fewer than {threshold}"
