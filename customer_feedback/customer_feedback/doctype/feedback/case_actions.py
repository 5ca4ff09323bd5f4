"""The case's actions by the procedure's rules (Feedback's mixin): escalation to the next stage or the
external body, refusal to escalate, a service request turned into a complaint, and moving the status by rule."""

import frappe
from frappe import _
from frappe.utils import get_datetime, getdate, now_datetime, nowdate

from customer_feedback.case_rules import (
	CASE_FINISHED,
	COMPENSATION_CLAIM,
	NOT_IN_PROCEDURE,
	CaseRules,
	EscalationFacts,
	escalation_block,
)
from customer_feedback.constants import (
	CLOSED,
	COMPLAINT,
	FINISHED_CASE_STATUSES,
	OPEN,
	SERVICE_REQUEST,
	WITH_EXTERNAL_BODY,
)
from customer_feedback.customer_feedback.doctype.feedback_policy.feedback_policy import (
	external_body_name,
	get_rules,
)
from customer_feedback.exceptions import EscalationError, ReceivedInFutureError


class CaseActions:
	def move_by_rule(self, status: str, why: str | None = None):
		"""Move the case to `status` by a rule of the procedure (escalation, referral, closing after no
		reply), not a user's workflow action: the workflow's state follows, and `why` goes on the timeline."""
		self.status = status
		self.set_workflow_state_for_status()
		self.flags.moved_by_rule = True
		self.save()
		if why:
			self.add_comment("Info", why)

	def escalation_facts(self, rules: CaseRules) -> EscalationFacts:
		refused = bool(
			self.current_stage
			and frappe.db.get_value(
				"Complaint Stage",
				{"feedback": self.name, "stage_number": self.current_stage},
				"escalation_refused_on",
			)
		)
		return EscalationFacts(
			status=self.status,
			in_procedure=self.has_stages,
			compensation_claim=bool(self.compensation_claim),
			current_stage=self.current_stage,
			last_stage_number=rules.last_stage_number,
			refused=refused,
			responded=bool(self.responded_on),
			respond_by=getdate(self.respond_by) if self.respond_by else None,
		)

	def escalate(self, reason: str | None = None, requested_on=None):
		"""Open the next stage (or refer to the external body after the last) at the customer's request."""
		# Two escalations at once (a double click, two coordinators) must open one stage: the case's row stays
		# locked until this request ends, and a copy read before another escalation committed is refused.
		now = frappe.db.get_value(
			"Feedback", self.name, ["current_stage", "status"], as_dict=True, for_update=True
		)
		if now and (int(now.current_stage or 0) != int(self.current_stage or 0) or now.status != self.status):
			frappe.throw(
				_(
					"Feedback {0} was escalated or changed a moment ago, while you were escalating it: it is now {1} at stage {2}. Reload it to see where it stands, and escalate it again only if it still needs it."
				).format(self.name, _(now.status), now.current_stage),
				EscalationError,
				title=_("Already escalated"),
			)
		rules = get_rules(self.policy)
		block = escalation_block(self.escalation_facts(rules), getdate(nowdate()), by_customer=False)
		if block:
			frappe.throw(self.escalation_refusal(block), EscalationError)
		requested_on = get_datetime(requested_on) if requested_on else now_datetime()
		if requested_on > now_datetime():
			frappe.throw(
				_("Requested On is in the future: give the date the customer asked."), ReceivedInFutureError
			)
		if self.current_stage >= rules.last_stage_number:
			self.referred_to_external_body_on = getdate(requested_on)
			self.move_by_rule(
				WITH_EXTERNAL_BODY, _("Referred to {0}: {1}").format(external_body_name(rules), reason or "")
			)
			return None

		current = self.load_current_stage()
		current.status = CLOSED
		current.flags.from_feedback = True
		current.save(ignore_permissions=True)
		self.current_stage += 1
		next_stage = frappe.get_doc(
			{
				"doctype": "Complaint Stage",
				"feedback": self.name,
				"policy": self.policy,
				"stage_number": self.current_stage,
				"started_on": requested_on,
				"escalation_reason": reason,
				"complexity": current.complexity,
			}
		)
		self.flags.opening_stage = next_stage
		self.move_by_rule(OPEN)
		return next_stage.name

	def escalation_refusal(self, block: str) -> str:
		"""Staff's words for why this case cannot be escalated (case_rules.escalation_block's code)."""
		if block == CASE_FINISHED:
			return _("Feedback {0} is {1}: reopen it before escalating.").format(self.name, _(self.status))
		if block == NOT_IN_PROCEDURE:
			return _(
				"Feedback {0} is a {1} with no complaint stage open: only complaints in the formal procedure can be escalated."
			).format(self.name, _(self.feedback_type))
		if block == COMPENSATION_CLAIM:
			return _(
				"Feedback {0} is a claim for compensation: it stays a stage 1 complaint and goes to the insurance contact. Untick Claim for Compensation if the complaint is about more than the claim."
			).format(self.name)
		return _("Feedback {0} cannot be escalated now.").format(self.name)

	def convert_to_complaint(self, reason: str | None = None):
		"""A service request the customer is now dissatisfied with becomes a complaint and stays open, as the
		Code asks; stage 1's clock starts now, when the dissatisfaction was expressed."""
		if self.feedback_type != SERVICE_REQUEST or self.status in FINISHED_CASE_STATUSES:
			frappe.throw(
				_(
					"Feedback {0} is a {1} ({2}): only an open service request can be turned into a complaint."
				).format(self.name, _(self.feedback_type), _(self.status)),
				EscalationError,
			)
		self.feedback_type = COMPLAINT
		self.acknowledged_on = self.responded_on = None
		self.flags.stage_starts_on = now_datetime()
		self.move_by_rule(OPEN, _("Service request turned into a complaint: {0}").format(reason or ""))

	def refuse_escalation(self, reason: str):
		if not (reason or "").strip():
			frappe.throw(
				_("Reason is empty: say why escalation is refused; the customer must be told."),
				EscalationError,
			)
		stage = self.load_current_stage()
		stage.update(
			{
				"escalation_refused_on": getdate(nowdate()),
				"escalation_refused_by": frappe.session.user,
				"escalation_refusal_reason": reason,
			}
		)
		stage.flags.from_feedback = True
		stage.save(ignore_permissions=True)
