"""The public feedback form's intake: what a guest may send through the Web Form "feedback", what is refused
and how, and what the guest is told back. In process at frozen dates (the Code's policy, England:
received Thu 19 Dec 2024, acknowledge by Mon 30 Dec, respond by Tue 14 Jan 2025), and over real HTTP."""

import json
import uuid

import frappe
from frappe.tests.utils import FrappeTestCase

from customer_feedback.exceptions import AttachmentRefusedError, SubmissionRefusedError
from customer_feedback.portal import intake, uploads
from customer_feedback.portal.status import look_up
from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import LiveServerTestCase, server_messages
from customer_feedback.tests.test_notifications import NotificationTestCase, emails_about, message_about

RECEIVED = "2024-12-19 11:00:00"
WEBSITE_USER = "cf.intake.customer@example.org"
ACCEPT = "/api/method/frappe.website.doctype.web_form.web_form.accept"


def form_data(**overrides) -> dict:
	"""What a member of the public sends: a complaint with their details and two equality answers."""
	data = {
		"feedback_type": "Complaint",
		"description": "The fire engine blocked my drive <b>for two hours</b>.\nNobody moved it.",
		"desired_outcome": "An apology.",
		"customer_name": "Ann Example",
		"email": "ann.example@example.org",
		"postcode": "NN1 1AA",
		"preferred_contact_method": "Email",
		"needs_large_print": 1,
		"equality_age_band": "35 to 44",
		"equality_disability": "Prefer not to say",
	}
	data.update(overrides)
	return data


class GuestSends:
	def tearDown(self):
		# The platform's accept sets this for the rest of the request; a test is one request.
		frappe.flags.in_web_form = False
		super().tearDown()

	def send(self, **overrides) -> dict:
		frappe.set_user("Guest")
		try:
			return intake.accept(intake.WEB_FORM, json.dumps(form_data(**overrides)))
		finally:
			frappe.set_user("Administrator")


class TestPublicIntake(GuestSends, FeedbackTestCase):
	USERS = {WEBSITE_USER: []}  # no roles: a website user, as people who sign up on the site are

	def test_a_complaint_is_recorded_as_received_now_with_its_dates(self):
		self.at(RECEIVED)
		receipt = self.send()
		case = frappe.get_doc("Feedback", receipt["name"])
		self.assertEqual(
			(case.channel, case.status, str(case.received_on), case.current_stage),
			("Web", "Open", RECEIVED + ".250000", 1),
		)
		self.assertEqual((str(case.acknowledge_by), str(case.respond_by)), ("2024-12-30", "2025-01-14"))
		self.assertEqual(receipt["acknowledge_by"], "Monday 30 December 2024")
		self.assertEqual(receipt["respond_by"], "Tuesday 14 January 2025")
		self.assertIn("by Monday 30 December 2024", receipt["what_happens_next"])
		self.assertEqual(case.owner, "Guest")
		self.assertTrue(case.needs_large_print)

	def test_the_receipt_carries_nothing_internal(self):
		receipt = self.send()
		self.assertEqual(
			set(receipt),
			{
				"doctype",
				"name",
				"feedback_type",
				"received_on",
				"acknowledge_by",
				"respond_by",
				"what_happens_next",
				"email",
				"is_anonymous",
				"access_code",
			},
		)
		self.assertEqual(receipt["email"], "ann.example@example.org")
		self.assertRegex(receipt["access_code"], r"^[A-Z2-9]{5}-[A-Z2-9]{5}$")

	def test_the_description_is_kept_as_text_not_markup(self):
		case = frappe.get_doc("Feedback", self.send()["name"])
		self.assertIn("&lt;b&gt;for two hours&lt;/b&gt;.<br>Nobody moved it.", case.description)

	def test_equality_answers_are_kept_apart_from_the_case(self):
		name = self.send()["name"]
		record = frappe.get_doc("Equality Monitoring", {"feedback": name})
		self.assertNotEqual(record.name, name, "named at random, not after the case")
		self.assertEqual(
			(record.age_band, record.disability, record.sex), ("35 to 44", "Prefer not to say", "")
		)
		self.assertFalse(frappe.db.has_column("Feedback", "equality_age_band"))

	def test_no_equality_answers_means_no_record(self):
		name = self.send(equality_age_band="", equality_disability="")["name"]
		self.assertFalse(frappe.db.exists("Equality Monitoring", {"feedback": name}))

	def test_an_answer_not_offered_is_refused_and_nothing_is_saved(self):
		before = frappe.db.count("Feedback")
		with self.assertRaisesRegex(
			SubmissionRefusedError, "Age: the answer sent is not one of the answers offered"
		):
			self.send(equality_age_band="Ancient")
		self.assertEqual(frappe.db.count("Feedback"), before)

	def test_refusals_never_echo_what_was_sent_as_markup(self):
		payload = "<img src=x onerror=alert(1)>"
		# The platform's own checks of these would quote the value: ours refuse first, naming the field.
		for fieldname, named in (
			("equality_age_band", "Age"),
			("email", "Email"),
			("phone", "Phone"),
			("representative_email", "Representative Email"),
			("preferred_contact_method", "Preferred Contact Method"),
			("service_area", "Service Area"),
			("preferred_language", "Preferred Language"),
		):
			with self.subTest(fieldname), self.assertRaises(SubmissionRefusedError) as refused:
				acting_for = fieldname.startswith("representative")
				self.send(
					**{fieldname: payload},
					**({"has_representative": 1, "customer_consent_confirmed": 1} if acting_for else {}),
				)
			self.assertNotIn("<img", str(refused.exception))
			self.assertNotIn("onerror", str(refused.exception))
			self.assertIn(named, str(refused.exception))
		frappe.set_user("Guest")
		try:
			with self.assertRaises(AttachmentRefusedError) as refused:
				frappe.get_doc(
					{"doctype": "File", "file_name": f"{payload}.html", "content": b"<p>", "is_private": 1}
				).insert(ignore_permissions=True)
		finally:
			frappe.set_user("Administrator")
		self.assertNotIn("<img", str(refused.exception))
		self.assertIn("&lt;img", str(refused.exception))

	def test_staff_fields_cannot_be_set_from_the_form(self):
		name = self.send(
			status="Closed", safeguarding=1, policy="Anything", recorded_by="Administrator", channel="Letter"
		)["name"]
		case = frappe.get_doc("Feedback", name)
		self.assertEqual(
			(case.status, case.safeguarding, case.channel, case.recorded_by), ("Open", 0, "Web", None)
		)
		self.assertEqual(
			case.policy, frappe.db.get_single_value("Customer Feedback Settings", "default_policy")
		)

	def test_the_spam_trap_refuses_with_a_message(self):
		before = frappe.db.count("Feedback")
		with self.assertRaisesRegex(SubmissionRefusedError, "hidden Website field"):
			self.send(website_address="http://spam.example")
		self.assertEqual(frappe.db.count("Feedback"), before)

	def test_types_staff_record_are_refused(self):
		for feedback_type in ("Service Request", "Representation", ""):
			with self.assertRaisesRegex(SubmissionRefusedError, "What kind of feedback"):
				self.send(feedback_type=feedback_type)

	def test_text_over_the_limit_is_refused_naming_the_field(self):
		with self.assertRaisesRegex(SubmissionRefusedError, "What Happened is 10,001 characters long"):
			self.send(description="x" * 10001)
		self.send(description="x" * 10000)

	def test_a_reply_needs_a_way_to_reach_the_customer(self):
		with self.assertRaisesRegex(
			SubmissionRefusedError, "email address, telephone number or postal address"
		):
			self.send(email="", postcode="NN1 1AA")
		self.send(email="", phone="01604 000000")

	def test_a_representative_needs_the_customers_consent(self):
		with self.assertRaisesRegex(SubmissionRefusedError, "Consent"):
			self.send(has_representative=1, representative_name="Bob Carer")
		receipt = self.send(
			has_representative=1,
			representative_name="Bob Carer",
			representative_email="bob@example.org",
			customer_consent_confirmed=1,
		)
		self.assertEqual(receipt["email"], "bob@example.org")

	def test_anonymous_feedback_keeps_no_details_and_says_what_it_means(self):
		receipt = self.send(is_anonymous=1, customer_name="", email="ann@example.org", postcode="NN1 1AA")
		case = frappe.get_doc("Feedback", receipt["name"])
		self.assertEqual(
			(case.customer_name, case.email, case.postcode, case.contact), (None, None, None, None)
		)
		self.assertIsNone(receipt["email"])
		self.assertIn("cannot reply", receipt["what_happens_next"])
		self.assertIn(case.anonymous_handling_note, receipt["what_happens_next"])

	def test_a_compliment_says_it_will_be_passed_on(self):
		receipt = self.send(feedback_type="Compliment")
		self.assertIn("pass your compliment on", receipt["what_happens_next"])
		self.assertEqual(frappe.db.get_value("Feedback", receipt["name"], "current_stage"), 0)

	def test_an_attachment_must_have_been_uploaded_with_the_form(self):
		other = frappe.get_doc(
			{"doctype": "File", "file_name": "someone-else.pdf", "content": b"%PDF-1.4", "is_private": 1}
		).insert(ignore_permissions=True)
		for sent in (other.file_url, uploads.handle_for(other.name)):
			with self.assertRaisesRegex(
				AttachmentRefusedError, "Attachment 1 was not uploaded with this form"
			):
				self.send(attachment_1=sent)

	def test_an_uploaded_attachment_is_attached_to_the_case(self):
		frappe.set_user("Guest")
		upload = frappe.get_doc(
			{"doctype": "File", "file_name": "photo.png", "content": b"\x89PNG\r\n", "is_private": 1}
		)
		upload.flags.public_upload = True  # as uploads.upload_file makes it
		upload.insert(ignore_permissions=True)
		frappe.set_user("Administrator")
		name = self.send(attachment_1=uploads.handle_for(upload.name))["name"]
		upload.reload()
		self.assertEqual(
			(upload.attached_to_doctype, upload.attached_to_name, upload.attached_to_field),
			("Feedback", name, "attachment_1"),
		)
		self.assertEqual(frappe.db.get_value("Feedback", name, "attachment_1"), upload.file_url)

	def test_guests_may_upload_only_documents_and_images_of_limited_size(self):
		frappe.set_user("Guest")
		try:
			with self.assertRaisesRegex(AttachmentRefusedError, "page.html cannot be sent: send a PDF"):
				frappe.get_doc(
					{"doctype": "File", "file_name": "page.html", "content": b"<p>", "is_private": 1}
				).insert(ignore_permissions=True)
			frappe.db.set_single_value("Customer Feedback Settings", "max_attachment_mb", 1)
			with self.assertRaisesRegex(
				AttachmentRefusedError, r"big.pdf is 1.5 MB; files can be up to 1 MB"
			):
				frappe.get_doc(
					{
						"doctype": "File",
						"file_name": "big.pdf",
						"content": b"x" * (3 * 512 * 1024),
						"is_private": 1,
					}
				).insert(ignore_permissions=True)
		finally:
			frappe.set_user("Administrator")

	def test_the_forms_data_call_gives_back_the_forms_own_fields_only(self):
		frappe.set_user(WEBSITE_USER)
		try:
			name = intake.accept(intake.WEB_FORM, json.dumps(form_data()))["name"]
			frappe.db.set_value("Feedback", name, "safeguarding", 1)
			case = intake.get_form_data("Feedback", name, intake.WEB_FORM).doc
		finally:
			frappe.set_user("Administrator")
		self.assertEqual((case["name"], case["customer_name"]), (name, "Ann Example"))
		for staff_only in ("safeguarding", "recorded_by", "contact", "policy", "owner", "status"):
			self.assertNotIn(staff_only, case)


class TestCopyToCustomer(GuestSends, NotificationTestCase):
	def test_the_customer_gets_the_reference_what_happens_next_and_the_access_code(self):
		self.at(RECEIVED)
		receipt = self.send()
		name = receipt["name"]
		subject = f"We have your complaint: reference {name}"
		self.assertIn((subject, frozenset({"ann.example@example.org"})), emails_about("Feedback", name))
		message = message_about("Feedback", name, subject)
		self.assertIn("by Monday 30 December 2024", message)
		self.assertIn(receipt["access_code"], message)
		self.assertEqual(look_up(name, receipt["access_code"])["reference"], name)

	def test_the_access_code_is_not_copied_to_the_timeline_staff_read(self):
		receipt = self.send()
		name, code = receipt["name"], receipt["access_code"]
		self.assertFalse(frappe.db.exists("Communication", {"reference_name": name}))
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_name": name,
					"content": "Feedback Received (Copy to Customer) sent to ann.example@example.org.",
				},
			)
		)
		for doctype in ("Communication", "Comment", "Version", "Feedback"):
			for row in frappe.get_all(doctype, fields=["*"], limit=0):
				self.assertNotIn(code, frappe.as_json(row), doctype)
				self.assertNotIn(code.replace("-", ""), frappe.as_json(row), doctype)

	def test_a_representative_gets_it_instead(self):
		name = self.send(
			has_representative=1,
			representative_name="Bob Carer",
			representative_email="bob@example.org",
			customer_consent_confirmed=1,
		)["name"]
		self.assertIn(
			(f"We have your complaint: reference {name}", frozenset({"bob@example.org"})),
			emails_about("Feedback", name),
		)

	def test_staff_recording_a_case_send_no_copy_and_anonymous_gets_none(self):
		name = self.send(is_anonymous=1, customer_name="", email="")["name"]
		self.assertFalse([s for s, _r in emails_about("Feedback", name) if s.startswith("We have your")])


class TestPublicFormOverHTTP(LiveServerTestCase):
	"""The form's endpoint as a browser calls it: committed cases, removed afterwards."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.created: list[str] = []
		cls.addClassCleanup(cls.remove_cases)

	@classmethod
	def remove_cases(cls):
		frappe.db.rollback()
		for name in cls.created:
			for doctype in ("Complaint Stage", "Equality Monitoring"):
				for row in frappe.get_all(doctype, {"feedback": name}, pluck="name"):
					frappe.delete_doc(doctype, row, force=True, ignore_permissions=True)
			frappe.delete_doc("Feedback", name, force=True, ignore_permissions=True)
		frappe.db.commit()

	def post(self, ip: str, **overrides):
		# Each test is its own visitor: Frappe counts submissions per IP address (X-Forwarded-For).
		return self.request(
			"POST",
			ACCEPT,
			data={"web_form": intake.WEB_FORM, "data": json.dumps(form_data(**overrides))},
			headers={"X-Forwarded-For": ip},
		)

	def test_a_guest_submits_and_gets_a_receipt(self):
		response = self.post("198.51.100.1")
		self.assertEqual(response.status_code, 200, response.text)
		receipt = response.json()["message"]
		self.created.append(receipt["name"])
		self.assertRegex(receipt["name"], r"^FB-\d{4}-\d{5}$")
		self.assertNotIn("contact", receipt)
		self.assertNotIn("policy", receipt)
		frappe.db.rollback()  # see the server's committed write
		self.assertEqual(frappe.db.get_value("Feedback", receipt["name"], "channel"), "Web")

	def test_a_refusal_is_a_clear_message_and_no_case(self):
		before = frappe.db.count("Feedback")
		response = self.post("198.51.100.2", description="x" * 10001)
		self.assertEqual(response.status_code, 417, response.text)
		self.assertIn("What Happened is 10,001 characters long", " ".join(server_messages(response)))
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Feedback"), before)

	def test_the_form_named_in_other_capitals_still_answers_with_only_a_receipt(self):
		for number, name in enumerate(("FEEDBACK", "feedback ", "Feedback")):
			response = self.request(
				"POST",
				ACCEPT,
				data={"web_form": name, "data": json.dumps(form_data())},
				headers={"X-Forwarded-For": f"198.51.100.{60 + number}"},
			)
			self.assertEqual(response.status_code, 200, response.text)
			receipt = response.json()["message"]
			self.created.append(receipt["name"])
			for staff_only in ("owner", "policy", "contact", "workflow_state", "recorded_by"):
				self.assertNotIn(staff_only, receipt, name)

	def test_a_submission_without_a_form_or_answers_is_refused_with_a_message_not_a_500(self):
		before = frappe.db.count("Feedback")
		for number, form in enumerate(
			(
				{},
				{"web_form": intake.WEB_FORM},
				{"web_form": "no-such-form", "data": "{}"},
				{"web_form": intake.WEB_FORM, "data": "not json"},
				{"web_form": intake.WEB_FORM, "data": "[1, 2]"},
			)
		):
			with self.subTest(form):
				response = self.request(
					"POST", ACCEPT, data=form, headers={"X-Forwarded-For": f"198.51.100.{70 + number}"}
				)
				self.assertIn(response.status_code, (403, 417), response.text)
				self.assertNotIn("Traceback", response.text)
				self.assertTrue(server_messages(response), response.text)
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Feedback"), before)

	def test_the_eleventh_submission_in_a_minute_from_one_address_is_refused(self):
		ip = f"198.51.100.{uuid.uuid4().int % 200 + 20}"
		frappe.cache.delete_keys("rl:")  # a clean count for this address
		codes = []
		for _attempt in range(11):
			response = self.post(ip, feedback_type="Comment")
			codes.append(response.status_code)
			if response.status_code == 200:
				self.created.append(response.json()["message"]["name"])
		self.assertEqual(codes, [200] * 10 + [429])
		self.assertIn("rate limit", response.text)

	def test_the_form_page_is_public_and_has_the_questions(self):
		response = self.request("GET", "/feedback/new", headers={"Accept": "text/html"})
		self.assertEqual(response.status_code, 200)
		for text in ("Give feedback", "init_client_script", "What happened?"):
			self.assertIn(text, response.text)


class TestGuestHasNoPermissionOnCases(FrappeTestCase):
	def test_guest_has_no_docperm_on_any_case_doctype(self):
		for doctype in ("Feedback", "Complaint Stage", "Equality Monitoring"):
			roles = {perm.role for perm in frappe.get_meta(doctype).permissions}
			self.assertNotIn("Guest", roles, doctype)
			self.assertNotIn("All", roles, doctype)
