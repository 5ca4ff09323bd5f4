# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, getdate, now_datetime, nowdate

from customer_feedback.case_rules import (
	CaseRules,
	ClockFacts,
	closes_for_no_reply_on,
	in_procedure,
	is_out_of_hours,
	next_update_due,
	read_clock,
)
from customer_feedback.constants import (
	ACKNOWLEDGED,
	CLOSED,
	COMPLAINT,
	HANDLE_AS_COMPLAINT,
	OPEN,
	RECORD_AS_COMMENT,
	REFER_TO_SERVICE_MANAGER,
	RESPONDED,
)
from customer_feedback.customer_feedback.doctype.complaint_stage.complaint_stage import (
	RECORDED_FIELDS,
	SHOWN_ON_CASE,
)
from customer_feedback.customer_feedback.doctype.feedback.case_actions import CaseActions
from customer_feedback.customer_feedback.doctype.feedback.case_answer import CaseAnswer
from customer_feedback.customer_feedback.doctype.feedback.case_compliment import CaseCompliment
from customer_feedback.customer_feedback.doctype.feedback.case_customer import CaseCustomer
from customer_feedback.customer_feedback.doctype.feedback.case_email import CaseEmail
from customer_feedback.customer_feedback.doctype.feedback.case_follow_up import CaseFollowUp
from customer_feedback.customer_feedback.doctype.feedback.case_workflow import CaseWorkflow
from customer_feedback.customer_feedback.doctype.feedback_policy.feedback_policy import (
	get_default_policy_name,
	get_rules,
)
from customer_feedback.exceptions import (
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


def stage_state(stage) -> tuple[str, ...]:
	"""What a stage's save would write of its clock: compared before and after reading it."""
	return tuple(str(stage.get(field) or "") for field in (*SHOWN_ON_CASE, "social_care", "status"))


def anonymous_handling_note(key: str | None) -> str | None:
	"""The sentence, in the reader's language, for a stored anonymous-handling key."""
	return _(ANONYMOUS_HANDLING_NOTES[key]) if key in ANONYMOUS_HANDLING_NOTES else None


class Feedback(
	CaseActions, CaseWorkflow, CaseCustomer, CaseEmail, CaseFollowUp, CaseCompliment, CaseAnswer, Document
):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from customer_feedback.customer_feedback.doctype.feedback_complaint_category.feedback_complaint_category import (
			FeedbackComplaintCategory,
		)
		from customer_feedback.customer_feedback.doctype.feedback_praised_person.feedback_praised_person import (
			FeedbackPraisedPerson,
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
		bulletin_summary: DF.SmallText | None
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
		comment_evaluation: DF.SmallText | None
		compensation_claim: DF.Check
		complexity: DF.Literal["Standard", "Complex"]
		compliment_category: DF.Link | None
		contact: DF.Link | None
		contractor_involved: DF.Data | None
		current_stage: DF.Int
		customer_consent_confirmed: DF.Check
		customer_name: DF.Data | None
		customer_replied_on: DF.Datetime | None
		customer_told_of_delay_on: DF.Date | None
		data_protection: DF.Check
		delay_reason: DF.SmallText | None
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
		evaluated_on: DF.Date | None
		expected_response_on: DF.Date | None
		external_decision: DF.SmallText | None
		external_decision_on: DF.Date | None
		external_reference: DF.Data | None
		feedback_type: DF.Literal[
			"Complaint", "Compliment", "Comment", "Suggestion", "Representation", "Service Request"
		]
		first_contact_actions: DF.SmallText | None
		first_contact_outcome: DF.SmallText | None
		for_bulletin: DF.Check
		has_representative: DF.Check
		hate_crime: DF.Check
		is_anonymous: DF.Check
		last_update_on: DF.Date | None
		legal_or_political: DF.Check
		named_in_bulletin: DF.Check
		naming_series: DF.Literal["FB-.YYYY.-.#####"]
		needs_advocate: DF.Check
		needs_british_sign_language: DF.Check
		needs_easy_read: DF.Check
		needs_interpreter: DF.Check
		needs_large_print: DF.Check
		next_update_due: DF.Date | None
		no_learning_reason: DF.SmallText | None
		outcome: DF.Literal[
			"", "Upheld", "Partly upheld", "Not upheld", "Withdrawn", "Resolved at first contact"
		]
		passed_on_by: DF.Link | None
		passed_on_on: DF.Datetime | None
		personal_data_removed_on: DF.Datetime | None
		phone: DF.Data | None
		policy: DF.Link
		policy_concerned: DF.Data | None
		policy_owner: DF.Link | None
		policy_owner_name: DF.Data | None
		postcode: DF.Data | None
		praised: DF.Table[FeedbackPraisedPerson]
		preferred_contact_method: DF.Literal["", "Email", "Telephone", "Letter", "Text message", "In person"]
		preferred_language: DF.Link | None
		progress_update_overdue: DF.Check
		reasonable_adjustments: DF.SmallText | None
		received_on: DF.Datetime
		received_out_of_hours: DF.Check
		recorded_by: DF.Link | None
		referred_to_external_body_on: DF.Date | None
		remedies: DF.TableMultiSelect[FeedbackRemedy]
		representation_outcome: DF.SmallText | None
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
		subject: DF.Data | None
		suggestion_outcome: DF.Literal[
			"", "We will implement it", "We will look into it", "We are unable to implement it"
		]
		suggestion_outcome_reason: DF.SmallText | None
		thanked_by: DF.Link | None
		thanked_on: DF.Date | None
		website_address: DF.Data | None
		workflow_state: DF.Link | None
		working_days_taken: DF.Int
	# end: auto-generated types
	# The public form's steps (customer_feedback.portal.intake) join through doc_events in hooks.py.

	def onload(self):
		from customer_feedback.customer_feedback.doctype.contact_restriction.restrictions import (
			active_restrictions_for,
		)
		from customer_feedback.letters import letters_for  # the letters read the case: imported when used

		self.set_onload("anonymous_handling_note", self.anonymous_handling_note)
		self.set_onload("letters", letters_for(self))
		# The customer's active contact restrictions, for the form's banner (to staff who read restrictions).
		self.set_onload("contact_restrictions", active_restrictions_for(self.contact))

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
		self.refuse_closing_too_soon(rules)
		self.validate_compliment()
		self.validate_answer()
		self.update_clock(rules)
		self.update_contact_dates(rules)

	def validate_received_on(self):
		if get_datetime(self.received_on) > now_datetime():
			frappe.throw(
				_(
					"Received On is {0}, in the future: give the date and time the feedback arrived, now at the latest."
				).format(frappe.format(self.received_on, "Datetime")),
				ReceivedInFutureError,
			)

	def apply_anonymous_rule(self, rules: CaseRules):
		if not (self.is_anonymous and self.feedback_type == COMPLAINT):
			self.anonymous_handling = None
			return
		self.anonymous_handling = rules.anonymous_complaints
		if self.anonymous_handling == RECORD_AS_COMMENT and self.is_new():
			self.feedback_type = "Comment"

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
		self.pass_compliment_on()

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
		# The customer's reply on or after the response's day stops it (case_email): staff decide what next.
		self.closes_for_no_reply_on = (
			closes_for_no_reply_on(
				rules.calendar,
				getdate(self.responded_on) if self.responded_on else None,
				rules.close_after_no_reply_days,
			)
			if self.status == RESPONDED and not self.customer_replied_since_response
			else None
		)

	def last_contact_with_customer(self):
		"""The latest recorded update or acknowledgement, else the receipt (a datetime, so a cut-off applies)."""
		contacts = [getdate(day) for day in (self.last_update_on, self.acknowledged_on) if day]
		return max(contacts) if contacts else get_datetime(self.received_on)
