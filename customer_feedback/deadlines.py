"""Deadline rules of a feedback policy, with no Frappe import.

A policy (a `Feedback Policy` document, or a preset dict of the same shape) becomes `PolicyRules` through
`rules_from_policy`, and its calendar through `calendar_from_policy`; `compute_deadlines` then gives the
acknowledgement and response dates of a piece of feedback or of one complaint stage.

A number of working days of 0 means "no target": Frappe stores an empty Int as 0, and no procedure we run
sets a same-day target.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from customer_feedback.constants import COMPLAINT, COMPLEXITIES, FEEDBACK_TYPES
from customer_feedback.rule_errors import RuleError, _
from customer_feedback.working_days import SUBDIVISIONS, DateLike, WorkingDayCalendar, calendar_for

FROM_RECEIPT = "Receipt of stage"
FROM_ACKNOWLEDGEMENT = "Acknowledgement"
SUBDIVISION_OF_NATION = {nation: code for code, nation in SUBDIVISIONS.items()}
WEEKDAY_FIELDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class PolicyRuleError(RuleError):
	"""A question the policy cannot answer (unknown type or stage); the message says which."""


@dataclass(frozen=True, slots=True)
class TypeTimescale:
	feedback_type: str
	acknowledge_days: int = 0
	respond_days: int = 0
	social_care_respond_days: int = 0


@dataclass(frozen=True, slots=True)
class StageTimescale:
	stage_number: int
	stage_name: str
	handler_role: str | None = None
	handled_by: str | None = None  # who handles it, in the public's words ("a Head of Service")
	acknowledge_days: int = 0
	respond_days: int = 0
	respond_from: str = FROM_RECEIPT
	complex_respond_days: int = 0
	social_care_respond_days: int = 0
	max_extension_days: int = 0
	extension_approver_role: str | None = None
	independent_handler: bool = False

	def respond_days_for(self, complexity: str = "Standard", social_care: bool = False) -> int:
		"""The longest target that applies: complex and social-care figures only lengthen the standard one."""
		days = [self.respond_days]
		if complexity == "Complex" and self.complex_respond_days:
			days.append(self.complex_respond_days)
		if social_care and self.social_care_respond_days:
			days.append(self.social_care_respond_days)
		return max(days)


@dataclass(frozen=True, slots=True)
class PolicyRules:
	types: Mapping[str, TypeTimescale]
	stages: tuple[StageTimescale, ...]

	def stage(self, number: int) -> StageTimescale:
		for stage in self.stages:
			if stage.stage_number == number:
				return stage
		if self.stages:
			raise PolicyRuleError(
				_("Stage {0} does not exist: this policy has stages 1 to {1}"), number, len(self.stages)
			)
		raise PolicyRuleError(_("Stage {0} does not exist: this policy has no complaint stages"), number)

	@property
	def last_stage_number(self) -> int:
		return max((s.stage_number for s in self.stages), default=0)


@dataclass(frozen=True, slots=True)
class Deadlines:
	acknowledge_by: dt.date | None
	respond_by: dt.date | None

	def as_json(self) -> dict[str, str | None]:
		return {
			"acknowledge_by": self.acknowledge_by.isoformat() if self.acknowledge_by else None,
			"respond_by": self.respond_by.isoformat() if self.respond_by else None,
		}


def _get(source: Any, key: str, default: Any = None) -> Any:
	if isinstance(source, Mapping):
		value = source.get(key, default)
	else:
		value = getattr(source, key, default)
	return default if value is None else value


def _as_date_value(value: Any) -> dt.date:
	return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _as_time_value(value: Any) -> dt.time | None:
	if value in (None, ""):
		return None
	if isinstance(value, dt.time):
		return value
	if isinstance(value, dt.timedelta):  # MariaDB hands TIME columns back as timedelta
		seconds = int(value.total_seconds())
		return dt.time(seconds // 3600, seconds % 3600 // 60, seconds % 60)
	return dt.time.fromisoformat(str(value))


def rules_from_policy(policy: Any) -> PolicyRules:
	"""PolicyRules from a Feedback Policy document or a dict of the same shape."""
	types = {}
	for row in _get(policy, "timescales", []):
		timescale = TypeTimescale(
			feedback_type=_get(row, "feedback_type"),
			acknowledge_days=int(_get(row, "acknowledge_days", 0)),
			respond_days=int(_get(row, "respond_days", 0)),
			social_care_respond_days=int(_get(row, "social_care_respond_days", 0)),
		)
		types[timescale.feedback_type] = timescale
	stages = tuple(
		sorted(
			(
				StageTimescale(
					stage_number=int(_get(row, "stage_number")),
					stage_name=_get(row, "stage_name", ""),
					handler_role=_get(row, "handler_role"),
					handled_by=_get(row, "handled_by"),
					acknowledge_days=int(_get(row, "acknowledge_days", 0)),
					respond_days=int(_get(row, "respond_days", 0)),
					respond_from=_get(row, "respond_from", FROM_RECEIPT),
					complex_respond_days=int(_get(row, "complex_respond_days", 0)),
					social_care_respond_days=int(_get(row, "social_care_respond_days", 0)),
					max_extension_days=int(_get(row, "max_extension_days", 0)),
					extension_approver_role=_get(row, "extension_approver_role"),
					independent_handler=bool(_get(row, "independent_handler", False)),
				)
				for row in _get(policy, "stages", [])
			),
			key=lambda stage: stage.stage_number,
		)
	)
	return PolicyRules(types=types, stages=stages)


def calendar_from_policy(policy: Any) -> WorkingDayCalendar:
	"""The (shared, cached) working-day calendar a policy describes."""
	weekdays = tuple(i for i, field in enumerate(WEEKDAY_FIELDS) if _get(policy, field, i < 5))
	closed, opened = set(), set()
	for row in _get(policy, "calendar_dates", []):
		(opened if _get(row, "day_type") == "Opened" else closed).add(_as_date_value(_get(row, "date")))
	nation = _get(policy, "bank_holidays", "England")
	return calendar_for(
		SUBDIVISION_OF_NATION.get(nation, nation),
		weekdays,
		frozenset(closed),
		frozenset(opened),
		_as_time_value(_get(policy, "cutoff_time")) if _get(policy, "use_cutoff_time", 0) else None,
	)


def compute_deadlines(
	calendar: WorkingDayCalendar,
	rules: PolicyRules,
	feedback_type: str,
	received_on: DateLike,
	stage: int = 1,
	complexity: str = "Standard",
	social_care: bool = False,
	acknowledged_on: DateLike | None = None,
	pauses: Iterable[tuple[DateLike, DateLike]] = (),
	extension_days: int = 0,
) -> Deadlines:
	"""Acknowledge-by and respond-by dates for a piece of feedback, or for one stage of a complaint.

	`received_on` starts the clock (for later stages: the escalation request). A response counted from
	acknowledgement starts at `acknowledged_on`, or at the acknowledgement deadline until then. Pauses stop
	both clocks; `extension_days` (already approved) moves the response date.
	"""
	if feedback_type not in FEEDBACK_TYPES:
		raise PolicyRuleError(
			_("Unknown feedback type {0!r}: use one of {1}"), feedback_type, ", ".join(FEEDBACK_TYPES)
		)
	if complexity not in COMPLEXITIES:
		raise PolicyRuleError(
			_("Unknown complexity {0!r}: use one of {1}"), complexity, ", ".join(COMPLEXITIES)
		)
	pauses = tuple(pauses)

	if feedback_type == COMPLAINT and rules.stages:
		rule = rules.stage(stage)
		acknowledge_days = rule.acknowledge_days
		respond_days = rule.respond_days_for(complexity, social_care)
		respond_from = rule.respond_from
	else:
		timescale = rules.types.get(feedback_type)
		if timescale is None:
			return Deadlines(None, None)
		acknowledge_days = timescale.acknowledge_days
		respond_days = max(timescale.respond_days, timescale.social_care_respond_days if social_care else 0)
		respond_from = FROM_RECEIPT

	acknowledge_by = calendar.deadline(received_on, acknowledge_days, pauses) if acknowledge_days else None
	respond_by = None
	if respond_days:
		clock_start = received_on
		if respond_from == FROM_ACKNOWLEDGEMENT and (acknowledged_on or acknowledge_by):
			clock_start = acknowledged_on or acknowledge_by
		respond_by = calendar.deadline(clock_start, respond_days + extension_days, pauses)
	return Deadlines(acknowledge_by, respond_by)
