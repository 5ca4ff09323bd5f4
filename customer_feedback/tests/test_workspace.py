"""Where staff land: the Customer Feedback workspace, its number cards and charts, shipped as module JSON,
counting only what the user may read. Today is Thu 2 Jan 2025 (base.JAN_2)."""

import frappe
from frappe.desk.doctype.number_card.number_card import get_result

from customer_feedback.customer_feedback.dashboard_chart_source.within_timescale_by_stage.within_timescale_by_stage import (
	get as within_timescale_by_stage,
)
from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import make_feedback, move_case, record_on_stage

MANAGER = "cf-workspace-manager@example.org"
PLAIN_USER = "cf-workspace-user@example.org"
SAFEGUARDING = "cf-workspace-safeguarding@example.org"
CARDS = ("Open Cases", "Overdue Cases", "Responses Due This Week", "Received This Month")


def card(name: str) -> float:
	"""The card's figure as the desk asks for it: the card with its own filters."""
	doc = frappe.get_doc("Number Card", name)
	return get_result(doc.as_json(), doc.filters_json)


class TestWorkspace(FeedbackTestCase):
	USERS = {
		MANAGER: ["Feedback Manager"],
		PLAIN_USER: ["Feedback User"],
		SAFEGUARDING: ["Safeguarding Lead"],
	}

	def test_the_workspace_shows_the_cards_charts_and_reports(self):
		workspace = frappe.get_doc("Workspace", "Customer Feedback")
		self.assertEqual({row.number_card_name for row in workspace.number_cards}, set(CARDS))
		self.assertEqual(len(workspace.charts), 4)
		reports = {link.link_to for link in workspace.links if link.link_type == "Report"}
		self.assertLessEqual({"Complaint Performance", "Feedback Volumes", "Satisfaction"}, reports)
		for block in frappe.parse_json(workspace.content):
			name = block["data"].get("number_card_name") or block["data"].get("chart_name")
			if name:
				self.assertTrue(
					frappe.db.exists(
						"Number Card" if block["type"] == "number_card" else "Dashboard Chart", name
					)
				)

	def test_cards_count_the_open_overdue_and_new_cases_a_manager_reads(self):
		self.at("2025-01-02 11:00:00")
		make_feedback(received_on="2024-12-19 10:00:00")
		self.at("2025-01-20 11:00:00")
		late = make_feedback(received_on="2025-01-06 10:00:00")
		record_on_stage(late, acknowledged_on="2025-01-06")
		frappe.db.set_value("Feedback", late.name, "sla_status", "Overdue")
		closed = make_feedback(feedback_type="Compliment", received_on="2025-01-07 10:00:00")
		move_case(closed, "Closed")
		with self.set_user(MANAGER):
			counts = {name: card(name) for name in CARDS}
		# Open: all but the compliment; overdue: both complaints (the first was to be acknowledged by Mon 30
		# December, the second is marked so); received this month: the case of 6 January and the compliment; due
		# this week (Mon 20 to Sun 26 January): the case of 6 January, due by Mon 20.
		self.assertEqual(
			counts,
			{"Open Cases": 2, "Overdue Cases": 2, "Responses Due This Week": 1, "Received This Month": 2},
		)
		with self.set_user(PLAIN_USER):
			self.assertEqual({name: card(name) for name in CARDS}, dict.fromkeys(CARDS, 0))

	def test_the_timescale_chart_is_the_users_own_figures(self):
		self.at("2025-04-02 09:00:00")
		case = make_feedback(received_on="2025-01-06 10:00:00")
		record_on_stage(case, acknowledged_on="2025-01-07", responded_on="2025-01-10", outcome="Upheld")
		self.at("2025-06-02 09:00:00")
		case = make_feedback(received_on="2025-05-06 10:00:00")
		record_on_stage(case, acknowledged_on="2025-05-07", responded_on="2025-05-09", outcome="Upheld")
		with self.set_user(MANAGER):
			chart = within_timescale_by_stage()
		self.assertEqual(chart["labels"][0], "Stage 1")
		self.assertEqual(chart["datasets"][0]["values"][0], 100.0)
		with self.set_user(PLAIN_USER):
			self.assertEqual(within_timescale_by_stage()["labels"], [])
		with self.set_user(SAFEGUARDING):
			self.assertRaises(frappe.PermissionError, within_timescale_by_stage)
