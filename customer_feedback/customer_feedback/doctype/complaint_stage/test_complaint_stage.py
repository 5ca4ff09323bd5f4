# Copyright (c) 2026, customer_feedback developers and Contributors
# See license.txt
"""A complaint's stages: one record per stage, named after the case, figures from the case's policy."""

import frappe

from customer_feedback.exceptions import (
	DeadlineQueryError,
	StageMovedOutsideCaseError,
	StageOpenedOutsideCaseError,
)
from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import make_feedback, stage_of


class TestComplaintStage(FeedbackTestCase):
	def test_stage_is_named_after_the_case_and_takes_the_policy_stage(self):
		case = make_feedback(policy="Devon County Council")
		stage = stage_of(case.name, 1)
		self.assertEqual(stage.name, f"{case.name}-1")
		self.assertEqual((stage.policy, stage.stage_name), ("Devon County Council", "Local Resolution"))

	def test_a_stage_cannot_be_opened_twice(self):
		case = make_feedback()
		duplicate = frappe.get_doc(
			{
				"doctype": "Complaint Stage",
				"feedback": case.name,
				"stage_number": 1,
				"started_on": case.received_on,
			}
		)
		duplicate.flags.from_feedback = True  # even as the case's own code would insert it
		self.assertRaises(frappe.DuplicateEntryError, duplicate.insert)

	def test_a_stage_inserted_beside_its_case_is_refused(self):
		case = make_feedback()
		beside = frappe.get_doc(
			{
				"doctype": "Complaint Stage",
				"feedback": case.name,
				"stage_number": 2,
				"started_on": case.received_on,
			}
		)
		self.assertRaisesRegex(StageOpenedOutsideCaseError, "use its Escalate action", beside.insert)
		self.assertFalse(frappe.db.exists("Complaint Stage", {"feedback": case.name, "stage_number": 2}))

	def test_refusal_and_closing_are_the_cases_actions_not_edits_of_the_stage(self):
		stage = stage_of(make_feedback().name, 1)
		stage.escalation_refusal_reason = "Written around the role check"
		self.assertRaisesRegex(StageMovedOutsideCaseError, "Refuse Escalation action", stage.save)
		stage.reload()
		stage.status = "Closed"
		self.assertRaisesRegex(StageMovedOutsideCaseError, "use the case's actions", stage.save)

	def test_a_stage_the_policy_does_not_have_is_refused(self):
		case = make_feedback()
		extra = frappe.get_doc(
			{
				"doctype": "Complaint Stage",
				"feedback": case.name,
				"stage_number": 3,
				"started_on": case.received_on,
			}
		)
		extra.flags.from_feedback = True
		self.assertRaisesRegex(DeadlineQueryError, "Stage 3 does not exist", extra.insert)
