"""A case's clock rules at named dates, without Frappe. England; working days after Thu 19 Dec 2024:
1 Fri 20, 2 Mon 23, 3 Tue 24, 4 Fri 27, 5 Mon 30, 6 Tue 31, 7 Thu 2 Jan, 8 Fri 3, 9 Mon 6, 10 Tue 7."""

import datetime as dt

import pytest

from customer_feedback.case_rules import (
	CaseRuleError,
	Clock,
	StagePeople,
	check_extension,
	clock_outcome,
	closes_for_no_reply_on,
	due_soon_limit,
	independence_conflicts,
	is_out_of_hours,
	is_paused_on,
	next_update_due,
	pause_spans,
	sla_status,
)
from customer_feedback.working_days import calendar_for

D = dt.date
ENGLAND = calendar_for("ENG")
MON_6 = D(2025, 1, 6)
DUE_SOON_FROM_MON_6 = D(2025, 1, 8)  # two working days on


@pytest.mark.parametrize(
	"clock, expected, why",
	[
		(Clock(D(2025, 1, 10), None, D(2025, 1, 20), None), "On Track", "both deadlines well ahead"),
		(Clock(D(2025, 1, 8), None, D(2025, 1, 20), None), "Due Soon", "acknowledgement due within two days"),
		(Clock(D(2025, 1, 3), None, D(2025, 1, 20), None), "Overdue", "not acknowledged in time"),
		(
			Clock(D(2025, 1, 3), D(2025, 1, 2), D(2025, 1, 20), None),
			"On Track",
			"acknowledged: the response counts",
		),
		(Clock(D(2025, 1, 3), D(2025, 1, 2), D(2025, 1, 6), None), "Due Soon", "response due today"),
		(Clock(D(2025, 1, 3), D(2025, 1, 2), D(2025, 1, 3), None), "Overdue", "response late"),
		(Clock(None, None, D(2025, 1, 3), D(2025, 1, 3)), "Met", "answered on the last day"),
		(Clock(None, None, D(2025, 1, 3), D(2025, 1, 6)), "Missed", "answered a day late"),
		(Clock(D(2025, 1, 3), None, D(2025, 1, 3), None, paused=True), "Paused", "a pause beats overdue"),
		(Clock(None, None, None, None), "On Track", "no targets at all"),
	],
)
def test_sla_status(clock, expected, why):
	assert sla_status(clock, MON_6, DUE_SOON_FROM_MON_6) == expected, why


def test_due_soon_limit_counts_working_days():
	assert due_soon_limit(ENGLAND, MON_6) == DUE_SOON_FROM_MON_6
	assert due_soon_limit(ENGLAND, D(2024, 12, 24), 2) == D(2024, 12, 30)  # over Christmas


def test_clock_outcome_takes_paused_days_off_the_days_taken():
	clock = Clock(D(2024, 12, 30), D(2024, 12, 20), D(2025, 1, 8), None)
	assert clock_outcome(ENGLAND, D(2024, 12, 19), clock, [], MON_6) == ("Due Soon", 9)
	paused = [(D(2024, 12, 23), D(2024, 12, 27))]  # Mon 23, Tue 24, Fri 27
	assert clock_outcome(ENGLAND, D(2024, 12, 19), clock, paused, MON_6)[1] == 6
	answered = Clock(clock.acknowledge_by, clock.acknowledged_on, clock.respond_by, D(2025, 1, 3))
	assert clock_outcome(ENGLAND, D(2024, 12, 19), answered, [], MON_6) == ("Met", 8)


@pytest.mark.parametrize(
	"days, limit, beyond, reason, message",
	[
		(-1, 10, None, "x", "Extension Days is -1"),
		(5, 10, None, " ", "Extension Reason is empty"),
		(12, 10, None, "Waiting for CCTV", "beyond this stage's limit of 10"),
	],
)
def test_extension_refused(days, limit, beyond, reason, message):
	with pytest.raises(CaseRuleError, match=message):
		check_extension(days, limit, beyond, reason)


def test_extension_accepted():
	check_extension(0, 0, None, None)
	check_extension(10, 10, None, "Waiting for CCTV")
	check_extension(12, 10, "The customer asked for time", "Waiting for documents")


def test_independence_conflicts_name_the_field_the_user_and_the_stage():
	earlier = [StagePeople(1, "aisha@x", "mary@x"), StagePeople(2, "gareth@x", None)]
	assert independence_conflicts("helen@x", "david@x", earlier) == []
	assert independence_conflicts("mary@x", "gareth@x", earlier) == [
		("handler", "mary@x", 1),
		("reviewer", "gareth@x", 2),
	]
	assert independence_conflicts(None, None, earlier) == []


def test_pause_spans_and_pause_on_a_day():
	pauses = [(D(2024, 12, 23), D(2024, 12, 27)), (D(2025, 1, 2), None), (None, None)]
	assert pause_spans(pauses, MON_6) == [(D(2024, 12, 23), D(2024, 12, 27)), (D(2025, 1, 2), MON_6)]
	assert is_paused_on(pauses, MON_6)
	assert not is_paused_on(pauses, D(2024, 12, 30))
	with pytest.raises(CaseRuleError, match="ends on 2024-12-23 before it starts on 2024-12-30"):
		pause_spans([(D(2024, 12, 30), D(2024, 12, 23))], MON_6)


@pytest.mark.parametrize(
	"received, out_of_hours",
	[
		(dt.datetime(2024, 12, 19, 10, 0), False),
		(dt.datetime(2024, 12, 19, 8, 59), True),
		(dt.datetime(2024, 12, 19, 17, 0), True),
		(dt.datetime(2024, 12, 21, 10, 0), True),  # Saturday
		(dt.datetime(2024, 12, 25, 10, 0), True),  # Christmas Day
	],
)
def test_out_of_hours(received, out_of_hours):
	assert is_out_of_hours(ENGLAND, received, 9, 17) is out_of_hours


def test_progress_updates_and_closing_after_no_reply():
	assert next_update_due(ENGLAND, D(2024, 12, 19), 10) == D(2025, 1, 7)
	assert next_update_due(ENGLAND, D(2024, 12, 19), 0) is None
	assert next_update_due(ENGLAND, None, 10) is None
	assert closes_for_no_reply_on(ENGLAND, MON_6, 20) == D(2025, 2, 3)
	assert closes_for_no_reply_on(ENGLAND, MON_6, 0) is None
