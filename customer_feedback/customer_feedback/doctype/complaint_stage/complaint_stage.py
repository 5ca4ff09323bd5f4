# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, getdate, nowdate

from customer_feedback.case_rules import (
	CaseRuleError,
	Clock,
	StagePeople,
	check_extension,
	clock_outcome,
	independence_conflicts,
	is_paused_on,
	pause_spans,
)
from customer_feedback.customer_feedback.doctype.feedback_policy.feedback_policy import get_policy
from customer_feedback.exceptions import ExtensionError, PauseError, StageConflictError

# Fields the case (Feedback) shows for its current stage.
MIRRORED_FIELDS = ("acknowledge_by", "respond_by", "sla_status", "working_days_taken")


class ComplaintStage(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from customer_feedback.customer_feedback.doctype.complaint_stage_pause.complaint_stage_pause import (
			ComplaintStagePause,
		)
		from customer_feedback.customer_feedback.doctype.feedback_remedy.feedback_remedy import FeedbackRemedy

		acknowledge_by: DF.Date | None
		acknowledged_on: DF.Date | None
		beyond_limit_reason: DF.SmallText | None
		complexity: DF.Literal["Standard", "Complex"]
		customer_told_of_extension_on: DF.Date | None
		escalation_reason: DF.SmallText | None
		escalation_refusal_reason: DF.SmallText | None
		escalation_refused_by: DF.Link | None
		escalation_refused_on: DF.Date | None
		extension_approved_by: DF.Link | None
		extension_days: DF.Int
		extension_reason: DF.SmallText | None
		feedback: DF.Link
		findings: DF.TextEditor | None
		handler: DF.Link | None
		outcome: DF.Literal[
			"", "Upheld", "Partly upheld", "Not upheld", "Withdrawn", "Resolved at first contact"
		]
		pauses: DF.Table[ComplaintStagePause]
		policy: DF.Link | None
		remedies: DF.TableMultiSelect[FeedbackRemedy]
		respond_by: DF.Date | None
		responded_on: DF.Date | None
		reviewer: DF.Link | None
		sla_status: DF.Literal["On Track", "Due Soon", "Overdue", "Met", "Missed", "Paused"]
		social_care: DF.Check
		stage_name: DF.Data | None
		stage_number: DF.Int
		started_on: DF.Datetime
		status: DF.Literal["Open", "Acknowledged", "Responded", "Closed"]
		working_days_taken: DF.Int

	# end: auto-generated types
	def validate(self):
		policy = get_policy(self.policy or frappe.db.get_value("Feedback", self.feedback, "policy"))
		self.policy = policy.name
		rule = policy.get_stage_rule(self.stage_number)
		self.stage_name = rule.stage_name
		self.validate_independence(rule.independent_handler)
		self.validate_extension(rule.max_extension_days)
		self.update_clock(policy)

	def validate_independence(self, required: bool):
		if not required or not (self.handler or self.reviewer):
			return
		earlier = [
			StagePeople(row.stage_number, row.handler, row.reviewer)
			for row in frappe.get_all(
				"Complaint Stage",
				filters={"feedback": self.feedback, "stage_number": ("<", self.stage_number)},
				fields=["stage_number", "handler", "reviewer"],
			)
		]
		for field, user, stage_number in independence_conflicts(self.handler, self.reviewer, earlier):
			frappe.throw(
				_(
					"{0}: {1} was involved in stage {2}, and this policy needs someone not involved earlier at stage {3}. Choose another {0}."
				).format(_(self.meta.get_label(field)), user, stage_number, self.stage_number),
				StageConflictError,
			)

	def validate_extension(self, limit: int):
		try:
			check_extension(self.extension_days or 0, limit, self.beyond_limit_reason, self.extension_reason)
		except CaseRuleError as error:
			frappe.throw(str(error), ExtensionError)

	def pause_rows(self) -> list[tuple]:
		return [
			(getdate(row.paused_from), getdate(row.paused_until) if row.paused_until else None)
			for row in self.pauses
		]

	def update_clock(self, policy=None):
		"""Recompute the stage's dates and status from the policy: acknowledging, pausing, extending or
		changing complexity all come through here."""
		policy = policy or get_policy(self.policy)
		today = getdate(nowdate())
		try:
			spans = pause_spans(self.pause_rows(), today)
		except CaseRuleError as error:
			frappe.throw(_("Pauses: {0}").format(str(error)), PauseError)
		deadlines = policy.get_deadlines(
			"Complaint",
			self.started_on,
			stage=self.stage_number,
			complexity=self.complexity or "Standard",
			social_care=bool(self.social_care),
			acknowledged_on=getdate(self.acknowledged_on) if self.acknowledged_on else None,
			pauses=spans,
			extension_days=self.extension_days or 0,
		)
		self.acknowledge_by = deadlines.acknowledge_by
		self.respond_by = deadlines.respond_by
		clock = Clock(
			self.acknowledge_by,
			getdate(self.acknowledged_on) if self.acknowledged_on else None,
			self.respond_by,
			getdate(self.responded_on) if self.responded_on else None,
			paused=is_paused_on(self.pause_rows(), today),
		)
		self.sla_status, self.working_days_taken = clock_outcome(
			policy.get_calendar(),
			get_datetime(self.started_on),
			clock,
			spans,
			today,
			policy.due_soon_days or 0,
		)
		if self.status != "Closed":
			self.status = (
				"Responded" if self.responded_on else "Acknowledged" if self.acknowledged_on else "Open"
			)

	def on_update(self):
		if self.flags.from_feedback:
			return
		# Pauses, extensions and complexity changed here move the case's dates too.
		if frappe.db.get_value("Feedback", self.feedback, "current_stage") == self.stage_number:
			frappe.db.set_value(
				"Feedback",
				self.feedback,
				{field: self.get(field) for field in MIRRORED_FIELDS},
				update_modified=False,
			)
