"""Contact restrictions' rules, framework-free (no Frappe import): whether one is active on a day, its default
review date, and which dates may stand together. The Contact Restriction controller and the read-time checks
(customer_feedback/customer_feedback/doctype/contact_restriction/restrictions.py) call these; the SQL filter
there says the same as `is_active`, and a test holds the two together.

Solihull Appendix A: restricting is a last resort, decided with a Head of Service, after a warning where the
policy says so; it is reviewed, and it never stops a new complaint being recorded or a service being used.
"""

from __future__ import annotations

import calendar
import datetime as dt

from customer_feedback.rule_errors import RuleError, _

RESTRICT = "Restrict contact"
NOT_RESTRICTED = "Decided not to restrict"
DECISIONS = (RESTRICT, NOT_RESTRICTED)


def is_active(decision: str | None, starts_on: dt.date | None, ends_on: dt.date | None, on: dt.date) -> bool:
	"""A restriction applies on `on` from its first day to its last (an open end runs on until it is lifted)."""
	return (
		decision == RESTRICT
		and starts_on is not None
		and starts_on <= on
		and (ends_on is None or ends_on >= on)
	)


def add_months(day: dt.date, months: int) -> dt.date:
	"""The same day `months` later; the month's last day where it is shorter (31 Aug + 6 months: 28 Feb)."""
	month_index = day.month - 1 + months
	year, month = day.year + month_index // 12, month_index % 12 + 1
	return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_review_on(starts_on: dt.date, review_months: int | None) -> dt.date | None:
	"""The review date a restriction is given: its start plus the policy's months (none where it has none)."""
	if not review_months or review_months <= 0:
		return None
	return add_months(starts_on, review_months)


def check_restriction(
	*,
	decision: str,
	decided_on: dt.date,
	today: dt.date,
	warning_required: bool,
	warned_on: dt.date | None = None,
	starts_on: dt.date | None = None,
	ends_on: dt.date | None = None,
	review_on: dt.date | None = None,
	customer_told_on: dt.date | None = None,
	has_restrictions: bool = False,
) -> None:
	"""Refuse dates and choices that cannot stand together, with a message naming the field and the fix."""
	if decision not in DECISIONS:
		raise RuleError(_("Decision: choose {0} or {1}."), RESTRICT, NOT_RESTRICTED)
	if decided_on > today:
		raise RuleError(
			_("Decided On is {0}, a day still to come: record the decision once it is taken."), decided_on
		)
	if decision == NOT_RESTRICTED:
		if has_restrictions:
			raise RuleError(
				_("Restrictions: a decision not to restrict has none. Remove them, or choose Decision {0}."),
				RESTRICT,
			)
		return
	if warning_required and not warned_on:
		raise RuleError(
			_(
				"Customer Warned On is empty: the policy asks for a warning before restricting contact. Warn the customer first and record the date, or choose Decision {0}."
			),
			NOT_RESTRICTED,
		)
	if warned_on and warned_on >= decided_on:
		raise RuleError(
			_("Customer Warned On ({0}) must be before Decided On ({1}): the warning comes first."),
			warned_on,
			decided_on,
		)
	if not has_restrictions:
		raise RuleError(_("Restrictions is empty: choose what is restricted."))
	if not starts_on:
		raise RuleError(_("Starts On is empty: give the day the restriction starts."))
	if starts_on < decided_on:
		raise RuleError(
			_("Starts On ({0}) is before Decided On ({1}): a restriction starts once it is decided."),
			starts_on,
			decided_on,
		)
	if ends_on and ends_on < starts_on:
		raise RuleError(
			_("Ends On ({0}) is before Starts On ({1}): correct one of them."), ends_on, starts_on
		)
	if review_on and review_on < starts_on:
		raise RuleError(
			_("Review On ({0}) is before Starts On ({1}): review it on or after the day it starts."),
			review_on,
			starts_on,
		)
	if customer_told_on and customer_told_on < decided_on:
		raise RuleError(
			_(
				"Customer Told On ({0}) is before Decided On ({1}): the customer is told of a decision once it is taken."
			),
			customer_told_on,
			decided_on,
		)
	if customer_told_on and customer_told_on > today:
		raise RuleError(
			_("Customer Told On is {0}, a day still to come: record it once they are told."), customer_told_on
		)
