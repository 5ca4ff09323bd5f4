# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, getdate, now_datetime, nowdate

from customer_feedback.case_rules import (
	Clock,
	clock_outcome,
	closes_for_no_reply_on,
	is_out_of_hours,
	next_update_due,
)
from customer_feedback.customer_feedback.doctype.complaint_stage.complaint_stage import MIRRORED_FIELDS
from customer_feedback.customer_feedback.doctype.feedback_policy.feedback_policy import (
	get_default_policy_name,
	get_policy,
)
from customer_feedback.exceptions import EscalationError, ReceivedInFutureError
from customer_feedback.portal import intake

# Where an anonymous complaint goes under each setting of the policy, and what the case says about it.
ANONYMOUS_HANDLING = {
	"Record as comment": "Recorded as a comment: the policy cannot log an anonymous complaint, as there is no one "
	"to investigate with or respond to, but we can still learn from it.",
	"Refer to service manager": "Referred to the service manager to agree a course of action, if any: anonymous "
	"complaints fall outside the formal procedure under this policy.",
	"Handle as complaint": "Handled as a complaint; there is no one to acknowledge or respond to.",
}


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

		acknowledge_by: DF.Date | None
		acknowledged_on: DF.Date | None
		address: DF.SmallText | None
		adjustments_review_on: DF.Date | None
		anonymous_handling: DF.SmallText | None
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
		status: DF.Literal["Open", "Acknowledged", "Responded", "With External Body", "Closed"]
		website_address: DF.Data | None
		workflow_state: DF.Link | None
		working_days_taken: DF.Int

	# end: auto-generated types
	def before_insert(self):
		if intake.is_public_submission(self):
			self.flags.public_submission = True
			intake.prepare(self)

	def after_insert(self):
		if self.flags.public_submission:
			intake.complete(self)

	def validate(self):
		if not self.policy:
			self.policy = get_default_policy_name()
		self.validate_received_on()
		policy = get_policy(self.policy)
		self.apply_anonymous_rule(policy)
		self.received_out_of_hours = is_out_of_hours(
			policy.get_calendar(),
			get_datetime(self.received_on),
			policy.office_opens_hour or 0,
			policy.office_closes_hour or 0,
		)
		if not self.is_anonymous:
			self.validate_customer()
			self.link_contact()
		self.record_status_dates()
		self.update_clock(policy)
		self.update_contact_dates(policy)

	def validate_workflow(self):
		# Escalation, referral and closing after no reply move the case by rule, not by a user's workflow
		# action, so they need no transition an administrator might rename or remove.
		if not self.flags.moved_by_rule:
			super().validate_workflow()

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

	def apply_anonymous_rule(self, policy):
		if not (self.is_anonymous and self.feedback_type == "Complaint"):
			self.anonymous_handling = None
			return
		handling = policy.anonymous_complaints or "Handle as complaint"
		self.anonymous_handling = _(ANONYMOUS_HANDLING[handling])
		if handling == "Record as comment" and self.is_new():
			self.feedback_type = "Comment"

	@property
	def has_stages(self) -> bool:
		"""A complaint runs through the policy's stages unless it was settled without them."""
		return (
			self.feedback_type == "Complaint"
			and not self.resolved_at_first_contact
			and not (
				self.is_anonymous
				and self.anonymous_handling == _(ANONYMOUS_HANDLING["Refer to service manager"])
			)
			and bool(get_policy(self.policy).stages)
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
		"""The workflow moves `status`; the dates it implies are recorded once, on the day."""
		today = getdate(nowdate())
		if self.resolved_at_first_contact and self.status != "Closed":
			self.status = "Closed"
			self.outcome = self.outcome or "Resolved at first contact"
			self.closure_reason = self.closure_reason or _("Resolved at first contact")
		if self.status in ("Acknowledged", "Responded") and not self.acknowledged_on:
			self.acknowledged_on = today
		if self.status == "Responded" and not self.responded_on:
			self.responded_on = today
		if self.status == "Closed" and not self.closed_on:
			self.closed_on = today
		if self.status != "Closed":
			self.closed_on = None

	def update_clock(self, policy):
		if self.has_stages:
			self.current_stage = self.current_stage or 1
			stage = self.get_current_stage()
			stage.update(
				{
					"acknowledged_on": self.acknowledged_on,
					"responded_on": self.responded_on,
					"complexity": self.complexity,
					"social_care": self.social_care,
				}
			)
			stage.update_clock(policy)
			self.update({field: stage.get(field) for field in MIRRORED_FIELDS})
			self.flags.stage_to_save = stage
			return

		self.current_stage = 0
		deadlines = policy.get_deadlines(
			self.feedback_type, self.received_on, social_care=bool(self.social_care)
		)
		self.acknowledge_by, self.respond_by = deadlines.acknowledge_by, deadlines.respond_by
		if self.resolved_at_first_contact:
			self.responded_on = self.responded_on or getdate(self.received_on)
		clock = Clock(
			self.acknowledge_by,
			getdate(self.acknowledged_on) if self.acknowledged_on else None,
			self.respond_by,
			getdate(self.responded_on) if self.responded_on else None,
		)
		self.sla_status, self.working_days_taken = clock_outcome(
			policy.get_calendar(),
			get_datetime(self.received_on),
			clock,
			[],
			getdate(nowdate()),
			policy.due_soon_days or 0,
		)

	def update_contact_dates(self, policy):
		"""When the customer is next owed a progress update, and when a responded case closes for want of a
		reply. Both are stored so the scheduled sweep (customer_feedback.sweep) finds its cases by date."""
		calendar = policy.get_calendar()
		awaiting_response = (
			self.status in ("Open", "Acknowledged")
			and not self.responded_on
			and (self.feedback_type == "Complaint" or bool(self.respond_by))
		)
		self.next_update_due = (
			next_update_due(calendar, self.last_contact_with_customer(), policy.progress_update_days or 0)
			if awaiting_response
			else None
		)
		# Recording Last Update On is how staff say they updated the customer: it moves the next update
		# into the future, and the reminder flag goes with it.
		if not self.next_update_due or getdate(self.next_update_due) > getdate(nowdate()):
			self.progress_update_overdue = 0
		self.closes_for_no_reply_on = (
			closes_for_no_reply_on(
				calendar,
				getdate(self.responded_on) if self.responded_on else None,
				policy.close_after_no_reply_days or 0,
			)
			if self.status == "Responded"
			else None
		)

	def last_contact_with_customer(self):
		"""The latest recorded update or acknowledgement, else the receipt (a datetime, so a cut-off applies)."""
		contacts = [getdate(day) for day in (self.last_update_on, self.acknowledged_on) if day]
		return max(contacts) if contacts else get_datetime(self.received_on)

	def get_current_stage(self):
		if self.flags.stage_to_save and self.flags.stage_to_save.stage_number == self.current_stage:
			return self.flags.stage_to_save
		name = frappe.db.get_value(
			"Complaint Stage", {"feedback": self.name, "stage_number": self.current_stage}
		)
		if name:
			return frappe.get_doc("Complaint Stage", name)
		return frappe.get_doc(
			{
				"doctype": "Complaint Stage",
				"feedback": self.name,
				"policy": self.policy,
				"stage_number": self.current_stage,
				"started_on": self.flags.stage_starts_on or self.received_on,
			}
		)

	def on_update(self):
		stage = self.flags.pop("stage_to_save", None)
		if stage:
			stage.flags.from_feedback = True
			stage.save(ignore_permissions=True)

	# -- actions -------------------------------------------------------------------------------------------

	def escalate(self, reason: str | None = None, requested_on=None):
		"""Open the next stage (or refer to the external body after the last) at the customer's request."""
		if self.status in ("Closed", "With External Body"):
			frappe.throw(
				_("Feedback {0} is {1}: reopen it before escalating.").format(self.name, _(self.status)),
				EscalationError,
			)
		if not self.has_stages:
			frappe.throw(
				_(
					"Feedback {0} is a {1} with no complaint stage open: only complaints in the formal procedure can be escalated."
				).format(self.name, _(self.feedback_type)),
				EscalationError,
			)
		if self.compensation_claim:
			frappe.throw(
				_(
					"Feedback {0} is a claim for compensation: it stays a stage 1 complaint and goes to the insurance contact. Untick Claim for Compensation if the complaint is about more than the claim."
				).format(self.name),
				EscalationError,
			)
		requested_on = get_datetime(requested_on) if requested_on else now_datetime()
		if requested_on > now_datetime():
			frappe.throw(
				_("Requested On is in the future: give the date the customer asked."), ReceivedInFutureError
			)
		policy = get_policy(self.policy)
		if self.current_stage >= policy.last_stage_number:
			self.referred_to_external_body_on = getdate(requested_on)
			self.status = "With External Body"
			self.set_workflow_state_for_status()
			self.flags.moved_by_rule = True
			self.add_comment(
				"Info",
				_("Referred to {0}: {1}").format(
					policy.external_body or _("the external body"), reason or ""
				),
			)
			self.save()
			return None

		current = self.get_current_stage()
		current.status = "Closed"
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
				"complexity": self.complexity,
			}
		)
		self.flags.stage_to_save = next_stage
		self.acknowledged_on = self.responded_on = None
		self.status = "Open"
		self.set_workflow_state_for_status()
		self.flags.moved_by_rule = True
		self.save()
		return next_stage.name

	def convert_to_complaint(self, reason: str | None = None):
		"""A service request the customer is now dissatisfied with becomes a complaint and stays open, as the
		Code asks; stage 1's clock starts now, when the dissatisfaction was expressed."""
		if self.feedback_type != "Service Request" or self.status in ("Closed", "With External Body"):
			frappe.throw(
				_(
					"Feedback {0} is a {1} ({2}): only an open service request can be turned into a complaint."
				).format(self.name, _(self.feedback_type), _(self.status)),
				EscalationError,
			)
		self.feedback_type = "Complaint"
		self.acknowledged_on = self.responded_on = None
		self.status = "Open"
		self.set_workflow_state_for_status()
		self.flags.moved_by_rule = True
		self.flags.stage_starts_on = now_datetime()
		self.add_comment("Info", _("Service request turned into a complaint: {0}").format(reason or ""))
		self.save()

	def refuse_escalation(self, reason: str):
		if not (reason or "").strip():
			frappe.throw(
				_("Reason is empty: say why escalation is refused; the customer must be told."),
				EscalationError,
			)
		stage = self.get_current_stage()
		stage.update(
			{
				"escalation_refused_on": getdate(nowdate()),
				"escalation_refused_by": frappe.session.user,
				"escalation_refusal_reason": reason,
			}
		)
		stage.flags.from_feedback = True
		stage.save(ignore_permissions=True)

	def set_workflow_state_for_status(self):
		"""Keep the workflow's own state in step when code moves `status`: the state whose update field sets
		this status, whatever an administrator has named it."""
		from frappe.model.workflow import get_workflow_name

		workflow = get_workflow_name(self.doctype)
		if not workflow:
			return
		state = frappe.db.get_value(
			"Workflow Document State",
			{"parent": workflow, "update_field": "status", "update_value": self.status},
			"state",
		)
		if state:
			self.set(frappe.db.get_value("Workflow", workflow, "workflow_state_field"), state)
