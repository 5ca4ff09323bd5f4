"""The Codes' self-assessment judgements from a policy's figures, without Frappe."""

from customer_feedback.self_assessment import (
	HOUSING_CODE,
	LGSCO_CODE,
	NO,
	YES,
	AssessmentFacts,
	StageFacts,
	assess,
)

CODE_STAGES = (
	StageFacts(1, acknowledge_days=5, respond_days=10, respond_from="Acknowledgement", max_extension_days=10),
	StageFacts(
		2,
		acknowledge_days=5,
		respond_days=20,
		respond_from="Acknowledgement",
		max_extension_days=20,
		independent_handler=True,
	),
)


def judged(code, facts):
	return {req.judge: judgement for req, judgement in assess(code, facts) if req.judge}


def test_the_codes_own_figures_comply():
	facts = AssessmentFacts(
		"Code", "2025/26", CODE_STAGES, time_limit_months=12, responded=40, responded_in_time=35
	)
	answers = judged(LGSCO_CODE, facts)
	for key in (
		"two_stages",
		"stage_1_acknowledge",
		"stage_1_respond",
		"stage_2_respond",
		"stage_2_independent",
	):
		assert answers[key].complies == YES, key
	assert answers["performance"].complies is None
	assert (
		answers["performance"].evidence
		== "In 2025/26, 35 of 40 stage responses (87.5%) were sent within timescale."
	)


def test_a_response_counted_from_receipt_or_longer_does_not_comply():
	stages = (StageFacts(1, acknowledge_days=7, respond_days=10, respond_from="Receipt of stage"),)
	answers = judged(LGSCO_CODE, AssessmentFacts("Bedfordshire", "2025/26", stages))
	assert answers["stage_1_acknowledge"].complies == NO
	assert answers["stage_1_respond"].complies == NO
	assert "of the receipt of stage" in answers["stage_1_respond"].evidence
	assert answers["two_stages"].complies == NO
	assert answers["stage_2_independent"].complies == NO
	assert answers["time_limit"].complies is None


def test_the_housing_code_has_its_own_rows():
	lgsco = {req.text for req, _ in assess(LGSCO_CODE, AssessmentFacts("Code", "2025/26", CODE_STAGES))}
	housing = {req.text for req, _ in assess(HOUSING_CODE, AssessmentFacts("Code", "2025/26", CODE_STAGES))}
	assert any("Housing Ombudsman" in text for text in housing - lgsco)
	assert every_section_present(HOUSING_CODE)


def every_section_present(code):
	return {req.section for req, _ in assess(code, AssessmentFacts("Code", "2025/26"))} == set(range(1, 10))
