"""The case's workflow state and its status move together (Feedback's mixin): only the workflow's actions
move them, and code moving the status by rule keeps the state in step."""

import frappe
from frappe import _

from customer_feedback.exceptions import StatusBypassError


class CaseWorkflow:
	def validate_workflow(self):
		# Escalation, referral and closing after no reply move the case by rule, not by a user's workflow
		# action, so they need no transition an administrator might rename or remove.
		if self.flags.moved_by_rule:
			return
		super().validate_workflow()
		self.refuse_status_set_directly()

	def refuse_status_set_directly(self):
		"""The workflow's actions move `status` (through the state's update field), checking who may and when.
		A status or state written on its own (a REST PUT, an import) would skip those checks: refused."""
		implied = self.status_for_workflow_state()
		if not implied or implied == self.status:
			return
		frappe.throw(
			_(
				"Status {0} does not match the workflow state {1}: the two move together with the case's workflow actions (Acknowledge, Send Response, Close and the others in the Actions menu), which check who may take them and when. Take the action from the Actions menu instead of setting either field."
			).format(_(self.status), _(self.workflow_state or "")),
			StatusBypassError,
		)

	def workflow_statuses(self) -> tuple[str | None, dict[str, str]]:
		"""The workflow's state field and the status each state sets (through its update field), from the
		cached Workflow: read on every save, so no query once cached."""
		from frappe.model.workflow import get_workflow_name

		workflow = get_workflow_name(self.doctype)
		if not workflow:
			return None, {}
		doc = frappe.get_cached_doc("Workflow", workflow)
		statuses = {row.state: row.update_value for row in doc.states if row.update_field == "status"}
		return doc.workflow_state_field, statuses

	def status_for_workflow_state(self) -> str | None:
		"""The status the case's workflow state sets, if the state sets one."""
		state_field, statuses = self.workflow_statuses()
		return statuses.get(self.get(state_field)) if state_field else None

	def set_workflow_state_for_status(self):
		"""Keep the workflow's own state in step when code moves `status`: the state whose update field sets
		this status, whatever an administrator has named it."""
		state_field, statuses = self.workflow_statuses()
		state = next((state for state, status in statuses.items() if status == self.status), None)
		if state:
			self.set(state_field, state)
