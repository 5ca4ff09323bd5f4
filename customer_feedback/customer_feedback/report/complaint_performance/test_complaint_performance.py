"""Complaint Performance at named dates, counted by hand. Policy: England, stage 1 acknowledge in 5 and
respond in 10 working days, stage 2 respond in 20. Period: Q4 2024/25 (1 January to 31 March 2025).

Stage 1 of five complaints:
- A: received Mon 6 Jan; acknowledged Tue 7 (by Mon 13: in time); responded Fri 10 (by Mon 20: in time),
  4 working days; upheld. Escalated on Tue 14 Jan: stage 2 open at the end, due Tue 11 Feb, so overdue.
- B: received Mon 6 Jan; acknowledged Wed 15 (late); responded Wed 22 (late), 12 working days; not upheld.
- C: received Mon 6 Jan; never acknowledged or answered: outstanding and overdue at 31 March.
- D: received Mon 24 Mar; acknowledge by Mon 31 Mar, respond by Mon 7 Apr: outstanding, not overdue.
- E: received Mon 2 Dec 2024 (before the period), acknowledged Tue 3 Dec; responded Mon 6 Jan 2025 (by Mon 16
  Dec: late), 22 working days (Christmas Day and Boxing Day are not); partly upheld.
"""

import frappe
from frappe.desk.query_report import run

from customer_feedback.customer_feedback.report.complaint_performance.complaint_performance import (
	execute,
)
from customer_feedback.report_filters import ReportFilterError
from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import TEST_POLICY_PREFIX, make_feedback, make_policy, record_on_stage

POLICY = TEST_POLICY_PREFIX + "Performance"
Q4 = {"period": "Quarter", "date": "2025-02-14", "policy": POLICY}
MANAGER = "cf-performance-manager@example.org"
PLAIN_USER = "cf-performance-user@example.org"


class TestComplaintPerformance(FeedbackTestCase):
	USERS = {MANAGER: ["Feedback Manager"], PLAIN_USER: ["Feedback User"]}

	def setUp(self):
		super().setUp()
		self.at("2025-04-02 09:00:00")
		make_policy(POLICY)

		def complaint(received, **on_stage):
			case = make_feedback(policy=POLICY, received_on=received + " 10:00:00", service_area=None)
			return record_on_stage(case, **on_stage) if on_stage else case

		self.a = complaint(
			"2025-01-06", acknowledged_on="2025-01-07", responded_on="2025-01-10", outcome="Upheld"
		)
		self.a.reload()
		self.at("2025-01-14 09:00:00")
		self.a.escalate("Customer asked")
		self.at("2025-04-02 09:00:00")
		complaint("2025-01-06", acknowledged_on="2025-01-15", responded_on="2025-01-22", outcome="Not upheld")
		complaint("2025-01-06")
		complaint("2025-03-24")
		complaint(
			"2024-12-02", acknowledged_on="2024-12-03", responded_on="2025-01-06", outcome="Partly upheld"
		)

	def rows(self, **filters):
		_columns, data, _label = execute({**Q4, **filters})
		return {row["stage_number"]: row for row in data}

	def test_stage_one_counted_by_hand(self):
		first = self.rows()[1]
		expected = {
			"received": 4,
			"acknowledged_in_time": 1,
			"acknowledgements_due": 4,
			"acknowledged_in_time_percent": 25.0,
			"responded": 3,
			"responded_in_time": 1,
			"responded_in_time_percent": 33.3,
			"extended": 0,
			"average_days": 12.7,
			"median_days": 12,
			"outstanding": 2,
			"overdue": 1,
			"upheld": 1,
			"partly_upheld": 1,
			"not_upheld": 1,
			"withdrawn": 0,
		}
		self.assertEqual({key: first[key] for key in expected}, expected)

	def test_stage_two_opened_by_escalation_is_outstanding_and_overdue(self):
		second = self.rows()[2]
		self.assertEqual(
			(second["received"], second["responded"], second["outstanding"], second["overdue"]), (1, 0, 1, 1)
		)

	def test_the_period_moves_the_counts(self):
		# December 2024: only E was received, and nothing was answered yet at the month's end.
		december = self.rows(period="Month", date="2024-12-10")[1]
		self.assertEqual((december["received"], december["responded"], december["outstanding"]), (1, 0, 1))

	def test_label_names_the_quarter(self):
		self.assertEqual(execute(Q4)[2], "Complaint performance, Q4 2024/25")

	def test_bad_custom_period_refused_naming_the_dates(self):
		with self.assertRaisesRegex(ReportFilterError, "From Date and To Date"):
			execute({"period": "Custom", "policy": POLICY})

	def test_manager_sees_the_figures_over_the_report_api(self):
		with self.set_user(MANAGER):
			result = run("Complaint Performance", filters=Q4)
			self.assertEqual([row["received"] for row in result["result"]], [4, 1])

	def test_feedback_user_sees_no_other_peoples_cases(self):
		with self.set_user(PLAIN_USER):
			self.assertRaises(frappe.PermissionError, run, "Complaint Performance", filters=Q4)
			# Even called directly, the query keeps to the cases the user may read: none.
			self.assertEqual(self.rows(), {})
