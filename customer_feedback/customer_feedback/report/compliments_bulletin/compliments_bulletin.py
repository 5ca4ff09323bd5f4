# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt
"""Compliments Bulletin: the compliments ticked For the Bulletin, received in a week or month, with who was
praised and the staff's brief of what was said; the customer's name only where they agreed. Printed from the
report's menu (Print). Read through frappe.get_list, so a compliment shows only to those who read its case;
the rules of what it may print are customer_feedback.bulletin."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from customer_feedback.bulletin import WEEK, BulletinError, bulletin_dates, customer_shown, who_was_praised
from customer_feedback.constants import COMPLIMENT
from customer_feedback.exceptions import rule_message
from customer_feedback.report_filters import column

# What the report reads of a case: never its email, telephone, address, postcode or description.
FIELDS = (
	"name",
	"received_on",
	"service_area",
	"compliment_category",
	"bulletin_summary",
	"named_in_bulletin",
	"is_anonymous",
	"customer_name",
)


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	try:
		start, end = bulletin_dates(
			filters.get("period") or WEEK,
			getdate(filters.get("date") or nowdate()),
			getdate(filters.from_date) if filters.get("from_date") else None,
			getdate(filters.to_date) if filters.get("to_date") else None,
		)
	except BulletinError as error:
		frappe.throw(rule_message(error), frappe.ValidationError)
	conditions = [
		["feedback_type", "=", COMPLIMENT],
		["for_bulletin", "=", 1],
		["received_on", ">=", f"{start} 00:00:00"],
		["received_on", "<=", f"{end} 23:59:59.999999"],
	]
	if filters.get("service_area"):
		conditions.append(["service_area", "=", filters.service_area])
	cases = frappe.get_list(
		"Feedback", filters=conditions, fields=list(FIELDS), order_by="received_on asc, name asc"
	)
	praised = praised_of([case.name for case in cases])
	data = [
		{
			"name": case.name,
			"received_on": getdate(case.received_on),
			"service_area": case.service_area,
			"compliment_category": case.compliment_category,
			"praised": who_was_praised(praised.get(case.name, [])),
			"what_was_said": case.bulletin_summary or "",
			"customer": customer_shown(
				bool(case.named_in_bulletin), bool(case.is_anonymous), case.customer_name or ""
			),
		}
		for case in cases
	]
	return columns(), data, None, None, summary(start, end, len(data))


def praised_of(names: list[str]) -> dict[str, list[dict]]:
	"""Who Was Praised of each case, read only for the cases the user may read (get_list above)."""
	rows: dict[str, list[dict]] = {}
	if not names:
		return rows
	for row in frappe.get_all(
		"Feedback Praised Person",
		filters={"parent": ("in", names), "parenttype": "Feedback", "parentfield": "praised"},
		fields=["parent", "praised_name", "team"],
		order_by="idx asc",
	):
		rows.setdefault(row.parent, []).append(row)
	return rows


def columns() -> list[dict]:
	return [
		column("received_on", "Received", "Date", 100),
		column("service_area", "Service Area", "Link", 150, options="Service Area"),
		column("praised", "Who Was Praised", "Data", 220),
		column("compliment_category", "Category", "Link", 180, options="Compliment Category"),
		column("what_was_said", "What Was Said", "Data", 380),
		column("customer", "From", "Data", 150),
		column("name", "Reference", "Link", 130, options="Feedback"),
	]


def summary(start, end, count: int) -> list[dict]:
	return [
		{
			"label": _("Compliments from {0} to {1}").format(
				frappe.format(start, "Date"), frappe.format(end, "Date")
			),
			"value": count,
			"indicator": "Green",
			"datatype": "Int",
		}
	]
