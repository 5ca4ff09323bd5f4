# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt
"""Learning by Service Area: the lessons recorded in a period (by Recorded On), per service area, with their
actions and each action's state, and the review: Devon's agenda item for its directorate meetings, printed
from the report (Print). Read through frappe.get_list, so a lesson shows only to those who read its case."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import formatdate, get_fullname, getdate, nowdate

from customer_feedback.learning_rules import is_overdue
from customer_feedback.report_filters import column


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	start = getdate(filters.get("from_date") or nowdate())
	end = getdate(filters.get("to_date") or nowdate())
	if start > end:
		frappe.throw(
			_("From Date is after To Date: give a From Date on or before {0}.").format(formatdate(end))
		)
	conditions = [["recorded_on", ">=", start], ["recorded_on", "<=", end]]
	if filters.get("service_area"):
		conditions.append(["service_area", "=", filters.service_area])
	lessons = frappe.get_list(
		"Learning",
		filters=conditions,
		fields=[
			"name",
			"feedback",
			"recorded_on",
			"service_area",
			"learning_category",
			"lesson",
			"reviewed_by",
			"reviewed_on",
			"review_outcome",
		],
		order_by="service_area asc, recorded_on asc, name asc",
	)
	actions = actions_of([lesson.name for lesson in lessons])
	today = getdate(nowdate())
	data = [
		{
			**lesson,
			"actions": "\n".join(action_line(action, today) for action in actions.get(lesson.name, [])),
			"review": review_line(lesson),
		}
		for lesson in lessons
	]
	return columns(), data


def actions_of(names: list[str]) -> dict[str, list]:
	"""The actions of these lessons (already the ones the user reads), in their rows' order."""
	if not names:
		return {}
	by_lesson: dict[str, list] = {}
	for row in frappe.get_all(
		"Learning Action",
		filters={"parenttype": "Learning", "parentfield": "actions", "parent": ("in", names)},
		fields=["parent", "idx", "action", "action_owner", "due_on", "done_on"],
		order_by="parent asc, idx asc",
	):
		by_lesson.setdefault(row.parent, []).append(row)
	return by_lesson


def action_state(action, today) -> str:
	if action.done_on:
		return _("done on {0}").format(formatdate(action.done_on))
	if is_overdue(getdate(action.due_on), None, today):
		return _("overdue, due {0}").format(formatdate(action.due_on))
	return _("due {0}").format(formatdate(action.due_on))


def action_line(action, today) -> str:
	return "{0}. {1} ({2}; {3})".format(
		action.idx, action.action, get_fullname(action.action_owner), action_state(action, today)
	)


def review_line(lesson) -> str:
	if not lesson.review_outcome:
		return _("Not reviewed")
	return _("{0}: {1}, {2}").format(
		_(lesson.review_outcome), get_fullname(lesson.reviewed_by), formatdate(lesson.reviewed_on)
	)


def columns() -> list[dict]:
	return [
		column("service_area", "Service Area", "Link", 160, options="Service Area"),
		column("name", "Learning", "Link", 130, options="Learning"),
		column("feedback", "Case", "Link", 130, options="Feedback"),
		column("recorded_on", "Recorded On", "Date", 100),
		column("learning_category", "Category", "Link", 200, options="Learning Category"),
		column("lesson", "What We Learned", "Small Text", 300),
		column("actions", "Actions", "Small Text", 320),
		column("review", "Review", "Data", 220),
	]
