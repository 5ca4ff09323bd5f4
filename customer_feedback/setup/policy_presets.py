"""The six Feedback Policy presets, as plain data (no Frappe import), each reproducing its source.

Installed once (customer_feedback.setup.install) as ordinary records that administrators may edit or copy;
later defaults arrive by patches, never as fixtures, which a migrate would re-import over their edits.

The sources are in the project's shared/seeds/; the Complaint Handling Code is the Local Government and
Social Care Ombudsman's. Where a source is silent we use the Code's figure and say so in the description
and in the row's notes. Roles: Feedback Manager stands for the person accountable for the procedure (the
Service Information Manager, the Corporate Complaints Team, the Chief Executive's review), Head of Service
for a department manager, CMT member or senior manager, Investigating Officer for whoever investigates.
Each stage's `handled_by` is how the public pages name its handler: the source's own words for the role,
or neutral wording where it is silent; never a person. Only Solihull's source needs the customer to say why
they want the next stage (`escalation_reason_required`); the others do not ask for a reason.
"""

from __future__ import annotations

from typing import Any

CODE = "Complaint Handling Code"
NORTHAMPTONSHIRE = "Northamptonshire Fire and Rescue Service"
BEDFORDSHIRE = "Bedfordshire Fire and Rescue Service"
SOLIHULL = "Solihull Council"
COUNCIL = "Council Customer Feedback Procedure"
DEVON = "Devon County Council"
DEFAULT_POLICY = CODE

OMBUDSMAN = {
	"external_body": "Local Government and Social Care Ombudsman",
	"external_body_website": "https://www.lgo.org.uk",
	"external_body_phone": "0300 061 0614",
	"external_body_address": "PO Box 4771\nCoventry\nCV4 0EH",
}

CODE_STAGE_1 = {
	"acknowledge_days": 5,
	"respond_days": 10,
	"respond_from": "Acknowledgement",
	"max_extension_days": 10,
}
CODE_STAGE_2 = {
	"acknowledge_days": 5,
	"respond_days": 20,
	"respond_from": "Acknowledgement",
	"max_extension_days": 20,
}


def stage(number: int, name: str, handler_role: str, notes: str, **figures: Any) -> dict[str, Any]:
	row = {
		"stage_number": number,
		"stage_name": name,
		"handler_role": handler_role,
		"handled_by": None,
		"acknowledge_days": 0,
		"respond_days": 0,
		"respond_from": "Receipt of stage",
		"complex_respond_days": 0,
		"social_care_respond_days": 0,
		"max_extension_days": 0,
		"extension_approver_role": None,
		"independent_handler": 0,
		"notes": notes,
	}
	row.update(figures)
	return row


def timescale(feedback_type: str, notes: str, acknowledge: int = 0, respond: int = 0, social_care: int = 0):
	return {
		"feedback_type": feedback_type,
		"acknowledge_days": acknowledge,
		"respond_days": respond,
		"social_care_respond_days": social_care,
		"notes": notes,
	}


def policy(name: str, source: str, description: str, **fields: Any) -> dict[str, Any]:
	doc = {
		"doctype": "Feedback Policy",
		"policy_name": name,
		"source_document": source,
		"description": description,
		"bank_holidays": "England",
		"monday": 1,
		"tuesday": 1,
		"wednesday": 1,
		"thursday": 1,
		"friday": 1,
		"saturday": 0,
		"sunday": 0,
		"use_cutoff_time": 0,
		"calendar_dates": [],
		"timescales": [],
		"stages": [],
		"progress_update_days": 0,
		"close_after_no_reply_days": 0,
		"due_soon_days": 2,
		"office_opens_hour": 9,
		"office_closes_hour": 17,
		"survey_weeks_after_closure": 0,
		"survey_sample_percent": 0,
		"anonymous_complaints": "Handle as complaint",
		"escalation_reason_required": 0,
		"show_handler_name": 0,
		# The Code asks for no learning record before a complaint closes; Solihull and Devon do (below).
		"learning_before_closing": "Not required",
		**OMBUDSMAN,
	}
	doc.update(fields)
	return doc


PRESETS: list[dict[str, Any]] = [
	policy(
		CODE,
		"Local Government and Social Care Ombudsman, Complaint Handling Code",
		"The Ombudsman's Complaint Handling Code. Stage 1: acknowledge within 5 working days of receipt, "
		"respond within 10 working days of acknowledgement, extend by up to 10 more. Stage 2: acknowledge "
		"within 5 working days of the escalation request, respond within 20 working days of acknowledgement, "
		"extend by up to 20 more, considered by someone not involved at stage 1. Then the Ombudsman. "
		"The Code sets no targets for compliments, comments or suggestions, no interval for progress updates, "
		"no automatic closure and no satisfaction survey, so none are set here.",
		stages=[
			stage(
				1,
				"Stage 1",
				"Investigating Officer",
				"Code: 5, 10 from acknowledgement, extension up to 10.",
				handled_by="an officer in the service your complaint is about",
				extension_approver_role="Feedback Manager",
				**CODE_STAGE_1,
			),
			stage(
				2,
				"Stage 2",
				"Head of Service",
				"Code: 5, 20 from acknowledgement, extension up to 20; "
				"not the person who considered stage 1.",
				handled_by="a senior officer who was not involved at stage 1",
				extension_approver_role="Feedback Manager",
				independent_handler=1,
				**CODE_STAGE_2,
			),
		],
	),
	policy(
		NORTHAMPTONSHIRE,
		"Northamptonshire Fire and Rescue Service, Customer Interaction policy A18, v6.0 (November 2021)",
		"Compliments, comments, suggestions and complaints (policy A18). Stage 1 by the department manager's "
		"investigating officer, stage 2 by an investigator the Service Information Manager appoints, stage 3 "
		"by the Office of the Police, Fire and Crime Commissioner, then the Local Government Ombudsman. "
		"Investigations conclude within 10 working days; the complainant is updated at least every 10 working "
		"days; a case closes when the customer has not replied within 20 working days; every complainant is "
		"surveyed four weeks after completion. The source is silent on acknowledgement times, extensions and "
		"stage 3 timescales: those are the Code's figures (stage 3 takes the Code's stage 2). Claims for "
		"compensation stay stage 1 complaints; safeguarding and out-of-hours routes come with the case.",
		timescales=[
			timescale("Compliment", "Recorded; published in the weekly bulletin. No target in the source."),
			timescale("Comment", "Passed to the Service Information Team; no target in the source."),
			timescale("Suggestion", "Checked for service improvement; no target in the source."),
		],
		stages=[
			stage(
				1,
				"Stage 1: department manager",
				"Investigating Officer",
				"Source: conclude within 10 working days. Acknowledgement (letter SL038) and extension: Code.",
				handled_by="an investigating officer for the manager of the department concerned",
				acknowledge_days=5,
				respond_days=10,
				max_extension_days=10,
				extension_approver_role="Feedback Manager",
			),
			stage(
				2,
				"Stage 2: Service Information Manager",
				"Investigating Officer",
				"Source: the Service Information Manager appoints an investigator; 10 working days applies to "
				"every investigation. Acknowledgement, extension and independence: Code.",
				handled_by="an investigator appointed by the Service Information Manager",
				acknowledge_days=5,
				respond_days=10,
				max_extension_days=20,
				extension_approver_role="Feedback Manager",
				independent_handler=1,
			),
			stage(
				3,
				"Stage 3: Office of the Police, Fire and Crime Commissioner",
				"Feedback Manager",
				"Source: paperwork forwarded to the OPFCC; no timescale. Code's stage 2 figures.",
				handled_by="the Office of the Police, Fire and Crime Commissioner",
				extension_approver_role="Feedback Manager",
				independent_handler=1,
				**CODE_STAGE_2,
			),
		],
		progress_update_days=10,
		close_after_no_reply_days=20,
		survey_weeks_after_closure=4,
		survey_sample_percent=100,
		# "Quality assurance of correspondence": responses are checked before they go.
		check_stage_responses=1,
		# Comments are passed to the Service Information Team to evaluate: recorded before a comment closes.
		evaluate_comments=1,
	),
	policy(
		BEDFORDSHIRE,
		"Bedfordshire Fire and Rescue Service, Customer Care Policy Statement and Complaints and "
		"Compliments Procedure, V12 04/01 (issued 26.10.2022)",
		"Complaints are acknowledged within 7 working days. Three stages of 10 working days each (20 and 30 "
		"in total): a CMT member, then another CMT member, then the Customer Relations Officer (the Assistant "
		"Chief Officer), then the Ombudsman, whose findings the ACO reports back (step 12). Public "
		"consultation comments are triaged monthly by the Business Support Manager. The source is silent on "
		"acknowledging later stages and on extensions: those are the Code's figures (stage 3 takes the "
		"Code's stage 2 extension).",
		timescales=[
			timescale("Compliment", "Logged by the Business Support Manager; reported in the Blue Bulletin."),
			timescale("Comment", "Public consultation comments: triaged monthly; no working-day target."),
		],
		stages=[
			stage(
				1,
				"Stage 1: CMT member",
				"Head of Service",
				"Source: acknowledge within 7, resolve within 10 working days. Extension: Code.",
				handled_by="a member of the Corporate Management Team",
				acknowledge_days=7,
				respond_days=10,
				max_extension_days=10,
				extension_approver_role="Customer Relations Officer",
			),
			stage(
				2,
				"Stage 2: another CMT member",
				"Head of Service",
				"Source: transferred to another CMT member, a further 10 working days. Acknowledgement and "
				"extension: Code.",
				handled_by="another member of the Corporate Management Team",
				acknowledge_days=5,
				respond_days=10,
				max_extension_days=20,
				extension_approver_role="Customer Relations Officer",
				independent_handler=1,
			),
			stage(
				3,
				"Stage 3: Customer Relations Officer",
				"Customer Relations Officer",
				"Source: a further 10 working days (30 in total). Acknowledgement and extension: Code.",
				handled_by="the Customer Relations Officer (the Assistant Chief Officer)",
				acknowledge_days=5,
				respond_days=10,
				max_extension_days=20,
				extension_approver_role="Customer Relations Officer",
				independent_handler=1,
			),
		],
	),
	policy(
		SOLIHULL,
		"Solihull Council, Corporate Complaints and Customer Feedback Policy and Guidance, version 3.0",
		"Two stages. Acknowledge within 5 working days of first report. Stage 1: respond within 20 working "
		"days of first report, 30 for complex complaints agreed with the Head of Service. Stage 2: a Head of "
		"Service not involved at stage 1 responds within 10 working days, 20 if complex. Then the Local "
		"Government Ombudsman. Anonymous contacts are recorded as comments. A random selection of "
		"complainants gets a satisfaction questionnaire six weeks after conclusion. The source is silent on "
		"acknowledging stage 2 and on extensions beyond the complex figures: those are the Code's. The share "
		"surveyed is not given: 25% is our default.",
		timescales=[
			timescale("Compliment", "Recorded and sent to co-ordinators or named officers; no target."),
			timescale("Comment", "Recorded and shared with the service area; no target."),
		],
		stages=[
			stage(
				1,
				"Stage 1: investigation",
				"Investigating Officer",
				"Source: acknowledge within 5 and respond within 20 working days of first report; 30 if "
				"complex, agreed with the Head of Service. Further extension: Code.",
				handled_by="an investigating officer in the service your complaint is about",
				acknowledge_days=5,
				respond_days=20,
				complex_respond_days=30,
				max_extension_days=10,
				extension_approver_role="Head of Service",
			),
			stage(
				2,
				"Stage 2: Head of Service review",
				"Head of Service",
				"Source: respond within 10 working days, 20 if complex; another Head of Service if the first "
				"was involved at stage 1. Acknowledgement and extension: Code.",
				handled_by="a Head of Service who was not involved at stage 1",
				acknowledge_days=5,
				respond_days=10,
				complex_respond_days=20,
				max_extension_days=20,
				extension_approver_role="Feedback Manager",
				independent_handler=1,
			),
		],
		anonymous_complaints="Record as comment",
		# Source: stage 2 reviewers check "Has the customer given clear reasons why they remain
		# dissatisfied?", and the reasons to progress are listed: the request must say why.
		escalation_reason_required=1,
		survey_weeks_after_closure=6,
		survey_sample_percent=25,
		# "A complaint can not be resolved until this information has been recorded" (learning).
		learning_before_closing="Complaints",
	),
	policy(
		COUNCIL,
		"A council's Customer feedback procedure: compliments, comments, complaints",
		"Working days exclude weekends and the bank holidays of England and Wales (Banking and Financial "
		"Dealings Act 1971). Compliments are acknowledged within 5 working days; comments get a full reply "
		"within 5 working days, or the customer is told why and when; concerns about a policy are recorded "
		"as representations and the policy makers told. Anonymous complaints are referred to the relevant "
		"manager. Hate crime goes to Customer Relations. The complaints process may be suspended for "
		"mediation or conciliation (a pause). The source gives no complaint stages or timescales: the "
		"stages are the Code's.",
		timescales=[
			timescale("Compliment", "Source: acknowledged within 5 working days.", acknowledge=5),
			timescale("Comment", "Source: a full reply within 5 working days where possible.", respond=5),
			timescale(
				"Representation",
				"Source: the policy makers are informed and the customer gets feedback; no target.",
			),
		],
		stages=[
			stage(
				1,
				"Stage 1",
				"Investigating Officer",
				"Source silent: Code's stage 1.",
				handled_by="an officer in the service your complaint is about",
				extension_approver_role="Feedback Manager",
				**CODE_STAGE_1,
			),
			stage(
				2,
				"Stage 2",
				"Head of Service",
				"Source silent: Code's stage 2.",
				handled_by="a senior officer who was not involved at stage 1",
				extension_approver_role="Feedback Manager",
				independent_handler=1,
				**CODE_STAGE_2,
			),
		],
		anonymous_complaints="Refer to service manager",
	),
	policy(
		DEVON,
		"Devon County Council, customer feedback policy",
		"Compliments and suggestions are acknowledged within 3 working days; suggestions answered within 10 "
		"(20 for the social care of an adult or child). Complaints: local resolution, acknowledge within 3 "
		"and respond within 10 (20 social care); service investigation by a senior manager not involved "
		"before, 3 and 25 (65 social care); corporate review independent of the directorate, 3 and 30; then "
		"the Local Government Ombudsman. The source is silent on extensions: those are the Code's figures "
		"(stage 3 takes the Code's stage 2).",
		timescales=[
			timescale(
				"Compliment",
				"Source: acknowledged within 3 working days; a senior manager thanks the "
				"service or employee.",
				acknowledge=3,
			),
			timescale(
				"Suggestion",
				"Source: acknowledge within 3, respond within 10 (20 for social care).",
				acknowledge=3,
				respond=10,
				social_care=20,
			),
		],
		stages=[
			stage(
				1,
				"Local Resolution",
				"Investigating Officer",
				"Source: contact within 3, respond within 10 working days (20 for social care). Extension: Code.",
				handled_by="staff in the service your complaint is about",
				acknowledge_days=3,
				respond_days=10,
				social_care_respond_days=20,
				max_extension_days=10,
				extension_approver_role="Head of Service",
			),
			stage(
				2,
				"Service Investigation",
				"Head of Service",
				"Source: a senior manager not involved before; acknowledge within 3, respond within 25 (65 for "
				"social care). Extension: Code.",
				handled_by="a senior manager who was not involved at local resolution",
				acknowledge_days=3,
				respond_days=25,
				social_care_respond_days=65,
				max_extension_days=20,
				extension_approver_role="Feedback Manager",
				independent_handler=1,
			),
			stage(
				3,
				"Corporate Review",
				"Feedback Manager",
				"Source: the Chief Executive or Monitoring Officer, independent of the directorate; "
				"acknowledge within 3, respond within 30. Extension: Code's stage 2.",
				handled_by="the Chief Executive or the Monitoring Officer, independent of the service concerned",
				acknowledge_days=3,
				respond_days=30,
				max_extension_days=20,
				extension_approver_role="Feedback Manager",
				independent_handler=1,
			),
		],
		# "A senior manager thanks the service or employee": recorded before a compliment closes.
		senior_thank_you=1,
		# Every piece of feedback is reviewed for learning, which goes to the directorate's meetings.
		learning_before_closing="All feedback",
	),
]


def preset(name: str) -> dict[str, Any]:
	for doc in PRESETS:
		if doc["policy_name"] == name:
			return doc
	raise KeyError(name)
