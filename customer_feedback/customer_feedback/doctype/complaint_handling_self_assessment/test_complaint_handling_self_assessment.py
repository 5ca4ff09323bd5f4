"""The year's self-assessment, filled in from the Code, the policy and the year's records. Under the Code
preset in 2024/25, one complaint received Mon 6 Jan 2025 was answered in time (Fri 10 Jan), one late."""

import frappe

from customer_feedback.customer_feedback.doctype.complaint_handling_self_assessment.complaint_handling_self_assessment import (
	SelfAssessmentError,
)
from customer_feedback.self_assessment import LGSCO_CODE, REQUIREMENTS
from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import make_feedback, record_on_stage

CODE = "Complaint Handling Code"
HEAD = "cf-assessment-head@example.org"


def new_assessment(**values):
	return frappe.get_doc(
		{
			"doctype": "Complaint Handling Self-Assessment",
			"code": LGSCO_CODE,
			"financial_year": "2024/25",
			"policy": CODE,
			**values,
		}
	)


class TestSelfAssessment(FeedbackTestCase):
	USERS = {HEAD: ["Head of Service"]}

	def setUp(self):
		super().setUp()
		self.at("2025-04-02 09:00:00")
		for responded in ("2025-01-10", "2025-02-28"):
			case = make_feedback(received_on="2025-01-06 10:00:00")
			record_on_stage(case, acknowledged_on="2025-01-07", responded_on=responded, outcome="Upheld")

	def rows(self, doc):
		return {row.requirement: row for row in doc.requirements}

	def test_rows_filled_from_the_code_the_policy_and_the_year(self):
		doc = new_assessment().insert()
		self.assertEqual(len(doc.requirements), len(REQUIREMENTS[LGSCO_CODE]))
		rows = self.rows(doc)
		respond = rows["Stage 1 responses are sent within 10 working days of the acknowledgement."]
		self.assertEqual((respond.complies, respond.judged_by_app), ("Yes", 1))
		performance = rows["Responses are sent within timescale (the year's figures)."]
		self.assertEqual(
			performance.evidence, "In 2024/25, 1 of 2 stage responses (50.0%) were sent within timescale."
		)
		self.assertFalse(performance.complies)
		self.assertIn(
			"up to 12 months", rows[next(r for r in rows if r.startswith("Complaints are accepted"))].evidence
		)
		self.assertEqual(doc.title, f"{LGSCO_CODE} 2024/25")

	def test_a_year_not_written_as_the_financial_year_is_refused(self):
		for year in ("2024", "2024/26", "24/25"):
			with self.subTest(year=year):
				self.assertRaisesRegex(
					SelfAssessmentError, "written as 2025/26", new_assessment(financial_year=year).insert
				)

	def test_sign_off_needs_every_answer_and_the_member(self):
		doc = new_assessment().insert()
		self.assertRaisesRegex(SelfAssessmentError, "Member Responsible", doc.submit)
		doc.reload()
		doc.member_responsible = "Cllr Jo Bloggs"
		self.assertRaisesRegex(SelfAssessmentError, "Do We Comply is empty", doc.submit)
		doc.reload()
		doc.member_responsible = "Cllr Jo Bloggs"
		for row in doc.requirements:
			row.complies = row.complies or "Yes"
		doc.submit()
		self.assertEqual(frappe.db.get_value(doc.doctype, doc.name, "docstatus"), 1)

	def test_head_of_service_reads_but_does_not_write(self):
		name = new_assessment().insert().name
		with self.set_user(HEAD):
			self.assertTrue(frappe.has_permission("Complaint Handling Self-Assessment", "read", name))
			self.assertRaises(frappe.PermissionError, new_assessment().insert)
