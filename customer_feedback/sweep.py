"""The scheduled sweep (hooks: scheduler_events): keeps the service-level status of open cases and their
complaint stages in step with the calendar, flags cases owed a progress update, and closes responded cases
whose customer has not replied within the policy's working days.

Set-based: one SELECT per policy and table asks the database which open rows hold a status other than the
one the rules give today (the rules of case_rules.sla_status, written as a SQL CASE over dates passed in as
parameters, never the database's NOW()). Only those rows are loaded as documents and changed through the
document, so the platform's "Value Change" Notifications fire for each change, once. The number of queries
grows with the rows that change, not with the rows open; a second run in a row finds nothing to change.
"""

from __future__ import annotations

import datetime as dt

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from customer_feedback.case_rules import closes_for_no_reply_on, due_soon_limit
from customer_feedback.constants import (
	CLOSED,
	DUE_SOON,
	FINISHED_CASE_STATUSES,
	MET,
	MISSED,
	ON_TRACK,
	OVERDUE,
	PAUSED,
	RESPONDED,
)
from customer_feedback.customer_feedback.doctype.complaint_stage.complaint_stage import CLOCK_FIELDS
from customer_feedback.customer_feedback.doctype.feedback_policy.feedback_policy import get_rules
from customer_feedback.exceptions import rule_message

# One name, reused: MariaDB replaces a savepoint of the same name, so each change costs one statement.
SAVEPOINT = "customer_feedback_sweep"
# Commit every so many changes: a run cut short (the job's timeout, a restart) keeps what it did, the next
# run carries on from there, and rows locked by db_set are not held for the whole run.
COMMIT_EVERY = 100
COUNTS = ("paused_recomputed", "stage_statuses", "case_statuses", "reminders", "closed", "held", "errors")
# What close_for_no_reply returns for a case its policy says may not close yet (counted as "held").
HELD = "held"


def run(commit: bool = True) -> dict[str, int]:
	"""Sweep every open case once, as of today in the site's time zone; returns what changed.

	`commit=False` leaves the transaction open (tests roll it back); the scheduler needs the commits.
	"""
	return Sweep(getdate(nowdate()), commit).run()


class Sweep:
	"""One run: the day it judges, what it has changed, and the Notifications each kind of change can fire."""

	def __init__(self, today: dt.date, commit: bool):
		self.today = today
		self.commit = commit
		self.counts = dict.fromkeys(COUNTS, 0)
		self.uncommitted = 0
		self.notifications: dict[tuple[str, str], list] = {}

	def run(self) -> dict[str, int]:
		today = self.today
		# First the few stages with an open pause: their response date moves with each working day
		# paused, which no SQL expression can follow. Their cases are saved whole, so the status queries
		# below already find them in step.
		for name in cases_with_open_pause_to_recompute(today):
			self.apply("paused_recomputed", recompute_paused_case, name)

		for policy_name in policies_with_open_cases():
			rules = get_rules(policy_name)
			dates = {
				"policy": policy_name,
				"today": today,
				"due_soon_until": due_soon_limit(rules.calendar, today, rules.due_soon_days),
			}
			# A complaint's status is its current stage's: judged once, on the stage, and shown on the case.
			for name, case, status in stage_status_changes(dates):
				self.apply("stage_statuses", self.set_field, "Complaint Stage", name, "sla_status", status)
				self.apply("case_statuses", self.set_field, "Feedback", case, "sla_status", status)
			for name, status in case_status_changes(dates):
				self.apply("case_statuses", self.set_field, "Feedback", name, "sla_status", status)

		for name in cases_owed_a_progress_update(today):
			self.apply("reminders", self.set_field, "Feedback", name, "progress_update_overdue", 1)

		for name in cases_to_close_for_no_reply(today):
			self.apply("closed", close_for_no_reply, name, today)

		if self.commit:
			frappe.db.commit()
		frappe.logger("customer_feedback").info(
			f"Feedback sweep on {today.isoformat()}: "
			+ ", ".join(f"{key} {n}" for key, n in self.counts.items())
		)
		return self.counts

	def apply(self, counted_as: str, change, *args) -> None:
		"""Run one change in its own savepoint: a case that fails to save is logged and skipped, and the
		rest of the sweep still happens. A change that returns False found nothing to do; one that returns
		the name of a count did that instead (HELD)."""
		frappe.db.savepoint(SAVEPOINT)
		try:
			changed = change(*args)
		except Exception:
			frappe.db.rollback(save_point=SAVEPOINT)
			frappe.log_error(
				title=f"Feedback sweep: {change.__name__} " + " ".join(str(arg) for arg in args[:3])
			)
			self.counts["errors"] += 1
			return
		if changed is False:
			return
		self.counts[changed if changed in self.counts else counted_as] += 1
		self.uncommitted += 1
		if self.commit and self.uncommitted >= COMMIT_EVERY:
			frappe.db.commit()
			self.uncommitted = 0

	def set_field(self, doctype: str, name: str, fieldname: str, value) -> None:
		"""Write a field the rules compute, through the document: db_set loads the row as it was
		(doc_before_save), writes the field and runs the document's on_change, where Frappe evaluates the
		"Value Change" Notifications (and webhooks and server scripts): each fires once, for this change.

		No save: nothing else changed that needs validating, and `modified` stays, so a user with the form
		open is not told someone else edited it. The document is handed only the Notifications this
		change can fire: Frappe would otherwise load every Value Change Notification of the DocType, one
		by one, to find that the field each one watches has not changed."""
		doc = frappe.get_doc(doctype, name)
		doc.flags.notifications = self.notifications_for(doctype, fieldname)
		doc.db_set(fieldname, value, update_modified=False, notify=True)

	def notifications_for(self, doctype: str, fieldname: str) -> list:
		"""The DocType's enabled Notifications less those on Value Change of another field (one query per
		DocType and field in a run, and only in a run that changes one). The same rows, fields and filters
		as Document.run_notifications reads, plus the field each one watches."""
		key = (doctype, fieldname)
		if key not in self.notifications:
			self.notifications[key] = [
				frappe._dict(name=row.name, event=row.event, method=row.method)
				for row in frappe.get_all(
					"Notification",
					fields=["name", "event", "method", "value_changed"],
					filters={"enabled": 1, "document_type": doctype},
				)
				if row.event != "Value Change" or row.value_changed == fieldname
			]
		return self.notifications[key]


# -- which rows change: one query each ------------------------------------------------------------------


def policies_with_open_cases() -> list[str]:
	return frappe.db.sql_list(
		"select distinct policy from `tabFeedback` where status not in %(finished)s and policy is not null",
		{"finished": FINISHED_CASE_STATUSES},
	)


def rule_status_sql(table: str, paused: str) -> str:
	"""case_rules.sla_status as SQL over `table`'s dates. `paused` is an SQL condition, true when a pause
	covers today. The acknowledgement counts until it is done; after that the response does."""
	first_pending = (
		f"(case when {table}.acknowledge_by is not null and {table}.acknowledged_on is null "
		f"then least({table}.acknowledge_by, coalesce({table}.respond_by, {table}.acknowledge_by)) "
		f"else {table}.respond_by end)"
	)
	return f"""case
		when {table}.responded_on is not null then
			case when {table}.respond_by is not null and {table}.responded_on > {table}.respond_by
			then %(missed)s else %(met)s end
		when {paused} then %(paused)s
		when {first_pending} is null then %(on_track)s
		when {first_pending} < %(today)s then %(overdue)s
		when {first_pending} <= %(due_soon_until)s then %(due_soon)s
		else %(on_track)s end"""


STATUS_NAMES = {
	"closed": CLOSED,
	"on_track": ON_TRACK,
	"due_soon": DUE_SOON,
	"overdue": OVERDUE,
	"met": MET,
	"missed": MISSED,
	"paused": PAUSED,
}
# Pauses covering today: started on or before it, and not yet ended or ending on or after it.
PAUSE_COVERS_TODAY = """pause.parenttype = 'Complaint Stage' and pause.parentfield = 'pauses'
	and pause.paused_from <= %(today)s and (pause.paused_until is null or pause.paused_until >= %(today)s)"""


def stage_status_changes(dates: dict) -> list[tuple[str, str, str]]:
	"""(stage, its case, new status) for the open stages of the policy's open cases whose stored status is
	out of date. An open stage is its case's current one: the others were closed on escalation."""
	return frappe.db.sql(
		f"""select name, feedback, new_status from (
			select stage.name, stage.feedback, stage.sla_status,
				{rule_status_sql("stage", "paused.parent is not null")} as new_status
			from `tabComplaint Stage` stage
			join `tabFeedback` feedback on feedback.name = stage.feedback
			left join (
				select distinct pause.parent from `tabComplaint Stage Pause` pause where {PAUSE_COVERS_TODAY}
			) paused on paused.parent = stage.name
			where stage.policy = %(policy)s and stage.status != %(closed)s
				and feedback.status not in %(finished)s
		) judged
		where judged.new_status != coalesce(judged.sla_status, '')""",
		{**dates, **STATUS_NAMES, "finished": FINISHED_CASE_STATUSES},
	)


def case_status_changes(dates: dict) -> list[tuple[str, str]]:
	"""(case, new status) for the policy's open cases without complaint stages (they have their own clock,
	which no pause stops) whose stored status is out of date."""
	return frappe.db.sql(
		f"""select name, new_status from (
			select feedback.name, feedback.sla_status, {rule_status_sql("feedback", "false")} as new_status
			from `tabFeedback` feedback
			where feedback.policy = %(policy)s and feedback.status not in %(finished)s
				and feedback.current_stage = 0
		) judged
		where judged.new_status != coalesce(judged.sla_status, '')""",
		{**dates, **STATUS_NAMES, "finished": FINISHED_CASE_STATUSES},
	)


def cases_with_open_pause_to_recompute(today: dt.date) -> list[str]:
	"""Open cases whose current stage has a pause running with no end, not yet recomputed today (the stage
	document's `modified` says when it last was)."""
	return frappe.db.sql_list(
		"""select distinct feedback.name
		from `tabComplaint Stage Pause` pause
		join `tabComplaint Stage` stage on stage.name = pause.parent
		join `tabFeedback` feedback on feedback.name = stage.feedback and feedback.current_stage = stage.stage_number
		where pause.parenttype = 'Complaint Stage' and pause.parentfield = 'pauses'
			and pause.paused_from <= %(today)s and pause.paused_until is null
			and stage.status != %(closed)s and feedback.status not in %(finished)s
			and stage.modified < %(start_of_today)s""",
		{
			"today": today,
			"start_of_today": dt.datetime.combine(today, dt.time.min),
			"finished": FINISHED_CASE_STATUSES,
			"closed": CLOSED,
		},
	)


def cases_owed_a_progress_update(today: dt.date) -> list[str]:
	"""Open cases whose next progress update falls due today or earlier and are not flagged yet: the
	reminder goes out on the day, while staff can still make the update on time."""
	return frappe.db.sql_list(
		"""select name from `tabFeedback`
		where next_update_due <= %(today)s and progress_update_overdue = 0
			and status not in %(finished)s and status != %(responded)s""",
		{"today": today, "finished": FINISHED_CASE_STATUSES, "responded": RESPONDED},
	)


def cases_to_close_for_no_reply(today: dt.date) -> list[str]:
	"""Responded cases past the last day the customer had to reply (policies without auto-close store none),
	unless the customer replied on or after the response's day (case_email.replied_since_response)."""
	return frappe.db.sql_list(
		"""select name from `tabFeedback`
		where status = %(responded)s and closes_for_no_reply_on < %(today)s
			and (customer_replied_on is null or date(customer_replied_on) < responded_on)""",
		{"today": today, "responded": RESPONDED},
	)


# -- the changes, each through its document --------------------------------------------------------------


def recompute_paused_case(name: str) -> bool:
	"""Re-read the clock of the case's current stage with its pause running to today; save the stage (and
	so show it on the case) only when a date or status moved, so a day with nothing to move writes nothing."""
	number = frappe.db.get_value("Feedback", name, "current_stage")
	stage = frappe.get_doc("Complaint Stage", {"feedback": name, "stage_number": number})
	stored = {field: stage.get(field) for field in CLOCK_FIELDS}
	stage.read_clock(stage.rules())
	if {field: stage.get(field) for field in CLOCK_FIELDS} == stored:
		return False
	stage.flags.clock_read = True
	stage.save(ignore_permissions=True)
	return True


def close_for_no_reply(name: str, today: dt.date) -> bool | str:
	case = frappe.get_doc("Feedback", name)
	rules = get_rules(case.policy)
	days = rules.close_after_no_reply_days
	responded_on = getdate(case.responded_on)
	closes_on = closes_for_no_reply_on(rules.calendar, responded_on, days)
	if not closes_on or closes_on >= today:
		# The policy changed since the response was recorded: keep the stored date in step with it, so the
		# case is not picked up again, and leave the case open.
		case.db_set("closes_for_no_reply_on", closes_on, update_modified=False)
		return False
	missing = case.what_closing_needs(rules)
	if missing:
		hold_open(case, rule_message(missing[0]))
		return HELD
	reason = _("Closed: no reply within {0} working days after the response of {1} ({2})").format(
		days, f"{responded_on.day} {responded_on:%b %Y}", rules.name
	)
	case.closure_reason = reason
	case.flags.ignore_permissions = True
	case.move_by_rule(CLOSED, reason)
	return True


def hold_open(case, needed: str) -> None:
	"""A case whose policy asks for something before it closes (learning, say) stays Responded, and its
	timeline says once what to record; the next run after it is recorded closes the case. The same words
	are not added again each hour."""
	content = _("Left open although the customer has not replied: {0}").format(needed)
	if not frappe.db.exists(
		"Comment",
		{
			"reference_doctype": "Feedback",
			"reference_name": case.name,
			"comment_type": "Comment",
			"content": content,
		},
	):
		case.add_comment("Comment", content)
