# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, getdate, now_datetime, nowdate

from customer_feedback.case_rules import (
	CASE_FINISHED,
	COMPENSATION_CLAIM,
	NOT_IN_PROCEDURE,
	CaseRules,
	ClockFacts,
	EscalationFacts,
	closes_for_no_reply_on,
	escalation_block,
	in_procedure,
	is_out_of_hours,
	next_update_due,
	read_clock,
)
from customer_feedback.constants import (
	ACKNOWLEDGED,
	CLOSED,
	COMPLAINT,
	FINISHED_CASE_STATUSES,
	HANDLE_AS_COMPLAINT,
	OPEN,
	RECORD_AS_COMMENT,
	REFER_TO_SERVICE_MANAGER,
	RESPONDED,
	SERVICE_REQUEST,
	WITH_EXTERNAL_BODY,
)
from customer_feedback.customer_feedback.doctype.complaint_stage.complaint_stage import (
	RECORDED_FIELDS,
	SHOWN_ON_CASE,
)
from customer_feedback.customer_feedback.doctype.feedback_policy.feedback_policy import (
	external_body_name,
	get_default_policy_name,
	get_rules,
)
from customer_feedback.exceptions import (
	EscalationError,
	ReceivedInFutureError,
	StageOwnedFieldError,
	StatusBypassError,
)

# What the case says about an anonymous complaint under each setting of the policy (the stored key).
ANONYMOUS_HANDLING_NOTES = {
	RECORD_AS_COMMENT: "Recorded as a comment: the policy cannot log an anonymous complaint, as there is no one "
	"to investigate with or respond to, but we can still learn from it.",
	REFER_TO_SERVICE_MANAGER: "Referred to the service manager to agree a course of action, if any: anonymous "
	"complaints fall outside the formal procedure under this policy.",
	HANDLE_AS_COMPLAINT: "Handled as a complaint; there is no one to acknowledge or respond to.",
}


# Who sent it: cleared on an anonymous case.
SENDER_FIELDS = (
	"contact",
	"customer_name",
	"email",
	"phone",
	"address",
	"postcode",
	"preferred_contact_method",
	"has_representative",
	"representative_name",
	"representative_relationship",
	"representative_email",
	"representative_phone",
	"customer_consent_confirmed",
)


def stage_state(stage) -> tuple[str, ...]:
	"""What a stage's save would write of its clock: compared before and after reading it."""
	return tuple(str(stage.get(field) or "") for field in (*SHOWN_ON_CASE, "social_care", "status"))


def anonymous_handling_note(key: str | None) -> str | None:
	"""The sentence, in the reader's language, for a stored anonymous-handling key."""
	return _(ANONYMOUS_HANDLING_NOTES[key]) if key in ANONYMOUS_HANDLING_NOTES else None


class Feedback(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from customer_feedback.customer_feedback.doctype.feedback_complaint_category.feedback_complaint_category import (
			FeedbackComplaintCategory,
		)
		from customer_feedback.customer_feedback.doctype.feedback_remedy.feedback_remedy import FeedbackRemedy

		access_code_hash: DF.Data | None
		acknowledge_by: DF.Date | None
		acknowledged_on: DF.Date | None
		address: DF.SmallText | None
		adjustments_review_on: DF.Date | None
		anonymous_handling: DF.Literal[
			"", "Handle as complaint", "Record as comment", "Refer to service manager"
		]
		attachment_1: DF.Attach | None
		attachment_2: DF.Attach | None
		categories: DF.TableMultiSelect[FeedbackComplaintCategory]
		channel: DF.Literal[
			"Web",
			"Email",
			"Letter",
			"Telephone",
			"In person",
			"Fax",
			"Minicom or text relay",
			"SMS",
			"Social media",
			"Public consultation",
			"Elected member on behalf of a constituent",
		]
		closed_on: DF.Date | None
		closes_for_no_reply_on: DF.Date | None
		closure_reason: DF.SmallText | None
		compensation_claim: DF.Check
		complexity: DF.Literal["Standard", "Complex"]
		contact: DF.Link | None
		contractor_involved: DF.Data | None
		current_stage: DF.Int
		customer_consent_confirmed: DF.Check
		customer_name: DF.Data | None
		data_protection: DF.Check
		description: DF.TextEditor
		desired_outcome: DF.SmallText | None
		elected_member: DF.Check
		elected_member_name: DF.Data | None
		elected_member_office: DF.Literal[
			"", "Member of Parliament", "Councillor", "Other elected representative"
		]
		email: DF.Data | None
		equality_age_band: DF.Data | None
		equality_disability: DF.Data | None
		equality_ethnicity: DF.Data | None
		equality_gender_reassignment: DF.Data | None
		equality_religion: DF.Data | None
		equality_sex: DF.Data | None
		equality_sexual_orientation: DF.Data | None
		external_decision: DF.SmallText | None
		external_decision_on: DF.Date | None
		external_reference: DF.Data | None
		feedback_type: DF.Literal[
			"Complaint", "Compliment", "Comment", "Suggestion", "Representation", "Service Request"
		]
		first_contact_actions: DF.SmallText | None
		first_contact_outcome: DF.SmallText | None
		has_representative: DF.Check
		hate_crime: DF.Check
		is_anonymous: DF.Check
		last_update_on: DF.Date | None
		legal_or_political: DF.Check
		naming_series: DF.Literal["FB-.YYYY.-.#####"]
		needs_advocate: DF.Check
		needs_british_sign_language: DF.Check
		needs_easy_read: DF.Check
		needs_interpreter: DF.Check
		needs_large_print: DF.Check
		next_update_due: DF.Date | None
		outcome: DF.Literal[
			"", "Upheld", "Partly upheld", "Not upheld", "Withdrawn", "Resolved at first contact"
		]
		phone: DF.Data | None
		policy: DF.Link
		postcode: DF.Data | None
		preferred_contact_method: DF.Literal["", "Email", "Telephone", "Letter", "Text message", "In person"]
		preferred_language: DF.Link | None
		progress_update_overdue: DF.Check
		reasonable_adjustments: DF.SmallText | None
		received_on: DF.Datetime
		received_out_of_hours: DF.Check
		recorded_by: DF.Link | None
		referred_to_external_body_on: DF.Date | None
		remedies: DF.TableMultiSelect[FeedbackRemedy]
		representative_email: DF.Data | None
		representative_name: DF.Data | None
		representative_phone: DF.Data | None
		representative_relationship: DF.Data | None
		resolved_at_first_contact: DF.Check
		respond_by: DF.Date | None
		responded_on: DF.Date | None
		safeguarding: DF.Check
		service_area: DF.Link | None
		service_area_manager: DF.Link | None
		sla_status: DF.Literal["On Track", "Due Soon", "Overdue", "Met", "Missed", "Paused"]
		social_care: DF.Check
		staff_conduct: DF.Check
		staff_member_concerned: DF.Link | None
		status: DF.Literal["Open", "Acknowledged", "Responded", "With External Body", "Closed"]
		website_address: DF.Data | None
		workflow_state: DF.Link | None
		working_days_taken: DF.Int

	# end: auto-generated types
	# The public form's steps (customer_feedback.portal.intake) join through doc_events in hooks.py.

	def onload(self):
		self.set_onload("anonymous_handling_note", self.anonymous_handling_note)

	def validate(self):
		if not self.policy:
			self.policy = get_default_policy_name()
		self.validate_received_on()
		rules = get_rules(self.policy)
		self.apply_anonymous_rule(rules)
		if self.is_anonymous:
			self.forget_sender()
		self.received_out_of_hours = is_out_of_hours(
			rules.calendar, get_datetime(self.received_on), rules.office_opens_hour, rules.office_closes_hour
		)
		# A case whose personal data was removed (customer_feedback/personal_data.py) has no customer to check.
		if not (self.is_anonymous or self.personal_data_removed_on):
			self.validate_customer()
			self.link_contact()
		self.record_status_dates()
		self.update_clock(rules)
		self.update_contact_dates(rules)

	def validate_workflow(self):
		# Escalation, referral and closing after no reply move the case by rule, not by a user's workflow
		# action, so they need no transition an administrator might rename or remove.
		if self.flags.moved_by_rule:
			return
		super().validate_workflow()
		self.refuse_status_set_directly()

	def refuse_status_set_directly(self):
		"""The workflow's actions move `status` (through the state's update field), checking who may and when.
		A status or state written on its own (a REST PUT, an import) would skip those checks: refused."""
		implied = self.status_for_workflow_state()
		if not implied or implied == self.status:
			return
		frappe.throw(
			_(
				"Status {0} does not match the workflow state {1}: the two move together with the case's workflow actions (Acknowledge, Send Response, Close and the others in the Actions menu), which check who may take them and when. Take the action from the Actions menu instead of setting either field."
			).format(_(self.status), _(self.workflow_state or "")),
			StatusBypassError,
		)

	def validate_received_on(self):
		if get_datetime(self.received_on) > now_datetime():
			frappe.throw(
				_(
					"Received On is {0}, in the future: give the date and time the feedback arrived, now at the latest."
				).format(frappe.format(self.received_on, "Datetime")),
				ReceivedInFutureError,
			)

	def validate_customer(self):
		# The form's mandatory_depends_on rules are not enforced for REST calls and imports.
		if not (self.customer_name or "").strip():
			frappe.throw(
				_("Customer Name is empty: give the customer's name, or tick Anonymous."),
				frappe.MandatoryError,
			)
		if self.has_representative and not (self.representative_name or "").strip():
			frappe.throw(
				_("Representative Name is empty: give the name, or untick Made by a Representative."),
				frappe.MandatoryError,
			)
		if self.elected_member and not (self.elected_member_name or "").strip():
			frappe.throw(
				_("Elected Member is empty: give their name, or untick From an Elected Member."),
				frappe.MandatoryError,
			)
		if self.resolved_at_first_contact and not (
			(self.first_contact_actions or "").strip() and (self.first_contact_outcome or "").strip()
		):
			frappe.throw(
				_(
					"Resolved at First Contact needs the Actions Taken and the Outcome: fill both, or untick it."
				),
				frappe.MandatoryError,
			)

	def apply_anonymous_rule(self, rules: CaseRules):
		if not (self.is_anonymous and self.feedback_type == COMPLAINT):
			self.anonymous_handling = None
			return
		self.anonymous_handling = rules.anonymous_complaints
		if self.anonymous_handling == RECORD_AS_COMMENT and self.is_new():
			self.feedback_type = "Comment"

	def forget_sender(self):
		"""An anonymous case keeps nothing that identifies who sent it: whatever the channel or the form sent,
		and, from the public form, the signed-in website user who sent it."""
		self.update({field: None for field in SENDER_FIELDS})
		if self.is_new() and self.flags.public_submission and frappe.session.user != "Guest":
			self.owner = self.modified_by = "Guest"

	@property
	def anonymous_handling_note(self) -> str | None:
		return anonymous_handling_note(self.anonymous_handling)

	@property
	def has_stages(self) -> bool:
		"""A complaint runs through the policy's stages unless it was settled without them."""
		return in_procedure(
			self.feedback_type,
			bool(self.resolved_at_first_contact),
			self.anonymous_handling,
			get_rules(self.policy),
		)

	def link_contact(self):
		"""The customer as a platform Contact: found by email or phone, else created."""
		if self.contact or not self.customer_name:
			return
		contact = None
		if self.email:
			contact = frappe.db.get_value(
				"Contact Email", {"email_id": self.email, "parenttype": "Contact"}, "parent"
			)
		if not contact and self.phone:
			contact = frappe.db.get_value(
				"Contact Phone", {"phone": self.phone, "parenttype": "Contact"}, "parent"
			)
		if not contact:
			contact = self.create_contact()
		self.contact = contact

	def create_contact(self) -> str:
		"""The platform names a Contact after the person and numbers a second of the same name ("-1") from a
		read that takes no lock, so two people of the same name sending the form at once collide on the name
		(DuplicateEntryError, found by benchmarks/load_test.py): the second is then named apart."""
		first_name, _space, last_name = self.customer_name.strip().partition(" ")

		def new_contact():
			doc = frappe.get_doc({"doctype": "Contact", "first_name": first_name, "last_name": last_name})
			if self.email:
				doc.add_email(self.email, is_primary=1)
			if self.phone:
				doc.add_phone(self.phone, is_primary_phone=1)
			return doc

		frappe.db.savepoint("cf_new_contact")
		try:
			return new_contact().insert(ignore_permissions=True).name
		except frappe.DuplicateEntryError:
			frappe.db.rollback(save_point="cf_new_contact")
			apart = f"{self.customer_name.strip()}-{frappe.generate_hash(length=5)}"
			return new_contact().insert(ignore_permissions=True, set_name=apart).name

	def record_status_dates(self):
		"""The workflow moves `status`; the dates it implies are recorded once, on the day (a complaint's
		acknowledgement and response on its current stage, in update_clock)."""
		today = getdate(nowdate())
		if self.resolved_at_first_contact and self.status != CLOSED:
			if not self.is_new():
				frappe.throw(
					_(
						"Resolved at First Contact is ticked when the case is recorded. To close Feedback {0} now, use the Close action."
					).format(self.name),
					StatusBypassError,
				)
			self.status = CLOSED
			self.set_workflow_state_for_status()
			self.flags.moved_by_rule = True
			self.outcome = self.outcome or "Resolved at first contact"
			self.closure_reason = self.closure_reason or _("Resolved at first contact")
		if self.status == CLOSED and not self.closed_on:
			self.closed_on = today
		if self.status != CLOSED:
			self.closed_on = None

	# -- the clock: a complaint's is its current stage's; other feedback has its own -----------------------

	def update_clock(self, rules: CaseRules):
		if in_procedure(
			self.feedback_type, bool(self.resolved_at_first_contact), self.anonymous_handling, rules
		):
			self.current_stage = self.current_stage or 1
			self.show_stage(self.current_stage_doc(rules))
			return
		self.current_stage = 0
		today = getdate(nowdate())
		if self.status in (ACKNOWLEDGED, RESPONDED) and not self.acknowledged_on:
			self.acknowledged_on = today
		if self.status == RESPONDED and not self.responded_on:
			self.responded_on = today
		if self.resolved_at_first_contact:
			self.responded_on = self.responded_on or getdate(self.received_on)
		reading = read_clock(
			rules,
			ClockFacts(
				feedback_type=self.feedback_type,
				started_on=get_datetime(self.received_on),
				acknowledged_on=getdate(self.acknowledged_on) if self.acknowledged_on else None,
				responded_on=getdate(self.responded_on) if self.responded_on else None,
				social_care=bool(self.social_care),
			),
			today,
		)
		self.acknowledge_by, self.respond_by = reading.acknowledge_by, reading.respond_by
		self.sla_status, self.working_days_taken = reading.sla_status, reading.working_days_taken

	def current_stage_doc(self, rules: CaseRules):
		"""The current stage, its clock read once in this save (today's status, and the dates the workflow
		records when it acknowledges or responds), and saved after the case only when something moved. A
		stage that has just saved itself (its on_update) comes in read already."""
		saved_itself = self.flags.pop("current_stage_doc", None)
		if saved_itself:
			return saved_itself
		stage = self.flags.pop("opening_stage", None) or self.load_current_stage()
		if stage.name:
			self.refuse_stage_fields_written_here(stage)
		before = stage_state(stage)
		stage.record_case_move(self.status)
		stage.read_clock(rules, bool(self.social_care))
		if not stage.name or stage_state(stage) != before:
			stage.flags.clock_read = True
			self.flags.stage_to_save = stage
		return stage

	def load_current_stage(self):
		name = frappe.db.get_value(
			"Complaint Stage", {"feedback": self.name, "stage_number": self.current_stage}
		)
		if name:
			return frappe.get_doc("Complaint Stage", name)
		# A new complaint's first stage starts with what was recorded on the case at intake (a phone
		# complaint acknowledged during the call, a complex case); from then on the stage owns them.
		return frappe.get_doc(
			{
				"doctype": "Complaint Stage",
				"feedback": self.name,
				"policy": self.policy,
				"stage_number": self.current_stage,
				"started_on": self.flags.stage_starts_on or self.received_on,
				**{field: self.get(field) for field in RECORDED_FIELDS if self.get(field)},
			}
		)

	def refuse_stage_fields_written_here(self, stage):
		"""A complaint's dates and complexity are its stage's: written on the case, they would be lost."""
		before = self.get_doc_before_save()
		for field in RECORDED_FIELDS:
			if (
				before
				and str(self.get(field) or "") != str(before.get(field) or "")
				and str(self.get(field) or "") != str(stage.get(field) or "")
			):
				frappe.throw(
					_(
						"{0} belongs to stage {1} of this complaint: record it on {2} (its dates and complexity are the stage's), or use the case's Acknowledge or Send Response action."
					).format(_(self.meta.get_label(field)), stage.stage_number, stage.name),
					StageOwnedFieldError,
				)

	def show_stage(self, stage):
		"""The case shows its current stage's dates and status; it never writes them back."""
		self.update({field: stage.get(field) for field in SHOWN_ON_CASE})

	def on_update(self):
		stage = self.flags.pop("stage_to_save", None)
		if stage:
			if not stage.feedback:
				stage.feedback = self.name
			stage.flags.from_feedback = True
			stage.save(ignore_permissions=True)

	def update_contact_dates(self, rules: CaseRules):
		"""When the customer is next owed a progress update, and when a responded case closes for want of a
		reply. Both are stored so the scheduled sweep (customer_feedback.sweep) finds its cases by date."""
		awaiting_response = (
			self.status in (OPEN, ACKNOWLEDGED)
			and not self.responded_on
			and (self.feedback_type == COMPLAINT or bool(self.respond_by))
		)
		self.next_update_due = (
			next_update_due(rules.calendar, self.last_contact_with_customer(), rules.progress_update_days)
			if awaiting_response
			else None
		)
		# Recording Last Update On is how staff say they updated the customer: it moves the next update
		# into the future, and the reminder flag goes with it.
		if not self.next_update_due or getdate(self.next_update_due) > getdate(nowdate()):
			self.progress_update_overdue = 0
		self.closes_for_no_reply_on = (
			closes_for_no_reply_on(
				rules.calendar,
				getdate(self.responded_on) if self.responded_on else None,
				rules.close_after_no_reply_days,
			)
			if self.status == RESPONDED
			else None
		)

	def last_contact_with_customer(self):
		"""The latest recorded update or acknowledgement, else the receipt (a datetime, so a cut-off applies)."""
		contacts = [getdate(day) for day in (self.last_update_on, self.acknowledged_on) if day]
		return max(contacts) if contacts else get_datetime(self.received_on)

	# -- actions -------------------------------------------------------------------------------------------

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

	def workflow_statuses(self) -> tuple[str | None, dict[str, str]]:
		"""The workflow's state field and the status each state sets (through its update field), from the
		cached Workflow: read on every save, so no query once cached."""
		from frappe.model.workflow import get_workflow_name

		workflow = get_workflow_name(self.doctype)
		if not workflow:
			return None, {}
		doc = frappe.get_cached_doc("Workflow", workflow)
		statuses = {row.state: row.update_value for row in doc.states if row.update_field == "status"}
		return doc.workflow_state_field, statuses

	def status_for_workflow_state(self) -> str | None:
		"""The status the case's workflow state sets, if the state sets one."""
		state_field, statuses = self.workflow_statuses()
		return statuses.get(self.get(state_field)) if state_field else None

	def set_workflow_state_for_status(self):
		"""Keep the workflow's own state in step when code moves `status`: the state whose update field sets
		this status, whatever an administrator has named it."""
		state_field, statuses = self.workflow_statuses()
		state = next((state for state, status in statuses.items() if status == self.status), None)
		if state:
			self.set(state_field, state)
