# Copyright (c) 2026, customer_feedback developers and Contributors
# See license.txt
"""Customer Feedback Settings: the default policy is one Link field, so there is exactly one default; it must
be an enabled policy."""

import frappe
from frappe.tests.utils import FrappeTestCase

from customer_feedback.exceptions import DefaultPolicyError
from customer_feedback.tests.factories import make_policy, make_user, reset_db, set_default_policy


def default_policy():
	return frappe.db.get_single_value("Customer Feedback Settings", "default_policy", cache=False)


def policies_shown_as_default():
	shown = []
	for name in frappe.get_all("Feedback Policy", pluck="name"):
		policy = frappe.get_doc("Feedback Policy", name)
		policy.run_method("onload")
		if policy.get_onload().get("is_default"):
			shown.append(name)
	return shown


class TestCustomerFeedbackSettings(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		self.original_default = default_policy()

	def tearDown(self):
		frappe.set_user("Administrator")
		reset_db()

	def test_disabled_policy_cannot_be_the_default(self):
		make_policy("_Test CF Disabled", disabled=1)
		with self.assertRaises(DefaultPolicyError) as caught:
			set_default_policy("_Test CF Disabled")
		self.assertIn("Default Policy", str(caught.exception))
		self.assertIn("_Test CF Disabled", str(caught.exception))
		self.assertIn("disabled", str(caught.exception))
		self.assertEqual(default_policy(), self.original_default)

	def test_changing_the_default_policy(self):
		self.assertTrue(self.original_default)
		make_policy("_Test CF New Default")

		set_default_policy("_Test CF New Default")

		self.assertEqual(default_policy(), "_Test CF New Default")
		# One Link field holds the default: the policy it replaced is no longer the default.
		self.assertEqual(policies_shown_as_default(), ["_Test CF New Default"])
		# ...so the old default may now be disabled, and the new one may not.
		old = frappe.get_doc("Feedback Policy", self.original_default)
		old.disabled = 1
		old.save()
		new = frappe.get_doc("Feedback Policy", "_Test CF New Default")
		new.disabled = 1
		with self.assertRaises(DefaultPolicyError):
			new.save()

	def test_default_policy_is_required(self):
		with self.assertRaises(frappe.MandatoryError):
			set_default_policy(None)
		self.assertEqual(default_policy(), self.original_default)

	def test_feedback_manager_may_change_the_default(self):
		make_policy("_Test CF Manager Default")
		make_user("cf-settings-manager@example.com", ["Feedback Manager"])
		frappe.set_user("cf-settings-manager@example.com")

		set_default_policy("_Test CF Manager Default")

		self.assertEqual(default_policy(), "_Test CF Manager Default")

	def test_feedback_user_may_not_change_the_default(self):
		make_policy("_Test CF User Default")
		make_user("cf-settings-user@example.com", ["Feedback User"])
		frappe.set_user("cf-settings-user@example.com")

		with self.assertRaises(frappe.PermissionError):
			set_default_policy("_Test CF User Default")
		frappe.set_user("Administrator")
		self.assertEqual(default_policy(), self.original_default)
