# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt
"""Satisfaction: the survey's answers by policy or service area, for surveys sent in the period: how many
were sent and answered, each answer's count, and the share satisfied (very satisfied or satisfied) of those
who answered. One GROUP BY over the surveys the user may read."""

from __future__ import annotations

import frappe
from frappe import _

from customer_feedback.report_filters import column, readable_rows, report_period

ANSWERS = (
	"Very satisfied",
	"Satisfied",
	"Neither satisfied nor dissatisfied",
	"Dissatisfied",
	"Very dissatisfied",
)
SATISFIED = ANSWERS[:2]
GROUPS = {"Policy": ("policy", "Feedback Policy"), "Service area": ("service_area", "Service Area")}


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	start, end, label = report_period(filters)
	fieldname, options = GROUPS.get(filters.get("group_by") or "Policy", GROUPS["Policy"])
	values = {"start": start, "end": end, **{key: filters.get(key) for key in ("policy", "service_area")}}
	conditions = [readable_rows("Feedback Survey", "survey"), "survey.sent_on between %(start)s and %(end)s"]
	conditions += [f"survey.{key} = %({key})s" for key in ("policy", "service_area") if values.get(key)]
	answer_counts = ",\n".join(
		f"sum(coalesce(survey.handling_satisfaction = {frappe.db.escape(answer)}, 0)) as `{frappe.scrub(answer)}`"
		for answer in ANSWERS
	)
	rows = frappe.db.sql(
		f"""select survey.`{fieldname}` as `{fieldname}`, count(*) as sent,
			sum(survey.status = 'Answered') as answered, {answer_counts}
		from `tabFeedback Survey` survey
		where {" and ".join(conditions)}
		group by survey.`{fieldname}`
		order by survey.`{fieldname}`""",
		values,
		as_dict=True,
	)
	for row in rows:
		satisfied = sum(row[frappe.scrub(answer)] for answer in SATISFIED)
		row["satisfied_percent"] = round(100.0 * satisfied / row.answered, 1) if row.answered else None
		row["response_percent"] = round(100.0 * row.answered / row.sent, 1) if row.sent else None
	return columns(fieldname, options), rows, _("Satisfaction with complaint handling, {0}").format(label)


def columns(fieldname: str, options: str) -> list[dict]:
	return [
		column(fieldname, options, "Link", 200, options=options),
		column("sent", "Surveys Sent"),
		column("answered", "Answered"),
		column("response_percent", "Response %", "Percent"),
		*(column(frappe.scrub(answer), answer, width=130) for answer in ANSWERS),
		column("satisfied_percent", "Satisfied %", "Percent"),
	]
