"""What a case needs before it may close, under its policy's closing rules, without Frappe."""

import datetime as dt

import pytest

from customer_feedback.case_rules import case_rules_from_policy
from customer_feedback.closing_rules import (
	LEARNING_FOR_ALL,
	LEARNING_FOR_COMPLAINTS,
	LEARNING_NOT_REQUIRED,
	ClosingFacts,
	ClosingRuleError,
	ClosingRules,
	needs_learning,
	what_closing_needs,
)

SOLIHULL = ClosingRules(learning_before_closing=LEARNING_FOR_COMPLAINTS)
DEVON = ClosingRules(learning_before_closing=LEARNING_FOR_ALL, senior_thank_you=True)
CODE = ClosingRules()
TYPES = ("Complaint", "Compliment", "Comment", "Suggestion", "Representation", "Service Request")


def messages(rules, **facts) -> list[str]:
	return [str(error) for error in what_closing_needs(rules, ClosingFacts(**facts))]


def test_the_code_asks_nothing_of_any_type():
	assert CODE.learning_before_closing == LEARNING_NOT_REQUIRED
	for feedback_type in TYPES:
		assert what_closing_needs(CODE, ClosingFacts(feedback_type=feedback_type)) == []


def test_complaints_need_learning_and_other_types_do_not():
	[error] = what_closing_needs(SOLIHULL, ClosingFacts(feedback_type="Complaint"))
	assert isinstance(error, ClosingRuleError)
	assert "add a Learning record" in str(error) and "No Learning: Why" in str(error)
	assert "before a complaint closes" in str(error)
	for feedback_type in TYPES[1:]:
		assert messages(SOLIHULL, feedback_type=feedback_type) == []


def test_all_feedback_needs_learning_of_every_type():
	for feedback_type in TYPES:
		assert needs_learning(ClosingRules(learning_before_closing=LEARNING_FOR_ALL), feedback_type)
		assert (
			f"before a {feedback_type.lower()} closes"
			in messages(ClosingRules(learning_before_closing=LEARNING_FOR_ALL), feedback_type=feedback_type)[
				0
			]
		)


def test_learning_recorded_or_a_reason_lets_it_close_and_a_blank_reason_does_not():
	assert messages(SOLIHULL, feedback_type="Complaint", learning_recorded=True) == []
	assert messages(SOLIHULL, feedback_type="Complaint", no_learning_reason="Nothing to change.") == []
	assert len(messages(SOLIHULL, feedback_type="Complaint", no_learning_reason="  \n ")) == 1


def test_a_withdrawn_complaint_owes_no_learning():
	assert messages(SOLIHULL, feedback_type="Complaint", withdrawn=True) == []
	assert (
		messages(
			ClosingRules(learning_before_closing=LEARNING_FOR_ALL), feedback_type="Comment", withdrawn=True
		)
		== []
	)


def test_an_evaluated_comment_needs_its_evaluation():
	rules = ClosingRules(evaluate_comments=True)
	assert "fill Evaluation" in messages(rules, feedback_type="Comment")[0]
	assert messages(rules, feedback_type="Comment", comment_evaluation="Passed to the service.") == []
	assert messages(rules, feedback_type="Suggestion") == []


def test_a_compliment_needs_the_senior_managers_thank_you_where_asked():
	found = messages(DEVON, feedback_type="Compliment", learning_recorded=True)
	assert len(found) == 1 and "thank" in found[0]
	assert (
		messages(DEVON, feedback_type="Compliment", learning_recorded=True, thanked_on=dt.date(2025, 1, 2))
		== []
	)


def test_every_missing_thing_in_the_order_staff_put_them_right():
	found = messages(DEVON, feedback_type="Compliment")
	assert len(found) == 2
	assert "Learning" in found[0] and "thank" in found[1]


@pytest.mark.parametrize(
	("stored", "expected"),
	[(None, LEARNING_NOT_REQUIRED), ("", LEARNING_NOT_REQUIRED), ("Complaints", LEARNING_FOR_COMPLAINTS)],
)
def test_a_policy_without_the_setting_is_not_required(stored, expected):
	policy = {"name": "P", "learning_before_closing": stored}
	rules = case_rules_from_policy(policy)
	assert rules.closing.learning_before_closing == expected
