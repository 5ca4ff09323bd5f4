"""A compliment reaches the people praised (Feedback's mixin): who passed it on and when, recorded once, and
the editable Notification "Compliment Passed On" sent once with it (setup/notifications.py).

Why the platform's "Method" event: the case calls it on the one save that records the passing on, so it is
sent once whether the praised staff were named on recording or added later; "New" would miss the later
ones and "Value Change" the first ones. The email carries the staff's own brief of the compliment, never
the description or the customer's name: praised staff who do not handle cases cannot open the case.
"""

import frappe
from frappe.utils import now_datetime

from customer_feedback.answer_rules import Praised, bulletin_problem, passes_on, praised_row_problem
from customer_feedback.exceptions import FollowUpError, rule_message

# The Notification's Method: also a doc event other apps may hook (run_method).
PASSED_ON_METHOD = "compliment_passed_on"


class CaseCompliment:
	def validate_compliment(self):
		problem = praised_row_problem(
			Praised(row.praised_user or "", row.praised_name or "", row.team or "") for row in self.praised
		) or bulletin_problem(bool(self.for_bulletin), self.bulletin_summary or "")
		if problem:
			frappe.throw(rule_message(problem), FollowUpError)
		if passes_on(self.feedback_type, bool(self.passed_on_on), len(self.praised), self.service_area or ""):
			self.passed_on_by = frappe.session.user
			self.passed_on_on = now_datetime()
			self.flags.compliment_passed_on = True

	def pass_compliment_on(self):
		"""After the save that recorded the passing on: the Notification, hooks and server scripts."""
		if self.flags.pop("compliment_passed_on", None):
			self.run_method(PASSED_ON_METHOD)
