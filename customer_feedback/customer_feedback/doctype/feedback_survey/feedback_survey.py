# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt

import hashlib

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_url, now_datetime, nowdate

from customer_feedback.constants import SURVEY_INVITATION
from customer_feedback.exceptions import SurveyAlreadyAnsweredError, SurveyNotFoundError
from customer_feedback.mail import send_privately

SURVEY_PATH = "/feedback/survey"
ANSWERED = "Answered"


class FeedbackSurvey(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		answered_on: DF.Datetime | None
		email: DF.Data | None
		feedback: DF.Link
		handling_satisfaction: DF.Literal[
			"",
			"Very satisfied",
			"Satisfied",
			"Neither satisfied nor dissatisfied",
			"Dissatisfied",
			"Very dissatisfied",
		]
		policy: DF.Link | None
		sent_on: DF.Date | None
		service_area: DF.Link | None
		status: DF.Literal["Sent", "Answered"]
		token: DF.Data | None
		what_could_be_better: DF.SmallText | None
	# end: auto-generated types
	# The plain token leaves the system once, in the invitation; only its SHA-256 is stored. So the survey
	# table, its REST API, reports, exports and backups hold no working link: reading the results does not
	# let staff (whose handling is being rated) answer in the customer's place. A 256-bit random token needs
	# no slow hash. The price: the link exists only while the survey is being created, so the invitation is
	# sent from after_insert, reading `doc.survey_url`, and a lost email cannot be sent again. It is sent
	# off the timeline (customer_feedback.mail), where coordinators would otherwise read the link.
	survey_url: str | None = None

	def before_insert(self):
		token = frappe.generate_hash(length=64)
		self.token = hash_token(token)
		self.survey_url = get_url(f"{SURVEY_PATH}?token={token}")
		self.sent_on = nowdate()
		self.status = "Sent"
		self.answered_on = None
		if not self.email:
			self.email = survey_email(self.feedback)

	def after_insert(self):
		send_privately(SURVEY_INVITATION, self)

	def validate(self):
		if not self.email:
			frappe.throw(
				_(
					"Sent To is empty: Feedback {0} has no email for the customer or their representative; give one, or do not survey this case."
				).format(self.feedback),
				frappe.MandatoryError,
			)

	def record_answers(self, handling_satisfaction: str, what_could_be_better: str | None) -> None:
		"""Keep the customer's one answer (already checked by the caller), written on their behalf."""
		if self.status == ANSWERED:
			frappe.throw(already_answered_message(), SurveyAlreadyAnsweredError, title=_("Already answered"))
		self.handling_satisfaction = handling_satisfaction
		self.what_could_be_better = what_could_be_better or None
		self.status = ANSWERED
		self.answered_on = now_datetime()
		self.save(ignore_permissions=True)


def hash_token(token: str) -> str:
	return hashlib.sha256(token.encode()).hexdigest()


def survey_email(feedback: str) -> str | None:
	"""Where the invitation goes: the customer's email, else (a representative acting for a customer who
	gave none) the representative's, who is the one who went through the procedure with us."""
	email, representative_email = frappe.db.get_value(
		"Feedback", feedback, ("email", "representative_email")
	) or (None, None)
	return email or representative_email


def get_survey_by_token(token: str | None, for_update: bool = False) -> "FeedbackSurvey":
	"""The survey a link's token opens, or SurveyNotFoundError. `for_update` locks its row, so two answers
	sent at once cannot both be kept."""
	token = (token or "").strip()
	name = (
		frappe.db.get_value("Feedback Survey", {"token": hash_token(token)}, "name", for_update=for_update)
		if token
		else None
	)
	if not name:
		frappe.throw(not_found_message(), SurveyNotFoundError, title=_("Survey not found"))
	return frappe.get_doc("Feedback Survey", name)


def not_found_message() -> str:
	return _(
		"We cannot find a survey for this link. Check you copied the whole link from our email; if it still does not work, the link may be wrong or the survey may have been removed."
	)


def already_answered_message() -> str:
	return _(
		"Thank you: this survey has already been answered, and each link takes one answer, so nothing more was saved. If you want to tell us something else, you can send us feedback."
	)
