"""After the response, for feedback other than a complaint: what must be recorded before a suggestion or a
representation is answered, when a compliment is passed on, and the follow-up facts a save refuses. No
Frappe import: the Feedback controller (case_compliment.py, case_answer.py) asks with the facts it reads and
throws the first message; the letters ask `letter_needs` before one is sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from customer_feedback.constants import COMPLIMENT
from customer_feedback.rule_errors import RuleError, _

SUGGESTION, COMMENT, REPRESENTATION = "Suggestion", "Comment", "Representation"


class AnswerRuleError(RuleError):
	"""A follow-up fact missing or wrong; the message names the field and the fix."""


def response_needs(feedback_type: str, suggestion_outcome: str, representation_outcome: str):
	"""Why the case may not be answered (Send Response) yet, or None: a suggestion's outcome and a
	representation's decision are what the answer tells the customer."""
	if feedback_type == SUGGESTION and not (suggestion_outcome or "").strip():
		return AnswerRuleError(
			_(
				"Suggestion Outcome is empty: choose what we will do about the suggestion on the Follow-up tab (and say why, or how), then send the response."
			)
		)
	if feedback_type == REPRESENTATION and not (representation_outcome or "").strip():
		return AnswerRuleError(
			_(
				"Policy Owner's Decision is empty: record the policy owner's decision on the Follow-up tab, then send the response."
			)
		)
	return None


@dataclass(frozen=True, slots=True)
class Praised:
	"""One row of Who Was Praised."""

	user: str = ""
	name: str = ""
	team: str = ""


def praised_row_problem(rows: Iterable[Praised]):
	"""The first row of Who Was Praised that names no one, as an error, or None."""
	for number, row in enumerate(rows, start=1):
		if not ((row.user or "").strip() or (row.name or "").strip() or (row.team or "").strip()):
			return AnswerRuleError(
				_(
					"Who Was Praised, row {0}, is empty: choose the member of staff, or type their name or team, or delete the row."
				),
				number,
			)
	return None


def passes_on(feedback_type: str, already_passed_on: bool, praised_count: int, service_area: str) -> bool:
	"""A compliment is passed on once, when it first names someone praised or a service area."""
	return feedback_type == COMPLIMENT and not already_passed_on and bool(praised_count or service_area)


def bulletin_problem(for_bulletin: bool, summary: str):
	"""The bulletin prints the brief, never the customer's own words: ticked without one, refused."""
	if for_bulletin and not (summary or "").strip():
		return AnswerRuleError(
			_(
				"For the Bulletin is ticked but The Compliment in Brief is empty: write what the bulletin should say, without the customer's details, or untick For the Bulletin."
			)
		)
	return None


def expected_date_problem(expected_on: dt.date | None, today: dt.date, changed: bool):
	"""Customer Will Hear By is a promise: a date already past, newly given, is refused."""
	if changed and expected_on and expected_on < today:
		return AnswerRuleError(
			_(
				"Customer Will Hear By is {0}, in the past: give the date the customer will hear from us, today or later."
			),
			expected_on.isoformat(),
		)
	return None


def letter_needs(
	letter: str, required: Iterable[str], values: Mapping[str, object], labels: Mapping[str, str]
):
	"""A letter that tells the customer a fact (LetterKind.needs) is refused while the fact is empty."""
	missing = [labels.get(field, field) for field in required if not str(values.get(field) or "").strip()]
	if not missing:
		return None
	if len(missing) == 1:
		return AnswerRuleError(
			_(
				"The {0} letter tells the customer {1}, which is empty: fill it on the Follow-up tab, then send the letter."
			),
			letter,
			missing[0],
		)
	return AnswerRuleError(
		_(
			"The {0} letter tells the customer {1}, which are empty: fill them on the Follow-up tab, then send the letter."
		),
		letter,
		" and ".join(missing),
	)
