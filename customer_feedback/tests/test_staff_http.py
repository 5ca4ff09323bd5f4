"""Over real HTTP, as staff who try what their role does not give them: each attack gets nothing.

- A coordinator's PUT of Status (or of the workflow state) closes nothing: the workflow's actions move it.
- Nobody opens a complaint stage beside its case, or writes a stage's refusal or closing.
- A routed role lists, reads and emails only the cases flagged for it.
- A case about a member of staff is hidden from that person, in lists, reads, stages and email.

The server's requests use their own database connection, so users and cases are committed in setUpClass and
deleted in a class cleanup."""

import frappe

from customer_feedback.tests.factories import (
	LiveServerTestCase,
	api_tokens,
	delete_committed_cases,
	delete_committed_users,
	make_feedback,
	make_user,
	server_messages,
	set_api_keys,
	stage_of,
)

COORDINATOR = "cf-staffhttp-coordinator@example.org"
RECORDER = "cf-staffhttp-recorder@example.org"
SAFEGUARDING = "cf-staffhttp-safeguarding@example.org"
INSURANCE = "cf-staffhttp-insurance@example.org"
OFFICER = "cf-staffhttp-officer@example.org"  # the member of staff one complaint is about
ROLES = {
	COORDINATOR: ["Feedback User", "Feedback Coordinator"],
	RECORDER: ["Feedback User"],
	SAFEGUARDING: ["Safeguarding Lead"],
	INSURANCE: ["Insurance Contact"],
	OFFICER: ["Feedback User", "Investigating Officer"],
}
SECRET = "The officer shouted at my mother on the doorstep"
RESOURCE = "/api/resource/"


class TestStaffOverHTTP(LiveServerTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.addClassCleanup(cls.clean_up)
		cls.tokens = api_tokens(ROLES)
		cls.plain = make_feedback(description=f"<p>{SECRET}</p>").name
		cls.safeguarding = make_feedback(safeguarding=1).name
		cls.about_officer = make_feedback(staff_conduct=1, staff_member_concerned=OFFICER).name
		cls.cases = [cls.plain, cls.safeguarding, cls.about_officer]
		frappe.db.commit()

	@classmethod
	def clean_up(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		delete_committed_cases(cls.cases)
		delete_committed_users(ROLES)
		frappe.db.commit()

	def as_user(self, email: str, method: str, path: str, **kwargs):
		return self.request(method, path, token=self.tokens[email], **kwargs)

	def listed(self, email: str, doctype: str = "Feedback") -> set[str]:
		response = self.as_user(
			email, "GET", RESOURCE + doctype, params={"limit_page_length": 0, "fields": '["name"]'}
		)
		self.assertEqual(response.status_code, 200, response.text)
		return {row["name"] for row in response.json()["data"]}

	def assert_refused(self, response, exception: str | None = None):
		self.assertIn(response.status_code, (403, 417), response.text)
		self.assertNotIn("Traceback", response.text)
		if exception:
			self.assertIn(exception, response.json().get("exc_type", ""), response.text)

	# -- the workflow ----------------------------------------------------------------------------------

	def test_a_coordinator_cannot_put_status_round_the_workflow(self):
		response = self.as_user(
			COORDINATOR, "PUT", f"{RESOURCE}Feedback/{self.plain}", json={"status": "Closed"}
		)
		self.assert_refused(response, "StatusBypassError")
		self.assertIn("Actions menu", " ".join(server_messages(response)))
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Feedback", self.plain, "status"), "Open")

	def test_a_coordinator_cannot_put_the_workflow_state_round_its_action(self):
		response = self.as_user(
			COORDINATOR, "PUT", f"{RESOURCE}Feedback/{self.plain}", json={"workflow_state": "Closed"}
		)
		self.assert_refused(response)
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("Feedback", self.plain, ["status", "workflow_state"]), ("Open", "Open")
		)

	def test_nobody_opens_a_stage_beside_its_case(self):
		for email in (RECORDER, COORDINATOR):
			with self.subTest(email):
				response = self.as_user(
					email,
					"POST",
					RESOURCE + "Complaint Stage",
					json={"feedback": self.plain, "stage_number": 2, "started_on": "2024-12-20 10:00:00"},
				)
				self.assert_refused(response)
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists("Complaint Stage", {"feedback": self.plain, "stage_number": 2}))

	def test_a_stage_writer_cannot_write_a_refusal_or_close_the_stage(self):
		stage = stage_of(self.plain, 1).name
		for change in (
			{"escalation_refused_on": "2024-12-20", "escalation_refusal_reason": "No"},
			{"status": "Closed"},
		):
			with self.subTest(change):
				response = self.as_user(COORDINATOR, "PUT", f"{RESOURCE}Complaint Stage/{stage}", json=change)
				self.assert_refused(response, "StageMovedOutsideCaseError")
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("Complaint Stage", stage, ["status", "escalation_refused_on"]), ("Open", None)
		)

	# -- routed roles ----------------------------------------------------------------------------------

	def test_a_routed_role_lists_and_reads_only_the_cases_flagged_for_it(self):
		self.assertEqual(self.listed(SAFEGUARDING) & set(self.cases), {self.safeguarding})
		self.assertEqual(self.listed(INSURANCE) & set(self.cases), set())
		self.assertEqual(
			self.as_user(SAFEGUARDING, "GET", f"{RESOURCE}Feedback/{self.safeguarding}").status_code, 200
		)
		response = self.as_user(SAFEGUARDING, "GET", f"{RESOURCE}Feedback/{self.plain}")
		self.assert_refused(response)
		self.assertNotIn(SECRET, response.text)
		report = self.as_user(
			INSURANCE,
			"POST",
			"/api/method/frappe.desk.reportview.get",
			data={"doctype": "Feedback", "fields": '["name", "description"]'},
		)
		self.assertNotIn(SECRET, report.text)

	def test_a_routed_role_cannot_email_a_case_not_routed_to_it(self):
		response = self.as_user(
			SAFEGUARDING,
			"POST",
			"/api/method/frappe.core.doctype.communication.email.make",
			data={
				"doctype": "Feedback",
				"name": self.plain,
				"recipients": "outsider@example.org",
				"subject": "Forwarded",
				"content": "See the case",
				"send_email": 1,
			},
		)
		self.assert_refused(response)
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists("Communication", {"reference_name": self.plain}))

	# -- the member of staff a case is about -----------------------------------------------------------

	def test_a_case_about_a_member_of_staff_is_hidden_from_them(self):
		self.assertNotIn(self.about_officer, self.listed(OFFICER))
		self.assertIn(self.plain, self.listed(OFFICER))
		self.assertIn(self.about_officer, self.listed(COORDINATOR))
		self.assert_refused(self.as_user(OFFICER, "GET", f"{RESOURCE}Feedback/{self.about_officer}"))
		stage = stage_of(self.about_officer, 1).name
		self.assertNotIn(stage, self.listed(OFFICER, "Complaint Stage"))
		self.assert_refused(self.as_user(OFFICER, "GET", f"{RESOURCE}Complaint Stage/{stage}"))
		response = self.as_user(
			OFFICER,
			"POST",
			"/api/method/frappe.client.get_value",
			data={
				"doctype": "Feedback",
				"filters": f'{{"name": "{self.about_officer}"}}',
				"fieldname": "description",
			},
		)
		self.assertFalse(response.ok and response.json().get("message"), response.text)
