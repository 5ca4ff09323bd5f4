"""What installing the app leaves on the site, and that re-running the installer respects an administrator's
edits."""

import frappe
from frappe.tests.utils import FrappeTestCase

from customer_feedback.setup import install
from customer_feedback.setup.policy_presets import PRESETS
from customer_feedback.tests.factories import make_policy, reset_db, set_default_policy

ROLES = (
	"Feedback User",
	"Feedback Coordinator",
	"Investigating Officer",
	"Head of Service",
	"Feedback Manager",
	"Customer Relations Officer",
)
PRESET_NAMES = (
	"Complaint Handling Code",
	"Northamptonshire Fire and Rescue Service",
	"Bedfordshire Fire and Rescue Service",
	"Solihull Council",
	"Council Customer Feedback Procedure",
	"Devon County Council",
)


class TestInstall(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		reset_db()

	def test_roles_exist(self):
		for role in ROLES:
			with self.subTest(role):
				self.assertTrue(frappe.db.exists("Role", role))

	def test_site_time_zone_is_london(self):
		self.assertEqual(frappe.db.get_single_value("System Settings", "time_zone"), "Europe/London")

	def test_six_presets_exist(self):
		self.assertEqual({preset["policy_name"] for preset in PRESETS}, set(PRESET_NAMES))
		for name in PRESET_NAMES:
			with self.subTest(name):
				self.assertTrue(frappe.db.exists("Feedback Policy", name))
				self.assertEqual(frappe.db.get_value("Feedback Policy", name, "disabled"), 0)

	def test_default_policy_is_the_code(self):
		self.assertEqual(
			frappe.db.get_single_value("Customer Feedback Settings", "default_policy", cache=False),
			"Complaint Handling Code",
		)
		code = frappe.get_doc("Feedback Policy", "Complaint Handling Code")
		code.run_method("onload")
		self.assertTrue(code.get_onload().is_default)

	def test_rerunning_presets_keeps_an_administrators_edit(self):
		name = "Bedfordshire Fire and Rescue Service"
		policy = frappe.get_doc("Feedback Policy", name)
		self.assertEqual(policy.stages[0].acknowledge_days, 7)
		policy.stages[0].acknowledge_days = 9
		policy.progress_update_days = 15
		policy.save()

		install.create_policy_presets()

		policy = frappe.get_doc("Feedback Policy", name)
		self.assertEqual(policy.stages[0].acknowledge_days, 9)
		self.assertEqual(policy.progress_update_days, 15)
		self.assertEqual(frappe.db.count("Feedback Policy", {"name": name}), 1)

	def test_rerunning_presets_restores_a_deleted_one(self):
		name = "Devon County Council"
		frappe.delete_doc("Feedback Policy", name, force=True)  # a site with cases under it links to it
		self.assertFalse(frappe.db.exists("Feedback Policy", name))

		install.create_policy_presets()

		self.assertEqual(frappe.get_doc("Feedback Policy", name).stages[1].social_care_respond_days, 65)

	def test_rerunning_default_keeps_an_administrators_choice(self):
		make_policy("_Test CF Chosen Default")
		set_default_policy("_Test CF Chosen Default")

		install.set_default_policy()

		self.assertEqual(
			frappe.db.get_single_value("Customer Feedback Settings", "default_policy", cache=False),
			"_Test CF Chosen Default",
		)
