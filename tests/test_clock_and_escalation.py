"""The one clock function, the escalation rule, a policy's rules and translatable errors, without Frappe.
England; working days after Thu 19 Dec 2024: 1 Fri 20, 2 Mon 23, 3 Tue 24, 4 Fri 27, 5 Mon 30, 6 Tue 31,
7 Thu 2 Jan, 8 Fri 3, 9 Mon 6, 10 Tue 7, 11 Wed 8."""

import datetime as dt

import pytest

from customer_feedback import case_rules
from customer_feedback.case_rules import (
	CaseRuleError,
	ClockFacts,
	EscalationFacts,
	case_rules_from_policy,
	escalation_block,
	in_procedure,
	read_clock,
)
from customer_feedback.constants import CLOSED, OPEN, REFER_TO_SERVICE_MANAGER, WITH_EXTERNAL_BODY
from customer_feedback.rule_errors import RuleError
from customer_feedback.setup.policy_presets import PRESETS

D = dt.date
RECEIVED = dt.datetime(2024, 12, 19, 10, 0)
THU_2_JAN = D(2025, 1, 2)
CODE = case_rules_from_policy(next(p for p in PRESETS if p["policy_name"] == "Complaint Handling Code"))
DEVON = case_rules_from_policy(next(p for p in PRESETS if p["policy_name"] == "Devon County Council"))


def test_a_stage_clock_counts_from_the_acknowledgement():
	unacknowledged = read_clock(CODE, ClockFacts("Complaint", RECEIVED, stage_number=1), THU_2_JAN)
	assert (unacknowledged.acknowledge_by, unacknowledged.respond_by) == (D(2024, 12, 30), D(2025, 1, 14))
	assert (unacknowledged.sla_status, unacknowledged.working_days_taken) == ("Overdue", 7)
	acknowledged = read_clock(
		CODE, ClockFacts("Complaint", RECEIVED, acknowledged_on=D(2024, 12, 20), stage_number=1), THU_2_JAN
	)
	assert (acknowledged.respond_by, acknowledged.sla_status) == (D(2025, 1, 8), "On Track")


def test_a_pause_moves_the_dates_and_an_open_pause_reads_paused():
	facts = ClockFacts(
		"Complaint",
		RECEIVED,
		acknowledged_on=D(2024, 12, 20),
		stage_number=1,
		pauses=((D(2024, 12, 23), D(2024, 12, 27)),),
	)
	assert read_clock(CODE, facts, THU_2_JAN).respond_by == D(2025, 1, 13)
	running = ClockFacts(
		"Complaint",
		RECEIVED,
		acknowledged_on=D(2024, 12, 20),
		stage_number=1,
		pauses=((D(2024, 12, 30), None),),
	)
	reading = read_clock(CODE, running, THU_2_JAN)
	assert (reading.respond_by, reading.sla_status) == (D(2025, 1, 13), "Paused")


def test_a_case_without_stages_is_timed_by_its_type():
	compliment = read_clock(DEVON, ClockFacts("Compliment", RECEIVED), THU_2_JAN)
	assert (compliment.acknowledge_by, compliment.respond_by) == (D(2024, 12, 24), None)
	suggestion = read_clock(DEVON, ClockFacts("Suggestion", RECEIVED, social_care=True), THU_2_JAN)
	assert (suggestion.acknowledge_by, suggestion.respond_by) == (D(2024, 12, 24), D(2025, 1, 21))


def test_a_pause_ending_before_it_starts_is_refused_with_a_translatable_message():
	facts = ClockFacts("Complaint", RECEIVED, stage_number=1, pauses=((D(2024, 12, 30), D(2024, 12, 23)),))
	with pytest.raises(CaseRuleError) as raised:
		read_clock(CODE, facts, THU_2_JAN)
	assert (
		str(raised.value)
		== "Pause ends on 2024-12-23 before it starts on 2024-12-30: give an end on or after the start."
	)
	# The sentence is kept apart from its values, so the Frappe side translates it before filling it in.
	assert (
		raised.value.template
		== "Pause ends on {0} before it starts on {1}: give an end on or after the start."
	)
	assert raised.value.params == ("2024-12-23", "2024-12-30")


def test_every_pure_error_is_a_rule_error():
	with pytest.raises(RuleError):
		CODE.stage(9)
	with pytest.raises(RuleError):
		CODE.deadlines("Grumble", RECEIVED)


def test_rules_carry_what_the_pages_and_the_sweep_need():
	assert (CODE.last_stage_number, CODE.stage(2).independent_handler) == (2, True)
	assert CODE.external_body.name == "Local Government and Social Care Ombudsman"
	assert CODE.stage_or_none(3) is None
	assert case_rules_from_policy({"policy_name": "Bare", "stages": []}).external_body is None


OPEN_AT_STAGE_1 = EscalationFacts(
	status=OPEN, in_procedure=True, compensation_claim=False, current_stage=1, last_stage_number=2
)


@pytest.mark.parametrize(
	"changes, by_staff, by_customer",
	[
		({}, None, case_rules.NOT_YET_ANSWERED),
		({"respond_by": D(2025, 1, 1)}, None, None),  # overdue: the customer need not wait
		({"respond_by": THU_2_JAN}, None, case_rules.NOT_YET_ANSWERED),  # due today, not yet late
		({"responded": True}, None, None),
		({"responded": True, "refused": True}, None, case_rules.REFUSED),
		({"responded": True, "current_stage": 2}, None, case_rules.LAST_STAGE),
		({"status": CLOSED}, case_rules.CASE_FINISHED, case_rules.CASE_FINISHED),
		({"status": WITH_EXTERNAL_BODY}, case_rules.CASE_FINISHED, case_rules.CASE_FINISHED),
		({"in_procedure": False}, case_rules.NOT_IN_PROCEDURE, case_rules.NOT_IN_PROCEDURE),
		({"compensation_claim": True}, case_rules.COMPENSATION_CLAIM, case_rules.COMPENSATION_CLAIM),
	],
)
def test_escalation_block(changes, by_staff, by_customer):
	facts = _with(changes)
	assert escalation_block(facts, THU_2_JAN, by_customer=False) == by_staff
	assert escalation_block(facts, THU_2_JAN, by_customer=True) == by_customer


def _with(changes):
	fields = {name: getattr(OPEN_AT_STAGE_1, name) for name in EscalationFacts.__slots__}
	return EscalationFacts(**{**fields, **changes})


def test_in_procedure_compares_keys_not_sentences():
	assert in_procedure("Complaint", False, None, CODE)
	assert not in_procedure("Complaint", False, REFER_TO_SERVICE_MANAGER, CODE)
	assert not in_procedure("Complaint", True, None, CODE)
	assert not in_procedure("Compliment", False, None, CODE)
