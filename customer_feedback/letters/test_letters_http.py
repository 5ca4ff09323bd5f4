"""Over real HTTP, the platform's own print and PDF routes: a letter reaches only those who may print its
case. The server's requests use their own database connection, so users and cases are committed in
setUpClass and deleted in a class cleanup."""

import subprocess
import tempfile
from unittest.mock import patch

import frappe

from customer_feedback.letters.test_letters import UNREACHABLE_HOST
from customer_feedback.tests.factories import (
	LiveServerTestCase,
	api_tokens,
	delete_committed_cases,
	delete_committed_users,
	make_feedback,
	make_user,
	set_api_keys,
)

COORDINATOR = "cf-lettershttp-coordinator@example.org"
RECORDER = "cf-lettershttp-recorder@example.org"
INSURANCE = "cf-lettershttp-insurance@example.org"
ROLES = {
	COORDINATOR: ["Feedback User", "Feedback Coordinator"],
	RECORDER: ["Feedback User"],
	INSURANCE: ["Insurance Contact"],
}
CUSTOMER = "Marjorie Quill-Oddsworth"
PDF_ROUTE = "/api/method/frappe.utils.print_format.download_pdf"


class TestLettersOverHTTP(LiveServerTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.addClassCleanup(cls.clean_up)
		cls.tokens = api_tokens(ROLES)
		cls.plain = make_feedback(customer_name=CUSTOMER).name
		cls.claim = make_feedback(customer_name=CUSTOMER, compensation_claim=1).name
		frappe.db.commit()

	@classmethod
	def clean_up(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		delete_committed_cases([cls.plain, cls.claim])
		delete_committed_users(ROLES)
		frappe.db.commit()

	def pdf(self, email: str | None, case: str, letter: str):
		# The server thread's site URL, which wkhtmltopdf fetches the print stylesheet from (see
		# test_letters.UNREACHABLE_HOST); a module attribute, so patched for that thread too.
		with patch("frappe.utils.data.get_url", return_value=UNREACHABLE_HOST):
			return self.request(
				"GET",
				PDF_ROUTE,
				token=self.tokens[email] if email else None,
				params={"doctype": "Feedback", "name": case, "format": f"{letter} Letter"},
			)

	def assert_refused(self, response):
		self.assertIn(response.status_code, (403, 417), response.text[:500])
		self.assertNotIn(CUSTOMER, response.text)
		self.assertNotIn("Traceback", response.text)

	def test_staff_who_work_the_case_get_its_letter_as_a_pdf(self):
		response = self.pdf(COORDINATOR, self.plain, "Acknowledgement")
		self.assertEqual(response.status_code, 200, response.text[:500])
		self.assertEqual(response.headers["Content-Type"], "application/pdf")
		with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
			file.write(response.content)
			file.flush()
			text = subprocess.run(["pdftotext", file.name, "-"], capture_output=True, text=True).stdout
		self.assertIn(CUSTOMER, text)
		self.assertIn(self.plain, text)

	def test_a_recorder_gets_no_letter_of_a_case_they_did_not_record(self):
		self.assert_refused(self.pdf(RECORDER, self.plain, "Acknowledgement"))

	def test_a_guest_gets_no_letter(self):
		self.assert_refused(self.pdf(None, self.plain, "Acknowledgement"))
		response = self.request(
			"GET",
			"/printview",
			params={"doctype": "Feedback", "name": self.plain, "format": "Acknowledgement Letter"},
		)
		self.assertNotIn(CUSTOMER, response.text)

	def test_a_routed_role_prints_only_the_cases_routed_to_it(self):
		self.assertEqual(self.pdf(INSURANCE, self.claim, "Compensation Claim").status_code, 200)
		self.assert_refused(self.pdf(INSURANCE, self.plain, "Compensation Claim"))
