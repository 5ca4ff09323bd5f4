"""Rules of a case's clocks that need no database: service-level status, extensions, independence of
handlers, progress updates and closing after no reply. No Frappe import; controllers and the scheduled
sweep call these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from customer_feedback.working_days import WorkingDayCalendar

ON_TRACK = "On Track"
DUE_SOON = "Due Soon"
OVERDUE = "Overdue"
MET = "Met"
MISSED = "Missed"
PAUSED = "Paused"
SLA_STATUSES = (ON_TRACK, DUE_SOON, OVERDUE, MET, MISSED, PAUSED)
# Open statuses a sweep may move between; Met and Missed are final once the response is recorded.
OPEN_SLA_STATUSES = (ON_TRACK, DUE_SOON, OVERDUE, PAUSED)

DUE_SOON_WORKING_DAYS = 2


class CaseRuleError(ValueError):
	"""A rule refused the action; the message names the field and the fix."""


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
		raise CaseRuleError(f"Extension Days is {days}: give 0 or more working days.")
	if not days:
		return
	if not (reason or "").strip():
		raise CaseRuleError("Extension Reason is empty: say why the response needs more time.")
	if days > limit and not (beyond_limit_reason or "").strip():
		raise CaseRuleError(
			f"Extension Days is {days}, beyond this stage's limit of {limit}: give a good reason in "
			"Reason for Going Beyond the Limit, or extend by no more than the limit."
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
				f"Pause ends on {end.isoformat()} before it starts on {start.isoformat()}: give an end on or after the start."
			)
		spans.append((start, end or max(start, today)))
	return spans


def is_paused_on(pauses: Iterable[tuple[dt.date | None, dt.date | None]], day: dt.date) -> bool:
	return any(start and start <= day and (end is None or day <= end) for start, end in pauses)
