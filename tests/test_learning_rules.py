"""A Learning record's dates and review, and when an action is overdue, without Frappe. The case was received
Thu 19 Dec 2024; today is Thu 2 Jan 2025."""

import datetime as dt

from customer_feedback.learning_rules import (
	ACCEPTED,
	MORE_ACTION_NEEDED,
	ActionDates,
	LearningRuleError,
	action_errors,
	is_overdue,
	review_errors,
)

D = dt.date
RECEIVED = D(2024, 12, 19)
TODAY = D(2025, 1, 2)


def action_messages(*actions: ActionDates) -> list[str]:
	return [str(error) for error in action_errors(actions, RECEIVED, TODAY)]


def review_messages(reviewed_on=None, outcome="", notes="") -> list[str]:
	return [str(error) for error in review_errors(reviewed_on, outcome, notes, RECEIVED, TODAY)]


def test_overdue_from_the_day_after_it_was_due_until_done():
	due = D(2025, 1, 10)
	assert not is_overdue(due, None, D(2025, 1, 10))
	assert is_overdue(due, None, D(2025, 1, 11))
	assert not is_overdue(due, D(2025, 1, 12), D(2025, 1, 20))
	assert not is_overdue(None, None, TODAY)


def test_good_action_dates_pass():
	assert action_messages(ActionDates(1, D(2025, 1, 10), None), ActionDates(2, RECEIVED, RECEIVED)) == []
	assert action_messages(ActionDates(1, D(2025, 1, 10), TODAY)) == []


def test_each_bad_action_date_names_its_row_and_field():
	[due] = action_messages(ActionDates(3, D(2024, 12, 18), None))
	assert due.startswith("Actions row 3: Due On (2024-12-18) is before the case was received (2024-12-19)")
	[done] = action_messages(ActionDates(1, D(2025, 1, 10), D(2024, 12, 1)))
	assert "Done On (2024-12-01) is before the case was received" in done
	[future] = action_messages(ActionDates(2, D(2025, 1, 10), D(2025, 1, 3)))
	assert future.startswith("Actions row 2: Done On (2025-01-03) is in the future")
	errors = action_errors([ActionDates(1, D(2024, 1, 1), D(2024, 1, 1))], RECEIVED, TODAY)
	assert len(errors) == 2 and all(isinstance(error, LearningRuleError) for error in errors)


def test_a_good_review_passes():
	assert review_messages() == []
	assert review_messages(TODAY, ACCEPTED) == []
	assert review_messages(RECEIVED, MORE_ACTION_NEEDED, "Share it with the other teams.") == []


def test_each_bad_review_names_the_field():
	assert "Review Outcome" in review_messages(TODAY)[0]
	assert review_messages(D(2025, 1, 3), ACCEPTED) == [
		"Reviewed On (2025-01-03) is in the future: give the day the review took place."
	]
	assert "before the case was received" in review_messages(D(2024, 12, 1), ACCEPTED)[0]
	assert "Review Notes" in review_messages(TODAY, MORE_ACTION_NEEDED, "  ")[0]
	assert "must be one of" in review_messages(TODAY, "Rejected")[0]
