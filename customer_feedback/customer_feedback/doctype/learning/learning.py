# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt

"""One lesson from a case: what went wrong or what we learned, its category, the actions it led to (each
with an owner, who gets a ToDo, and a due date, the day after which the "Learning Action Overdue"
Notification reminds them), and a Head of Service's review. The date rules are customer_feedback.learning_rules;
who reads a record is who reads its case (customer_feedback.permissions)."""

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as assign
from frappe.model.document import Document
from frappe.utils import cstr, getdate, nowdate

from customer_feedback.constants import FEEDBACK_MANAGER, HEAD_OF_SERVICE
from customer_feedback.exceptions import LearningError, rule_message
from customer_feedback.learning_rules import ActionDates, action_errors, review_errors

REVIEWER_ROLES = (HEAD_OF_SERVICE, FEEDBACK_MANAGER)
REVIEW_FIELDS = ("reviewed_by", "reviewed_on", "review_outcome", "review_notes")


def date_or_none(value):
	"""The date, or None for an empty field (getdate would give today)."""
	return getdate(value) if value else None


class Learning(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from customer_feedback.customer_feedback.doctype.learning_action.learning_action import LearningAction

		actions: DF.Table[LearningAction]
		complaint_stage: DF.Link | None
		feedback: DF.Link
		learning_category: DF.Link
		lesson: DF.SmallText
		recorded_on: DF.Date
		review_notes: DF.SmallText | None
		review_outcome: DF.Literal["", "Accepted", "More action needed"]
		reviewed_by: DF.Link | None
		reviewed_on: DF.Date | None
		service_area: DF.Link | None
	# end: auto-generated types

	def validate(self):
		received_on = getdate(frappe.db.get_value("Feedback", self.feedback, "received_on"))
		today = getdate(nowdate())
		self.validate_stage()
		self.validate_category()
		self.validate_review()
		self.validate_owners()
		errors = action_errors(
			[
				ActionDates(row.idx, date_or_none(row.due_on), date_or_none(row.done_on))
				for row in self.actions
			],
			received_on,
			today,
		) + review_errors(
			date_or_none(self.reviewed_on),
			self.review_outcome or "",
			self.review_notes or "",
			received_on,
			today,
		)
		if errors:
			frappe.throw(rule_message(errors[0]), LearningError)

	def on_update(self):
		self.assign_action_owners()

	def validate_stage(self):
		if not self.complaint_stage:
			return
		if frappe.db.get_value("Complaint Stage", self.complaint_stage, "feedback") != self.feedback:
			frappe.throw(
				_(
					"Complaint Stage {0} is a stage of another case: choose one of {1}'s stages, or leave it empty."
				).format(frappe.bold(self.complaint_stage), frappe.bold(self.feedback)),
				LearningError,
			)

	def validate_category(self):
		if not self.has_value_changed("learning_category"):
			return
		if frappe.db.get_value("Learning Category", self.learning_category, "disabled"):
			frappe.throw(
				_("Learning Category {0} is disabled: choose one in use.").format(
					frappe.bold(self.learning_category)
				),
				LearningError,
			)

	def validate_review(self):
		"""Only a reviewer records or changes the review; an outcome is signed with who and when."""
		before = self.get_doc_before_save()
		changed = any(
			cstr(self.get(field)) != cstr(before.get(field) if before else None) for field in REVIEW_FIELDS
		)
		if not changed:
			return
		if not set(REVIEWER_ROLES) & set(frappe.get_roles()):
			frappe.throw(
				_(
					"Only a Head of Service or the Feedback Manager records the review: leave Reviewed By, Reviewed On, Review Outcome and Review Notes as they were."
				),
				LearningError,
			)
		if self.review_outcome:
			self.reviewed_by = self.reviewed_by or frappe.session.user
			self.reviewed_on = self.reviewed_on or nowdate()
		if self.reviewed_by and not set(REVIEWER_ROLES) & set(frappe.get_roles(self.reviewed_by)):
			frappe.throw(
				_(
					"Reviewed By: {0} is not a Head of Service or Feedback Manager: choose the reviewer."
				).format(frappe.bold(self.reviewed_by)),
				LearningError,
			)

	def validate_owners(self):
		"""An action's owner must read the case, or their ToDo would point at a record they cannot open (and the
		platform would share it with them, past the case's permissions)."""
		for owner in {row.action_owner for row in self.actions if row.action_owner}:
			if not frappe.db.get_value("User", owner, "enabled") or not frappe.has_permission(
				"Learning", "read", doc=self, user=owner
			):
				row = next(row for row in self.actions if row.action_owner == owner)
				frappe.throw(
					_(
						"Actions row {0}: Owner {1} cannot read case {2}: choose a member of staff who handles it."
					).format(row.idx, frappe.bold(owner), frappe.bold(self.feedback)),
					LearningError,
				)

	def assign_action_owners(self):
		"""Each owner of an action not yet done has an open ToDo on this record (the platform's assignment);
		an owner whose actions are all done has theirs closed."""
		undone: dict[str, list] = {}
		for row in self.actions:
			if not row.done_on:
				undone.setdefault(row.action_owner, []).append(row)
		todos = frappe.get_all(
			"ToDo",
			filters={"reference_type": self.doctype, "reference_name": self.name, "status": "Open"},
			fields=["name", "allocated_to"],
		)
		assigned = {todo.allocated_to for todo in todos}
		for owner, rows in undone.items():
			if owner in assigned:
				continue
			assign(
				{
					"assign_to": [owner],
					"doctype": self.doctype,
					"name": self.name,
					"description": _("Learning action on {0}: {1}").format(
						self.feedback, "; ".join(row.action for row in rows)
					),
					"date": min(getdate(row.due_on) for row in rows),
				},
				ignore_permissions=True,
			)
		for todo in todos:
			if todo.allocated_to not in undone:
				done = frappe.get_doc("ToDo", todo.name)
				done.status = "Closed"
				done.save(ignore_permissions=True)
