"""Feedback Volumes at named dates. Policy population 20,000. In May 2025: two complaints (one by email from
an elected member, one by telephone), a compliment by web and a suggestion by email; in June 2025 one
complaint by web; in March 2025 (the year before) one complaint, outside a 2025/26 period."""

import frappe

from customer_feedback.customer_feedback.report.feedback_volumes.feedback_volumes import execute
from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import TEST_POLICY_PREFIX, make_feedback, make_policy

POLICY = TEST_POLICY_PREFIX + "Volumes"
YEAR = {"period": "Financial year", "date": "2025-06-01", "policy": POLICY}


class TestFeedbackVolumes(FeedbackTestCase):
	def setUp(self):
		super().setUp()
		self.at("2025-07-01 09:00:00")
		make_policy(POLICY, population=20000)
		for received, kind, channel, member in (
			("2025-05-06", "Complaint", "Email", "Cllr Jo Bloggs"),
			("2025-05-07", "Complaint", "Telephone", None),
			("2025-05-08", "Compliment", "Web", None),
			("2025-05-09", "Suggestion", "Email", None),
			("2025-06-02", "Complaint", "Web", None),
			("2025-03-31", "Complaint", "Web", None),
		):
			make_feedback(
				policy=POLICY,
				feedback_type=kind,
				channel=channel,
				received_on=received + " 10:00:00",
				elected_member=1 if member else 0,
				elected_member_name=member,
			)

	def rows(self, **filters):
		return execute({**YEAR, **filters})[1]

	def test_by_month(self):
		by_month = {row["month"]: row for row in self.rows()}
		self.assertEqual(sorted(by_month), ["2025-05", "2025-06"])
		may = by_month["2025-05"]
		self.assertEqual(
			(may["complaint"], may["compliment"], may["suggestion"], may["total"], may["elected_member"]),
			(2, 1, 1, 4, 1),
		)
		# 2 complaints per 20,000 residents: 0.1 per 1,000.
		self.assertEqual(may["complaints_per_1000"], 0.1)

	def test_by_channel(self):
		by_channel = {row["channel"]: row["total"] for row in self.rows(group_by="Channel")}
		self.assertEqual(by_channel, {"Email": 2, "Telephone": 1, "Web": 2})

	def test_no_rate_without_a_policy_chosen(self):
		rows = [row for row in self.rows(policy=None) if row["month"] == "2025-05"]
		self.assertIsNone(rows[0]["complaints_per_1000"])

	def test_a_channel_filter_narrows_the_counts(self):
		self.assertEqual(sum(row["total"] for row in self.rows(channel="Web")), 2)

	def test_feedback_user_counts_nothing_they_cannot_read(self):
		frappe.set_user("Guest")
		self.addCleanup(frappe.set_user, "Administrator")
		self.assertRaises(frappe.PermissionError, execute, YEAR)
