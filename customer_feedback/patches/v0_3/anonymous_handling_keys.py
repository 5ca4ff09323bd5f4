"""Feedback.anonymous_handling held the translated sentence; it now holds the policy's key (a Select), and
the sentence is made from it where it is shown. Runs before the model sync, which narrows the column."""

import frappe

from customer_feedback.constants import ANONYMOUS_HANDLINGS

# The start of each sentence as the English installs stored it.
SENTENCE_STARTS = {
	"Recorded as a comment": "Record as comment",
	"Referred to the service manager": "Refer to service manager",
	"Handled as a complaint": "Handle as complaint",
}


def execute():
	if not frappe.db.has_column("Feedback", "anonymous_handling"):
		return
	for start, key in SENTENCE_STARTS.items():
		frappe.db.sql(
			"update `tabFeedback` set anonymous_handling = %s where anonymous_handling like %s",
			(key, start + "%"),
		)
	# Anything else (a sentence stored in another language) is judged again from its policy.
	for name, policy in frappe.db.sql(
		"""select feedback.name, policy.anonymous_complaints from `tabFeedback` feedback
		join `tabFeedback Policy` policy on policy.name = feedback.policy
		where feedback.anonymous_handling is not null and feedback.anonymous_handling != ''
			and feedback.anonymous_handling not in %s""",
		(ANONYMOUS_HANDLINGS,),
	):
		frappe.db.set_value("Feedback", name, "anonymous_handling", policy, update_modified=False)
