"""Satisfaction at named dates: in May 2025 four surveys were sent under the policy; three were answered
(very satisfied, satisfied, dissatisfied), one was not. One sent in March 2025 is outside Q1 2025/26."""

import frappe

from customer_feedback.customer_feedback.report.satisfaction.satisfaction import execute
from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import TEST_POLICY_PREFIX, make_feedback, make_policy

POLICY = TEST_POLICY_PREFIX + "Satisfaction"
Q1 = {"period": "Quarter", "date": "2025-05-15", "policy": POLICY}


class TestSatisfaction(FeedbackTestCase):
	def setUp(self):
		super().setUp()
		self.at("2025-06-01 09:00:00")
		make_policy(POLICY)
		for sent_on, answer in (
			("2025-05-06", "Very satisfied"),
			("2025-05-07", "Satisfied"),
			("2025-05-08", "Dissatisfied"),
			("2025-05-09", None),
			("2025-03-03", "Satisfied"),
		):
			self.at(sent_on + " 09:00:00")
			case = make_feedback(policy=POLICY, received_on="2025-02-03 10:00:00")
			survey = frappe.get_doc(
				{"doctype": "Feedback Survey", "feedback": case.name, "policy": POLICY}
			).insert(ignore_permissions=True)
			if answer:
				survey.record_answers(answer, None)

	def test_counted_by_hand(self):
		(row,) = execute(Q1)[1]
		self.assertEqual(
			(row["sent"], row["answered"], row["very_satisfied"], row["satisfied"], row["dissatisfied"]),
			(4, 3, 1, 1, 1),
		)
		self.assertEqual((row["satisfied_percent"], row["response_percent"]), (66.7, 75.0))

	def test_guest_reads_nothing(self):
		frappe.set_user("Guest")
		self.addCleanup(frappe.set_user, "Administrator")
		self.assertRaises(frappe.PermissionError, execute, Q1)
