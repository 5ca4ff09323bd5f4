"""Suggestions, comments, representations and late feedback answered (Feedback's mixin): a suggestion's
outcome and a representation's decision before the response is sent, a comment's evaluation dated, and a
promised date in the future. The rules are customer_feedback.answer_rules; the letters that tell the
customer are customer_feedback.letters (Suggestion Outcome, Delay Notice)."""

import frappe
from frappe.utils import getdate, nowdate

from customer_feedback.answer_rules import expected_date_problem, response_needs
from customer_feedback.constants import RESPONDED
from customer_feedback.exceptions import FollowUpError, rule_message


class CaseAnswer:
	def validate_answer(self):
		before = self.get_doc_before_save()
		# The Send Response action; a move by the procedure's own rule (Feedback.move_by_rule) is not a reply.
		responding = self.status == RESPONDED and (not before or before.status != RESPONDED)
		if responding and not self.flags.moved_by_rule:
			problem = response_needs(
				self.feedback_type, self.suggestion_outcome or "", self.representation_outcome or ""
			)
			if problem:
				frappe.throw(rule_message(problem), FollowUpError)
		changed = not before or str(before.expected_response_on or "") != str(self.expected_response_on or "")
		problem = expected_date_problem(
			getdate(self.expected_response_on) if self.expected_response_on else None,
			getdate(nowdate()),
			changed,
		)
		if problem:
			frappe.throw(rule_message(problem), FollowUpError)
		if (self.comment_evaluation or "").strip() and not self.evaluated_on:
			self.evaluated_on = getdate(nowdate())
