# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt

import datetime as dt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, getdate

from customer_feedback.case_rules import CaseRules, case_rules_from_policy
from customer_feedback.constants import COMPLAINT
from customer_feedback.deadlines import FROM_ACKNOWLEDGEMENT, WEEKDAY_FIELDS, Deadlines, StageTimescale
from customer_feedback.exceptions import (
	DeadlineQueryError,
	DefaultPolicyError,
	PolicyConfigurationError,
	rule_message,
)
from customer_feedback.rule_errors import RuleError


class FeedbackPolicy(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from customer_feedback.customer_feedback.doctype.feedback_policy_date.feedback_policy_date import (
			FeedbackPolicyDate,
		)
		from customer_feedback.customer_feedback.doctype.feedback_policy_stage.feedback_policy_stage import (
			FeedbackPolicyStage,
		)
		from customer_feedback.customer_feedback.doctype.feedback_policy_timescale.feedback_policy_timescale import (
			FeedbackPolicyTimescale,
		)

		anonymous_complaints: DF.Literal[
			"Handle as complaint", "Record as comment", "Refer to service manager"
		]
		bank_holidays: DF.Literal["England", "Wales", "Scotland", "Northern Ireland"]
		calendar_dates: DF.Table[FeedbackPolicyDate]
		check_stage_responses: DF.Check
		close_after_no_reply_days: DF.Int
		cutoff_time: DF.Time | None
		description: DF.Text | None
		disabled: DF.Check
		due_soon_days: DF.Int
		escalation_reason_required: DF.Check
		evaluate_comments: DF.Check
		external_body: DF.Data | None
		external_body_address: DF.SmallText | None
		external_body_email: DF.Data | None
		external_body_phone: DF.Data | None
		external_body_website: DF.Data | None
		friday: DF.Check
		learning_before_closing: DF.Literal["Not required", "Complaints", "All feedback"]
		monday: DF.Check
		offers_welsh: DF.Check
		office_closes_hour: DF.Int
		office_opens_hour: DF.Int
		policy_name: DF.Data
		population: DF.Int
		progress_update_days: DF.Int
		restriction_review_months: DF.Int
		retention_years: DF.Int
		saturday: DF.Check
		senior_thank_you: DF.Check
		show_handler_name: DF.Check
		source_document: DF.Data | None
		stages: DF.Table[FeedbackPolicyStage]
		sunday: DF.Check
		survey_sample_percent: DF.Percent
		survey_weeks_after_closure: DF.Int
		thursday: DF.Check
		time_limit_months: DF.Int
		timescales: DF.Table[FeedbackPolicyTimescale]
		tuesday: DF.Check
		use_cutoff_time: DF.Check
		warn_before_restricting: DF.Check
		wednesday: DF.Check

	# end: auto-generated types
	def onload(self):
		self.set_onload("is_default", self.name == get_default_policy_name())

	def validate(self):
		self.__dict__.pop("_rules", None)
		self.validate_working_weekdays()
		self.validate_cutoff()
		self.validate_calendar_dates()
		self.validate_timescales()
		self.validate_stages()
		self.validate_survey_share()
		self.validate_retention()
		self.validate_not_disabling_default()

	def validate_working_weekdays(self):
		if not any(self.get(day) for day in WEEKDAY_FIELDS):
			throw(_("Working Days: tick at least one working weekday."))

	def validate_cutoff(self):
		# mandatory_depends_on is only enforced by the form; REST calls and imports come here too.
		if self.use_cutoff_time and not self.cutoff_time:
			throw(_("Cut-off Time is empty: give a time, or untick Use a Cut-off Time."))

	def validate_calendar_dates(self):
		seen = {}
		for row in self.calendar_dates:
			if row.date in seen:
				throw(
					_(
						"Closed and Opened Dates, row {0}: {1} is already listed in row {2}; keep one row per date."
					).format(row.idx, frappe.format(row.date, "Date"), seen[row.date])
				)
			seen[row.date] = row.idx

	def validate_timescales(self):
		seen = {}
		for row in self.timescales:
			if row.feedback_type == COMPLAINT:
				throw(
					_(
						"Timescales, row {0}: complaint timescales are set per stage in Complaint Stages; remove this row."
					).format(row.idx)
				)
			if row.feedback_type in seen:
				throw(
					_("Timescales, row {0}: {1} already has row {2}; keep one row per feedback type.").format(
						row.idx, _(row.feedback_type), seen[row.feedback_type]
					)
				)
			seen[row.feedback_type] = row.idx

	def validate_stages(self):
		numbers = sorted(row.stage_number for row in self.stages)
		expected = list(range(1, len(numbers) + 1))
		if numbers != expected:
			throw(
				_("Complaint Stages are numbered {0}: number them 1 to {1} without gaps or repeats.").format(
					", ".join(str(n) for n in numbers), len(numbers)
				)
			)
		for row in self.stages:
			if row.max_extension_days and not row.extension_approver_role:
				throw(
					_(
						"Complaint Stages, stage {0}: an extension of up to {1} working days is allowed, so set Extension Approved By (Role), or set Longest Extension to 0."
					).format(row.stage_number, row.max_extension_days)
				)
			if row.respond_from == FROM_ACKNOWLEDGEMENT and row.respond_days and not row.acknowledge_days:
				throw(
					_(
						"Complaint Stages, stage {0}: the response is counted from acknowledgement, so set Acknowledge Within, or count the response from Receipt of stage."
					).format(row.stage_number)
				)

	def validate_survey_share(self):
		if not 0 <= (self.survey_sample_percent or 0) <= 100:
			throw(
				_("Share of Closed Complaints Surveyed is {0}%: give 0 to 100.").format(
					self.survey_sample_percent
				)
			)

	def validate_retention(self):
		if (self.retention_years or 0) < 0:
			throw(
				_(
					"Keep Personal Data For is {0} years: give the years after closing, or 0 to keep personal data for ever."
				).format(self.retention_years)
			)

	def validate_not_disabling_default(self):
		if self.disabled and self.name == get_default_policy_name():
			throw(
				_(
					"{0} is the default policy and cannot be disabled: choose another Default Policy in Customer Feedback Settings first."
				).format(frappe.bold(self.name)),
				DefaultPolicyError,
			)

	def on_trash(self):
		if self.name == get_default_policy_name():
			throw(
				_(
					"{0} is the default policy and cannot be deleted: choose another Default Policy in Customer Feedback Settings first."
				).format(frappe.bold(self.name)),
				DefaultPolicyError,
			)

	# -- the rules the case, the sweep and the public pages work from -------------------------------------

	def rules(self) -> CaseRules:
		"""This policy's rules and calendar, built once for this version of the document: the cached
		document (frappe.get_cached_doc) is replaced when the policy is saved, and validate drops them."""
		if "_rules" not in self.__dict__:
			try:
				self.__dict__["_rules"] = case_rules_from_policy(self)
			except RuleError as error:
				frappe.throw(_("{0}: {1}").format(self.name, rule_message(error)), DeadlineQueryError)
		return self.__dict__["_rules"]

	def __getstate__(self):
		# Rules hold the calendar's index: rebuilt where needed, never pickled into the document cache.
		state = super().__getstate__()
		state.pop("_rules", None)
		return state

	def get_stage_rule(self, stage_number: int) -> StageTimescale:
		try:
			return self.rules().stage(stage_number)
		except RuleError as error:
			frappe.throw(_("{0}: {1}").format(self.name, rule_message(error)), DeadlineQueryError)

	def get_deadlines(
		self,
		feedback_type: str,
		received_on: dt.date | dt.datetime,
		stage: int = 1,
		complexity: str = "Standard",
		social_care: bool = False,
		acknowledged_on: dt.date | dt.datetime | None = None,
		pauses: tuple = (),
		extension_days: int = 0,
	) -> Deadlines:
		"""The dates the policy gives, for the Preview Deadlines dialog and its REST method."""
		# Documents hold dates as strings until reloaded; the clock takes dates and datetimes.
		if isinstance(received_on, str):
			received_on = get_datetime(received_on)
		if isinstance(acknowledged_on, str):
			acknowledged_on = getdate(acknowledged_on)
		try:
			return self.rules().deadlines(
				feedback_type,
				received_on,
				stage=stage,
				complexity=complexity,
				social_care=social_care,
				acknowledged_on=acknowledged_on,
				pauses=pauses,
				extension_days=extension_days,
			)
		except RuleError as error:
			frappe.throw(_("{0}: {1}").format(self.name, rule_message(error)), DeadlineQueryError)


def throw(message: str, exc: type[Exception] = PolicyConfigurationError):
	frappe.throw(message, exc, title=_("Feedback Policy"))


def get_default_policy_name() -> str | None:
	return frappe.db.get_single_value("Customer Feedback Settings", "default_policy")


def get_policy(name: str) -> FeedbackPolicy:
	"""The named policy from the document cache, or a clear error naming it (callers check their own
	permission first)."""
	try:
		if name:
			return frappe.get_cached_doc("Feedback Policy", name)
	except frappe.DoesNotExistError:
		frappe.clear_last_message()
	frappe.throw(
		_("Feedback Policy {0} does not exist: give the name of an existing policy.").format(
			frappe.bold(name)
		),
		frappe.DoesNotExistError,
	)


def get_rules(name: str) -> CaseRules:
	"""The named policy's rules (see FeedbackPolicy.rules)."""
	return get_policy(name).rules()


def external_body_name(rules: CaseRules, capitalised: bool = False) -> str:
	"""The external body's name, or a plain description where the policy names none."""
	if rules.external_body:
		return rules.external_body.name
	return _("The external body") if capitalised else _("the external body")
