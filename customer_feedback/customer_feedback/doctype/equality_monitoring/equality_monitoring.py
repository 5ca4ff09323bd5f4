# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

# The questions, in the order the public forms ask them; each is a Select field of this DocType.
EQUALITY_QUESTIONS = (
	"age_band",
	"disability",
	"sex",
	"gender_reassignment",
	"ethnicity",
	"religion",
	"sexual_orientation",
)


class EqualityMonitoring(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		age_band: DF.Literal[
			"",
			"16 to 24",
			"25 to 34",
			"35 to 44",
			"45 to 54",
			"55 to 64",
			"65 to 74",
			"75 or over",
			"Under 16",
			"Prefer not to say",
		]
		disability: DF.Literal["", "Yes", "No", "Prefer not to say"]
		ethnicity: DF.Literal[
			"",
			"Asian or Asian British",
			"Black, Black British, Caribbean or African",
			"Mixed or multiple ethnic groups",
			"White",
			"Other ethnic group",
			"Prefer not to say",
		]
		feedback: DF.Link
		gender_reassignment: DF.Literal["", "Yes", "No", "Prefer not to say"]
		religion: DF.Literal[
			"",
			"No religion",
			"Buddhist",
			"Christian",
			"Hindu",
			"Jewish",
			"Muslim",
			"Sikh",
			"Other religion or belief",
			"Prefer not to say",
		]
		sex: DF.Literal["", "Female", "Male", "Prefer not to say"]
		sexual_orientation: DF.Literal[
			"",
			"Straight or heterosexual",
			"Gay or lesbian",
			"Bisexual",
			"Other sexual orientation",
			"Prefer not to say",
		]
	# end: auto-generated types
	pass


def unoffered_answers(answers: dict) -> dict[str, str]:
	"""{question: its label} for each answer given that is not one of the question's choices: the public
	forms check these before saving anything, to name the question in their message."""
	meta = frappe.get_meta("Equality Monitoring")
	return {
		question: meta.get_field(question).label
		for question in EQUALITY_QUESTIONS
		if answers.get(question)
		and answers[question] not in (meta.get_field(question).options or "").split("\n")
	}


def record_equality_answers(feedback: str, answers: dict) -> str | None:
	"""Keep what the customer chose to answer, apart from the case, in the Equality Monitoring record of
	`feedback` (created if missing; a later answer replaces an earlier one, an empty one leaves it). Called
	by the public forms on the customer's behalf, so it writes without the caller's permissions. Returns
	the record's name, or None when nothing was answered."""
	given = {question: answers.get(question) for question in EQUALITY_QUESTIONS if answers.get(question)}
	if not given:
		return None
	existing = equality_record_of(feedback)
	if existing:
		record = frappe.get_doc("Equality Monitoring", existing)
		record.update(given)
		record.save(ignore_permissions=True)
	else:
		record = frappe.get_doc({"doctype": "Equality Monitoring", "feedback": feedback, **given})
		record.insert(ignore_permissions=True)
	return record.name


def equality_record_of(feedback: str) -> str | None:
	"""The name of case `feedback`'s Equality Monitoring record: a random one, found by its Feedback link."""
	return frappe.db.get_value("Equality Monitoring", {"feedback": feedback}, "name")
