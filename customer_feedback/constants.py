"""The names code compares, in one place: timescale statuses, case and stage statuses, feedback types and
roles. No Frappe import. Stored values are these English keys; what a user reads is their translation,
made where it is shown (`frappe._(key)`), so a case saved in one language behaves the same in another.
"""

from __future__ import annotations

# Timescale (service-level) status of a stage, or of a case without stages.
ON_TRACK = "On Track"
DUE_SOON = "Due Soon"
OVERDUE = "Overdue"
MET = "Met"
MISSED = "Missed"
PAUSED = "Paused"

# A case's status, moved by the Feedback workflow (through its update field) or by rule.
OPEN = "Open"
ACKNOWLEDGED = "Acknowledged"
RESPONDED = "Responded"
WITH_EXTERNAL_BODY = "With External Body"
CLOSED = "Closed"
# Finished with, or out of our hands: no clock runs and the sweep leaves them alone.
FINISHED_CASE_STATUSES = (CLOSED, WITH_EXTERNAL_BODY)
# A complaint stage's own status (it has no external body: that is the case's).
STAGE_STATUSES = (OPEN, ACKNOWLEDGED, RESPONDED, CLOSED)

COMPLAINT = "Complaint"
COMPLIMENT = "Compliment"
SERVICE_REQUEST = "Service Request"
FEEDBACK_TYPES = (COMPLAINT, COMPLIMENT, "Comment", "Suggestion", "Representation", SERVICE_REQUEST)
COMPLEXITIES = ("Standard", "Complex")

# How a policy handles an anonymous complaint: the Feedback Policy's Select options, stored as they are on
# the case too (Feedback.anonymous_handling); the sentence staff and the public read is made from the key.
RECORD_AS_COMMENT = "Record as comment"
REFER_TO_SERVICE_MANAGER = "Refer to service manager"
HANDLE_AS_COMPLAINT = "Handle as complaint"
ANONYMOUS_HANDLINGS = (HANDLE_AS_COMPLAINT, RECORD_AS_COMMENT, REFER_TO_SERVICE_MANAGER)

# Roles the app creates (from its DocTypes' permission rows) and removes on uninstall.
FEEDBACK_USER = "Feedback User"
FEEDBACK_COORDINATOR = "Feedback Coordinator"
INVESTIGATING_OFFICER = "Investigating Officer"
HEAD_OF_SERVICE = "Head of Service"
FEEDBACK_MANAGER = "Feedback Manager"
CUSTOMER_RELATIONS_OFFICER = "Customer Relations Officer"
SYSTEM_MANAGER = "System Manager"  # the platform's
# Routing: told at once of the cases flagged for them.
SAFEGUARDING_LEAD = "Safeguarding Lead"
PREVENTION_MANAGER = "Prevention Manager"
DUTY_OFFICER = "Duty Officer"
INSURANCE_CONTACT = "Insurance Contact"
INFORMATION_GOVERNANCE = "Information Governance"
ROUTED_ROLES = (
	SAFEGUARDING_LEAD,
	PREVENTION_MANAGER,
	DUTY_OFFICER,
	INSURANCE_CONTACT,
	INFORMATION_GOVERNANCE,
)
APP_ROLES = (
	FEEDBACK_USER,
	FEEDBACK_COORDINATOR,
	INVESTIGATING_OFFICER,
	HEAD_OF_SERVICE,
	FEEDBACK_MANAGER,
	CUSTOMER_RELATIONS_OFFICER,
	*ROUTED_ROLES,
)
POLICY_EDITORS = (FEEDBACK_MANAGER, SYSTEM_MANAGER)
ESCALATION_REFUSERS = (HEAD_OF_SERVICE, FEEDBACK_MANAGER, SYSTEM_MANAGER)

# Roles that handle cases: they read every case (apart from one about themselves).
CASE_HANDLERS = (
	SYSTEM_MANAGER,
	FEEDBACK_MANAGER,
	FEEDBACK_COORDINATOR,
	INVESTIGATING_OFFICER,
	HEAD_OF_SERVICE,
	CUSTOMER_RELATIONS_OFFICER,
)
# The cases a routed role reads: those with all of these flags ticked (the flags its routing Notifications
# fire on, customer_feedback/setup/notifications.py). Read access follows the flag, not the Notification's
# recipients, so an administrator's change of who is emailed never widens who reads.
ROUTED_CASE_FLAGS = {
	SAFEGUARDING_LEAD: ("safeguarding",),
	PREVENTION_MANAGER: ("safeguarding",),
	DUTY_OFFICER: ("safeguarding", "received_out_of_hours"),
	INSURANCE_CONTACT: ("compensation_claim",),
	INFORMATION_GOVERNANCE: ("data_protection",),
}

# Notifications that carry a secret for one person, sent by our code off the timeline (customer_feedback.mail).
RECEIPT_NOTIFICATION = "Feedback Received (Copy to Customer)"
SURVEY_INVITATION = "Feedback Survey Invitation"
