"""Sites installed before compliments were passed on get Solihull's compliment categories, and the presets
whose sources say so get their closing rules once: Devon's senior manager's thank-you for a compliment,
Northamptonshire's evaluation of every comment. Only those presets; an administrator may switch either off
again and no migrate switches it back."""

import frappe

from customer_feedback.setup.install import create_compliment_categories
from customer_feedback.setup.policy_presets import DEVON, NORTHAMPTONSHIRE


def execute():
	create_compliment_categories()
	for policy, field in ((DEVON, "senior_thank_you"), (NORTHAMPTONSHIRE, "evaluate_comments")):
		if frappe.db.exists("Feedback Policy", policy):
			frappe.db.set_value("Feedback Policy", policy, field, 1, update_modified=False)
