"""Equality Monitoring Summary: small numbers hidden, Feedback Managers only. In May 2025, six customers
answered the equality questions: five women (one of whom answered the survey) and one man."""

import frappe

from customer_feedback.customer_feedback.doctype.equality_monitoring.equality_monitoring import (
	record_equality_answers,
)
from customer_feedback.customer_feedback.report.equality_monitoring_summary.equality_monitoring_summary import (
	execute,
)
from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import TEST_POLICY_PREFIX, make_feedback, make_policy

POLICY = TEST_POLICY_PREFIX + "Equality"
MAY = {"period": "Month", "date": "2025-05-15", "policy": POLICY}
MANAGER = "cf-equality-manager@example.org"
HEAD = "cf-equality-head@example.org"


class TestEqualityMonitoringSummary(FeedbackTestCase):
	USERS = {MANAGER: ["Feedback Manager"], HEAD: ["Head of Service"]}

	def setUp(self):
		super().setUp()
		self.at("2025-06-01 09:00:00")
		make_policy(POLICY)
		for number, sex in enumerate(["Female"] * 5 + ["Male"]):
			case = make_feedback(policy=POLICY, received_on=f"2025-05-{number + 5:02d} 10:00:00")
			record_equality_answers(case.name, {"sex": sex})
			if number == 0:
				survey = frappe.get_doc(
					{
						"doctype": "Feedback Survey",
						"feedback": case.name,
						"policy": POLICY,
						"sent_on": "2025-05-20",
					}
				).insert(ignore_permissions=True)
				survey.record_answers("Satisfied", None)

	def test_counts_below_five_are_hidden(self):
		with self.set_user(MANAGER):
			rows = {row["answer"]: row for row in execute(MAY)[1] if row["characteristic"] == "Sex"}
			self.assertEqual(
				{answer: (row["cases"], row["surveys"]) for answer, row in rows.items()},
				{"Female": (5, "fewer than 5"), "Male": ("fewer than 5", 0)},
			)

	def test_characteristics_nobody_answered_are_left_out(self):
		with self.set_user(MANAGER):
			self.assertEqual({row["characteristic"] for row in execute(MAY)[1]}, {"Sex"})

	def test_only_feedback_managers_see_it(self):
		with self.set_user(HEAD):
			self.assertRaises(frappe.PermissionError, execute, MAY)
