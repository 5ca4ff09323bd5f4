"""Contact restrictions' rules at named dates, without Frappe."""

import datetime as dt

import pytest

from customer_feedback.restriction_rules import (
	NOT_RESTRICTED,
	RESTRICT,
	add_months,
	check_restriction,
	default_review_on,
	is_active,
)
from customer_feedback.rule_errors import RuleError

D = dt.date
MAR_1, MAR_31, APR_1 = D(2025, 3, 1), D(2025, 3, 31), D(2025, 4, 1)


def test_active_from_its_first_day_to_its_last():
	assert not is_active(RESTRICT, MAR_1, MAR_31, D(2025, 2, 28))
	assert is_active(RESTRICT, MAR_1, MAR_31, MAR_1)
	assert is_active(RESTRICT, MAR_1, MAR_31, MAR_31)
	assert not is_active(RESTRICT, MAR_1, MAR_31, APR_1)


def test_an_open_end_runs_on_and_a_decision_not_to_restrict_is_never_active():
	assert is_active(RESTRICT, MAR_1, None, D(2030, 1, 1))
	assert not is_active(NOT_RESTRICTED, MAR_1, None, MAR_31)
	assert not is_active(RESTRICT, None, None, MAR_31)


def test_review_date_is_the_start_plus_the_policys_months():
	assert default_review_on(MAR_1, 6) == D(2025, 9, 1)
	assert add_months(D(2025, 8, 31), 6) == D(2026, 2, 28)
	assert add_months(D(2025, 11, 30), 3) == D(2026, 2, 28)
	assert default_review_on(MAR_1, 0) is None


def check(**overrides):
	values = dict(
		decision=RESTRICT,
		decided_on=MAR_1,
		today=MAR_31,
		warning_required=False,
		starts_on=MAR_1,
		has_restrictions=True,
	)
	values.update(overrides)
	check_restriction(**values)


def test_a_sound_restriction_and_a_decision_not_to_restrict_pass():
	check()
	check(warning_required=True, warned_on=D(2025, 2, 14), ends_on=MAR_31, review_on=MAR_31)
	check(decision=NOT_RESTRICTED, starts_on=None, has_restrictions=False)


@pytest.mark.parametrize(
	("overrides", "field"),
	[
		({"decision": "Ban them"}, "Decision"),
		({"decided_on": APR_1}, "Decided On"),
		({"warning_required": True}, "Customer Warned On is empty"),
		({"warned_on": MAR_1}, "Customer Warned On"),
		({"has_restrictions": False}, "Restrictions is empty"),
		({"starts_on": None}, "Starts On is empty"),
		({"starts_on": D(2025, 2, 1)}, "Starts On"),
		({"ends_on": D(2025, 2, 28), "starts_on": MAR_31}, "Ends On"),
		({"review_on": D(2025, 2, 28)}, "Review On"),
		({"customer_told_on": D(2025, 2, 28)}, "Customer Told On"),
		({"customer_told_on": APR_1}, "Customer Told On"),
		({"decision": NOT_RESTRICTED}, "Restrictions: a decision not to restrict"),
	],
)
def test_each_bad_input_is_refused_naming_its_field(overrides, field):
	with pytest.raises(RuleError) as raised:
		check(**overrides)
	assert str(raised.value).startswith(field)
