"""Whitelisted methods: small, typed, and checking permission first."""

import datetime as dt

import frappe
from frappe import _

from customer_feedback.constants import ESCALATION_REFUSERS, POLICY_EDITORS
from customer_feedback.customer_feedback.doctype.feedback.access_code import issue as issue_code
from customer_feedback.customer_feedback.doctype.feedback_policy.feedback_policy import get_policy
from customer_feedback.exceptions import AccessCodeRefusedError, DeadlineQueryError
from customer_feedback.letters import sending


@frappe.whitelist(methods=["GET", "POST"])
def preview_deadlines(
	policy: str,
	feedback_type: str,
	received_on: str,
	stage: int = 1,
	complexity: str = "Standard",
	social_care: int = 0,
	acknowledged_on: str | None = None,
) -> dict[str, str | None]:
	"""Acknowledge-by and respond-by dates (YYYY-MM-DD or null) that `policy` gives for feedback received on
	`received_on` (a date, or a datetime for the cut-off), or for complaint `stage` started then."""
	frappe.only_for(POLICY_EDITORS)
	deadlines = get_policy(policy).get_deadlines(
		feedback_type,
		parse_date_or_datetime(received_on, "received_on"),
		stage=stage,
		complexity=complexity,
		social_care=bool(social_care),
		acknowledged_on=parse_date_or_datetime(acknowledged_on, "acknowledged_on")
		if acknowledged_on
		else None,
	)
	return deadlines.as_json()


def parse_date_or_datetime(value: str | dt.date, fieldname: str) -> dt.date | dt.datetime:
	"""A date stays a date (no cut-off applies); a value with a time becomes a datetime."""
	if isinstance(value, dt.date):
		return value
	text = str(value).strip()
	try:
		if len(text) == 10:
			return dt.date.fromisoformat(text)
		return dt.datetime.fromisoformat(text)
	except ValueError:
		frappe.throw(
			_("{0} is not a date: use YYYY-MM-DD or YYYY-MM-DD HH:MM:SS").format(fieldname),
			DeadlineQueryError,
		)


@frappe.whitelist(methods=["POST"])
def escalate(
	feedback: str, reason: str | None = None, requested_on: str | None = None
) -> dict[str, str | None]:
	"""Open the next stage of a complaint at the customer's request, or refer it to the external body after
	the last stage. Returns the new stage's name (None after a referral) and the case's status."""
	doc = frappe.get_doc("Feedback", feedback)
	doc.check_permission("write")
	stage = doc.escalate(reason, requested_on)
	return {"stage": stage, "status": doc.status}


@frappe.whitelist(methods=["POST"])
def refuse_escalation(feedback: str, reason: str) -> None:
	"""Record that a head of service refused to escalate, and why."""
	frappe.only_for(ESCALATION_REFUSERS)
	doc = frappe.get_doc("Feedback", feedback)
	doc.check_permission("write")
	doc.refuse_escalation(reason)


@frappe.whitelist(methods=["POST"])
def convert_to_complaint(feedback: str, reason: str | None = None) -> dict[str, str | int]:
	"""Turn an open service request into a complaint; stage 1 starts now."""
	doc = frappe.get_doc("Feedback", feedback)
	doc.check_permission("write")
	doc.convert_to_complaint(reason)
	return {"feedback_type": doc.feedback_type, "current_stage": doc.current_stage}


@frappe.whitelist(methods=["POST"])
def issue_access_code(feedback: str) -> dict[str, str]:
	"""A new access code for the customer's status look-up, for staff to give them (on the telephone, in a
	letter) when the case was recorded by staff or the code was lost: the earlier code stops working. The
	code is returned once; only its HMAC is kept."""
	doc = frappe.get_doc("Feedback", feedback)
	doc.check_permission("write")
	if doc.is_anonymous:
		frappe.throw(
			_("Feedback {0} is anonymous: there is nobody to give an access code to.").format(doc.name),
			AccessCodeRefusedError,
		)
	return {"access_code": issue_code(doc, by_staff=True)}


@frappe.whitelist(methods=["GET", "POST"])
def preview_letter(feedback: str, letter: str) -> dict:
	"""The letter filled in from the case, to read and edit before sending, with where it would go."""
	doc = frappe.get_doc("Feedback", feedback)
	sending.user_may_send(doc)
	return sending.preview(doc, letter)


@frappe.whitelist(methods=["POST"])
def send_letter(feedback: str, letter: str, channel: str, subject: str, content: str) -> dict[str, str]:
	"""Send the letter (as edited) by email or for post, or pass it to its reviewer where the policy checks
	stage responses. Returns the Feedback Correspondence's name and status."""
	doc = frappe.get_doc("Feedback", feedback)
	sending.user_may_send(doc)
	record = sending.send(doc, letter, channel, subject, content)
	return {"correspondence": record.name, "status": record.status}


@frappe.whitelist(methods=["POST"])
def review_letter(correspondence: str, approve: bool, note: str | None = None) -> dict[str, str]:
	"""The reviewer approves a letter awaiting review (it is sent now) or returns it with a note."""
	record = frappe.get_doc("Feedback Correspondence", correspondence)
	record.check_permission("read")
	sending.review(record, frappe.utils.cint(approve) == 1, note)
	return {"correspondence": record.name, "status": record.status}
