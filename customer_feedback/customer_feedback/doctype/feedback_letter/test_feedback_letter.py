# Copyright (c) 2026, customer_feedback developers and contributors
# See license.txt

import frappe

from customer_feedback.exceptions import LetterWordingError
from customer_feedback.tests.base import FeedbackTestCase


def wording(**values):
	return frappe.get_doc(
		{
			"doctype": "Feedback Letter",
			"letter": "Acknowledgement",
			"language": "English",
			"subject": "Your complaint {{ letter.reference }}",
			"body": "<p>{{ letter.reference }}</p>",
			**values,
		}
	).insert()


class TestFeedbackLetter(FeedbackTestCase):
	def test_a_second_enabled_wording_for_the_same_choice_is_refused(self):
		with self.assertRaises(LetterWordingError) as refused:
			wording(feedback_type="Complaint")  # the installed default is enabled
		self.assertIn("edit that one, or disable one of the two", str(refused.exception))
		self.assertTrue(wording(feedback_type="Complaint", disabled=1).name)
		self.assertTrue(wording(feedback_type="Complaint", policy="Solihull Council").name)

	def test_a_placeholder_jinja_cannot_read_is_refused_naming_the_field(self):
		for field, value, label in (
			("body", "<p>{% if letter.remedies %}no end</p>", "Paragraphs"),
			("subject", "Your complaint {{ letter.reference", "Subject"),
			("sign_off", "<p>{% endif %}</p>", "Sign-off"),
		):
			with self.subTest(field), self.assertRaises(LetterWordingError) as refused:
				wording(policy="Solihull Council", **{field: value})
			self.assertIn(f"{label} has a placeholder Jinja cannot read", str(refused.exception))
			self.assertNotIn("<p>", str(refused.exception))
