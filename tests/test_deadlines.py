"""Deadline rules of the presets, at named dates. No Frappe needed.

Working days in England after Thursday 19 December 2024 (25, 26 Dec and 1 Jan are bank holidays):
1 Fri 20 Dec, 2 Mon 23, 3 Tue 24, 4 Fri 27, 5 Mon 30, 6 Tue 31, 7 Thu 2 Jan, 8 Fri 3, 9 Mon 6, 10 Tue 7,
11 Wed 8, 15 Tue 14, 20 Tue 21, 25 Tue 28, 30 Tue 4 Feb, then every fifth is a Tuesday to 65 Tue 25 Mar.
"""

import datetime as dt

import pytest

from customer_feedback.deadlines import (
	PolicyRuleError,
	calendar_from_policy,
	compute_deadlines,
	rules_from_policy,
)
from customer_feedback.setup import policy_presets as presets

D = dt.date
THU_19_DEC = D(2024, 12, 19)


def deadlines(policy_name, feedback_type, received=THU_19_DEC, **kwargs):
	policy = presets.preset(policy_name)
	result = compute_deadlines(
		calendar_from_policy(policy), rules_from_policy(policy), feedback_type, received, **kwargs
	)
	return result.acknowledge_by, result.respond_by


@pytest.mark.parametrize(
	"policy, feedback_type, kwargs, expected, why",
	[
		(
			presets.CODE,
			"Complaint",
			{},
			(D(2024, 12, 30), D(2025, 1, 14)),
			"Code stage 1: 10 from the ack deadline",
		),
		(
			presets.CODE,
			"Complaint",
			{"acknowledged_on": D(2024, 12, 20)},
			(D(2024, 12, 30), D(2025, 1, 8)),
			"Code stage 1: 10 from the actual acknowledgement",
		),
		(
			presets.CODE,
			"Complaint",
			{"stage": 2},
			(D(2024, 12, 30), D(2025, 1, 28)),
			"Code stage 2: 5, then 20",
		),
		(presets.CODE, "Compliment", {}, (None, None), "the Code sets no compliment targets"),
		(
			presets.NORTHAMPTONSHIRE,
			"Complaint",
			{},
			(D(2024, 12, 30), D(2025, 1, 7)),
			"NFRS: 10 working days",
		),
		(
			presets.NORTHAMPTONSHIRE,
			"Complaint",
			{"stage": 2},
			(D(2024, 12, 30), D(2025, 1, 7)),
			"NFRS stage 2",
		),
		(
			presets.NORTHAMPTONSHIRE,
			"Complaint",
			{"stage": 3},
			(D(2024, 12, 30), D(2025, 1, 28)),
			"NFRS stage 3 (OPFCC): the Code's stage 2",
		),
		(
			presets.BEDFORDSHIRE,
			"Complaint",
			{},
			(D(2025, 1, 2), D(2025, 1, 7)),
			"Bedfordshire: ack 7, 10 days",
		),
		(
			presets.BEDFORDSHIRE,
			"Complaint",
			{"stage": 3},
			(D(2024, 12, 30), D(2025, 1, 7)),
			"Bedfordshire stage 3",
		),
		(
			presets.SOLIHULL,
			"Complaint",
			{},
			(D(2024, 12, 30), D(2025, 1, 21)),
			"Solihull stage 1: 20 from report",
		),
		(
			presets.SOLIHULL,
			"Complaint",
			{"complexity": "Complex"},
			(D(2024, 12, 30), D(2025, 2, 4)),
			"Solihull complex: 30",
		),
		(
			presets.SOLIHULL,
			"Complaint",
			{"stage": 2},
			(D(2024, 12, 30), D(2025, 1, 7)),
			"Solihull stage 2: 10",
		),
		(
			presets.SOLIHULL,
			"Complaint",
			{"stage": 2, "complexity": "Complex"},
			(D(2024, 12, 30), D(2025, 1, 21)),
			"Solihull stage 2 complex: 20",
		),
		(
			presets.COUNCIL,
			"Compliment",
			{},
			(D(2024, 12, 30), None),
			"council: compliments acknowledged in 5",
		),
		(presets.COUNCIL, "Comment", {}, (None, D(2024, 12, 30)), "council: comments answered in 5"),
		(presets.COUNCIL, "Representation", {}, (None, None), "council: representations have no target"),
		(presets.COUNCIL, "Service Request", {}, (None, None), "no row: no target"),
		(presets.DEVON, "Compliment", {}, (D(2024, 12, 24), None), "Devon: compliments acknowledged in 3"),
		(presets.DEVON, "Suggestion", {}, (D(2024, 12, 24), D(2025, 1, 7)), "Devon suggestion: 3 and 10"),
		(
			presets.DEVON,
			"Suggestion",
			{"social_care": True},
			(D(2024, 12, 24), D(2025, 1, 21)),
			"Devon social care suggestion: 20",
		),
		(
			presets.DEVON,
			"Complaint",
			{},
			(D(2024, 12, 24), D(2025, 1, 7)),
			"Devon local resolution: 3 and 10",
		),
		(
			presets.DEVON,
			"Complaint",
			{"social_care": True},
			(D(2024, 12, 24), D(2025, 1, 21)),
			"Devon local resolution, social care: 20",
		),
		(
			presets.DEVON,
			"Complaint",
			{"stage": 2},
			(D(2024, 12, 24), D(2025, 1, 28)),
			"Devon investigation: 25",
		),
		(
			presets.DEVON,
			"Complaint",
			{"stage": 2, "social_care": True},
			(D(2024, 12, 24), D(2025, 3, 25)),
			"Devon investigation, social care: 65",
		),
		(
			presets.DEVON,
			"Complaint",
			{"stage": 3},
			(D(2024, 12, 24), D(2025, 2, 4)),
			"Devon corporate review: 30",
		),
	],
)
def test_preset_deadlines(policy, feedback_type, kwargs, expected, why):
	assert deadlines(policy, feedback_type, **kwargs) == expected, why


def test_pause_moves_the_response_by_the_working_days_paused():
	# Mediation Mon 6 to Fri 10 Jan 2025: five working days after the acknowledgement deadline.
	pause = [(D(2025, 1, 6), D(2025, 1, 10))]
	assert deadlines(presets.CODE, "Complaint", pauses=pause) == (D(2024, 12, 30), D(2025, 1, 21))


def test_extension_moves_the_response():
	assert deadlines(presets.CODE, "Complaint", extension_days=10) == (D(2024, 12, 30), D(2025, 1, 28))


def test_cutoff_applies_only_when_ticked():
	late = dt.datetime(2024, 12, 19, 17, 30)
	policy = {**presets.preset(presets.NORTHAMPTONSHIRE), "cutoff_time": dt.timedelta(hours=17)}
	assert calendar_from_policy(policy).day_zero(late) == THU_19_DEC
	policy["use_cutoff_time"] = 1  # MariaDB returns TIME columns as timedelta
	assert calendar_from_policy(policy).day_zero(late) == D(2024, 12, 20)
	policy["cutoff_time"] = "17:00:00"
	assert calendar_from_policy(policy).day_zero(late) == D(2024, 12, 20)


def test_calendar_from_policy_reads_nation_weekdays_and_dates():
	policy = {
		"bank_holidays": "Scotland",
		"saturday": 1,
		"calendar_dates": [
			{"date": "2024-12-27", "day_type": "Closed"},
			{"date": D(2024, 12, 29), "day_type": "Opened"},
		],
	}
	calendar = calendar_from_policy(policy)
	assert calendar.subdivision == "SCT"
	assert calendar.working_weekdays == {0, 1, 2, 3, 4, 5}
	assert not calendar.is_working_day(D(2024, 12, 27))
	assert calendar.is_working_day(D(2024, 12, 29))
	assert calendar.is_working_day(D(2024, 12, 28))


@pytest.mark.parametrize(
	"feedback_type, kwargs, message",
	[
		("Grumble", {}, "Unknown feedback type 'Grumble'"),
		("Complaint", {"stage": 3}, "Stage 3 does not exist: this policy has stages 1 to 2"),
		("Complaint", {"complexity": "Hard"}, "Unknown complexity 'Hard'"),
	],
)
def test_questions_the_policy_cannot_answer(feedback_type, kwargs, message):
	with pytest.raises(PolicyRuleError, match=message):
		deadlines(presets.CODE, feedback_type, **kwargs)


def test_rules_sort_stages_and_know_the_last():
	policy = presets.preset(presets.DEVON)
	shuffled = {**policy, "stages": list(reversed(policy["stages"]))}
	rules = rules_from_policy(shuffled)
	assert [s.stage_number for s in rules.stages] == [1, 2, 3]
	assert rules.last_stage_number == 3
	assert rules.stage(2).independent_handler


def test_every_preset_is_complete():
	"""Each preset names its source, says where it follows the Code, and numbers its stages 1..n."""
	assert len(presets.PRESETS) == 6
	for policy in presets.PRESETS:
		assert policy["source_document"] and policy["description"], policy["policy_name"]
		numbers = [s["stage_number"] for s in policy["stages"]]
		assert numbers == list(range(1, len(numbers) + 1)), policy["policy_name"]
		assert policy["external_body"] == "Local Government and Social Care Ombudsman"
		for row in policy["stages"]:
			assert not row["max_extension_days"] or row["extension_approver_role"], (
				policy["policy_name"],
				row,
			)
		if policy["policy_name"] != presets.CODE:
			assert "Code" in policy["description"], policy["policy_name"]
