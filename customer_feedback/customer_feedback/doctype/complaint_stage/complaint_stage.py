# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, getdate, nowdate

from customer_feedback.case_rules import (
	CaseRuleError,
	CaseRules,
	ClockFacts,
	StagePeople,
	check_extension,
	independence_conflicts,
	read_clock,
)
from customer_feedback.constants import ACKNOWLEDGED, CLOSED, COMPLAINT, OPEN, RESPONDED
from customer_feedback.customer_feedback.doctype.feedback_policy.feedback_policy import get_policy
from customer_feedback.exceptions import (
	DeadlineQueryError,
	ExtensionError,
	PauseError,
	StageConflictError,
	StageMovedOutsideCaseError,
	StageOpenedOutsideCaseError,
	rule_message,
)
from customer_feedback.rule_errors import RuleError

# What a stage's clock sets, and its case (Feedback) shows for its current stage: the stage owns them.
CLOCK_FIELDS = ("acknowledge_by", "respond_by", "sla_status", "working_days_taken")
# What staff record on the stage and the case shows for its current stage.
RECORDED_FIELDS = ("acknowledged_on", "responded_on", "complexity")
SHOWN_ON_CASE = CLOCK_FIELDS + RECORDED_FIELDS
# Written only by the case's Refuse Escalation action (customer_feedback.api.refuse_escalation), which checks
# the refuser's role: a stage writer setting them directly would go round that check.
REFUSAL_FIELDS = ("escalation_refused_on", "escalation_refused_by", "escalation_refusal_reason")


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
	def before_insert(self):
		# A stage opened beside its case's back would leave the case's current stage behind it, and every
		# later escalation would collide with it: stages open on recording and by Escalate only.
		if not self.flags.from_feedback:
			frappe.throw(
				_(
					"Complaint stages are opened by their case: open Feedback {0} and use its Escalate action (stage 1 opens when the complaint is recorded)."
				).format(self.feedback),
				StageOpenedOutsideCaseError,
			)

	def validate(self):
		self.refuse_case_moves_written_here()
		rules = self.rules()
		self.policy = rules.name
		try:
			rule = rules.stage(self.stage_number)
		except RuleError as error:
			frappe.throw(_("{0}: {1}").format(rules.name, rule_message(error)), DeadlineQueryError)
		self.stage_name = rule.stage_name
		self.validate_independence(rule.independent_handler)
		self.validate_extension(rule.max_extension_days)
		# Saved by its case, which read the clock a moment ago in the same save: not read twice.
		if not self.flags.pop("clock_read", False):
			self.read_clock(rules)

	def refuse_case_moves_written_here(self):
		"""Closing a stage and refusing its escalation are the case's actions, not edits of the stage."""
		before = self.get_doc_before_save()
		if self.flags.from_feedback or not before:
			return
		changed = [
			field for field in REFUSAL_FIELDS if str(self.get(field) or "") != str(before.get(field) or "")
		]
		if changed:
			frappe.throw(
				_(
					"{0} is recorded by the Refuse Escalation action on Feedback {1}, which a Head of Service or Feedback Manager takes: it cannot be edited here."
				).format(_(self.meta.get_label(changed[0])), self.feedback),
				StageMovedOutsideCaseError,
			)
		if self.status != before.status and CLOSED in (self.status, before.status):
			frappe.throw(
				_(
					"Stage {0} closes when Feedback {1} is escalated or closed: use the case's actions, not the stage's Status."
				).format(self.stage_number, self.feedback),
				StageMovedOutsideCaseError,
			)

	def rules(self) -> CaseRules:
		if not self.policy:
			self.policy = frappe.db.get_value("Feedback", self.feedback, "policy")
		return get_policy(self.policy).rules()

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
			frappe.throw(rule_message(error), ExtensionError)

	def record_case_move(self, case_status: str) -> bool:
		"""The case's workflow moved to `case_status`: acknowledging or responding there is recorded here, on
		the day, unless the date is already recorded. True when a date was recorded."""
		today = getdate(nowdate())
		recorded = False
		if case_status in (ACKNOWLEDGED, RESPONDED) and not self.acknowledged_on:
			self.acknowledged_on, recorded = today, True
		if case_status == RESPONDED and not self.responded_on:
			self.responded_on, recorded = today, True
		return recorded

	def clock_facts(self, social_care: bool) -> ClockFacts:
		return ClockFacts(
			feedback_type=COMPLAINT,
			started_on=get_datetime(self.started_on),
			acknowledged_on=getdate(self.acknowledged_on) if self.acknowledged_on else None,
			responded_on=getdate(self.responded_on) if self.responded_on else None,
			stage_number=self.stage_number,
			complexity=self.complexity or "Standard",
			social_care=social_care,
			pauses=tuple(
				(
					getdate(row.paused_from) if row.paused_from else None,
					getdate(row.paused_until) if row.paused_until else None,
				)
				for row in self.pauses
			),
			extension_days=self.extension_days or 0,
		)

	def read_clock(self, rules: CaseRules, social_care: bool | None = None):
		"""Recompute the stage's dates and status (case_rules.read_clock): acknowledging, pausing, extending
		or changing complexity all come through here. `social_care` is the case's; read from it if not given."""
		if social_care is None:
			social_care = bool(frappe.db.get_value("Feedback", self.feedback, "social_care"))
		self.social_care = social_care
		try:
			reading = read_clock(rules, self.clock_facts(social_care), getdate(nowdate()))
		except CaseRuleError as error:
			frappe.throw(_("Pauses: {0}").format(rule_message(error)), PauseError)
		except RuleError as error:
			frappe.throw(_("{0}: {1}").format(rules.name, rule_message(error)), DeadlineQueryError)
		self.update(
			{
				"acknowledge_by": reading.acknowledge_by,
				"respond_by": reading.respond_by,
				"sla_status": reading.sla_status,
				"working_days_taken": reading.working_days_taken,
			}
		)
		if self.status != CLOSED:
			self.status = RESPONDED if self.responded_on else ACKNOWLEDGED if self.acknowledged_on else OPEN

	def on_update(self):
		if self.flags.from_feedback:
			return
		# Recorded here (a pause, an extension, a date): the case shows its current stage, through its own
		# save, so its validation and notifications run; it never writes back.
		case = frappe.get_doc("Feedback", self.feedback)
		if case.current_stage == self.stage_number:
			case.flags.current_stage_doc = self
			case.save(ignore_permissions=True)


def on_doctype_update():
	"""One stage per number per case in the database itself, whatever the stage's name: the last guard
	against two escalations at once (Feedback.escalate locks the case first)."""
	frappe.db.add_unique(
		"Complaint Stage", ["feedback", "stage_number"], constraint_name="unique_feedback_stage"
	)
