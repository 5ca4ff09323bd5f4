# Copyright (c) 2026, customer_feedback developers and Contributors
# See license.txt
"""Equality monitoring is kept apart from the case and read by Feedback Managers only."""

import frappe

from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import make_feedback


class TestEqualityMonitoring(FeedbackTestCase):
	USERS = {
		"cf.staff@example.org": ["Feedback User", "Investigating Officer"],
		"cf.manager@example.org": ["Feedback Manager"],
	}

	def test_only_feedback_managers_read_it(self):
		case = make_feedback()
		name = (
			frappe.get_doc({"doctype": "Equality Monitoring", "feedback": case.name, "age_band": "25 to 34"})
			.insert()
			.name
		)
		staff, manager = "cf.staff@example.org", "cf.manager@example.org"
		frappe.set_user(staff)
		self.assertFalse(frappe.has_permission("Equality Monitoring", "read"))
		record = frappe.get_doc("Equality Monitoring", name)
		self.assertRaises(frappe.PermissionError, record.check_permission, "read")
		self.assertNotIn("age_band", {df.fieldname for df in frappe.get_meta("Feedback").fields})
		frappe.set_user(manager)
		self.assertEqual(frappe.get_doc("Equality Monitoring", name).age_band, "25 to 34")
