"""The compliments bulletin's rules (Northamptonshire's weekly bulletin, Bedfordshire's Blue Bulletin),
framework-free: the week or month it covers, and what of a compliment it may print. The report is
customer_feedback/customer_feedback/report/compliments_bulletin.

It prints the staff's brief of the compliment (The Compliment in Brief), never the description, which is
the customer's own words and may carry their or other people's details; and the customer's name only where
they agreed to be named. Email, telephone, address and postcode are never read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from customer_feedback.rule_errors import RuleError, _

WEEK, MONTH, CUSTOM = "Week", "Month", "Custom"
PERIODS = (WEEK, MONTH, CUSTOM)


class BulletinError(RuleError):
	"""The bulletin's filters cannot be read as they stand."""


def bulletin_dates(
	period: str, day: dt.date, from_date: dt.date | None = None, to_date: dt.date | None = None
) -> tuple[dt.date, dt.date]:
	"""(first day, last day): the week (Monday to Sunday) or calendar month containing `day`, or Custom."""
	if period == WEEK:
		start = day - dt.timedelta(days=day.weekday())
		return start, start + dt.timedelta(days=6)
	if period == MONTH:
		start = day.replace(day=1)
		following = (start + dt.timedelta(days=32)).replace(day=1)
		return start, following - dt.timedelta(days=1)
	if period != CUSTOM:
		raise BulletinError(_("Period is {0}: choose Week, Month or Custom."), period)
	if not (from_date and to_date):
		raise BulletinError(_("Period is Custom: give both From Date and To Date."))
	if from_date > to_date:
		raise BulletinError(
			_("From Date is after To Date: give a From Date on or before {0}."), to_date.isoformat()
		)
	return from_date, to_date


def who_was_praised(rows: Iterable[Mapping[str, str]]) -> str:
	"""Each praised person as the bulletin names them: name, and their team where given."""
	names = []
	for row in rows:
		name, team = (row.get("praised_name") or "").strip(), (row.get("team") or "").strip()
		if name and team:
			names.append(f"{name} ({team})")
		elif name or team:
			names.append(name or team)
	return ", ".join(names)


def customer_shown(named_in_bulletin: bool, is_anonymous: bool, customer_name: str) -> str:
	"""The customer's name only where they agreed to be named."""
	if named_in_bulletin and not is_anonymous:
		return (customer_name or "").strip()
	return ""
