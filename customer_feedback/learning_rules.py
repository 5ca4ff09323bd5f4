"""What makes a Learning record's dates and review right, and when an action is overdue. No Frappe import:
the Learning controller reads the facts, asks these rules, and refuses with the first message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from customer_feedback.rule_errors import RuleError, _

ACCEPTED = "Accepted"
MORE_ACTION_NEEDED = "More action needed"
REVIEW_OUTCOMES = (ACCEPTED, MORE_ACTION_NEEDED)


class LearningRuleError(RuleError):
	"""A Learning record that cannot be saved as it stands; the message names the field and the fix."""


@dataclass(frozen=True, slots=True)
class ActionDates:
	row: int  # the row's number in the Actions table, as staff see it
	due_on: dt.date | None
	done_on: dt.date | None


def is_overdue(due_on: dt.date | None, done_on: dt.date | None, today: dt.date) -> bool:
	"""An action not done by the end of its due day is overdue from the next day."""
	return bool(due_on) and not done_on and due_on < today


def action_errors(
	actions: Iterable[ActionDates], received_on: dt.date, today: dt.date
) -> list[LearningRuleError]:
	"""Each action's dates: not before the case was received; done on no later than today."""
	errors: list[LearningRuleError] = []
	for action in actions:
		if action.due_on and action.due_on < received_on:
			errors.append(
				LearningRuleError(
					_(
						"Actions row {0}: Due On ({1}) is before the case was received ({2}): give a date on or after it."
					),
					action.row,
					action.due_on.isoformat(),
					received_on.isoformat(),
				)
			)
		if action.done_on and action.done_on < received_on:
			errors.append(
				LearningRuleError(
					_(
						"Actions row {0}: Done On ({1}) is before the case was received ({2}): give the day the action was done."
					),
					action.row,
					action.done_on.isoformat(),
					received_on.isoformat(),
				)
			)
		if action.done_on and action.done_on > today:
			errors.append(
				LearningRuleError(
					_(
						"Actions row {0}: Done On ({1}) is in the future: record it on the day the action is done."
					),
					action.row,
					action.done_on.isoformat(),
				)
			)
	return errors


def review_errors(
	reviewed_on: dt.date | None,
	outcome: str,
	notes: str,
	received_on: dt.date,
	today: dt.date,
) -> list[LearningRuleError]:
	"""A review has its outcome and its date together, on a day between the case's receipt and today; "More
	action needed" says which."""
	errors: list[LearningRuleError] = []
	if reviewed_on and not outcome:
		errors.append(
			LearningRuleError(
				_("Reviewed On is set without a Review Outcome: choose the outcome, or clear the date.")
			)
		)
	if outcome and outcome not in REVIEW_OUTCOMES:
		errors.append(LearningRuleError(_("Review Outcome must be one of: {0}."), ", ".join(REVIEW_OUTCOMES)))
	if reviewed_on and reviewed_on > today:
		errors.append(
			LearningRuleError(
				_("Reviewed On ({0}) is in the future: give the day the review took place."),
				reviewed_on.isoformat(),
			)
		)
	if reviewed_on and reviewed_on < received_on:
		errors.append(
			LearningRuleError(
				_(
					"Reviewed On ({0}) is before the case was received ({1}): give the day the review took place."
				),
				reviewed_on.isoformat(),
				received_on.isoformat(),
			)
		)
	if outcome == MORE_ACTION_NEEDED and not (notes or "").strip():
		errors.append(
			LearningRuleError(_('Review Outcome is "More action needed": say which in Review Notes.'))
		)
	return errors
