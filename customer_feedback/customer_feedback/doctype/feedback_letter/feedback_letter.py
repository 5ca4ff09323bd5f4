# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from jinja2 import TemplateSyntaxError

from customer_feedback.exceptions import LetterWordingError
from customer_feedback.letters import jinja_source

WORDING_FIELDS = ("subject", "greeting", "body", "sign_off")


class FeedbackLetter(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		body: DF.TextEditor
		disabled: DF.Check
		feedback_type: DF.Literal[
			"", "Complaint", "Compliment", "Comment", "Suggestion", "Representation", "Service Request"
		]
		greeting: DF.Data | None
		language: DF.Literal["English", "Welsh"]
		letter: DF.Literal[
			"Acknowledgement",
			"Extension",
			"Delay Notice",
			"Stage Response",
			"Refusal to Accept",
			"Escalation Refused",
			"Compensation Claim",
			"Compliment Thank-you",
			"Suggestion Outcome",
			"Survey Invitation",
			"Contact Restriction",
		]
		policy: DF.Link | None
		sign_off: DF.TextEditor | None
		subject: DF.Data
	# end: auto-generated types

	def validate(self):
		self.validate_one_per_choice()
		self.validate_templates()

	def validate_one_per_choice(self):
		"""Two enabled wordings for the same choice would leave which one is sent to chance."""
		if self.disabled:
			return
		twin = next(
			iter(
				frappe.get_all(
					"Feedback Letter",
					{
						"name": ("!=", self.name),
						"letter": self.letter,
						"language": self.language,
						# get_all, not get_value: its "not set" also matches a Select's stored "".
						"policy": self.policy or ("is", "not set"),
						"feedback_type": self.feedback_type or ("is", "not set"),
						"disabled": 0,
					},
					pluck="name",
					limit=1,
				)
			),
			None,
		)
		if twin:
			frappe.throw(
				_(
					"Another enabled wording, {0}, is for the same letter, policy, feedback type and language: edit that one, or disable one of the two."
				).format(frappe.bold(twin)),
				LetterWordingError,
			)

	def validate_templates(self):
		"""A placeholder typed wrongly is refused here, naming the field, not when a letter is printed."""
		for field in WORDING_FIELDS:
			try:
				frappe.get_jenv().parse(jinja_source(self.get(field)))
			except TemplateSyntaxError as error:
				frappe.throw(
					_(
						"{0} has a placeholder Jinja cannot read ({1}, line {2}): write placeholders like {3}, and end each {4} with {5}."
					).format(
						_(self.meta.get_label(field)),
						frappe.utils.escape_html(error.message or ""),
						error.lineno,
						"{{ letter.reference }}",
						"{% if ... %}",
						"{% endif %}",
					),
					LetterWordingError,
				)
