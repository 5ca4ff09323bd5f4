"""Over real HTTP: a guest, or another website user, gets nothing of someone else's case through the REST API,
the web form's routes, the status look-up or My feedback; the look-up's tries are limited per address (an
IPv6 address by its /64) and its wrong codes per reference.

The server's requests use their own database connection, so the cases and users are committed in setUpClass
and deleted (and committed) in a class cleanup. Each test starts with the look-up's counts of tries cleared,
since every request here comes from 127.0.0.1."""

import functools

import frappe

from customer_feedback.access_codes import FAILURES_PER_REFERENCE_PER_DAY
from customer_feedback.customer_feedback.doctype.feedback.access_code import issue as issue_access_code
from customer_feedback.portal.status import LOOKUP_LIMIT, forget_failed_tries
from customer_feedback.tests.factories import (
	LiveServerTestCase,
	delete_committed_cases,
	delete_committed_users,
	delete_user,
	make_feedback,
	make_user,
	move_case,
	record_on_stage,
	server_messages,
	set_api_keys,
)

CUSTOMER = "cf-http-customer@example.org"
STRANGER = "cf-http-stranger@example.org"
EMAIL = "cf-http-case@example.org"
POSTCODE = "B91 3QB"
SECRET = "The recycling crew left glass all over the drive"  # the case's description, never shown to others
STATUS = "/api/method/customer_feedback.portal.status."


def web_form_needed(test):
	"""The web form "feedback" ships with the app; on a site without it there are no web form routes to try."""

	@functools.wraps(test)
	def run(self):
		if not frappe.db.exists("Web Form", "feedback"):
			self.skipTest('the Web Form "feedback" is not installed on this site, so its routes do not exist')
		return test(self)

	return run


class PortalHTTPTestCase(LiveServerTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.addClassCleanup(cls.clean_up)
		cls.cases = []
		cls.codes = {}
		cls.customer_token = "{}:{}".format(*set_api_keys(make_user(CUSTOMER)))
		cls.stranger_token = "{}:{}".format(*set_api_keys(make_user(STRANGER)))
		cls.case = cls.make_case(email=EMAIL, postcode=POSTCODE)
		cls.customers_case = cls.make_case(email=CUSTOMER, postcode=None)
		frappe.db.commit()

	@classmethod
	def make_case(cls, **fields):
		case = make_feedback(description=f"<p>{SECRET}</p>", **fields)
		cls.cases.append(case.name)
		cls.codes[case.name] = issue_access_code(case)
		return case.name

	@classmethod
	def clean_up(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		delete_committed_cases(cls.cases)
		delete_committed_users((CUSTOMER, STRANGER))
		frappe.db.commit()

	def setUp(self):
		forget_failed_tries()

	def assertNothingOf(self, response, reference=True):
		"""The answer carries nothing of the case: not its description, email or postcode, nor its reference
		(unless `reference` is False: a page may repeat the address asked for, as in its login link)."""
		for private in (SECRET, EMAIL, POSTCODE, *([self.case] if reference else [])):
			self.assertNotIn(private, response.text, f"{response.request.method} {response.url}")

	def look_up(self, reference, code, address=None, **kwargs):
		headers = {"X-Forwarded-For": address} if address else {}
		return self.request(
			"POST",
			STATUS + "look_up",
			json={"reference": reference, "access_code": code},
			headers=headers,
			**kwargs,
		)


class TestGuestGetsNothing(PortalHTTPTestCase):
	def test_rest_api(self):
		for response in (
			self.request("GET", "/api/resource/Feedback", params={"fields": '["*"]'}),
			self.request("GET", f"/api/resource/Feedback/{self.case}"),
			self.request(
				"POST", "/api/method/frappe.client.get_list", json={"doctype": "Feedback", "fields": ["*"]}
			),
			self.request(
				"POST", "/api/method/frappe.client.get", json={"doctype": "Feedback", "name": self.case}
			),
			self.request("GET", "/api/resource/Complaint Stage", params={"fields": '["*"]'}),
		):
			self.assertIn(response.status_code, (403, 404), response.text)
			self.assertNothingOf(response)

	def test_another_website_user_gets_nothing_through_the_rest_api(self):
		for response in (
			self.request("GET", "/api/resource/Feedback", self.stranger_token, params={"fields": '["*"]'}),
			self.request("GET", f"/api/resource/Feedback/{self.case}", self.stranger_token),
			self.request(
				"POST",
				"/api/method/frappe.client.get",
				self.stranger_token,
				json={"doctype": "Feedback", "name": self.case},
			),
		):
			self.assertIn(response.status_code, (403, 404), response.text)
			self.assertNothingOf(response)

	@web_form_needed
	def test_web_form_routes(self):
		for path in (f"/feedback/{self.case}", f"/feedback/{self.case}/edit", "/feedback/list"):
			for token in (None, self.stranger_token):
				response = self.request("GET", path, token, headers={"Accept": "text/html"})
				self.assertNothingOf(response, reference=path.endswith("/list"))
		for token in (None, self.stranger_token):
			response = self.request(
				"POST",
				"/api/method/frappe.website.doctype.web_form.web_form.get_form_data",
				token,
				json={"doctype": "Feedback", "docname": self.case, "web_form_name": "feedback"},
			)
			self.assertEqual(response.status_code, 403, response.text)
			self.assertNothingOf(response)

	@web_form_needed
	def test_another_web_form_gives_the_owner_nothing_of_their_case_or_its_stages(self):
		# Sent while signed in, the case is the customer's own; every other published form would once load it.
		own = self.make_case(email=CUSTOMER, safeguarding=1)
		frappe.db.set_value("Feedback", own, "owner", CUSTOMER)
		frappe.db.set_value("Complaint Stage", f"{own}-1", "owner", CUSTOMER)
		frappe.db.commit()
		other_forms = frappe.get_all("Web Form", {"name": ("!=", "feedback"), "published": 1}, pluck="name")
		self.assertTrue(
			other_forms, "the platform's own web forms (edit-profile, request-data) are installed"
		)
		for web_form in other_forms:
			for doctype, docname in (
				("Feedback", own),
				("Feedback", None),  # the platform then loads "the" record the user owns
				("Complaint Stage", f"{own}-1"),
			):
				with self.subTest(web_form=web_form, doctype=doctype, docname=docname):
					response = self.request(
						"POST",
						"/api/method/frappe.website.doctype.web_form.web_form.get_form_data",
						self.customer_token,
						json={"doctype": doctype, "docname": docname, "web_form_name": web_form},
					)
					self.assertEqual(response.status_code, 403, response.text)
					self.assertNotIn(SECRET, response.text)
					self.assertNotIn(own, response.text)

	@web_form_needed
	def test_the_customer_sees_their_case_on_their_pages_not_as_the_case_document(self):
		# The case carries their email, but the case document holds staff-only fields: neither the web
		# form's data call nor a print view gives it to them (My feedback shows them the public view).
		response = self.request(
			"POST",
			"/api/method/frappe.website.doctype.web_form.web_form.get_form_data",
			self.customer_token,
			json={"doctype": "Feedback", "docname": self.customers_case, "web_form_name": "feedback"},
		)
		self.assertEqual(response.status_code, 403, response.text)
		self.assertNotIn(SECRET, response.text)
		for path, params in (
			("/printview", {"doctype": "Feedback", "name": self.customers_case}),
			(
				"/api/method/frappe.www.printview.get_html_and_style",
				{"doc": "Feedback", "name": self.customers_case},
			),
		):
			response = self.request("GET", path, self.customer_token, params=params)
			self.assertEqual(response.status_code, 403, path)
			self.assertNotIn(SECRET, response.text)

	def test_status_page_with_a_wrong_code(self):
		code = self.codes[self.case]
		missing = self.look_up("FB-1999-99999", code)
		self.assertEqual(missing.status_code, 404, missing.text)
		# Another case's code, a made-up one, and what the look-up asked for before codes: the email, postcode.
		for given in (self.codes[self.customers_case], "ABCDE-FGHJK", EMAIL, POSTCODE):
			wrong = self.look_up(self.case, given)
			self.assertEqual(wrong.status_code, missing.status_code)
			self.assertEqual(server_messages(wrong), server_messages(missing))
			self.assertEqual(wrong.json().get("exc_type"), "LookupRefusedError")
			self.assertNotIn("message", wrong.json())
			self.assertNothingOf(wrong)
		right = self.look_up(self.case.lower(), code.lower())
		self.assertEqual(right.status_code, 200, right.text)
		self.assertEqual(right.json()["message"]["reference"], self.case)
		self.assertNotIn(SECRET, right.text)

	def test_wrong_codes_from_many_addresses_shut_the_reference_for_the_day(self):
		for attempt in range(FAILURES_PER_REFERENCE_PER_DAY):
			wrong = self.look_up(self.case, "ABCDE-FGHJK", address=f"198.51.100.{attempt + 1}")
			self.assertEqual(wrong.status_code, 404, (attempt, wrong.text))
		refused = self.look_up(self.case, self.codes[self.case], address="203.0.113.9")
		self.assertEqual(refused.status_code, 429, refused.text)
		self.assertEqual(refused.json()["exc_type"], "TooManyLookupsError")
		self.assertIn("until tomorrow", " ".join(server_messages(refused)))
		self.assertNothingOf(refused)
		other = self.look_up(self.customers_case, self.codes[self.customers_case], address="203.0.113.9")
		self.assertEqual(other.status_code, 200, other.text)

	def test_next_stage_request_with_a_wrong_code_changes_nothing(self):
		response = self.request(
			"POST",
			STATUS + "request_next_stage",
			json={"reference": self.case, "access_code": "ABCDE-FGHJK", "reason": "Escalate"},
		)
		self.assertEqual(response.status_code, 404, response.text)
		frappe.db.commit()  # see what the server committed
		self.assertEqual(frappe.db.get_value("Feedback", self.case, "current_stage"), 1)

	def test_guest_cannot_use_the_owners_method(self):
		response = self.request(
			"POST",
			STATUS + "request_next_stage_as_owner",
			json={"reference": self.case, "reason": "Escalate"},
		)
		self.assertEqual(response.status_code, 403, response.text)

	def test_my_feedback_shows_only_my_cases(self):
		response = self.request("GET", "/my-feedback", self.stranger_token, headers={"Accept": "text/html"})
		self.assertEqual(response.status_code, 200)
		self.assertIn('id="cf-no-feedback"', response.text)
		self.assertNothingOf(response)
		self.assertNotIn(self.customers_case, response.text)
		response = self.request("GET", "/my-feedback", self.customer_token, headers={"Accept": "text/html"})
		self.assertIn(f'id="cf-case-{self.customers_case}"', response.text)
		self.assertNothingOf(response)

	def test_staff_who_recorded_a_case_cannot_ask_for_its_next_stage_as_the_customer(self):
		staff = "cf-http-staff@example.org"
		token = "{}:{}".format(*set_api_keys(make_user(staff, roles=["Feedback User"])))
		self.addCleanup(self.remove_user, staff)
		name = self.make_case(email=staff, postcode=None, acknowledged_on="2024-12-20")
		case = record_on_stage(frappe.get_doc("Feedback", name), responded_on="2025-01-06")
		move_case(case, "Responded")
		frappe.db.set_value("Feedback", name, "owner", staff)
		frappe.db.commit()
		response = self.request(
			"POST", STATUS + "request_next_stage_as_owner", token, json={"reference": name, "reason": "x"}
		)
		self.assertEqual(response.status_code, 403, response.text)
		self.assertIn("Staff escalate a case from the desk", " ".join(server_messages(response)))
		page = self.request("GET", "/my-feedback", token, headers={"Accept": "text/html"})
		self.assertNotIn(f'id="cf-case-{name}"', page.text)
		frappe.db.commit()
		self.assertEqual(frappe.db.get_value("Feedback", name, "current_stage"), 1)
		self.assertFalse(frappe.db.exists("Complaint Stage", f"{name}-2"))

	@staticmethod
	def remove_user(user):
		delete_committed_users([user])
		frappe.db.commit()

	def test_my_feedback_sends_guests_to_log_in(self):
		response = self.request("GET", "/my-feedback", headers={"Accept": "text/html"}, allow_redirects=False)
		self.assertEqual(response.status_code, 302)
		self.assertIn("/login?redirect-to=/my-feedback", response.headers["Location"])


class TestStatusPage(PortalHTTPTestCase):
	def test_the_page_renders_at_feedback_status(self):
		response = self.request("GET", "/feedback/status", headers={"Accept": "text/html"})
		self.assertEqual(response.status_code, 200)
		for element in (
			'id="cf-status-form"',
			'for="cf-reference"',
			'for="cf-access-code"',
			'aria-live="polite"',
		):
			self.assertIn(element, response.text)

	def test_the_eleventh_look_up_in_ten_minutes_is_refused(self):
		# Missing references, so the wrong tries count against this address and no reference.
		for attempt in range(LOOKUP_LIMIT):
			response = self.look_up(f"FB-1999-{attempt:05}", "ABCDE-FGHJK")
			self.assertEqual(response.status_code, 404, (attempt, response.text))
		refused = self.look_up(self.case, self.codes[self.case])  # right this time, but one too many
		self.assertEqual(refused.status_code, 429, refused.text)
		self.assertEqual(refused.json()["exc_type"], "TooManyLookupsError")
		self.assertIn("wait 10 minutes and try again", " ".join(server_messages(refused)))
		self.assertNothingOf(refused)
		# Another address is counted apart.
		other = self.look_up(self.case, self.codes[self.case], address="192.0.2.77")
		self.assertEqual(other.status_code, 200, other.text)

	def test_an_ipv6_64_is_one_address_for_the_limit(self):
		for attempt in range(LOOKUP_LIMIT):
			response = self.look_up(
				f"FB-1999-{attempt:05}", "ABCDE-FGHJK", address=f"2001:db8:7:7::{attempt + 1:x}"
			)
			self.assertEqual(response.status_code, 404, (attempt, response.text))
		code = self.codes[self.case]
		same_64 = self.look_up(self.case, code, address="2001:db8:7:7:ffff:ffff:ffff:ffff")
		self.assertEqual(same_64.status_code, 429, same_64.text)
		next_64 = self.look_up(self.case, code, address="2001:db8:7:8::1")
		self.assertEqual(next_64.status_code, 200, next_64.text)

	def test_the_customer_asks_for_the_next_stage_over_http(self):
		name = self.make_case(email=EMAIL, postcode=None, acknowledged_on="2024-12-20")
		case = record_on_stage(frappe.get_doc("Feedback", name), responded_on="2025-01-06")
		move_case(case, "Responded")
		frappe.db.commit()
		response = self.request(
			"POST",
			STATUS + "request_next_stage",
			json={"reference": name, "access_code": self.codes[name], "reason": "Not answered"},
		)
		self.assertEqual(response.status_code, 200, response.text)
		self.assertEqual(response.json()["message"]["case"]["stage"], "Stage 2 of 2")
		frappe.db.commit()
		self.assertEqual(
			frappe.db.get_value("Complaint Stage", f"{name}-2", "escalation_reason"), "Not answered"
		)
