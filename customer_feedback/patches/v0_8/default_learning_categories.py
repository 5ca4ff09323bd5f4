"""Sites installed before learning (new sites get all of this on install): Solihull's five learning
categories, the "Learning Action Overdue" Notification, and the presets' Learning Before Closing (Solihull:
complaints; Devon: all feedback), set only where the preset is still at the field's default, so an
administrator's choice stands. Runs once; the Code stays at "Not required"."""

import frappe

from customer_feedback.closing_rules import LEARNING_NOT_REQUIRED
from customer_feedback.setup.install import create_learning_categories
from customer_feedback.setup.notifications import create_notifications
from customer_feedback.setup.policy_presets import DEVON, SOLIHULL, preset


def execute():
	create_learning_categories()
	create_notifications()
	for name in (SOLIHULL, DEVON):
		current = frappe.db.get_value("Feedback Policy", name, "learning_before_closing")
		if current is not None and current in ("", LEARNING_NOT_REQUIRED):
			frappe.db.set_value(
				"Feedback Policy",
				name,
				"learning_before_closing",
				preset(name)["learning_before_closing"],
				update_modified=False,
			)
