"""The Feedback workflow with real users in each role, and the code's independence from state names."""

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow

from customer_feedback.setup.workflow import STAFF_ROLES, WORKFLOW_NAME, create_feedback_workflow
from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import make_feedback

ROLE_HOLDERS = {f"cf.wf.{role.lower().replace(' ', '.')}@example.org": role for role in STAFF_ROLES}
OFFICER = "cf.wf.officer@example.org"
STAFF = "cf.wf.staff@example.org"
MANAGER = "cf.wf.manager@example.org"


class TestFeedbackWorkflow(FeedbackTestCase):
	USERS = {
		OFFICER: ["Feedback User", "Investigating Officer"],
		STAFF: ["Feedback User"],
		MANAGER: ["Feedback User", "Feedback Manager"],
		**{email: ["Feedback User", role] for email, role in ROLE_HOLDERS.items()},
	}

	def act(self, user: str, case: str, action: str):
		frappe.set_user(user)
		try:
			return apply_workflow(frappe.get_doc("Feedback", case), action)
		finally:
			frappe.set_user("Administrator")

	def test_an_investigating_officer_acknowledges_and_responds(self):
		case = make_feedback().name
		self.act(OFFICER, case, "Acknowledge")
		self.act(OFFICER, case, "Send Response")
		self.assertEqual(
			frappe.db.get_value("Feedback", case, ["status", "acknowledged_on"]),
			("Responded", frappe.utils.getdate("2025-01-02")),
		)

	def test_every_staff_role_moves_a_case_through_its_stage(self):
		for email, role in ROLE_HOLDERS.items():
			with self.subTest(role=role):
				case = make_feedback().name
				self.act(email, case, "Acknowledge")
				self.act(email, case, "Send Response")
				self.assertEqual(frappe.db.get_value("Feedback", case, "status"), "Responded")

	def test_a_feedback_user_records_but_does_not_move_cases(self):
		frappe.set_user(STAFF)
		case = make_feedback().name
		frappe.set_user("Administrator")
		self.assertRaises(
			(WorkflowTransitionError, WorkflowPermissionError), self.act, STAFF, case, "Acknowledge"
		)

	def test_conditions_per_feedback_type(self):
		complaint = make_feedback().name
		# A complaint is answered only once acknowledged, and closed without a response only if withdrawn.
		self.assertRaises(WorkflowTransitionError, self.act, OFFICER, complaint, "Send Response")
		self.assertRaises(WorkflowTransitionError, self.act, OFFICER, complaint, "Close")
		frappe.db.set_value("Feedback", complaint, "outcome", "Withdrawn")
		self.act(OFFICER, complaint, "Close")
		self.assertEqual(frappe.db.get_value("Feedback", complaint, "status"), "Closed")
		# A comment is answered straight away, and a compliment closed once recorded.
		comment = make_feedback(feedback_type="Comment").name
		self.act(OFFICER, comment, "Send Response")
		compliment = make_feedback(feedback_type="Compliment").name
		self.act(OFFICER, compliment, "Close")
		self.assertEqual(
			frappe.db.get_value("Feedback", compliment, "closed_on"), frappe.utils.getdate("2025-01-02")
		)

	def test_only_a_feedback_manager_reopens(self):
		compliment = make_feedback(feedback_type="Compliment").name
		self.act(OFFICER, compliment, "Close")
		self.assertRaises(WorkflowTransitionError, self.act, OFFICER, compliment, "Reopen")
		self.act(MANAGER, compliment, "Reopen")
		self.assertEqual(frappe.db.get_value("Feedback", compliment, ["status", "closed_on"]), ("Open", None))

	def test_renamed_states_keep_working(self):
		frappe.rename_doc("Workflow State", "Acknowledged", "Acknowledgement Sent", force=True)
		workflow = frappe.get_doc("Workflow", WORKFLOW_NAME)
		for row in list(workflow.states) + list(workflow.transitions):
			for field in ("state", "next_state"):
				if row.get(field) == "Acknowledged":
					row.set(field, "Acknowledgement Sent")
		workflow.save()
		case = make_feedback().name
		self.act(OFFICER, case, "Acknowledge")
		doc = frappe.get_doc("Feedback", case)
		self.assertEqual((doc.workflow_state, doc.status), ("Acknowledgement Sent", "Acknowledged"))
		doc.escalate("Not answered")  # moves by rule to whichever state sets status Open
		self.assertEqual((doc.workflow_state, doc.status, doc.current_stage), ("Open", "Open", 2))

	def test_install_never_overwrites_an_edited_workflow(self):
		workflow = frappe.get_doc("Workflow", WORKFLOW_NAME)
		workflow.append(
			"transitions",
			{"state": "Responded", "action": "Reopen", "next_state": "Open", "allowed": "Feedback Manager"},
		)
		workflow.save()
		create_feedback_workflow()
		self.assertEqual(
			len(frappe.get_doc("Workflow", WORKFLOW_NAME).transitions), len(workflow.transitions)
		)
