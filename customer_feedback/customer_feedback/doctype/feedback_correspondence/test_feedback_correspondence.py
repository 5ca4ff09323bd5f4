# Copyright (c) 2026, customer_feedback developers and contributors
"""Sending a letter from a case (customer_feedback.letters.sending, through customer_feedback.api): by email
with its PDF, or for post; the clock field it satisfies; Northamptonshire's quality check of responses.
A complaint received Thu 19 Dec 2024 under the Code, sent from at Fri 20 Dec 2024 10:00."""

import subprocess
import tempfile
from unittest.mock import patch

import frappe

from customer_feedback import api
from customer_feedback.exceptions import LetterError, LetterReviewError
from customer_feedback.setup.policy_presets import NORTHAMPTONSHIRE
from customer_feedback.tests.factories import make_feedback, make_user, record_on_stage, stage_of
from customer_feedback.tests.test_notifications import NotificationTestCase

SENT_AT = "2024-12-20 10:00:00"
COORDINATOR = "cf.letters.coordinator@example.org"
REVIEWER = "cf.letters.reviewer@example.org"
HANDLER = "cf.letters.handler@example.org"


def pdf_text(file_doc) -> str:
	with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
		pdf.write(file_doc.get_content())
		pdf.flush()
		return subprocess.run(["pdftotext", pdf.name, "-"], capture_output=True, text=True, check=True).stdout


class LetterTestCase(NotificationTestCase):
	USERS = {
		COORDINATOR: ["Feedback User", "Feedback Coordinator"],
		REVIEWER: ["Feedback User", "Head of Service"],
		HANDLER: ["Feedback User", "Investigating Officer"],
	}

	def setUp(self):
		super().setUp()
		self.at(SENT_AT)
		# The reviewer's ToDo rings the desk bell, whose email copy tests send at once, with a commit.
		bell_email = patch("frappe.desk.doctype.notification_log.notification_log.send_notification_email")
		bell_email.start()
		self.addCleanup(bell_email.stop)

	def send(self, case, letter="Acknowledgement", channel="Email", edit=None, user=COORDINATOR):
		preview = self.as_user(user, api.preview_letter, case.name, letter)
		content = edit(preview["content"]) if edit else preview["content"]
		return self.as_user(user, api.send_letter, case.name, letter, channel, preview["subject"], content)

	def as_user(self, user, function, *args):
		frappe.set_user(user)
		try:
			return function(*args)
		finally:
			frappe.set_user("Administrator")


class TestSendingALetter(LetterTestCase):
	def test_an_emailed_acknowledgement_goes_on_the_timeline_with_its_pdf_and_sets_the_date(self):
		case = make_feedback(received_on="2024-12-19 10:00:00")
		sent = self.send(case, edit=lambda html: html + "<p>We spoke on the phone this morning.</p>")
		record = frappe.get_doc("Feedback Correspondence", sent["correspondence"])
		self.assertEqual((record.status, record.channel), ("Sent", "Email"))
		self.assertEqual((record.recipient, record.sent_by), ("ada.lovelace@example.org", COORDINATOR))
		self.assertEqual(str(record.sent_on)[:19], SENT_AT)
		email = frappe.get_doc("Communication", record.communication)
		self.assertEqual((email.reference_doctype, email.reference_name), ("Feedback", case.name))
		self.assertIn("We spoke on the phone this morning.", email.content)
		(attachment,) = frappe.get_all(
			"File", {"attached_to_doctype": "Communication", "attached_to_name": email.name}, pluck="name"
		)
		text = pdf_text(frappe.get_doc("File", attachment))
		self.assertIn(case.name, text)
		self.assertIn("We spoke on the phone this morning.", text)
		# A complaint's dates are its stage's: sending the acknowledgement recorded the day there.
		self.assertEqual(str(stage_of(case.name, 1).acknowledged_on), "2024-12-20")

	def test_a_letter_for_post_is_a_pdf_on_the_record_and_a_note_on_the_timeline(self):
		case = make_feedback(received_on="2024-12-19 10:00:00", address="4 High Street", postcode="NN1 1AA")
		record = frappe.get_doc("Feedback Correspondence", self.send(case, channel="Post")["correspondence"])
		self.assertEqual((record.status, record.communication), ("Sent", None))
		self.assertIn("4 High Street", record.recipient)
		(pdf,) = frappe.get_all(
			"File", {"attached_to_doctype": "Feedback Correspondence", "attached_to_name": record.name}
		)
		self.assertIn(case.name, pdf_text(frappe.get_doc("File", pdf.name)))
		self.assertTrue(
			frappe.db.exists(
				"Comment", {"reference_name": case.name, "content": ("like", "%printed for post to%")}
			)
		)
		self.assertEqual(str(stage_of(case.name, 1).acknowledged_on), "2024-12-20")

	def test_a_date_already_recorded_is_not_moved_by_a_second_letter(self):
		case = record_on_stage(make_feedback(received_on="2024-12-19 10:00:00"), acknowledged_on="2024-12-19")
		self.send(case)
		self.assertEqual(str(stage_of(case.name, 1).acknowledged_on), "2024-12-19")

	def test_a_letter_not_for_the_case_now_or_with_nowhere_to_go_is_refused_naming_why(self):
		case = make_feedback(received_on="2024-12-19 10:00:00", address=None)
		with self.assertRaisesRegex(LetterError, "not a letter for Feedback"):
			self.send(case, letter="Stage Response")
		with self.assertRaisesRegex(LetterError, "no postal address"):
			self.send(case, channel="Post")
		self.assertFalse(frappe.db.exists("Feedback Correspondence", {"feedback": case.name}))

	def test_without_an_outgoing_email_account_the_letter_is_refused_before_anything_is_kept(self):
		case = make_feedback(received_on="2024-12-19 10:00:00")
		frappe.db.set_value("Email Account", "_Test CF Outgoing", "enable_outgoing", 0)
		frappe.local.outgoing_email_account = {}
		with self.assertRaisesRegex(LetterError, "No outgoing email account"):
			self.send(case)
		self.assertFalse(frappe.db.exists("Feedback Correspondence", {"feedback": case.name}))

	def test_staff_who_may_not_write_the_case_cannot_send(self):
		case = make_feedback(received_on="2024-12-19 10:00:00")
		make_user("cf.letters.recorder@example.org", ["Feedback User"])
		self.assertRaises(frappe.PermissionError, self.send, case, user="cf.letters.recorder@example.org")

	def test_letters_follow_their_case_a_case_about_a_coordinator_hides_its_letters_from_them(self):
		case = make_feedback(received_on="2024-12-19 10:00:00")
		name = self.send(case)["correspondence"]
		frappe.db.set_value("Feedback", case.name, "staff_member_concerned", COORDINATOR)
		frappe.set_user(COORDINATOR)
		try:
			self.assertFalse(frappe.get_list("Feedback Correspondence", {"name": name}))
			self.assertFalse(frappe.has_permission("Feedback Correspondence", "read", doc=name))
		finally:
			frappe.set_user("Administrator")


class TestQualityCheck(LetterTestCase):
	def responded_case(self):
		case = make_feedback(received_on="2024-12-19 10:00:00", policy=NORTHAMPTONSHIRE)
		stage = stage_of(case.name, 1)
		stage.update({"handler": HANDLER, "reviewer": REVIEWER, "outcome": "Upheld"})
		stage.findings = "<p>The crew parked across the drive for two hours.</p>"
		stage.save()
		return case.reload() or case

	def test_a_checked_response_waits_for_its_reviewer_and_goes_once_approved(self):
		case = self.responded_case()
		self.assertTrue(frappe.db.get_value("Feedback Policy", NORTHAMPTONSHIRE, "check_stage_responses"))
		sent = self.send(case, letter="Stage Response", user=HANDLER)
		self.assertEqual(sent["status"], "Awaiting Review")
		record = frappe.get_doc("Feedback Correspondence", sent["correspondence"])
		self.assertIsNone(record.communication)
		self.assertIsNone(stage_of(case.name, 1).responded_on)
		self.assertTrue(
			frappe.db.exists(
				"ToDo",
				{"reference_name": record.name, "allocated_to": REVIEWER, "status": "Open"},
			)
		)
		# The writer cannot pass their own letter, nor can another coordinator.
		for user in (HANDLER, COORDINATOR):
			with self.assertRaises(LetterReviewError):
				self.as_user(user, api.review_letter, record.name, 1)
		self.as_user(REVIEWER, api.review_letter, record.name, 1)
		record.reload()
		self.assertEqual((record.status, record.reviewed_by), ("Sent", REVIEWER))
		self.assertTrue(record.communication)
		self.assertEqual(str(stage_of(case.name, 1).responded_on), "2024-12-20")
		self.assertFalse(frappe.db.exists("ToDo", {"reference_name": record.name, "status": "Open"}))

	def test_a_returned_response_is_not_sent_and_needs_a_note(self):
		case = self.responded_case()
		name = self.send(case, letter="Stage Response", user=HANDLER)["correspondence"]
		with self.assertRaisesRegex(LetterReviewError, "Review Note is empty"):
			self.as_user(REVIEWER, api.review_letter, name, 0)
		self.as_user(REVIEWER, api.review_letter, name, 0, "Say what the remedy is.")
		record = frappe.get_doc("Feedback Correspondence", name)
		self.assertEqual((record.status, record.review_note), ("Returned", "Say what the remedy is."))
		self.assertIsNone(record.communication)
		self.assertIsNone(stage_of(case.name, 1).responded_on)
		with self.assertRaises(LetterReviewError):
			self.as_user(REVIEWER, api.review_letter, name, 1)

	def test_a_policy_without_the_check_sends_responses_straight_away(self):
		case = make_feedback(received_on="2024-12-19 10:00:00")
		record_on_stage(case, outcome="Not upheld", findings="<p>The bin was collected.</p>")
		self.assertEqual(self.send(case.reload() or case, letter="Stage Response")["status"], "Sent")
