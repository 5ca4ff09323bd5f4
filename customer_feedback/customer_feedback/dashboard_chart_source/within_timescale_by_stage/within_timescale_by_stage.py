# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt
"""The workspace's chart of the share of responses within timescale at each stage, this financial year: the
Complaint Performance report's figures, read by the user (its query keeps to the cases they may read).
Not the platform's @cache_source: its cache is one per chart, shared by every user, so a manager's figures
would be shown to an officer who may read fewer cases."""

from __future__ import annotations

import frappe
from frappe import _

from customer_feedback.customer_feedback.report.complaint_performance.complaint_performance import execute


@frappe.whitelist()
def get(
	chart_name: str | None = None,
	chart: str | dict | None = None,
	no_cache: int | None = None,
	filters: str | dict | None = None,
	from_date: str | None = None,
	to_date: str | None = None,
	timespan: str | None = None,
	time_interval: str | None = None,
	heatmap_year: str | None = None,
	refresh: int | None = None,
) -> dict:
	frappe.has_permission("Complaint Stage", "read", throw=True)
	_columns, rows, _label = execute({"period": "Financial year"})
	return {
		"labels": [_("Stage {0}").format(row["stage_number"]) for row in rows],
		"datasets": [
			{
				"name": _("Responded in time %"),
				"values": [row["responded_in_time_percent"] or 0 for row in rows],
			}
		],
	}
