"""Email into the case, through the platform's own inbound path (frappe.email.receive.InboundMail, what the
Email Account's pull runs for each message) with an Email Account set to Append To Feedback and no server.

Frozen dates (England): "today" is Thu 2 Jan 2025 at 11:00. Northamptonshire closes a responded case 20
working days after the response: responded Mon 6 Jan, the last day to reply is Mon 3 Feb.
"""

import datetime as dt
from email.message import EmailMessage
from email.utils import make_msgid

import frappe
from frappe.core.doctype.communication.email import make
from frappe.email.doctype.email_account.email_account import get_append_to
from frappe.email.receive import InboundMail
from frappe.model.workflow import apply_workflow

from customer_feedback import sweep
from customer_feedback.customer_feedback.doctype.feedback.case_email import replied_since_response
from customer_feedback.customer_feedback.doctype.feedback_policy.feedback_policy import (
	get_default_policy_name,
)
from customer_feedback.personal_data import anonymise_case
from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import d, make_feedback, stage_of

COMPLAINTS = "cf-email-in-complaints@example.gov.uk"
CUSTOMER = "cf-email-in-grace@example.org"
STAFF = "cf-email-in-officer@example.org"
NORTHAMPTONSHIRE = "Northamptonshire Fire and Rescue Service"


def raw_email(
	subject: str,
	body: str,
	sender: str = f"Grace Hopper <{CUSTOMER}>",
	date: str = "Thu, 02 Jan 2025 09:15:00 +0000",
	in_reply_to: str | None = None,
	html: str | None = None,
) -> bytes:
	"""An email as a mail server hands it to the pull: MIME bytes."""
	message = EmailMessage()
	message["From"] = sender
	message["To"] = COMPLAINTS
	message["Subject"] = subject
	message["Date"] = date
	message["Message-ID"] = make_msgid(domain="example.org")
	if in_reply_to:
		message["In-Reply-To"] = f"<{in_reply_to}>"
	if html is None:
		message.set_content(body)
	else:
		message.set_content(html, subtype="html")
	return message.as_bytes()


class EmailInTestCase(FeedbackTestCase):
	USERS = {STAFF: ["Feedback User", "Feedback Coordinator"]}

	def setUp(self):
		super().setUp()
		self.account = frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": "Complaints (email in test)",
				"email_id": COMPLAINTS,
				"enable_incoming": 1,
				"use_imap": 0,
				"append_to": "Feedback",
				"awaiting_password": 1,
			}
		).insert(ignore_permissions=True)
		self.errors_before = self.email_errors()
		self.uid = 0

	def receive(self, raw: bytes):
		"""One message through the pull's own steps; returns its Communication."""
		self.uid += 1
		return InboundMail(raw, self.account, uid=self.uid).process()

	def case_of(self, communication):
		self.assertEqual(communication.reference_doctype, "Feedback")
		return frappe.get_doc("Feedback", communication.reference_name)

	def email_errors(self) -> set[str]:
		"""Error Logs with a traceback through the pull or our steps (the site's other tests log their own)."""
		return {
			name
			for pattern in ("%email/receive.py%", "%case_email%")
			for name in frappe.get_all("Error Log", filters={"error": ("like", pattern)}, pluck="name")
		}

	def assert_nothing_logged(self):
		self.assertEqual(self.email_errors() - self.errors_before, set())

	def responded_case(self, **overrides):
		"""A Northamptonshire complaint from CUSTOMER responded on Mon 6 Jan: closes if no reply by Mon 3 Feb."""
		case = make_feedback(
			policy=NORTHAMPTONSHIRE, email=CUSTOMER, customer_name="Grace Hopper", **overrides
		)
		self.at("2025-01-06 10:00:00")
		apply_workflow(case, "Acknowledge")
		apply_workflow(frappe.get_doc("Feedback", case.name), "Send Response")
		case = frappe.get_doc("Feedback", case.name)
		self.assertEqual((case.status, case.closes_for_no_reply_on), ("Responded", d("2025-02-03")))
		return case

	def send_from_case(self, case) -> str:
		"""Staff email the customer from the case (the platform's Communication); returns its Message-ID."""
		name = make(
			doctype="Feedback",
			name=case.name,
			subject=f"Your complaint ({case.name})",
			content="<p>Our response is attached.</p>",
			recipients=CUSTOMER,
			sender=COMPLAINTS,
			send_email=False,
		)["name"]
		return frappe.db.get_value("Communication", name, "message_id")

	def assert_left_open_by_the_sweep(self, case):
		self.at("2025-02-04 00:20:00")  # the day the case would have closed
		self.assertEqual(sweep.run(commit=False)["closed"], 0)
		self.assertEqual(frappe.db.get_value("Feedback", case.name, "status"), "Responded")


class TestEmailWithoutReference(EmailInTestCase):
	def test_feedback_is_offered_as_an_email_accounts_append_to(self):
		self.assertIn(["Feedback"], get_append_to())

	def test_an_email_without_a_reference_becomes_a_case_received_at_its_time(self):
		communication = self.receive(
			raw_email("My bins", "My bin was not collected.\nThree weeks running.\n")
		)
		case = self.case_of(communication)
		self.assertEqual(
			(case.channel, case.feedback_type, case.status, case.policy),
			("Email", "Complaint", "Open", get_default_policy_name()),
		)
		self.assertEqual(case.received_on, dt.datetime(2025, 1, 2, 9, 15))
		self.assertEqual(case.description, "<p>My bin was not collected.<br>Three weeks running.</p>")
		self.assertEqual(
			(case.customer_name, case.email, case.subject), ("Grace Hopper", CUSTOMER, "My bins")
		)
		self.assertIsNone(case.recorded_by)
		self.assertTrue(case.contact)
		# The complaint's clock starts at the email's time, exactly as for one recorded in the desk then.
		stage = stage_of(case.name, 1)
		self.assertEqual(stage.started_on, dt.datetime(2025, 1, 2, 9, 15))
		recorded = make_feedback(received_on="2025-01-02 09:15:00", policy=case.policy)
		self.assertEqual(
			(case.acknowledge_by, case.respond_by), (recorded.acknowledge_by, recorded.respond_by)
		)
		self.assertEqual((stage.acknowledge_by, stage.respond_by), (case.acknowledge_by, case.respond_by))
		# A valid case: an ordinary save by staff later needs nothing the email did not give.
		case.save()
		self.assertIsNone(case.customer_replied_on)  # the email it was made from is not a reply
		self.assert_nothing_logged()

	def test_the_emails_time_is_read_in_the_sites_time_zone_and_never_in_the_future(self):
		new_york = self.case_of(
			self.receive(raw_email("Noise", "Roadworks at night.", date="Thu, 02 Jan 2025 04:15:00 -0500"))
		)
		self.assertEqual(new_york.received_on, dt.datetime(2025, 1, 2, 9, 15))  # 09:15 UTC, GMT in winter
		ahead = self.case_of(
			self.receive(raw_email("Potholes", "Still there.", date="Fri, 03 Jan 2025 09:00:00 +0000"))
		)
		self.assertEqual(ahead.received_on, dt.datetime(2025, 1, 2, 11, 0, 0, 250000))  # frozen "now"

	def test_a_sender_without_a_name_is_named_by_their_address(self):
		case = self.case_of(self.receive(raw_email("Parking", "The permit never came.", sender=CUSTOMER)))
		self.assertEqual(case.customer_name, CUSTOMER)

	def test_an_html_only_email_gives_its_text(self):
		case = self.case_of(
			self.receive(raw_email("Library", "", html="<p>The library was <b>closed</b> early.</p>"))
		)
		self.assertIn("The library was **closed** early.", case.description)
		self.assertTrue(case.description.startswith("<p>"))

	def test_markup_in_an_email_is_kept_as_text(self):
		body = '<script>alert("case")</script><img src=x onerror=alert(1)> Fix it.'
		case = self.case_of(self.receive(raw_email("<b onmouseover=alert(1)>Help</b>", body)))
		self.assertEqual(
			case.description,
			"<p>&lt;script&gt;alert(&quot;case&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; Fix it.</p>",
		)
		self.assertNotIn("onmouseover", case.subject)
		self.assert_nothing_logged()

	def test_a_case_from_email_forgets_its_subject_with_the_customers_personal_data(self):
		case = self.case_of(self.receive(raw_email("Grace Hopper, 3 Elm Street", "The bins again.")))
		self.assertTrue(anonymise_case(case.name, "Test"))
		self.assertIsNone(frappe.db.get_value("Feedback", case.name, "subject"))

	def test_the_same_email_pulled_twice_makes_one_case(self):
		raw = raw_email("Streetlight", "It flickers.")
		first = self.receive(raw)
		again = self.receive(raw)
		self.assertEqual(first.name, again.name)
		self.assertEqual(frappe.db.count("Feedback", {"subject": "Streetlight"}), 1)


class TestReplies(EmailInTestCase):
	def test_a_reply_to_an_email_sent_from_the_case_resets_the_no_reply_clock(self):
		case = self.responded_case()
		message_id = self.send_from_case(case)
		self.at("2025-01-10 09:30:00")
		reply = self.receive(
			raw_email(
				"Re: your letter",  # no reference: threaded by In-Reply-To alone
				"I do not accept this.",
				date="Fri, 10 Jan 2025 09:00:00 +0000",
				in_reply_to=message_id,
			)
		)
		self.assertEqual(self.case_of(reply).name, case.name)
		self.assertEqual(reply.sent_or_received, "Received")
		self.assertEqual(reply.in_reply_to, frappe.db.get_value("Communication", {"message_id": message_id}))
		case.reload()
		self.assertEqual(case.customer_replied_on, dt.datetime(2025, 1, 10, 9, 0))
		self.assertIsNone(case.closes_for_no_reply_on)
		# The case's own clock does not set the date again from the response.
		case.save()
		self.assertIsNone(case.closes_for_no_reply_on)
		self.assert_left_open_by_the_sweep(case)
		self.assert_nothing_logged()

	def test_a_reply_naming_the_case_in_its_subject_resets_the_no_reply_clock(self):
		case = self.responded_case()
		self.at("2025-01-20 14:00:00")
		reply = self.receive(
			raw_email(
				f"Re: Your complaint (#{case.name})",
				"Please look again.",
				sender=f"Grace <{CUSTOMER}>",
				date="Mon, 20 Jan 2025 13:45:00 +0000",
			)
		)
		self.assertEqual(self.case_of(reply).name, case.name)
		self.assertEqual(frappe.db.count("Feedback", {"subject": ("like", "%Please look again%")}), 0)
		case.reload()
		self.assertEqual(case.customer_replied_on, dt.datetime(2025, 1, 20, 13, 45))
		self.assertIsNone(case.closes_for_no_reply_on)
		self.assert_left_open_by_the_sweep(case)

	def test_a_second_email_on_the_same_subject_is_a_reply_to_the_case_it_made(self):
		first = self.case_of(self.receive(raw_email("Fly-tipping", "Mattresses in the lane.")))
		self.at("2025-01-03 08:00:00")
		second = self.receive(
			raw_email("Re: Fly-tipping", "Still there.", date="Fri, 03 Jan 2025 07:50:00 +0000")
		)
		case = self.case_of(second)
		self.assertEqual(case.name, first.name)
		# The case keeps the time and text of the email it was made from.
		self.assertEqual(case.received_on, dt.datetime(2025, 1, 2, 9, 15))
		self.assertEqual(case.description, "<p>Mattresses in the lane.</p>")
		self.assertEqual(case.customer_replied_on, dt.datetime(2025, 1, 3, 7, 50))

	def test_emails_from_staff_do_not_count_as_the_customers_reply(self):
		case = self.responded_case()
		self.at("2025-01-10 09:30:00")
		self.send_from_case(case)  # Sent from the case
		self.receive(  # received from a member of staff, naming the case
			raw_email(f"Re: (#{case.name})", "Note for the file.", sender=f"Officer <{STAFF}>")
		)
		self.assertEqual(
			frappe.db.count(
				"Communication",
				{
					"reference_doctype": "Feedback",
					"reference_name": case.name,
					"communication_type": "Communication",
				},
			),
			2,
		)
		case.reload()
		self.assertIsNone(case.customer_replied_on)
		self.assertEqual(case.closes_for_no_reply_on, d("2025-02-03"))
		self.at("2025-02-04 00:20:00")
		self.assertEqual(sweep.run(commit=False)["closed"], 1)
		self.assertEqual(frappe.db.get_value("Feedback", case.name, "status"), "Closed")

	def test_a_reply_before_the_response_leaves_the_clock_to_run_from_it(self):
		case = make_feedback(policy=NORTHAMPTONSHIRE, email=CUSTOMER, customer_name="Grace Hopper")
		self.receive(raw_email(f"Re: (#{case.name})", "Any news?", date="Thu, 02 Jan 2025 10:00:00 +0000"))
		self.assertEqual(
			frappe.db.get_value("Feedback", case.name, "customer_replied_on"), dt.datetime(2025, 1, 2, 10, 0)
		)
		self.at("2025-01-06 10:00:00")
		apply_workflow(frappe.get_doc("Feedback", case.name), "Acknowledge")
		apply_workflow(frappe.get_doc("Feedback", case.name), "Send Response")
		self.assertEqual(
			frappe.db.get_value("Feedback", case.name, "closes_for_no_reply_on"), d("2025-02-03")
		)
		self.at("2025-02-04 00:20:00")
		self.assertEqual(sweep.run(commit=False)["closed"], 1)

	def test_the_sweep_never_closes_a_case_answered_after_its_response_even_with_a_date_stored(self):
		case = self.responded_case()
		# The reply recorded and the closing date still stored: the sweep's own query leaves the case.
		case.db_set("customer_replied_on", "2025-01-06 16:00:00")
		self.assertEqual(
			frappe.db.get_value("Feedback", case.name, "closes_for_no_reply_on"), d("2025-02-03")
		)
		self.assert_left_open_by_the_sweep(case)

	def test_a_reply_on_the_day_of_the_response_counts_as_after_it(self):
		self.assertTrue(replied_since_response(d("2025-01-06"), dt.datetime(2025, 1, 6, 8, 0)))
		self.assertFalse(replied_since_response(d("2025-01-06"), dt.datetime(2025, 1, 5, 23, 59)))
		self.assertFalse(replied_since_response(None, dt.datetime(2025, 1, 6, 8, 0)))
		self.assertFalse(replied_since_response(d("2025-01-06"), None))
