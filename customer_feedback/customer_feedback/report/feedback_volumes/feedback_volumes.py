# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt
"""Feedback Volumes: every type of feedback received in the period, by month, channel or service area, with
the cases from elected members, and complaints per 1,000 residents when the chosen policy records its
population (across policies the residents would be counted twice or not at all). One GROUP BY, whatever the
number of cases."""

from __future__ import annotations

import frappe
from frappe import _

from customer_feedback.constants import COMPLAINT, FEEDBACK_TYPES
from customer_feedback.report_filters import column, readable_rows, report_period

GROUPS = {
	"Month": ("date_format(fb.received_on, '%%Y-%%m')", "month", "Data"),
	"Channel": ("fb.channel", "channel", "Data"),
	"Service area": ("fb.service_area", "service_area", "Link"),
}


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	start, end, label = report_period(filters)
	expression, fieldname, _fieldtype = GROUPS.get(filters.get("group_by") or "Month", GROUPS["Month"])
	values = {
		"start": start,
		"end": end,
		**{key: filters.get(key) for key in ("policy", "service_area", "channel")},
	}
	conditions = [readable_rows("Feedback", "fb"), "date(fb.received_on) between %(start)s and %(end)s"]
	conditions += [
		f"fb.{key} = %({key})s" for key in ("policy", "service_area", "channel") if values.get(key)
	]
	type_counts = ",\n".join(
		f"sum(fb.feedback_type = {frappe.db.escape(kind)}) as `{frappe.scrub(kind)}`"
		for kind in FEEDBACK_TYPES
	)
	rows = frappe.db.sql(
		f"""select {expression} as `{fieldname}`, {type_counts}, count(*) as total,
			sum(fb.elected_member = 1) as elected_member
		from `tabFeedback` fb
		where {" and ".join(conditions)}
		group by {expression}
		order by {expression}""",
		values,
		as_dict=True,
	)
	population = residents(filters.get("policy"))
	for row in rows:
		row["complaints_per_1000"] = (
			round(1000.0 * row[frappe.scrub(COMPLAINT)] / population, 2) if population else None
		)
	return columns(filters.get("group_by") or "Month"), rows, _("Feedback received, {0}").format(label)


def residents(policy: str | None) -> int:
	"""The population the figures are per 1,000 of: the chosen policy's (0 when none is chosen)."""
	return (frappe.db.get_value("Feedback Policy", policy, "population") or 0) if policy else 0


def columns(group_by: str) -> list[dict]:
	_expression, fieldname, fieldtype = GROUPS.get(group_by, GROUPS["Month"])
	first = {"fieldname": fieldname, "label": _(group_by), "fieldtype": fieldtype, "width": 160}
	if fieldtype == "Link":
		first["options"] = "Service Area"
	return [
		first,
		*(
			{"fieldname": frappe.scrub(kind), "label": _(kind), "fieldtype": "Int", "width": 110}
			for kind in FEEDBACK_TYPES
		),
		column("total", "Total", "Int", 90),
		column("elected_member", "From Elected Members", "Int", 120),
		column("complaints_per_1000", "Complaints per 1,000 Residents", "Float", 140),
	]
