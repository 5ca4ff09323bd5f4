"""Northamptonshire's preset checks stage responses before they are sent ("Quality assurance of
correspondence"). The preset was created before the setting existed: switched on once, on that preset only;
an administrator may switch it off again and no migrate switches it back."""

import frappe

from customer_feedback.setup.policy_presets import NORTHAMPTONSHIRE


def execute():
	if frappe.db.exists("Feedback Policy", NORTHAMPTONSHIRE):
		frappe.db.set_value(
			"Feedback Policy", NORTHAMPTONSHIRE, "check_stage_responses", 1, update_modified=False
		)
