# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt
"""Equality Monitoring Summary (Solihull's equality sample monitoring; the Code's accessibility duty): for each
protected characteristic, how many customers who gave their answers sent feedback in the period, and how
many of them answered the satisfaction survey. For Feedback Managers only (the report's roles, and
Equality Monitoring's own permissions). Any count from 1 to 4 is shown as "fewer than 5", so nobody can be
identified by a rare answer in a small service; one query over every characteristic (UNION ALL)."""

from __future__ import annotations

import frappe
from frappe import _

from customer_feedback.report_filters import column, readable_rows, report_period
from customer_feedback.reporting_periods import shown_count

CHARACTERISTICS = {
	"age_band": "Age",
	"disability": "Disability",
	"sex": "Sex",
	"gender_reassignment": "Gender Reassignment",
	"ethnicity": "Ethnicity",
	"religion": "Religion or Belief",
	"sexual_orientation": "Sexual Orientation",
}


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	frappe.has_permission("Equality Monitoring", "read", throw=True)
	start, end, label = report_period(filters)
	values = {
		"start": start,
		"end": end,
		**{key: filters.get(key) for key in ("policy", "service_area", "channel")},
	}
	conditions = [
		readable_rows("Equality Monitoring", "em"),
		"date(fb.received_on) between %(start)s and %(end)s",
	]
	conditions += [
		f"fb.{key} = %({key})s" for key in ("policy", "service_area", "channel") if values.get(key)
	]
	where = " and ".join(conditions)
	selects = " union all ".join(
		f"""select {frappe.db.escape(field)} as characteristic, em.`{field}` as answer,
			count(*) as cases, sum(survey.status = 'Answered') as surveys
		from `tabEquality Monitoring` em
		join `tabFeedback` fb on fb.name = em.feedback
		left join `tabFeedback Survey` survey on survey.feedback = em.feedback
		where {where} and coalesce(em.`{field}`, '') != ''
		group by em.`{field}`"""
		for field in CHARACTERISTICS
	)
	rows = frappe.db.sql(selects, values, as_dict=True)
	order = list(CHARACTERISTICS)
	rows.sort(key=lambda row: (order.index(row.characteristic), row.answer))
	data = [
		{
			"characteristic": _(CHARACTERISTICS[row.characteristic]),
			"answer": _(row.answer),
			"cases": shown_count(int(row.cases)),
			"surveys": shown_count(int(row.surveys or 0)),
		}
		for row in rows
	]
	return columns(), data, _("Equality monitoring, {0}").format(label)


def columns() -> list[dict]:
	return [
		column("characteristic", "Characteristic", "Data", 180),
		column("answer", "Answer", "Data", 260),
		# Data, not Int: a count below 5 is the words "fewer than 5".
		column("cases", "Customers", "Data", 120),
		column("surveys", "Answered the Survey", "Data", 160),
	]
