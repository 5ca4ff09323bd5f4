"""Time the scheduled sweep (customer_feedback.sweep.run) over 1,000 and over 100,000 open cases.

Usage, as the bench's owner, inside a bench where the app is installed on the site:

	cd /home/frappe/frappe-bench/sites && ../env/bin/python /work/main/benchmarks/sweep_benchmark.py --site cf-sweep.localhost

(as root: prefix with `runuser -u frappe --`). Options: --sizes 1000 100000, --changing 100.

For each size it bulk-inserts synthetic open cases (with their stage-1 rows) whose dates and statuses are
already what the rules give today, except for a known few (--changing, the same cases at every size) whose
stored status is the previous day's. It times one plain COUNT(*) scan of the open cases as the baseline,
then, counting SQL statements: the sweep with Notifications switched off (the sweep's own cost), the same
sweep as deployed after making those cases stale again (each change also runs the site's Notifications,
which may send e-mail), and a second sweep, which must change nothing. Goals: the sweep over 100,000 open
cases under 10 seconds, and the same number of statements, within a small constant, for both sizes.
Everything it inserts is named BENCH-SWEEP-…, and deleted before it starts and when it ends.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from unittest.mock import patch

try:
	import customer_feedback
except ImportError:
	sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import frappe
from frappe.utils import getdate, now, nowdate

from customer_feedback.tests.factories import counting_queries

PREFIX = "BENCH-SWEEP-"
POLICIES = ("Complaint Handling Code", "Northamptonshire Fire and Rescue Service", "Devon County Council")
GOAL_SECONDS = 10.0
# Statements that may differ between sizes without growing with them (e.g. one more policy seen open).
QUERY_TOLERANCE = 10
FINISHED = ("Closed", "With External Body")
PREVIOUS_STATUS = {"Due Soon": "On Track", "Overdue": "Due Soon", "On Track": "Overdue"}


def timed(function):
	start = time.perf_counter()
	result = function()
	return result, time.perf_counter() - start


# -- synthetic cases ---------------------------------------------------------------------------------------


class CaseMaker:
	"""Rows for open cases received over the last few weeks, with the dates and statuses the app's own
	rules (deadlines and case_rules) give them today."""

	def __init__(self, today: dt.date):
		from customer_feedback.customer_feedback.doctype.feedback_policy.feedback_policy import get_rules

		self.today = today
		self.policies = {}
		for name in POLICIES:
			rules = get_rules(name)
			self.policies[name] = {
				"calendar": rules.calendar,
				"rules": rules.timescales,
				"due_soon_until": rules.calendar.add_working_days(today, rules.due_soon_days),
				"progress_update_days": rules.progress_update_days,
				"close_after_no_reply_days": rules.close_after_no_reply_days,
			}
		self.received_days = [today - dt.timedelta(days=n) for n in range(1, 43)]
		self.workflow_state = workflow_states()
		self.deadline_cache = {}

	def deadlines(self, policy: str, received: dt.datetime, acknowledged_on: dt.date | None):
		from customer_feedback.deadlines import compute_deadlines

		key = (policy, received, acknowledged_on)
		if key not in self.deadline_cache:
			rules = self.policies[policy]
			self.deadline_cache[key] = compute_deadlines(
				rules["calendar"], rules["rules"], "Complaint", received, acknowledged_on=acknowledged_on
			)
		return self.deadline_cache[key]

	def case(self, number: int, rng: random.Random, stale: bool) -> tuple[dict, dict]:
		from customer_feedback.case_rules import (
			Clock,
			closes_for_no_reply_on,
			next_update_due,
			sla_status,
		)

		policy = rng.choice(POLICIES)
		rules = self.policies[policy]
		calendar = rules["calendar"]
		received = dt.datetime.combine(rng.choice(self.received_days), dt.time(10, 0))
		# A stale case is one still being handled; a tenth of the others are responded, awaiting a reply.
		status = "Responded" if not stale and rng.random() < 0.1 else rng.choice(("Open", "Acknowledged"))
		acknowledged_on = responded_on = update_due = closes_on = None
		if status != "Open":
			acknowledged_on = min(calendar.add_working_days(received, rng.randint(1, 4)), self.today)
		if status == "Responded":
			# Within the last fortnight, so no case is due to close today: only the stale ones change.
			responded_on = max(acknowledged_on, self.today - dt.timedelta(days=rng.randint(0, 14)))
			closes_on = closes_for_no_reply_on(calendar, responded_on, rules["close_after_no_reply_days"])
		else:
			update_due = next_update_due(calendar, acknowledged_on or received, rules["progress_update_days"])
		deadlines = self.deadlines(policy, received, acknowledged_on)
		clock = Clock(deadlines.acknowledge_by, acknowledged_on, deadlines.respond_by, responded_on)
		status_today = sla_status(clock, self.today, rules["due_soon_until"])
		# A stale case holds the status it had the day before: what the sweep moves each night.
		stored_status = PREVIOUS_STATUS[status_today] if stale else status_today
		name = f"{PREFIX}{number:07d}"
		timestamp = now()
		common = {"creation": timestamp, "modified": timestamp, "modified_by": "Administrator"}
		case = {
			"name": name,
			**common,
			"owner": "Administrator",
			"naming_series": "FB-.YYYY.-.#####",
			"feedback_type": "Complaint",
			"channel": "Email",
			"received_on": received,
			"status": status,
			"workflow_state": self.workflow_state.get(status),
			"policy": policy,
			"complexity": "Standard",
			"current_stage": 1,
			"customer_name": f"Benchmark Customer {number}",
			"description": "Synthetic case for the sweep benchmark.",
			"acknowledge_by": deadlines.acknowledge_by,
			"acknowledged_on": acknowledged_on,
			"respond_by": deadlines.respond_by,
			"responded_on": responded_on,
			"sla_status": stored_status,
			"next_update_due": update_due,
			# Already flagged when the update fell due: the reminder went out on an earlier day.
			"progress_update_overdue": int(bool(update_due and update_due <= self.today)),
			"closes_for_no_reply_on": closes_on,
		}
		stage = {
			"name": f"{name}-1",
			**common,
			"owner": "Administrator",
			"feedback": name,
			"stage_number": 1,
			"stage_name": "Stage 1",
			"status": status,
			"policy": policy,
			"started_on": received,
			"complexity": "Standard",
			"acknowledge_by": deadlines.acknowledge_by,
			"acknowledged_on": acknowledged_on,
			"respond_by": deadlines.respond_by,
			"responded_on": responded_on,
			"sla_status": stored_status,
		}
		return case, stage


def workflow_states() -> dict[str, str]:
	from frappe.model.workflow import get_workflow_name

	workflow = get_workflow_name("Feedback")
	if not workflow:
		return {}
	return dict(
		frappe.db.sql(
			"""select update_value, state from `tabWorkflow Document State`
			where parent = %s and update_field = 'status'""",
			workflow,
		)
	)


def insert_cases(size: int, changing: int, today: dt.date) -> tuple[float, dict[str, str]]:
	"""Insert `size` open cases; returns the seconds taken and the stale cases' stored statuses."""
	maker = CaseMaker(today)
	rng = random.Random(size)
	# The stale cases are spread through the table and are the same cases (dates, policies, statuses) at
	# every size, so both sizes make the same changes and fire the same Notifications.
	stale = {number: k for k, number in enumerate(range(0, size, size // changing))}
	cases, stages = [], []
	for number in range(size):
		if number in stale:
			case, stage = maker.case(number, random.Random(f"stale {stale[number]}"), stale=True)
		else:
			case, stage = maker.case(number, rng, stale=False)
		cases.append(case)
		stages.append(stage)
	start = time.perf_counter()
	for doctype, rows in (("Feedback", cases), ("Complaint Stage", stages)):
		fields = list(rows[0])
		frappe.db.bulk_insert(doctype, fields, [tuple(row[field] for field in fields) for row in rows])
	frappe.db.commit()
	stale_statuses = {cases[number]["name"]: cases[number]["sla_status"] for number in stale}
	return time.perf_counter() - start, stale_statuses


def make_stale_again(stale_statuses: dict[str, str]) -> None:
	"""Put the stale cases (and their stages) back to the statuses they were inserted with."""
	for status in set(stale_statuses.values()):
		names = tuple(name for name, stored in stale_statuses.items() if stored == status)
		frappe.db.sql("update `tabFeedback` set sla_status = %s where name in %s", (status, names))
		frappe.db.sql(
			"update `tabComplaint Stage` set sla_status = %s where feedback in %s and stage_number = 1",
			(status, names),
		)
	frappe.db.commit()


def delete_benchmark_rows() -> None:
	pattern = PREFIX + "%"
	frappe.db.sql(
		"""delete from `tabEmail Queue Recipient` where parent in (
			select name from `tabEmail Queue` where reference_name like %s)""",
		pattern,
	)
	for table, column in (
		("Email Queue", "reference_name"),
		("Communication", "reference_name"),
		("Notification Log", "document_name"),
		("Comment", "reference_name"),
		("Version", "docname"),
		("Complaint Stage Pause", "parent"),
		("Complaint Stage", "feedback"),
		("Feedback", "name"),
	):
		frappe.db.sql(f"delete from `tab{table}` where `{column}` like %s", pattern)
	frappe.db.commit()


# -- the measurement ---------------------------------------------------------------------------------------


def time_sweep() -> dict:
	from customer_feedback import sweep

	with counting_queries() as statements:
		changes, seconds = timed(sweep.run)
	return {"seconds": seconds, "queries": len(statements), "changes": changes}


def measure(size: int, changing: int) -> dict:
	"""Per size: the sweep with Notifications switched off (its own cost), then, with the same stale cases
	made stale again, the sweep as deployed (running the site's Notifications), then a second sweep."""
	from frappe.model.document import Document

	today = getdate(nowdate())
	delete_benchmark_rows()
	insert_seconds, stale_statuses = insert_cases(size, changing, today)
	open_cases, baseline_seconds = timed(
		lambda: frappe.db.sql(
			"select count(*) from `tabFeedback` where status not in %(finished)s", {"finished": FINISHED}
		)[0][0]
	)
	with patch.object(Document, "run_notifications", lambda doc, method: None):
		alone = time_sweep()
	make_stale_again(stale_statuses)
	deployed = time_sweep()
	again = time_sweep()
	return {
		"size": size,
		"open_cases": open_cases,
		"insert_seconds": insert_seconds,
		"baseline_seconds": baseline_seconds,
		"alone": alone,
		"deployed": deployed,
		"again": again,
	}


def describe(changes: dict[str, int]) -> str:
	return ", ".join(f"{key} {value}" for key, value in changes.items() if value) or "nothing"


def report(result: dict) -> None:
	baseline = result["baseline_seconds"]
	print(f"{result['size']:,} synthetic open cases ({result['open_cases']:,} open on the site)")
	print(f"  inserted in {result['insert_seconds']:.2f} s")
	print(f"  baseline, one COUNT(*) of the open cases: {baseline:.4f} s")
	for key, label in (
		("alone", "sweep, Notifications off"),
		("deployed", "sweep, as deployed"),
		("again", "second sweep"),
	):
		run = result[key]
		print(
			f"  {label}: {run['seconds']:.3f} s ({run['seconds'] / baseline:.0f} x the baseline), "
			f"{run['queries']} queries; changed {describe(run['changes'])}"
		)
	changed_rows = sum(v for k, v in result["deployed"]["changes"].items() if k != "errors") or 1
	for key, label in (("alone", "by the sweep itself"), ("deployed", "with the Notifications")):
		apply_seconds = result[key]["seconds"] - result["again"]["seconds"]
		apply_queries = result[key]["queries"] - result["again"]["queries"]
		print(
			f"  each of the {changed_rows} changed rows, {label}: {apply_seconds / changed_rows * 1000:.0f} ms, "
			f"{apply_queries / changed_rows:.1f} queries"
		)


def main() -> int:
	parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--sizes", type=int, nargs=2, default=(1_000, 100_000), metavar=("SMALL", "LARGE"))
	parser.add_argument("--changing", type=int, default=100, help="cases whose status is stale")
	args = parser.parse_args()

	frappe.init(site=args.site, sites_path=os.getcwd())
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		# A small round first, not reported, so both reported rounds find Frappe's caches (DocType meta,
		# Notifications, policies) warm and count the same statements.
		measure(100, 10)
		results = [measure(size, args.changing) for size in args.sizes]
		notifications = frappe.get_all(
			"Notification",
			filters={"enabled": 1, "document_type": ("in", ("Feedback", "Complaint Stage"))},
			fields=["event", "count(*) as n"],
			group_by="event",
		)
		print(
			"Enabled Notifications on Feedback and Complaint Stage: "
			+ (", ".join(f"{row.n} on {row.event}" for row in notifications) or "none")
		)
		for result in results:
			report(result)
		small, large = results
		for key, label in (("alone", "Notifications off"), ("deployed", "as deployed")):
			print(
				f"ratio {large['size']:,} / {small['size']:,}, {label}: "
				f"time {large[key]['seconds'] / small[key]['seconds']:.2f}, "
				f"queries {large[key]['queries'] / small[key]['queries']:.2f}"
			)
		expected = args.changing
		checks = {}
		for key, label in (("alone", "Notifications off"), ("deployed", "as deployed")):
			checks[f"{label}: sweep of {large['size']:,} open cases under {GOAL_SECONDS:.0f} s"] = (
				large[key]["seconds"] < GOAL_SECONDS
			)
			checks[f"{label}: queries equal within {QUERY_TOLERANCE} for both sizes"] = (
				abs(large[key]["queries"] - small[key]["queries"]) <= QUERY_TOLERANCE
			)
			checks[f"{label}: each sweep changed exactly the {expected} stale cases and their stages"] = all(
				r[key]["changes"]["case_statuses"] == expected
				and r[key]["changes"]["stage_statuses"] == expected
				and not r[key]["changes"]["errors"]
				for r in results
			)
		checks["a second sweep changes nothing"] = all(
			not any(r["again"]["changes"].values()) for r in results
		)
		for check, passed in checks.items():
			print(f"{'PASS' if passed else 'FAIL'}: {check}")
		return 0 if all(checks.values()) else 1
	finally:
		delete_benchmark_rows()
		frappe.destroy()


if __name__ == "__main__":
	sys.exit(main())
