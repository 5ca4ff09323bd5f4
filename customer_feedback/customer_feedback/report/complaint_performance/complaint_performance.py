# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt
"""Complaint Performance: per stage (and per service area), what the Code and the committees ask of a
period: received, acknowledged and responded within timescale, extended, working days to respond, what was
outstanding and overdue at the period's end, and the outcomes. Two queries, whatever the number of cases:
the counts in one GROUP BY, the medians in one window query (MariaDB's MEDIAN). A stage counts where it
belongs in the period: received by its start, acknowledged by its start, responded by its response day."""

from __future__ import annotations

import frappe
from frappe import _

from customer_feedback.report_filters import column, readable_rows, report_period

OUTCOMES = ("Upheld", "Partly upheld", "Not upheld", "Withdrawn")
BY_SERVICE_AREA = "Service area and stage"


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	start, end, label = report_period(filters)
	values = {"start": start, "end": end, **case_filter_values(filters)}
	by_area = filters.get("group_by") == BY_SERVICE_AREA
	rows = counts(values, by_area)
	medians = median_days(values, by_area)
	data = [row_out(row, medians.get(group_key(row, by_area))) for row in rows]
	return columns(by_area), data, _("Complaint performance, {0}").format(label)


def case_filter_values(filters) -> dict:
	return {key: filters.get(key) for key in ("policy", "service_area", "channel")}


def where(values: dict) -> str:
	"""The case filters given, and only the stages the user may read."""
	parts = [readable_rows("Complaint Stage", "stage")]
	for key in ("policy", "service_area", "channel"):
		if values.get(key):
			parts.append(f"fb.{key} = %({key})s")
	return " and ".join(parts)


def group_columns(by_area: bool) -> str:
	return "fb.service_area, stage.stage_number" if by_area else "stage.stage_number"


def group_key(row, by_area: bool) -> tuple:
	return (row.service_area, row.stage_number) if by_area else (row.stage_number,)


RECEIVED = "date(stage.started_on) between %(start)s and %(end)s"
RESPONDED = "stage.responded_on between %(start)s and %(end)s"
OUTSTANDING = (
	"date(stage.started_on) <= %(end)s and (stage.responded_on is null or stage.responded_on > %(end)s)"
	" and (fb.closed_on is null or fb.closed_on > %(end)s)"
)


def count_of(condition: str) -> str:
	"""How many rows meet `condition`, a row whose dates are unknown (null) counting as not meeting it."""
	return f"sum(coalesce({condition}, 0))"


def counts(values: dict, by_area: bool) -> list:
	outcome_sums = ",\n".join(
		f"{count_of(RESPONDED + ' and stage.outcome = ' + frappe.db.escape(outcome))} as `{frappe.scrub(outcome)}`"
		for outcome in OUTCOMES
	)
	return frappe.db.sql(
		f"""select {group_columns(by_area)}, max(stage.stage_name) as stage_name,
			{count_of(RECEIVED)} as received,
			{count_of(RECEIVED + " and stage.acknowledged_on <= stage.acknowledge_by")} as acknowledged_in_time,
			{count_of(RECEIVED + " and stage.acknowledge_by is not null")} as acknowledgements_due,
			{count_of(RESPONDED)} as responded,
			{count_of(RESPONDED + " and stage.responded_on <= stage.respond_by")} as responded_in_time,
			{count_of(RESPONDED + " and stage.extension_days > 0")} as extended,
			avg(if({RESPONDED}, stage.working_days_taken, null)) as average_days,
			{count_of(OUTSTANDING)} as outstanding,
			{count_of(OUTSTANDING + " and stage.respond_by < %(end)s")} as overdue,
			{outcome_sums}
		from `tabComplaint Stage` stage
		join `tabFeedback` fb on fb.name = stage.feedback
		where {where(values)}
			and (date(stage.started_on) <= %(end)s)
			and ({RECEIVED} or {RESPONDED} or {OUTSTANDING})
		group by {group_columns(by_area)}
		order by {group_columns(by_area)}""",
		values,
		as_dict=True,
	)


def median_days(values: dict, by_area: bool) -> dict[tuple, float]:
	partition = group_columns(by_area)
	rows = frappe.db.sql(
		f"""select distinct {partition},
			median(stage.working_days_taken) over (partition by {partition}) as median_days
		from `tabComplaint Stage` stage
		join `tabFeedback` fb on fb.name = stage.feedback
		where {where(values)} and {RESPONDED}""",
		values,
		as_dict=True,
	)
	return {group_key(row, by_area): row.median_days for row in rows}


def share(part, whole) -> float | None:
	return round(100.0 * part / whole, 1) if whole else None


def row_out(row, median) -> dict:
	return {
		**row,
		"acknowledged_in_time_percent": share(row.acknowledged_in_time, row.acknowledgements_due),
		"responded_in_time_percent": share(row.responded_in_time, row.responded),
		"average_days": round(row.average_days, 1) if row.average_days is not None else None,
		"median_days": median,
	}


def columns(by_area: bool) -> list[dict]:
	area = [column("service_area", "Service Area", "Link", 160, "Service Area")] if by_area else []
	return [
		*area,
		column("stage_number", "Stage", width=70),
		column("stage_name", "Stage Name", "Data", 160),
		column("received", "Received"),
		column("acknowledged_in_time", "Acknowledged in Time"),
		column("acknowledged_in_time_percent", "Acknowledged in Time %", "Percent"),
		column("responded", "Responded"),
		column("responded_in_time", "Responded in Time"),
		column("responded_in_time_percent", "Responded in Time %", "Percent"),
		column("extended", "Extended"),
		column("average_days", "Average Working Days", "Float"),
		column("median_days", "Median Working Days", "Float"),
		column("outstanding", "Outstanding at End"),
		column("overdue", "Overdue at End"),
		*(column(frappe.scrub(outcome), outcome) for outcome in OUTCOMES),
	]
