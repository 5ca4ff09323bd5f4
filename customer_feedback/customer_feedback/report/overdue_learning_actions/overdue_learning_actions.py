# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt
"""Overdue Learning Actions: every action not done by its due day, oldest first, for the Feedback Manager
(and the owners, who see their own in their ToDo list too). Read through frappe.get_list, so an action shows
only to those who read its case."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import date_diff, getdate, nowdate

from customer_feedback.report_filters import column


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	today = getdate(nowdate())
	conditions = [
		["Learning Action", "done_on", "is", "not set"],
		["Learning Action", "due_on", "<", today],
	]
	if filters.get("service_area"):
		conditions.append(["Learning", "service_area", "=", filters.service_area])
	if filters.get("action_owner"):
		conditions.append(["Learning Action", "action_owner", "=", filters.action_owner])
	rows = frappe.get_list(
		"Learning",
		filters=conditions,
		fields=[
			"name",
			"feedback",
			"service_area",
			"`tabLearning Action`.idx as row",
			"`tabLearning Action`.action as action",
			"`tabLearning Action`.action_owner as action_owner",
			"`tabLearning Action`.due_on as due_on",
		],
		order_by="`tabLearning Action`.due_on asc, `tabLearning`.name asc",
	)
	for row in rows:
		row.days_overdue = date_diff(today, row.due_on)
	return columns(), rows


def columns() -> list[dict]:
	return [
		column("name", "Learning", "Link", 130, options="Learning"),
		column("feedback", "Case", "Link", 130, options="Feedback"),
		column("service_area", "Service Area", "Link", 160, options="Service Area"),
		column("row", "Row", "Int", 60),
		column("action", "Action", "Small Text", 300),
		column("action_owner", "Owner", "Link", 200, options="User"),
		column("due_on", "Due On", "Date", 100),
		column("days_overdue", "Days Overdue", "Int", 100),
	]
