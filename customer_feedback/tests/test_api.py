"""customer_feedback.api.preview_deadlines over a real HTTP request: a werkzeug server on 127.0.0.1 serving
frappe.app.application in a background thread, users authenticated by API key and secret.

The server's requests run on their own database connection, so the users they authenticate are committed in
setUpClass and deleted (and committed) in a class cleanup. The Complaint Handling Code preset is installed with
the app. Dates for a complaint received Thu 19 Dec 2024 (England): acknowledge within 5 working days is
Mon 30 Dec; 10 working days after that (25, 26 Dec and 1 Jan are bank holidays) is Tue 14 Jan 2025."""

import frappe
from frappe.tests.utils import FrappeTestCase

from customer_feedback.api import preview_deadlines
from customer_feedback.setup.policy_presets import CODE, DEVON
from customer_feedback.tests.factories import (
	LiveServerTestCase,
	delete_user,
	make_feedback,
	make_user,
	server_messages,
	set_api_keys,
)

METHOD = "/api/method/customer_feedback.api.preview_deadlines"
MANAGER = "cf-api-manager@example.com"
PLAIN_USER = "cf-api-user@example.com"


class TestPreviewDeadlinesOverHTTP(LiveServerTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.addClassCleanup(cls.delete_users)
		cls.manager_token = "{}:{}".format(*set_api_keys(make_user(MANAGER, ["Feedback Manager"])))
		cls.user_token = "{}:{}".format(*set_api_keys(make_user(PLAIN_USER, ["Feedback User"])))
		frappe.db.commit()

	@classmethod
	def delete_users(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		delete_user(MANAGER)
		delete_user(PLAIN_USER)
		frappe.db.commit()

	def get(self, token=None, **params):
		return self.request("GET", METHOD, token, params=params)

	def assertErrorNames(self, response, status, *fragments):
		self.assertEqual(response.status_code, status, response.text)
		text = " ".join(server_messages(response))
		for fragment in fragments:
			self.assertIn(fragment, text)

	def test_feedback_manager_gets_the_deadlines(self):
		response = self.get(
			self.manager_token, policy=CODE, feedback_type="Complaint", received_on="2024-12-19", stage=1
		)
		self.assertEqual(response.status_code, 200, response.text)
		self.assertEqual(
			response.json()["message"], {"acknowledge_by": "2024-12-30", "respond_by": "2025-01-14"}
		)

	def test_query_string_values_are_typed(self):
		# acknowledged_on: the response counts 10 working days from Fri 20 Dec: Wed 8 Jan.
		response = self.get(
			self.manager_token,
			policy=CODE,
			feedback_type="Complaint",
			received_on="2024-12-19",
			acknowledged_on="2024-12-20",
		)
		self.assertEqual(
			response.json()["message"], {"acknowledge_by": "2024-12-30", "respond_by": "2025-01-08"}
		)
		# stage "2": the Code's stage 2, 20 working days after Mon 30 Dec: Tue 28 Jan.
		response = self.get(
			self.manager_token, policy=CODE, feedback_type="Complaint", received_on="2024-12-19", stage="2"
		)
		self.assertEqual(
			response.json()["message"], {"acknowledge_by": "2024-12-30", "respond_by": "2025-01-28"}
		)
		# social_care "1": Devon's local resolution, 3 working days (Tue 24 Dec) and 20 (Tue 21 Jan).
		response = self.get(
			self.manager_token,
			policy=DEVON,
			feedback_type="Complaint",
			received_on="2024-12-19",
			social_care="1",
		)
		self.assertEqual(
			response.json()["message"], {"acknowledge_by": "2024-12-24", "respond_by": "2025-01-21"}
		)

	def test_feedback_user_is_forbidden(self):
		response = self.get(self.user_token, policy=CODE, feedback_type="Complaint", received_on="2024-12-19")
		self.assertEqual(response.status_code, 403, response.text)
		self.assertNotIn("message", response.json())

	def test_guest_is_forbidden(self):
		response = self.get(policy=CODE, feedback_type="Complaint", received_on="2024-12-19")
		self.assertEqual(response.status_code, 403, response.text)
		self.assertNotIn("message", response.json())

	def test_unknown_policy_is_not_found(self):
		response = self.get(
			self.manager_token, policy="No Such Policy", feedback_type="Complaint", received_on="2024-12-19"
		)
		self.assertErrorNames(response, 404, "No Such Policy")

	def test_unknown_feedback_type(self):
		response = self.get(
			self.manager_token, policy=CODE, feedback_type="Grumble", received_on="2024-12-19"
		)
		self.assertErrorNames(response, 417, "Grumble")

	def test_unknown_stage(self):
		response = self.get(
			self.manager_token, policy=CODE, feedback_type="Complaint", received_on="2024-12-19", stage=9
		)
		self.assertErrorNames(response, 417, "Stage 9", CODE)

	def test_malformed_date(self):
		response = self.get(
			self.manager_token, policy=CODE, feedback_type="Complaint", received_on="19/12/2024"
		)
		self.assertErrorNames(response, 417, "received_on", "YYYY-MM-DD")


class TestPreviewDeadlinesDirect(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")

	def test_type_without_targets_gives_nulls(self):
		# The Code sets no targets for compliments.
		self.assertEqual(
			preview_deadlines(policy=CODE, feedback_type="Compliment", received_on="2024-12-19"),
			{"acknowledge_by": None, "respond_by": None},
		)

	def test_datetime_and_date_objects(self):
		self.assertEqual(
			preview_deadlines(policy=CODE, feedback_type="Complaint", received_on="2024-12-19 10:30:00"),
			{"acknowledge_by": "2024-12-30", "respond_by": "2025-01-14"},
		)


COORDINATOR = "cf-api-coordinator@example.com"
OTHER_STAFF = "cf-api-other@example.com"


class TestEscalateOverHTTP(LiveServerTestCase):
	"""POST /api/method/customer_feedback.api.escalate with real users; the case is committed for the server."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.addClassCleanup(cls.clean_up)
		coordinator = make_user(COORDINATOR, ["Feedback User", "Feedback Coordinator"])
		cls.coordinator_token = "{}:{}".format(*set_api_keys(coordinator))
		cls.other_token = "{}:{}".format(*set_api_keys(make_user(OTHER_STAFF, ["Feedback User"])))
		cls.case = make_feedback(received_on="2024-12-19 10:00:00").name
		frappe.db.commit()

	@classmethod
	def clean_up(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		contact = frappe.db.get_value("Feedback", cls.case, "contact")
		frappe.db.delete("Complaint Stage", {"feedback": cls.case})
		frappe.db.delete("Feedback", {"name": cls.case})
		frappe.delete_doc_if_exists("Contact", contact, force=True)
		delete_user(COORDINATOR)
		delete_user(OTHER_STAFF)
		frappe.db.commit()

	def post(self, token, **data):
		return self.request("POST", "/api/method/customer_feedback.api.escalate", token, json=data)

	def test_staff_who_cannot_edit_the_case_are_refused(self):
		frappe.db.commit()  # end our snapshot to see what the server committed
		stages = frappe.db.count("Complaint Stage", {"feedback": self.case})
		response = self.post(self.other_token, feedback=self.case, reason="Please escalate")
		self.assertEqual(response.status_code, 403, response.text)
		frappe.db.commit()
		self.assertEqual(frappe.db.count("Complaint Stage", {"feedback": self.case}), stages)

	def test_a_coordinator_escalates_and_the_next_stage_opens(self):
		response = self.post(self.coordinator_token, feedback=self.case, reason="Points not answered")
		self.assertEqual(response.status_code, 200, response.text)
		self.assertEqual(response.json()["message"], {"stage": f"{self.case}-2", "status": "Open"})
		frappe.db.commit()
		self.assertEqual(frappe.db.get_value("Feedback", self.case, "current_stage"), 2)
		self.assertEqual(
			frappe.db.get_value("Complaint Stage", f"{self.case}-2", "escalation_reason"),
			"Points not answered",
		)
