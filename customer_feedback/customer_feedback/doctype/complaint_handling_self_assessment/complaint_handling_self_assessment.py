# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt
"""A year's self-assessment against a Code (LGSCO 8.1-8.3; the Housing Ombudsman's Code): a row per
requirement, filled in from the Code when first saved, with the evidence the app can give from the policy
and the year's records (customer_feedback/self_assessment.py judges). Submitting is the sign-off; an
amendment after a restructure or a change of procedure is a new assessment."""

from __future__ import annotations

import datetime as dt
import re

import frappe
from frappe import _
from frappe.model.document import Document

from customer_feedback.customer_feedback.report.complaint_performance.complaint_performance import (
	execute as complaint_performance,
)
from customer_feedback.self_assessment import SECTIONS, AssessmentFacts, StageFacts, assess

YEAR = re.compile(r"^(\d{4})/(\d{2})$")


class SelfAssessmentError(frappe.ValidationError):
	"""A self-assessment that cannot be saved or signed off as it stands."""


class ComplaintHandlingSelfAssessment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from customer_feedback.customer_feedback.doctype.self_assessment_requirement.self_assessment_requirement import (
			SelfAssessmentRequirement,
		)

		amended_from: DF.Link | None
		approved_on: DF.Date | None
		code: DF.Literal["LGSCO Complaint Handling Code", "Housing Ombudsman Complaint Handling Code"]
		financial_year: DF.Data
		governing_body_response: DF.SmallText | None
		member_responsible: DF.Data | None
		naming_series: DF.Literal["SA-.YYYY.-.##"]
		policy: DF.Link
		reason: DF.Literal["Annual", "After a restructure or merger", "After a change in procedures"]
		requirements: DF.Table[SelfAssessmentRequirement]
		title: DF.Data | None
	# end: auto-generated types

	def validate(self):
		self.year_start()  # refuses a year not written as 2025/26
		self.title = f"{self.code} {self.financial_year}"
		if not self.requirements:
			self.fill_requirements()

	def before_submit(self):
		if not (self.member_responsible or "").strip():
			frappe.throw(
				_(
					"Member Responsible for Complaints is empty: give who signs this off for the governing body."
				),
				SelfAssessmentError,
			)
		unanswered = [row.idx for row in self.requirements if not row.complies]
		if unanswered:
			frappe.throw(
				_("Do We Comply is empty on row(s) {0}: answer Yes or No on each before signing off.").format(
					", ".join(str(idx) for idx in unanswered)
				),
				SelfAssessmentError,
			)

	def year_start(self) -> dt.date:
		match = YEAR.match((self.financial_year or "").strip())
		if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
			frappe.throw(
				_("Financial Year must be written as 2025/26 (April 2025 to March 2026): change it."),
				SelfAssessmentError,
			)
		return dt.date(int(match.group(1)), 4, 1)

	def fill_requirements(self):
		for requirement, judgement in assess(self.code, self.facts()):
			self.append(
				"requirements",
				{
					"section": f"{requirement.section} {_(SECTIONS[requirement.section])}",
					"reference": requirement.reference,
					"requirement": _(requirement.text),
					"complies": judgement.complies if judgement else None,
					"evidence": _(judgement.template).format(*judgement.params) if judgement else None,
					"judged_by_app": 1 if judgement else 0,
				},
			)

	def facts(self) -> AssessmentFacts:
		"""The policy's figures and the year's records, read as the session user may read them."""
		start = self.year_start()
		end = dt.date(start.year + 1, 3, 31)
		policy = frappe.get_doc("Feedback Policy", self.policy)
		stages = complaint_performance(
			{"period": "Custom", "from_date": start, "to_date": end, "policy": self.policy}
		)[1]
		in_year = {"policy": self.policy, "received_on": ("between", (start, end))}
		return AssessmentFacts(
			policy=policy.name,
			year=self.financial_year,
			stages=tuple(
				StageFacts(
					row.stage_number,
					row.acknowledge_days or 0,
					row.respond_days or 0,
					row.respond_from or "Receipt of stage",
					row.max_extension_days or 0,
					bool(row.independent_handler),
				)
				for row in policy.stages
			),
			time_limit_months=policy.time_limit_months or 0,
			responded=int(sum(row["responded"] for row in stages)),
			responded_in_time=int(sum(row["responded_in_time"] for row in stages)),
			learning_records=frappe.db.count("Learning", {"recorded_on": ("between", (start, end))}),
			restrictions=frappe.db.count("Contact Restriction", {"decided_on": ("between", (start, end))}),
			cases_with_remedies=remedied_stages(self.policy, start, end),
			cases=frappe.db.count("Feedback", in_year),
			service_requests=frappe.db.count("Feedback", {**in_year, "feedback_type": "Service Request"}),
			channels=tuple(
				sorted(set(frappe.get_all("Feedback", filters=in_year, pluck="channel", distinct=True)))
			),
			checks_responses=bool(policy.check_stage_responses),
		)


def remedied_stages(policy: str, start: dt.date, end: dt.date) -> int:
	"""Complaint stages of the policy responded to in the year that recorded a remedy."""
	return frappe.db.sql(
		"""select count(distinct remedy.parent) from `tabFeedback Remedy` remedy
		join `tabComplaint Stage` stage on stage.name = remedy.parent
		where remedy.parenttype = 'Complaint Stage' and stage.policy = %s
			and stage.responded_on between %s and %s""",
		(policy, start, end),
	)[0][0]
