"""After the response (Feedback's mixin): what the policy asks to be recorded before a case closes."""

import frappe

from customer_feedback.closing_rules import ClosingFacts, ClosingRuleError, what_closing_needs
from customer_feedback.constants import CLOSED
from customer_feedback.exceptions import ClosingRefusedError, rule_message


class CaseFollowUp:
	def closing_facts(self) -> ClosingFacts:
		return ClosingFacts(
			feedback_type=self.feedback_type,
			learning_recorded=bool(
				not self.is_new() and frappe.db.exists("Learning", {"feedback": self.name})
			),
			no_learning_reason=self.no_learning_reason or "",
			comment_evaluation=self.comment_evaluation or "",
			thanked_on=self.thanked_on,
			withdrawn=self.outcome == "Withdrawn",
		)

	def what_closing_needs(self, rules) -> list[ClosingRuleError]:
		return what_closing_needs(rules.closing, self.closing_facts())

	def refuse_closing_too_soon(self, rules):
		"""The Close action (and closing after no reply, which the sweep holds first) refused while the
		policy's follow-up is missing. A case settled at first contact closes as it is recorded."""
		if self.status != CLOSED or self.resolved_at_first_contact:
			return
		before = self.get_doc_before_save()
		if before and before.status == CLOSED:
			return
		missing = self.what_closing_needs(rules)
		if missing:
			frappe.throw(rule_message(missing[0]), ClosingRefusedError)
