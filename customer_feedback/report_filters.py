"""What every Script Report of the app shares: its period filter read into dates, and the rows the user may
read. The period rules are framework-free (customer_feedback/reporting_periods.py); this module is their
Frappe side, so each report's execute() stays a query and its columns."""

from __future__ import annotations

import datetime as dt

import frappe
from frappe import _
from frappe.desk.reportview import build_match_conditions
from frappe.utils import getdate, nowdate

from customer_feedback.exceptions import rule_message
from customer_feedback.reporting_periods import FINANCIAL_YEAR, PeriodError, period_dates, period_label


class ReportFilterError(frappe.ValidationError):
	"""A report's filters cannot be read as they stand (a period, its dates)."""


def report_period(filters: dict) -> tuple[dt.date, dt.date, str]:
	"""(first day, last day, label) of the period the filters choose: a quick choice (financial year,
	half year, quarter, month) around `date` (today by default), or Custom from `from_date` to `to_date`."""
	period = filters.get("period") or FINANCIAL_YEAR
	try:
		start, end = period_dates(
			period,
			getdate(filters.get("date") or nowdate()),
			getdate(filters["from_date"]) if filters.get("from_date") else None,
			getdate(filters["to_date"]) if filters.get("to_date") else None,
		)
	except PeriodError as error:
		frappe.throw(rule_message(error), ReportFilterError)
	return start, end, period_label(period, start, end)


def column(
	fieldname: str, label: str, fieldtype: str = "Int", width: int = 110, options: str | None = None
) -> dict:
	"""One column of a report, its label translated; a Link's DocType in `options`."""
	spec = {"fieldname": fieldname, "label": _(label), "fieldtype": fieldtype, "width": width}
	return {**spec, "options": options} if options else spec


def readable_rows(doctype: str, alias: str) -> str:
	"""SQL that keeps only the rows of `doctype` (named `alias` in the report's query) the session user may
	read: role, user permissions and the app's permission_query_conditions, as the list view applies them;
	"1 = 1" when they read every row."""
	return (build_match_conditions(doctype) or "1 = 1").replace(f"`tab{doctype}`", alias)
