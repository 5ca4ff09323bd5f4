"""Rules of a case's clocks that need no database: the one clock function that judges a stage or a case
(`read_clock`), service-level status, extensions, independence of handlers, progress updates, closing after
no reply, and when escalation is open (`escalation_block`). No Frappe import; the controllers, the sweep and
the public pages call these with a policy's `CaseRules`, built once per policy version
(FeedbackPolicy.rules).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from customer_feedback.closing_rules import LEARNING_NOT_REQUIRED, ClosingRules
from customer_feedback.constants import (
	CLOSED,
	COMPLAINT,
	DUE_SOON,
	HANDLE_AS_COMPLAINT,
	MET,
	MISSED,
	ON_TRACK,
	OVERDUE,
	PAUSED,
	REFER_TO_SERVICE_MANAGER,
	WITH_EXTERNAL_BODY,
)
from customer_feedback.deadlines import (
	Deadlines,
	PolicyRules,
	StageTimescale,
	calendar_from_policy,
	compute_deadlines,
	rules_from_policy,
)
from customer_feedback.rule_errors import RuleError, _
from customer_feedback.working_days import DateLike, WorkingDayCalendar

DUE_SOON_WORKING_DAYS = 2


class CaseRuleError(RuleError):
	"""A rule refused the action; the message names the field and the fix."""


@dataclass(frozen=True, slots=True)
class ExternalBody:
	"""Who looks at a complaint after the last stage (an ombudsman, a commissioner)."""

	name: str
	website: str | None = None
	phone: str | None = None
	email: str | None = None
	address: str | None = None

	def as_dict(self) -> dict[str, str | None]:
		return {
			"name": self.name,
			"website": self.website,
			"phone": self.phone,
			"email": self.email,
			"address": self.address,
		}


@dataclass(frozen=True, slots=True)
class CaseRules:
	"""Everything a case's clocks and pages need from its policy: its timescales and calendar, and how it
	handles cases. Built once per policy version; nothing below re-reads the policy."""

	name: str
	timescales: PolicyRules
	calendar: WorkingDayCalendar
	due_soon_days: int = DUE_SOON_WORKING_DAYS
	progress_update_days: int = 0
	close_after_no_reply_days: int = 0
	office_opens_hour: int = 0
	office_closes_hour: int = 0
	anonymous_complaints: str = HANDLE_AS_COMPLAINT
	escalation_reason_required: bool = False
	show_handler_name: bool = False
	external_body: ExternalBody | None = None
	closing: ClosingRules = field(default_factory=ClosingRules)

	@property
	def stages(self) -> tuple[StageTimescale, ...]:
		return self.timescales.stages

	@property
	def last_stage_number(self) -> int:
		return self.timescales.last_stage_number

	def stage(self, number: int) -> StageTimescale:
		return self.timescales.stage(number)

	def stage_or_none(self, number: int) -> StageTimescale | None:
		return next((stage for stage in self.stages if stage.stage_number == number), None)

	def deadlines(self, feedback_type: str, received_on: DateLike, **kwargs: Any) -> Deadlines:
		return compute_deadlines(self.calendar, self.timescales, feedback_type, received_on, **kwargs)


def _get(source: Any, key: str, default: Any = None) -> Any:
	value = source.get(key, default) if isinstance(source, Mapping) else getattr(source, key, default)
	return default if value is None else value


def case_rules_from_policy(policy: Any) -> CaseRules:
	"""CaseRules from a Feedback Policy document or a dict of the same shape."""
	external = (_get(policy, "external_body", "") or "").strip()
	return CaseRules(
		name=_get(policy, "name", "") or _get(policy, "policy_name", ""),
		timescales=rules_from_policy(policy),
		calendar=calendar_from_policy(policy),
		due_soon_days=int(_get(policy, "due_soon_days", 0)),
		progress_update_days=int(_get(policy, "progress_update_days", 0)),
		close_after_no_reply_days=int(_get(policy, "close_after_no_reply_days", 0)),
		office_opens_hour=int(_get(policy, "office_opens_hour", 0)),
		office_closes_hour=int(_get(policy, "office_closes_hour", 0)),
		anonymous_complaints=_get(policy, "anonymous_complaints", "") or HANDLE_AS_COMPLAINT,
		escalation_reason_required=bool(_get(policy, "escalation_reason_required", 0)),
		show_handler_name=bool(_get(policy, "show_handler_name", 0)),
		external_body=ExternalBody(
			external,
			_get(policy, "external_body_website"),
			_get(policy, "external_body_phone"),
			_get(policy, "external_body_email"),
			_get(policy, "external_body_address"),
		)
		if external
		else None,
		closing=ClosingRules(
			learning_before_closing=_get(policy, "learning_before_closing", "") or LEARNING_NOT_REQUIRED,
			evaluate_comments=bool(_get(policy, "evaluate_comments", 0)),
			senior_thank_you=bool(_get(policy, "senior_thank_you", 0)),
		),
	)


@dataclass(frozen=True, slots=True)
class Clock:
	"""The dates one clock (a stage, or a non-complaint case) is judged by."""

	acknowledge_by: dt.date | None
	acknowledged_on: dt.date | None
	respond_by: dt.date | None
	responded_on: dt.date | None
	paused: bool = False


def sla_status(clock: Clock, today: dt.date, due_soon_from: dt.date) -> str:
	"""The clock's status on `today`. `due_soon_from`: the last date still "due soon" counted from today
	(today plus the warning's working days), so a deadline on or before it is Due Soon.

	The acknowledgement counts until it is done; after that the response does.
	"""
	if clock.responded_on:
		if clock.respond_by and clock.responded_on > clock.respond_by:
			return MISSED
		return MET
	if clock.paused:
		return PAUSED
	pending = []
	if clock.acknowledge_by and not clock.acknowledged_on:
		pending.append(clock.acknowledge_by)
	if clock.respond_by:
		pending.append(clock.respond_by)
	if not pending:
		return ON_TRACK
	first = min(pending)
	if first < today:
		return OVERDUE
	if first <= due_soon_from:
		return DUE_SOON
	return ON_TRACK


def clock_outcome(
	calendar: WorkingDayCalendar,
	started_on: dt.date | dt.datetime,
	clock: Clock,
	pauses: list[tuple[dt.date, dt.date]],
	today: dt.date,
	due_soon_days: int = DUE_SOON_WORKING_DAYS,
) -> tuple[str, int]:
	"""(status, working days taken) of a clock on `today`; `pauses` are closed spans (see pause_spans)."""
	status = sla_status(clock, today, due_soon_limit(calendar, today, due_soon_days))
	end = clock.responded_on or today
	paused = calendar.paused_working_days([(start, min(stop, end)) for start, stop in pauses if start <= end])
	return status, max(calendar.working_days_between(started_on, end) - paused, 0)


def is_out_of_hours(
	calendar: WorkingDayCalendar, received: dt.datetime, opens_hour: int, closes_hour: int
) -> bool:
	"""Received on a non-working day, or outside the office's hours on a working day."""
	if not calendar.is_working_day(received):
		return True
	return not (opens_hour <= received.hour < closes_hour) if closes_hour > opens_hour else False


def due_soon_limit(
	calendar: WorkingDayCalendar, today: dt.date, days: int = DUE_SOON_WORKING_DAYS
) -> dt.date:
	"""Deadlines on or before this date are due soon on `today`."""
	return calendar.add_working_days(today, days)


def check_extension(days: int, limit: int, beyond_limit_reason: str | None, reason: str | None) -> None:
	"""An extension needs a reason; beyond the policy's limit it needs a recorded good reason as well."""
	if days < 0:
		raise CaseRuleError(_("Extension Days is {0}: give 0 or more working days."), days)
	if not days:
		return
	if not (reason or "").strip():
		raise CaseRuleError(_("Extension Reason is empty: say why the response needs more time."))
	if days > limit and not (beyond_limit_reason or "").strip():
		raise CaseRuleError(
			_(
				"Extension Days is {0}, beyond this stage's limit of {1}: give a good reason in "
				"Reason for Going Beyond the Limit, or extend by no more than the limit."
			),
			days,
			limit,
		)


@dataclass(frozen=True, slots=True)
class StagePeople:
	stage_number: int
	handler: str | None
	reviewer: str | None


def independence_conflicts(
	handler: str | None, reviewer: str | None, earlier: Iterable[StagePeople]
) -> list[tuple[str, str, int]]:
	"""(field, user, earlier stage) for each of this stage's people who handled or reviewed an earlier stage."""
	involved: dict[str, int] = {}
	for stage in earlier:
		for user in (stage.handler, stage.reviewer):
			if user:
				involved.setdefault(user, stage.stage_number)
	return [
		(field, user, involved[user])
		for field, user in (("handler", handler), ("reviewer", reviewer))
		if user and user in involved
	]


def next_update_due(
	calendar: WorkingDayCalendar, last_contact: dt.date | dt.datetime | None, interval_days: int
) -> dt.date | None:
	"""When the customer is next owed a progress update, or None when the policy sets no interval."""
	if not interval_days or not last_contact:
		return None
	return calendar.add_working_days(last_contact, interval_days)


def closes_for_no_reply_on(
	calendar: WorkingDayCalendar, responded_on: dt.date | None, close_after_days: int
) -> dt.date | None:
	"""The date after which a responded case with no reply from the customer closes, or None."""
	if not close_after_days or not responded_on:
		return None
	return calendar.add_working_days(responded_on, close_after_days)


def pause_spans(
	pauses: Iterable[tuple[dt.date | None, dt.date | None]], today: dt.date
) -> list[tuple[dt.date, dt.date]]:
	"""Pauses as closed spans for the clock: an open pause (no end yet) runs to today for now."""
	spans = []
	for start, end in pauses:
		if not start:
			continue
		if end and end < start:
			raise CaseRuleError(
				_("Pause ends on {0} before it starts on {1}: give an end on or after the start."),
				end.isoformat(),
				start.isoformat(),
			)
		spans.append((start, end or max(start, today)))
	return spans


def is_paused_on(pauses: Iterable[tuple[dt.date | None, dt.date | None]], day: dt.date) -> bool:
	return any(start and start <= day and (end is None or day <= end) for start, end in pauses)


# -- the one clock --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClockFacts:
	"""What a clock is judged from: a complaint stage's (stage_number 1 or more), or a case's without stages
	(stage_number 0, timed by its type). Pauses are (from, until or None) rows as recorded."""

	feedback_type: str
	started_on: DateLike
	acknowledged_on: dt.date | None = None
	responded_on: dt.date | None = None
	stage_number: int = 0
	complexity: str = "Standard"
	social_care: bool = False
	pauses: tuple[tuple[dt.date | None, dt.date | None], ...] = ()
	extension_days: int = 0


@dataclass(frozen=True, slots=True)
class ClockReading:
	acknowledge_by: dt.date | None
	respond_by: dt.date | None
	sla_status: str
	working_days_taken: int


def read_clock(rules: CaseRules, facts: ClockFacts, today: dt.date) -> ClockReading:
	"""The dates, status and working days taken of one clock on `today`: the only place they are computed."""
	spans = pause_spans(facts.pauses, today)
	deadlines = rules.deadlines(
		facts.feedback_type,
		facts.started_on,
		stage=facts.stage_number or 1,
		complexity=facts.complexity or "Standard",
		social_care=facts.social_care,
		acknowledged_on=facts.acknowledged_on,
		pauses=spans,
		extension_days=facts.extension_days,
	)
	clock = Clock(
		deadlines.acknowledge_by,
		facts.acknowledged_on,
		deadlines.respond_by,
		facts.responded_on,
		paused=is_paused_on(facts.pauses, today),
	)
	status, taken = clock_outcome(rules.calendar, facts.started_on, clock, spans, today, rules.due_soon_days)
	return ClockReading(deadlines.acknowledge_by, deadlines.respond_by, status, taken)


# -- when a case may be escalated ----------------------------------------------------------------------

# Why escalation is not open now: staff actions and the public pages turn each into their own words.
CASE_FINISHED = "case_finished"  # closed, or with the external body
NOT_IN_PROCEDURE = "not_in_procedure"  # not a complaint in the formal procedure
COMPENSATION_CLAIM = "compensation_claim"  # stays at stage 1, with the insurance contact
REFUSED = "refused"  # a head of service refused escalation
LAST_STAGE = "last_stage"  # the customer goes to the external body themselves
NOT_YET_ANSWERED = "not_yet_answered"  # the stage has not responded and is not yet overdue


@dataclass(frozen=True, slots=True)
class EscalationFacts:
	status: str
	in_procedure: bool
	compensation_claim: bool
	current_stage: int
	last_stage_number: int
	refused: bool = False
	responded: bool = False
	respond_by: dt.date | None = None


def escalation_block(facts: EscalationFacts, today: dt.date, by_customer: bool) -> str | None:
	"""Why the case cannot be escalated now (one of the codes above), or None if it can.

	Staff may escalate any open complaint in the procedure that is not a claim for compensation (after the
	last stage, escalating refers it to the external body). A customer may ask only where a stage could
	follow, escalation was not refused, and the current stage has been answered or is past its respond-by
	date: asking earlier would open a stage before this one has had its chance.
	"""
	if facts.status in (CLOSED, WITH_EXTERNAL_BODY):
		return CASE_FINISHED
	if not facts.in_procedure:
		return NOT_IN_PROCEDURE
	if facts.compensation_claim:
		return COMPENSATION_CLAIM
	if not by_customer:
		return None
	if facts.refused:
		return REFUSED
	if facts.current_stage >= facts.last_stage_number:
		return LAST_STAGE
	if facts.responded or (facts.respond_by and facts.respond_by < today):
		return None
	return NOT_YET_ANSWERED


def in_procedure(
	feedback_type: str, resolved_at_first_contact: bool, anonymous_handling: str | None, rules: CaseRules
) -> bool:
	"""A complaint runs through the policy's stages unless it was settled without them (at first contact,
	or an anonymous complaint referred to the service manager), or the policy has none."""
	return (
		feedback_type == COMPLAINT
		and not resolved_at_first_contact
		and anonymous_handling != REFER_TO_SERVICE_MANAGER
		and bool(rules.stages)
	)
