# Copyright (c) 2026, customer_feedback developers and Contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from customer_feedback.tests.factories import make_user


class TestComplaintCategory(FrappeTestCase):
	def test_solihull_and_devon_categories_are_installed(self):
		self.assertEqual(frappe.db.count("Complaint Category", {"source": "Solihull Council"}), 5)
		self.assertEqual(frappe.db.count("Complaint Category", {"source": "Devon County Council"}), 10)
		self.assertTrue(frappe.db.exists("Complaint Category", "Inappropriate use of personal information"))

	def test_staff_read_categories_and_managers_edit_them(self):
		staff = make_user("cf.category.staff@example.org", ["Feedback User"]).name
		manager = make_user("cf.category.manager@example.org", ["Feedback Manager"]).name
		self.assertTrue(frappe.has_permission("Complaint Category", "read", user=staff))
		self.assertFalse(frappe.has_permission("Complaint Category", "create", user=staff))
		self.assertTrue(frappe.has_permission("Complaint Category", "create", user=manager))
		frappe.db.rollback()
