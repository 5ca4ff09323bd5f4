"""What a case needs before it may close, under its policy: learning recorded (or why there is none), a
comment's evaluation, a senior manager's thank-you for a compliment. No Frappe import: the Feedback
controller (the Close action) and the sweep (closing after no reply) ask `what_closing_needs` with the facts
they read, and refuse, or hold, with the first message.
"""

from __future__ import annotations

from dataclasses import dataclass

from customer_feedback.constants import COMPLAINT, COMPLIMENT
from customer_feedback.rule_errors import RuleError, _

# Feedback Policy's "Learning Before Closing" (stored keys).
LEARNING_NOT_REQUIRED = "Not required"
LEARNING_FOR_COMPLAINTS = "Complaints"
LEARNING_FOR_ALL = "All feedback"
LEARNING_CHOICES = (LEARNING_NOT_REQUIRED, LEARNING_FOR_COMPLAINTS, LEARNING_FOR_ALL)


class ClosingRuleError(RuleError):
	"""The case may not close yet; the message names what to record and where."""


@dataclass(frozen=True, slots=True)
class ClosingRules:
	"""A policy's rules for closing (CaseRules.closing)."""

	learning_before_closing: str = LEARNING_NOT_REQUIRED
	evaluate_comments: bool = False
	senior_thank_you: bool = False


@dataclass(frozen=True, slots=True)
class ClosingFacts:
	feedback_type: str
	learning_recorded: bool = False  # at least one Learning record on the case
	no_learning_reason: str = ""
	comment_evaluation: str = ""
	thanked_on: object = None  # the senior manager's thank-you, a date or None
	withdrawn: bool = False  # a withdrawn complaint was never resolved, so owes no learning


def needs_learning(rules: ClosingRules, feedback_type: str) -> bool:
	if rules.learning_before_closing == LEARNING_FOR_ALL:
		return True
	return rules.learning_before_closing == LEARNING_FOR_COMPLAINTS and feedback_type == COMPLAINT


def what_closing_needs(rules: ClosingRules, facts: ClosingFacts) -> list[ClosingRuleError]:
	"""Every reason the case may not close yet, in the order staff would put them right; empty when it may."""
	missing: list[ClosingRuleError] = []
	if (
		needs_learning(rules, facts.feedback_type)
		and not facts.withdrawn
		and not facts.learning_recorded
		and not (facts.no_learning_reason or "").strip()
	):
		missing.append(
			ClosingRuleError(
				_(
					"The policy asks for learning before a {0} closes: add a Learning record (Connections, + Learning), or fill No Learning: Why on the Follow-up tab."
				),
				facts.feedback_type.lower(),
			)
		)
	if (
		rules.evaluate_comments
		and facts.feedback_type == "Comment"
		and not (facts.comment_evaluation or "").strip()
	):
		missing.append(
			ClosingRuleError(
				_("The policy evaluates every comment: fill Evaluation on the Follow-up tab before closing.")
			)
		)
	if rules.senior_thank_you and facts.feedback_type == COMPLIMENT and not facts.thanked_on:
		missing.append(
			ClosingRuleError(
				_(
					"The policy asks a senior manager to thank the staff praised: record Senior Manager's Thank-you By and Thank-you Sent On on the Follow-up tab before closing."
				)
			)
		)
	return missing
