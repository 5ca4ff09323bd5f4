"""The Codes' self-assessment, without Frappe: each Code's requirements by section, and the judgements the
app can make from a policy's configuration and the year's records (the rest are the organisation's to
answer). The Complaint Handling Self-Assessment DocType fills its rows from here.

The requirements paraphrase the Codes as the ombudsmen publish them (sources in the project's
shared/references/ombudsman-models.md); a paragraph number is given only where it was read in the Code.
They are data, not records an administrator edits: a Code changes by a new edition, shipped as a new list,
and each year's assessment row is the organisation's to edit.
"""

from __future__ import annotations

from dataclasses import dataclass

from customer_feedback.rule_errors import _

LGSCO_CODE = "LGSCO Complaint Handling Code"
HOUSING_CODE = "Housing Ombudsman Complaint Handling Code"
CODES = (LGSCO_CODE, HOUSING_CODE)
YES, NO = "Yes", "No"

SECTIONS = {
	1: "Definitions of a service request and a complaint",
	2: "Exclusions",
	3: "Accessibility and awareness",
	4: "Complaint handling resources",
	5: "The complaint handling process",
	6: "Complaint stages",
	7: "Putting things right",
	8: "Performance reporting and self-assessment",
	9: "Scrutiny and oversight",
}


@dataclass(frozen=True, slots=True)
class Requirement:
	section: int
	reference: str  # the Code's paragraph, or "" where not read
	text: str
	judge: str | None = None  # a key of JUDGES: the app answers it from its configuration and records


COMMON: tuple[Requirement, ...] = (
	Requirement(
		1,
		"",
		"A complaint is defined as the Code defines it, apart from a service request, and staff recognise a complaint however it is made, without the word 'complaint'.",
	),
	Requirement(
		1,
		"",
		"A service request that is not resolved becomes a complaint when the customer is dissatisfied.",
		"service_requests",
	),
	Requirement(
		2,
		"2.2",
		"Complaints are accepted within 12 months of the issue or of the customer becoming aware of it, with discretion beyond.",
		"time_limit",
	),
	Requirement(
		2,
		"2.4",
		"A refusal to accept a complaint explains why and gives the right to go to the ombudsman.",
		"refusal_letter",
	),
	Requirement(2, "2.5", "There are no blanket exclusions: each complaint is considered on its merits."),
	Requirement(
		3,
		"",
		"Complaints can be made in several ways (in person, by phone, in writing, online), by a representative too.",
		"channels",
	),
	Requirement(3, "", "Reasonable adjustments are made and recorded, and kept under review.", "adjustments"),
	Requirement(3, "", "The policy is published with the ombudsman's details and how to complain."),
	Requirement(
		4,
		"",
		"There is a person or team responsible for complaint handling, with the access and authority to resolve complaints.",
	),
	Requirement(5, "", "There are two stages, and no extra informal stage before them.", "two_stages"),
	Requirement(
		5,
		"",
		"Each complaint is acknowledged, its definition agreed, and a full record kept of it, its handling and its outcome.",
		"records",
	),
	Requirement(
		5,
		"",
		"Unreasonable behaviour is managed under a policy, proportionately, with restrictions recorded and reviewed.",
		"restrictions",
	),
	Requirement(
		6,
		"6.2",
		"Stage 1 complaints are acknowledged within 5 working days of receipt.",
		"stage_1_acknowledge",
	),
	Requirement(
		6,
		"6.4",
		"Stage 1 responses are sent within 10 working days of the acknowledgement.",
		"stage_1_respond",
	),
	Requirement(
		6,
		"6.5",
		"A stage 1 extension is no more than 10 working days without good reason, explained to the customer with the ombudsman's details.",
		"stage_1_extension",
	),
	Requirement(6, "", "Stage 2 requests are acknowledged within 5 working days.", "stage_2_acknowledge"),
	Requirement(
		6, "", "Stage 2 responses are sent within 20 working days of the acknowledgement.", "stage_2_respond"
	),
	Requirement(
		6, "", "A stage 2 extension is no more than 20 working days without good reason.", "stage_2_extension"
	),
	Requirement(6, "", "Stage 2 is considered by someone not involved at stage 1.", "stage_2_independent"),
	Requirement(
		6,
		"",
		"Responses give the decision, the reasons, any remedy, outstanding actions and how to escalate.",
		"responses",
	),
	Requirement(6, "", "Responses are sent within timescale (the year's figures).", "performance"),
	Requirement(
		7,
		"",
		"Where something went wrong it is acknowledged and put right, with remedies recorded.",
		"remedies",
	),
	Requirement(
		8,
		"8.1",
		"An annual complaints performance and service improvement report is produced, with this self-assessment, reported through governance and published with the governing body's response.",
	),
	Requirement(8, "", "Learning from complaints is recorded and shows in service improvements.", "learning"),
	Requirement(
		8,
		"8.3",
		"The self-assessment is repeated after a significant restructure, merger or change in procedures.",
	),
	Requirement(
		9,
		"",
		"A member of the governing body is responsible for complaints, and a senior officer oversees complaint handling performance.",
	),
)
HOUSING_ONLY: tuple[Requirement, ...] = (
	Requirement(
		5,
		"5.2",
		"Exactly two stages: no 'stage 0' or 'informal complaint', and no third stage.",
		"two_stages",
	),
	Requirement(
		8,
		"",
		"The self-assessment is submitted to the Housing Ombudsman each year, with the annual report (landlords of more than 1,000 homes by 30 September).",
	),
)
REQUIREMENTS: dict[str, tuple[Requirement, ...]] = {
	LGSCO_CODE: COMMON,
	HOUSING_CODE: tuple(r for r in COMMON if r.judge != "two_stages") + HOUSING_ONLY,
}


@dataclass(frozen=True, slots=True)
class StageFacts:
	number: int
	acknowledge_days: int = 0
	respond_days: int = 0
	respond_from: str = "Receipt of stage"
	max_extension_days: int = 0
	independent_handler: bool = False


@dataclass(frozen=True, slots=True)
class AssessmentFacts:
	"""What the app knows of a policy and a year, read by the DocType."""

	policy: str
	year: str  # "2025/26"
	stages: tuple[StageFacts, ...] = ()
	time_limit_months: int = 0
	responded: int = 0
	responded_in_time: int = 0
	learning_records: int = 0
	restrictions: int = 0
	cases_with_remedies: int = 0
	cases: int = 0
	service_requests: int = 0
	channels: tuple[str, ...] = ()
	checks_responses: bool = False


@dataclass(frozen=True, slots=True)
class Judgement:
	"""Yes, No, or None for the organisation to answer; the evidence is a sentence and its values apart, so
	the DocType translates the sentence before filling it in (as customer_feedback.rule_errors does)."""

	complies: str | None
	template: str
	params: tuple = ()

	@property
	def evidence(self) -> str:
		return self.template.format(*self.params)


def judgement(complies: str | None, template: str, *params) -> Judgement:
	return Judgement(complies, template, params)


def stage(facts: AssessmentFacts, number: int) -> StageFacts | None:
	return next((row for row in facts.stages if row.number == number), None)


def timescale_judgement(facts: AssessmentFacts, number: int, field: str, limit: int) -> Judgement:
	"""A stage's figure against the Code's: a target set, no longer than the Code's, and a response counted
	from the acknowledgement as the Code counts it."""
	row = stage(facts, number)
	if not row:
		return judgement(NO, _("Policy {0} has no stage {1}."), facts.policy, number)
	value = getattr(row, field)
	counted_right = field != "respond_days" or row.respond_from == "Acknowledgement"
	complies = YES if 0 < value <= limit and counted_right else NO
	if field == "respond_days":
		return judgement(
			complies,
			_(
				"Policy {0}, stage {1}: respond within {2} working days of the {3} (the Code: {4} of the acknowledgement)."
			),
			facts.policy,
			number,
			value,
			row.respond_from.lower(),
			limit,
		)
	return judgement(
		complies,
		_("Policy {0}, stage {1}: {2} up to {3} working days (the Code: {4})."),
		facts.policy,
		number,
		"acknowledge" if field == "acknowledge_days" else "extend",
		value,
		limit,
	)


def judge_two_stages(facts: AssessmentFacts) -> Judgement:
	count = len(facts.stages)
	return judgement(
		YES if count == 2 else NO, _("Policy {0} has {1} complaint stage(s)."), facts.policy, count
	)


def judge_independent(facts: AssessmentFacts) -> Judgement:
	row = stage(facts, 2)
	if row and row.independent_handler:
		return judgement(
			YES, _("Policy {0}: stage 2 is refused to anyone who handled stage 1."), facts.policy
		)
	return judgement(NO, _("Policy {0}: stage 2 may be handled by the stage 1 handler."), facts.policy)


def judge_time_limit(facts: AssessmentFacts) -> Judgement:
	months = facts.time_limit_months
	if not months:
		return judgement(
			None, _("Policy {0} records no time limit: set Time Limit (Months) on the policy."), facts.policy
		)
	return judgement(
		YES if months >= 12 else NO,
		_("Policy {0} accepts complaints up to {1} months after the issue."),
		facts.policy,
		months,
	)


def judge_performance(facts: AssessmentFacts) -> Judgement:
	if not facts.responded:
		return judgement(None, _("No complaint stage was responded to in {0}."), facts.year)
	share = round(100.0 * facts.responded_in_time / facts.responded, 1)
	return judgement(
		None,
		_("In {0}, {1} of {2} stage responses ({3}%) were sent within timescale."),
		facts.year,
		facts.responded_in_time,
		facts.responded,
		share,
	)


def judge_responses(facts: AssessmentFacts) -> Judgement:
	if facts.checks_responses:
		return judgement(
			YES,
			_("Policy {0} checks each stage response for the decision, reasons, remedy and next step."),
			facts.policy,
		)
	return judgement(None, _("Policy {0} does not check stage responses before they are sent."), facts.policy)


# Evidence the app counts; whether it complies is the organisation's answer.
COUNTED = {
	"learning": ("learning_records", _("In {0}, {1} learning record(s) were made from feedback.")),
	"restrictions": (
		"restrictions",
		_("In {0}, {1} contact restriction decision(s) were recorded, each with its review date."),
	),
	"remedies": ("cases_with_remedies", _("In {0}, {1} complaint stage(s) recorded a remedy.")),
	"service_requests": (
		"service_requests",
		_("In {0}, {1} service request(s) were recorded apart from complaints; each can become a complaint."),
	),
	"records": ("cases", _("In {0}, {1} case(s) were recorded, each with its stages, letters and timeline.")),
}
STATED = {
	"refusal_letter": _("The Refusal to Accept letter gives the reasons and the ombudsman's details."),
	"adjustments": _("Cases record needs and reasonable adjustments, with a date to review them."),
}
JUDGES = {
	"two_stages": judge_two_stages,
	"stage_1_acknowledge": lambda facts: timescale_judgement(facts, 1, "acknowledge_days", 5),
	"stage_1_respond": lambda facts: timescale_judgement(facts, 1, "respond_days", 10),
	"stage_1_extension": lambda facts: timescale_judgement(facts, 1, "max_extension_days", 10),
	"stage_2_acknowledge": lambda facts: timescale_judgement(facts, 2, "acknowledge_days", 5),
	"stage_2_respond": lambda facts: timescale_judgement(facts, 2, "respond_days", 20),
	"stage_2_extension": lambda facts: timescale_judgement(facts, 2, "max_extension_days", 20),
	"stage_2_independent": judge_independent,
	"time_limit": judge_time_limit,
	"performance": judge_performance,
	"responses": judge_responses,
	"channels": lambda facts: judgement(
		None, _("In {0}, feedback arrived by: {1}."), facts.year, ", ".join(facts.channels) or "-"
	),
}


def judge(key: str, facts: AssessmentFacts) -> Judgement:
	if key in COUNTED:
		field, template = COUNTED[key]
		return judgement(None, template, facts.year, getattr(facts, field))
	if key in STATED:
		return judgement(None, STATED[key])
	return JUDGES[key](facts)


def assess(code: str, facts: AssessmentFacts) -> list[tuple[Requirement, Judgement | None]]:
	"""Each requirement of `code`, with the app's judgement where it makes one."""
	return [(req, judge(req.judge, facts) if req.judge else None) for req in REQUIREMENTS[code]]
