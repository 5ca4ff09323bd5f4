"""The Delay Notice and Suggestion Outcome letters now say why and when, and what was decided and why
(issue 11). Sites installed earlier have the old default wording: it is replaced only where it is still
exactly as shipped, so an administrator's edit is kept (and their letter then lacks the new facts until
they add the placeholders: {{ letter.delay_reason }}, {{ letter.expected_response_on }},
{{ letter.suggestion_outcome }}, {{ letter.suggestion_outcome_reason }})."""

import frappe

from customer_feedback.setup.letters import DEFAULT_LETTERS

SHIPPED_BEFORE = {
	"Delay Notice": "<p>We said we would reply to your {{ letter.feedback_type }} by {{ letter.respond_by }}, and we are sorry that we have not yet been able to. We are still looking at it and will write to you as soon as we can.</p>",
	"Suggestion Outcome": "<p>Thank you again for your suggestion, which we received on {{ letter.received_on }}. We have considered it carefully.</p>"
	"<p>{% if letter.decision %}Our decision: {{ letter.decision }}.{% endif %}</p>",
}


def execute():
	for letter, old_body in SHIPPED_BEFORE.items():
		new_body = next(
			default["body"]
			for default in DEFAULT_LETTERS
			if default["letter"] == letter
			and default["language"] == "English"
			and not default["feedback_type"]
		)
		for row in frappe.get_all(
			"Feedback Letter",
			filters={"letter": letter, "language": "English"},
			fields=["name", "body"],
		):
			if (row.body or "").strip() == old_body:
				frappe.db.set_value("Feedback Letter", row.name, "body", new_body, update_modified=False)
