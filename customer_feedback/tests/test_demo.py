"""The demo data: realistic cases in every state, and safe to run again."""

from unittest.mock import patch

import frappe

from customer_feedback.setup import demo, demo_cases
from customer_feedback.tests.base import FeedbackTestCase


class TestDemoData(FeedbackTestCase):
	def test_demo_cases_span_types_and_states_and_are_not_made_twice(self):
		self.at("2026-11-23 12:00:00")
		frappe.db.delete("Feedback")
		with patch.object(frappe.db, "commit"):  # keep the test's rollback able to undo it all
			for login, name, roles in demo.DEMO_STAFF:
				demo.make_staff_user(demo.staff_email(login), name, roles)
			demo.make_service_areas()
			self.assertEqual(demo_cases.make_demo_cases(80), 80)
			self.assertEqual(demo_cases.make_demo_cases(80), 0)
		cases = frappe.get_all("Feedback", fields=["feedback_type", "status", "policy", "current_stage"])
		self.assertEqual(len(cases), 80)
		self.assertGreaterEqual(len({case.feedback_type for case in cases}), 5)
		self.assertGreaterEqual(len({case.status for case in cases}), 4)
		self.assertEqual(len({case.policy for case in cases}), 5)
		self.assertTrue(any(case.current_stage >= 2 for case in cases))
