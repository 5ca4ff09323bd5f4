"""Who sees which cases: any member of staff records feedback and sees what they recorded; the roles that
handle cases see them all; routed roles read them; the public sees nothing through the desk's API."""

import frappe

from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import make_feedback

RECORDER = "cf.perm.recorder@example.org"
COLLEAGUE = "cf.perm.colleague@example.org"
COORDINATOR = "cf.perm.coordinator@example.org"
SAFEGUARDING = "cf.perm.safeguarding@example.org"


class TestFeedbackPermissions(FeedbackTestCase):
	USERS = {
		RECORDER: ["Feedback User"],
		COLLEAGUE: ["Feedback User"],
		COORDINATOR: ["Feedback User", "Feedback Coordinator"],
		SAFEGUARDING: ["Safeguarding Lead"],
	}

	def setUp(self):
		super().setUp()
		frappe.set_user(RECORDER)
		self.mine = make_feedback().name
		frappe.set_user("Administrator")
		self.theirs = make_feedback().name

	def visible_to(self, user: str) -> set[str]:
		frappe.set_user(user)
		try:
			return set(frappe.get_list("Feedback", pluck="name"))
		finally:
			frappe.set_user("Administrator")

	def test_feedback_users_see_only_what_they_recorded(self):
		self.assertIn(self.mine, self.visible_to(RECORDER))
		self.assertNotIn(self.theirs, self.visible_to(RECORDER))
		self.assertNotIn(self.mine, self.visible_to(COLLEAGUE))
		self.assertFalse(frappe.has_permission("Feedback", "write", self.mine, user=RECORDER))

	def test_coordinators_see_and_edit_every_case(self):
		self.assertTrue({self.mine, self.theirs} <= self.visible_to(COORDINATOR))
		self.assertTrue(frappe.has_permission("Feedback", "write", self.theirs, user=COORDINATOR))

	def test_routed_roles_read_but_do_not_edit(self):
		self.assertTrue(frappe.has_permission("Feedback", "read", self.theirs, user=SAFEGUARDING))
		self.assertFalse(frappe.has_permission("Feedback", "write", self.theirs, user=SAFEGUARDING))

	def test_guests_get_nothing(self):
		self.assertFalse(frappe.has_permission("Feedback", "read", self.theirs, user="Guest"))
		self.assertFalse(frappe.has_permission("Feedback", "create", user="Guest"))
		self.assertFalse(frappe.has_permission("Complaint Stage", "read", user="Guest"))
