"""The Feedback workflow, created once on install as an ordinary Workflow that administrators may change.

Each state sets the case's own `status` through the workflow's update field, and the app's code reads
`status` only, so administrators can rename states or add their own without breaking it. Escalation,
referral and closing after no reply are moved by rule (see Feedback.validate_workflow), not by transitions.
"""

import frappe

from customer_feedback.constants import (
	ACKNOWLEDGED,
	CLOSED,
	CUSTOMER_RELATIONS_OFFICER,
	FEEDBACK_COORDINATOR,
	FEEDBACK_MANAGER,
	HEAD_OF_SERVICE,
	INVESTIGATING_OFFICER,
	OPEN,
	RESPONDED,
	WITH_EXTERNAL_BODY,
)

WORKFLOW_NAME = "Feedback Workflow"
STAFF_ROLES = (
	FEEDBACK_COORDINATOR,
	INVESTIGATING_OFFICER,
	HEAD_OF_SERVICE,
	FEEDBACK_MANAGER,
	CUSTOMER_RELATIONS_OFFICER,
)
# (state, status it sets, style): the states are named after the statuses they set, at first.
STATES = (
	("Open", OPEN, "Warning"),
	("Acknowledged", ACKNOWLEDGED, "Primary"),
	("Responded", RESPONDED, "Info"),
	("With External Body", WITH_EXTERNAL_BODY, "Inverse"),
	("Closed", CLOSED, "Success"),
)
NOT_A_COMPLAINT = "doc.feedback_type != 'Complaint'"
# (from, action, to, roles, condition)
TRANSITIONS = (
	("Open", "Acknowledge", "Acknowledged", STAFF_ROLES, None),
	("Open", "Send Response", "Responded", STAFF_ROLES, NOT_A_COMPLAINT),
	("Acknowledged", "Send Response", "Responded", STAFF_ROLES, None),
	("Open", "Close", "Closed", STAFF_ROLES, NOT_A_COMPLAINT + " or doc.outcome == 'Withdrawn'"),
	("Acknowledged", "Close", "Closed", STAFF_ROLES, NOT_A_COMPLAINT + " or doc.outcome == 'Withdrawn'"),
	("Responded", "Close", "Closed", STAFF_ROLES, None),
	("With External Body", "Close", "Closed", (FEEDBACK_MANAGER, CUSTOMER_RELATIONS_OFFICER), None),
	("Closed", "Reopen", "Open", (FEEDBACK_MANAGER,), None),
)
ACTIONS = ("Acknowledge", "Send Response", "Close", "Reopen")


def create_feedback_workflow() -> None:
	if frappe.db.exists("Workflow", WORKFLOW_NAME):
		return
	for state, _status, style in STATES:
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc(
				{"doctype": "Workflow State", "workflow_state_name": state, "style": style}
			).insert(ignore_permissions=True)
	for action in ACTIONS:
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)
	frappe.get_doc(
		{
			"doctype": "Workflow",
			"workflow_name": WORKFLOW_NAME,
			"document_type": "Feedback",
			"workflow_state_field": "workflow_state",
			"is_active": 1,
			"send_email_alert": 0,
			"states": [
				{
					"state": state,
					"doc_status": "0",
					"update_field": "status",
					"update_value": status,
					# Every member of staff holds Feedback User; the transitions below limit who moves a case.
					"allow_edit": "Feedback User",
				}
				for state, status, _style in STATES
			],
			"transitions": [
				{
					"state": state,
					"action": action,
					"next_state": next_state,
					"allowed": role,
					"allow_self_approval": 1,
					"condition": condition,
				}
				for state, action, next_state, roles, condition in TRANSITIONS
				for role in roles
			],
		}
	).insert(ignore_permissions=True)


def delete_feedback_workflow() -> None:
	"""On uninstall: the workflow, and the states and actions it made that no other workflow uses."""
	frappe.delete_doc_if_exists("Workflow", WORKFLOW_NAME, force=True)
	for state, _status, _style in STATES:
		if not frappe.db.exists("Workflow Document State", {"state": state}):
			frappe.delete_doc_if_exists("Workflow State", state, force=True)
	for action in ACTIONS:
		if not frappe.db.exists("Workflow Transition", {"action": action}):
			frappe.delete_doc_if_exists("Workflow Action Master", action, force=True)
