# Copyright (c) 2026, customer_feedback developers and Contributors
# See license.txt
"""The Feedback Survey record: its one-time link (only a hash kept), where it is sent, one per case, and who
reads the results. Sending and answering are in customer_feedback/portal/test_survey.py."""

import hashlib

import frappe
from frappe.utils import get_url

from customer_feedback.customer_feedback.doctype.feedback_survey.feedback_survey import (
	get_survey_by_token,
)
from customer_feedback.exceptions import SurveyAlreadyAnsweredError
from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import make_feedback

STAFF = "cf.survey.staff@example.org"
COORDINATOR = "cf.survey.coordinator@example.org"
MANAGER = "cf.survey.manager@example.org"


def new_survey(case: str, **fields):
	record = frappe.get_doc({"doctype": "Feedback Survey", "feedback": case, **fields})
	record.flags.notifications = []  # the invitation is tested with an Email Account in test_survey
	return record.insert()


class TestFeedbackSurvey(FeedbackTestCase):
	USERS = {
		STAFF: ["Feedback User", "Investigating Officer"],
		COORDINATOR: ["Feedback User", "Feedback Coordinator"],
		MANAGER: ["Feedback Manager"],
	}

	def test_only_a_hash_of_the_links_token_is_kept(self):
		first, second = new_survey(make_feedback().name), new_survey(make_feedback().name)
		prefix = get_url("/feedback/survey?token=")
		self.assertTrue(first.survey_url.startswith(prefix), first.survey_url)
		token = first.survey_url.removeprefix(prefix)
		self.assertEqual(len(token), 64)
		self.assertEqual(
			frappe.db.get_value("Feedback Survey", first.name, "token"),
			hashlib.sha256(token.encode()).hexdigest(),
		)
		self.assertNotEqual(first.survey_url, second.survey_url)
		# Loaded again, the survey has no link to give.
		self.assertIsNone(frappe.get_doc("Feedback Survey", first.name).survey_url)
		self.assertEqual(get_survey_by_token(token).name, first.name)

	def test_sent_today_to_the_customer_else_the_representative(self):
		record = new_survey(make_feedback().name, status="Answered")
		self.assertEqual(
			(record.email, record.status, str(record.sent_on), record.policy),
			("ada.lovelace@example.org", "Sent", "2025-01-02", "Complaint Handling Code"),
		)
		represented = make_feedback(
			email=None,
			phone="+44 20 7946 0002",
			has_representative=1,
			representative_name="Charles Babbage",
			representative_email="charles@example.org",
			customer_consent_confirmed=1,
		)
		self.assertEqual(new_survey(represented.name).email, "charles@example.org")

	def test_a_case_with_no_email_cannot_be_surveyed(self):
		case = make_feedback(email=None, phone="+44 20 7946 0003")
		self.assertRaisesRegex(frappe.MandatoryError, "Sent To is empty", new_survey, case.name)

	def test_one_survey_per_case(self):
		case = make_feedback().name
		new_survey(case)
		self.assertRaises(frappe.DuplicateEntryError, new_survey, case)

	def test_one_answer(self):
		record = new_survey(make_feedback().name)
		record.record_answers("Satisfied", None)
		self.assertRaises(SurveyAlreadyAnsweredError, record.record_answers, "Dissatisfied", None)
		self.assertEqual(
			frappe.db.get_value("Feedback Survey", record.name, "handling_satisfaction"), "Satisfied"
		)

	def test_managers_and_coordinators_read_results_other_staff_do_not(self):
		name = new_survey(make_feedback().name).name
		for user, can_read in ((STAFF, False), (COORDINATOR, True), (MANAGER, True), ("Guest", False)):
			with self.subTest(user=user):
				frappe.set_user(user)
				self.assertEqual(bool(frappe.has_permission("Feedback Survey", "read", name)), can_read)
				self.assertFalse(frappe.has_permission("Feedback Survey", "write", name))
				self.assertFalse(frappe.has_permission("Feedback Survey", "create"))
		frappe.set_user(MANAGER)
		self.assertTrue(frappe.has_permission("Feedback Survey", "report"))
		self.assertTrue(frappe.has_permission("Feedback Survey", "export"))
		frappe.set_user(COORDINATOR)
		self.assertFalse(frappe.has_permission("Feedback Survey", "export"))

	def test_results_can_be_filtered_in_report_builder(self):
		meta = frappe.get_meta("Feedback Survey")
		self.assertTrue(meta.get_field("status").in_standard_filter)
		self.assertTrue(meta.get_field("handling_satisfaction").in_standard_filter)
		self.assertFalse(meta.get_field("token").in_list_view)
		self.assertTrue(meta.get_field("token").hidden)
