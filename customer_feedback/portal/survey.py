"""The satisfaction survey: who is sent one, and taking their one answer.

Sending (`send_surveys`, daily in hooks.scheduler_events): the policy's weeks after a complaint closes, a
share of closed complaints (the policy's) gets a Feedback Survey; creating it sends the "Feedback Survey
Invitation" Notification (customer_feedback.setup.notifications) with the one-time link, off the timeline
(customer_feedback.mail.send_privately), so the staff being rated never see the link. Answering:
the page /feedback/survey (customer_feedback/www/feedback_survey) and `answer_survey` over the API take the
link's token, never a case reference, and write on the customer's behalf only after the token matched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import cstr, getdate, nowdate
from frappe.utils.password import get_encryption_key

from customer_feedback.constants import CLOSED, COMPLAINT, SURVEY_INVITATION
from customer_feedback.customer_feedback.doctype.equality_monitoring.equality_monitoring import (
	EQUALITY_QUESTIONS,
	record_equality_answers,
	unoffered_answers,
)
from customer_feedback.customer_feedback.doctype.feedback_survey.feedback_survey import (
	ANSWERED,
	already_answered_message,
	get_survey_by_token,
)
from customer_feedback.exceptions import SurveyAlreadyAnsweredError, SurveyAnswerError
from customer_feedback.mail import PRIVATE_EVENT

ANSWER_METHOD = "customer_feedback.portal.survey.answer_survey"
# Cases closed up to this many days before the policy's day are still surveyed: a day the job did not run
# (a worker down, a site restored) is caught up, but switching the survey on, or lengthening the weeks, does
# not mail everyone whose complaint closed months or years ago.
CATCH_UP_DAYS = 14
# Answers from one IP address (a person retrying after a mistake; a shared library or office) per window.
ANSWER_LIMIT, ANSWER_WINDOW_SECONDS = 20, 10 * 60
WHAT_COULD_BE_BETTER_LIMIT = 5000
SAVEPOINT = "customer_feedback_survey"
COMMIT_EVERY = 50


# -- sending -----------------------------------------------------------------------------------------------


def send_surveys(commit: bool = True) -> int:
	"""Create the surveys due today, in the site's time zone; returns how many. Running it again the same day
	creates none: a case has one survey at most, and whether it is in the sample never changes.

	Nothing is created while no invitation can go (the Notification switched off, no outgoing Email
	Account): a survey marked Sent that was never sent would use up the case's one survey. Cases keep their
	place in the window, so they are surveyed once email works again (within CATCH_UP_DAYS)."""
	if not invitation_can_be_sent():
		frappe.logger("customer_feedback").info(
			"Feedback surveys: none sent, as no enabled Notification on Feedback Survey or no outgoing Email Account"
		)
		return 0
	today = getdate(nowdate())
	created = 0
	for policy in surveying_policies():
		latest = today - dt.timedelta(weeks=policy.survey_weeks_after_closure)
		for case in cases_due_a_survey(policy.name, latest - dt.timedelta(days=CATCH_UP_DAYS), latest):
			if not in_sample(case.name, policy.survey_sample_percent):
				continue
			if create_survey(case.name, case.email):
				created += 1
				if commit and created % COMMIT_EVERY == 0:
					frappe.db.commit()
	if commit:
		frappe.db.commit()
	return created


def invitation_can_be_sent() -> bool:
	from frappe.email.doctype.email_account.email_account import EmailAccount

	return bool(
		frappe.db.exists(
			"Notification",
			{"name": SURVEY_INVITATION, "enabled": 1, "event": PRIVATE_EVENT, "channel": "Email"},
		)
		and EmailAccount.find_default_outgoing()
	)


def surveying_policies() -> list:
	return frappe.get_all(
		"Feedback Policy",
		filters={"disabled": 0, "survey_weeks_after_closure": (">", 0), "survey_sample_percent": (">", 0)},
		fields=["name", "survey_weeks_after_closure", "survey_sample_percent"],
		order_by="name",
	)


def cases_due_a_survey(policy: str, earliest: dt.date, latest: dt.date) -> list:
	"""The policy's complaints closed between the two dates (both included), with someone to ask and no
	survey yet, and the email to ask at: the customer's, else their representative's. One query."""
	return frappe.db.sql(
		"""select feedback.name, coalesce(nullif(feedback.email, ''),
				case when feedback.has_representative = 1 then nullif(feedback.representative_email, '') end
			) as email
		from `tabFeedback` feedback
		where feedback.policy = %(policy)s and feedback.feedback_type = %(complaint)s
			and feedback.status = %(closed)s and feedback.closed_on between %(earliest)s and %(latest)s
			and feedback.is_anonymous = 0
			and not exists (select 1 from `tabFeedback Survey` survey where survey.feedback = feedback.name)
		having email is not null
		order by feedback.closed_on, feedback.name""",
		{"policy": policy, "earliest": earliest, "latest": latest, "complaint": COMPLAINT, "closed": CLOSED},
		as_dict=True,
	)


def in_sample(case: str, percent: float) -> bool:
	"""Whether the case is one of the share surveyed: decided by the case's name alone, not by a draw on the
	day, so every run (a rerun, a catch-up, a run after a crash) gives the same answer, and the share holds
	in expectation across cases (each is in with probability percent/100). Keyed with the site's secret
	(HMAC with its encryption key), so staff cannot tell from a reference whether the case will be asked,
	and cases cannot be steered in or out. Raising the share keeps every case already in."""
	if percent >= 100:
		return True
	if percent <= 0:
		return False
	digest = hmac.new(
		get_encryption_key().encode(), f"customer_feedback.survey_sample:{case}".encode(), hashlib.sha256
	).digest()
	return int.from_bytes(digest[:8], "big") < percent / 100 * 2**64


def create_survey(case: str, email: str) -> bool:
	"""One survey, in its own savepoint: a case that fails (a bad email, a Notification template error) is
	logged and skipped, and the rest are still sent."""
	frappe.db.savepoint(SAVEPOINT)
	try:
		frappe.get_doc({"doctype": "Feedback Survey", "feedback": case, "email": email}).insert(
			ignore_permissions=True
		)
	except Exception:
		frappe.db.rollback(save_point=SAVEPOINT)
		frappe.log_error(title=f"Feedback survey not sent: {case}")
		return False
	return True


# -- answering ---------------------------------------------------------------------------------------------


def satisfaction_options() -> list[str]:
	return select_options("Feedback Survey", "handling_satisfaction")


def select_options(doctype: str, fieldname: str) -> list[str]:
	return [
		option
		for option in (frappe.get_meta(doctype).get_field(fieldname).options or "").split("\n")
		if option
	]


def equality_questions() -> list[dict]:
	"""The optional equality questions as the public forms ask them: label and choices from the Equality
	Monitoring DocType, in EQUALITY_QUESTIONS order."""
	meta = frappe.get_meta("Equality Monitoring")
	return [
		{
			"fieldname": fieldname,
			"label": _(meta.get_field(fieldname).label),
			"options": select_options("Equality Monitoring", fieldname),
		}
		for fieldname in EQUALITY_QUESTIONS
	]


def check_answers(
	handling_satisfaction: str | None, what_could_be_better: str | None, equality_answers: dict
) -> dict[str, str]:
	"""{field: message naming it and the fix} for each answer that cannot be kept; empty when all can."""
	errors = {}
	if not handling_satisfaction:
		errors["handling_satisfaction"] = _(
			"How satisfied are you: choose how satisfied you are with how we handled your complaint."
		)
	elif handling_satisfaction not in satisfaction_options():
		errors["handling_satisfaction"] = _(
			"How satisfied are you: choose one of the answers listed, from Very satisfied to Very dissatisfied."
		)
	length = len(cstr(what_could_be_better))
	if length > WHAT_COULD_BE_BETTER_LIMIT:
		errors["what_could_be_better"] = _(
			"What could we have done better: use {0} characters or fewer (you used {1}), or send the rest as feedback."
		).format(f"{WHAT_COULD_BE_BETTER_LIMIT:,}", f"{length:,}")
	for question, label in unoffered_answers(equality_answers).items():
		errors[question] = _(
			"{0}: choose one of the answers listed, or leave the question unanswered."
		).format(_(label))
	return errors


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=ANSWER_LIMIT, seconds=ANSWER_WINDOW_SECONDS)
def answer_survey(
	token: str | None = None,
	handling_satisfaction: str | None = None,
	what_could_be_better: str | None = None,
	**equality_answers,
) -> dict:
	"""Keep the one answer a survey link takes. Equality answers (the Equality Monitoring fields, all
	optional) go to Equality Monitoring, apart from the survey. Refuses an unknown token
	(SurveyNotFoundError, 404), a link already answered (SurveyAlreadyAnsweredError, 409) and answers that
	cannot be kept (SurveyAnswerError, naming each field and the fix)."""
	survey = get_survey_by_token(token, for_update=True)
	if survey.status == ANSWERED:
		frappe.throw(already_answered_message(), SurveyAlreadyAnsweredError, title=_("Already answered"))
	what_could_be_better = cstr(what_could_be_better).strip()
	equality = {question: cstr(equality_answers.get(question)).strip() for question in EQUALITY_QUESTIONS}
	errors = check_answers(handling_satisfaction, what_could_be_better, equality)
	if errors:
		frappe.throw("<br>".join(errors.values()), SurveyAnswerError, title=_("Check your answers"))
	survey.record_answers(handling_satisfaction, what_could_be_better)
	record_equality_answers(survey.feedback, equality)
	return {"status": ANSWERED, "message": thanks_message()}


def thanks_message() -> str:
	return _(
		"Your answers have been sent. We read every one, and use them to improve how we handle complaints."
	)
