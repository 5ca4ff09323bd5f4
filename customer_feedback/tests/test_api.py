"""customer_feedback.api.preview_deadlines over a real HTTP request: a werkzeug server on 127.0.0.1 serving
frappe.app.application in a background thread, users authenticated by API key and secret.

The server's requests run on their own database connection, so the users they authenticate are committed in
setUpClass and deleted (and committed) in a class cleanup. The Complaint Handling Code preset is installed with
the app. Dates for a complaint received Thu 19 Dec 2024 (England): acknowledge within 5 working days is
Mon 30 Dec; 10 working days after that (25, 26 Dec and 1 Jan are bank holidays) is Tue 14 Jan 2025."""

import threading
from unittest.mock import patch

import frappe
import requests
from frappe.tests.utils import FrappeTestCase
from werkzeug.serving import WSGIRequestHandler, make_server

from customer_feedback.api import preview_deadlines
from customer_feedback.setup.policy_presets import CODE, DEVON
from customer_feedback.tests.factories import delete_user, make_user, server_messages, set_api_keys

METHOD = "/api/method/customer_feedback.api.preview_deadlines"
MANAGER = "cf-api-manager@example.com"
PLAIN_USER = "cf-api-user@example.com"


class QuietRequestHandler(WSGIRequestHandler):
	def log_request(self, *args, **kwargs):
		pass


class TestPreviewDeadlinesOverHTTP(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		import frappe.app

		# Class cleanups run last-in first-out, and also when setUpClass fails part-way.
		# Every request reaches this site whatever its Host header (127.0.0.1:port).
		cls.site_patch = patch("frappe.app.get_site_name", return_value=frappe.local.site)
		cls.site_patch.start()
		cls.addClassCleanup(cls.site_patch.stop)

		cls.server = make_server(
			"127.0.0.1", 0, frappe.app.application, threaded=True, request_handler=QuietRequestHandler
		)
		cls.base_url = f"http://127.0.0.1:{cls.server.server_port}"
		cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
		cls.thread.start()
		cls.addClassCleanup(cls.stop_server)

		cls.addClassCleanup(cls.delete_users)
		cls.manager_token = "{}:{}".format(*set_api_keys(make_user(MANAGER, ["Feedback Manager"])))
		cls.user_token = "{}:{}".format(*set_api_keys(make_user(PLAIN_USER, ["Feedback User"])))
		frappe.db.commit()

	@classmethod
	def stop_server(cls):
		cls.server.shutdown()
		cls.server.server_close()
		cls.thread.join(timeout=10)

	@classmethod
	def delete_users(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		delete_user(MANAGER)
		delete_user(PLAIN_USER)
		frappe.db.commit()

	def get(self, token=None, **params):
		headers = {"Accept": "application/json"}
		if token:
			headers["Authorization"] = f"token {token}"
		return requests.get(self.base_url + METHOD, params=params, headers=headers, timeout=30)

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
		self.assertErrorNames(response, 417, "received_on", "19/12/2024")


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
