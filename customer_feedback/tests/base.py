"""The shared base of the app's Frappe tests: frozen, named dates and a savepoint per test."""

import frappe
from frappe.tests.utils import FrappeTestCase

from customer_feedback.tests.factories import make_user

JAN_2 = "2025-01-02 11:00:00"  # "today" for most tests: a working day after the complaint arrived
SAVEPOINT = "customer_feedback_test"


class FeedbackTestCase(FrappeTestCase):
	# Staff the class's tests act as: {email: roles}. Creating a user costs seconds (Frappe reloads many
	# DocTypes' meta), so they are made once, committed, and reused like Frappe's own test records.
	USERS: dict[str, list[str]] = {}

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for email, roles in cls.USERS.items():
			make_user(email, roles)
		frappe.db.commit()

	def setUp(self):
		# Each test rolls back to here, so what the class set up (in setUpClass) serves every test; the
		# class's own writes are rolled back when it ends (FrappeTestCase).
		frappe.db.savepoint(SAVEPOINT)
		self._clock = None
		self.at(JAN_2)

	def at(self, when: str):
		"""Freeze "now" at `when` (Europe/London) for the rest of the test."""
		if self._clock:
			self._clock.__exit__(None, None, None)
		# Whole seconds would make Frappe's modified-timestamp check compare "...:00" with "...:00.000000".
		self._clock = self.freeze_time(when if "." in when else when + ".250000")
		self._clock.__enter__()

	def tearDown(self):
		self._clock.__exit__(None, None, None)
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point=SAVEPOINT)
		# A rollback to a savepoint skips the platform's rollback watchers, which drop what the test's
		# writes cached (a policy, the workflow): run them as a full rollback would.
		frappe.db.before_commit.reset()
		frappe.db.after_commit.reset()
		frappe.db.after_rollback.run()
		# Cached single values and messages outlive a rollback too.
		frappe.db.value_cache.clear()
		frappe.local.message_log = []
