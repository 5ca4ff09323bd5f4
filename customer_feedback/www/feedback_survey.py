"""/feedback/survey?token=...: the satisfaction survey (route rule in hooks.py). It works without JavaScript:
the form posts back to this page, which answers through customer_feedback.portal.survey.answer_survey (the
same checks and rate limit as the API) and shows the outcome, or each problem next to its question."""

import re

import frappe
from frappe import _
from frappe.utils import cstr

from customer_feedback.customer_feedback.doctype.equality_monitoring.equality_monitoring import (
	EQUALITY_QUESTIONS,
)
from customer_feedback.customer_feedback.doctype.feedback_survey.feedback_survey import (
	ANSWERED,
	already_answered_message,
	get_survey_by_token,
	not_found_message,
)
from customer_feedback.exceptions import (
	SurveyAlreadyAnsweredError,
	SurveyAnswerError,
	SurveyNotFoundError,
)
from customer_feedback.portal import survey as survey_api

no_cache = 1
sitemap = 0

# What the page shows: the questions, or one of these outcomes instead.
QUESTIONS, THANKS, ANSWERED_BEFORE, NOT_FOUND, TOO_MANY = (
	"questions",
	"thanks",
	"answered",
	"not_found",
	"rate_limited",
)


def get_context(context):
	context.no_cache = 1
	context.no_breadcrumbs = 1
	context.show_sidebar = 0
	context.title = _("Tell us how we handled your complaint")
	form = frappe.form_dict
	token = cstr(form.get("token")).strip()
	context.token = token
	context.errors = {}
	context.values = {}
	context.csrf_token = frappe.session.data.csrf_token if frappe.session.user != "Guest" else ""
	# The site's Jinja prints undefined names as their source, so everything the template reads is set.
	context.update(
		{
			"feedback": "",
			"external_body": None,
			"message": "",
			"satisfaction_options": [],
			"equality_questions": [],
			"option_ids": {},
			"first_inputs": {},
		}
	)

	try:
		survey = get_survey_by_token(token)
	except SurveyNotFoundError:
		return show(context, NOT_FOUND, not_found_message(), http_status=404)
	finally:
		frappe.local.message_log = []

	context.feedback = survey.feedback
	context.external_body = frappe.db.get_value(
		"Feedback Policy", survey.policy, ("external_body", "external_body_website"), as_dict=True
	)
	if survey.status == ANSWERED:
		return show(context, ANSWERED_BEFORE, already_answered_message())

	if frappe.request and frappe.request.method == "POST":
		values = {
			"handling_satisfaction": cstr(form.get("handling_satisfaction")),
			"what_could_be_better": cstr(form.get("what_could_be_better")),
			**{question: cstr(form.get(question)) for question in EQUALITY_QUESTIONS},
		}
		# The rate limit counts this page's posts with the API's, per IP.
		form.cmd = survey_api.ANSWER_METHOD
		try:
			survey_api.answer_survey(token=token, **values)
			return show(context, THANKS, survey_api.thanks_message())
		except SurveyAnswerError:
			context.errors = survey_api.check_answers(
				values["handling_satisfaction"],
				values["what_could_be_better"],
				{question: values[question] for question in EQUALITY_QUESTIONS},
			)
			context.values = values
			context.title = _("Error: {0}").format(context.title)
		except SurveyAlreadyAnsweredError:
			return show(context, ANSWERED_BEFORE, already_answered_message())
		except frappe.RateLimitExceededError:
			return show(
				context,
				TOO_MANY,
				_(
					"We have had too many answers from your internet connection in the last few minutes, so yours were not saved. Wait 10 minutes, then open the link in our email again and send them."
				),
				http_status=429,
			)
		finally:
			frappe.local.message_log = []

	context.state = QUESTIONS
	context.satisfaction_options = survey_api.satisfaction_options()
	context.equality_questions = survey_api.equality_questions()
	# Stable element ids (browser tests rely on them): a radio is "<field>-<its answer as a slug>", and the
	# error summary links to a question's first radio, as GOV.UK does.
	choices = {"handling_satisfaction": context.satisfaction_options} | {
		question["fieldname"]: question["options"] for question in context.equality_questions
	}
	context.option_ids = {option: slug(option) for options in choices.values() for option in options}
	context.first_inputs = {field: f"{field}-{slug(options[0])}" for field, options in choices.items()}
	return context


def slug(text: str) -> str:
	return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def show(context, state: str, message: str, http_status: int | None = None):
	context.state = state
	context.message = message
	if http_status:
		context.http_status_code = http_status
	return context
