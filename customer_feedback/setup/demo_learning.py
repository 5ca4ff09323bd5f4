"""Demo learning: lessons with actions (some done, some overdue) and reviews on demo complaints, so the
Learning list, the Overdue Learning Actions and Learning by Service Area reports have something to show.
Safe to run again: a case with a lesson gets no second one.

`learn_from(case)` records one lesson on a case, and is what a demo must call before closing a case whose
policy asks for learning first (Solihull's complaints, all of Devon's feedback); `add_learning()` adds
lessons to closed demo complaints that have none."""

from __future__ import annotations

import random

import frappe
from frappe.utils import add_days, getdate, nowdate

from customer_feedback.learning_rules import ACCEPTED, MORE_ACTION_NEEDED
from customer_feedback.setup import demo
from customer_feedback.setup.master_data import LEARNING_CATEGORIES

# (what went wrong or what we learned, the action it led to), per learning category, in LEARNING_CATEGORIES' order.
LESSONS = [
	(
		"Collections missed after a crew change were not picked up until the customer rang a third time.",
		"Add missed-collection reports to the crews' daily handover sheet.",
	),
	(
		"The customer showed our discretionary policy was applied more strictly than its wording says.",
		"Review the policy's guidance notes with the service's team leaders.",
	),
	(
		"Our first letter used jargon and did not say when the customer would hear from us.",
		"Rewrite the standard letter in plain English, with a date for the next step.",
	),
	(
		"An officer's manner on the phone upset the customer; they had had no call-handling refresher.",
		"Book the team onto the customer care refresher course.",
	),
	(
		"A letter was sent to a previous address held on an old record.",
		"Check the address against the current record before sending case letters.",
	),
]
OWNERS = ("aisha.khan", "gareth.evans", "tom.baker")
REVIEWERS = ("mary.oneill", "david.osei")


def learn_from(case, rng: random.Random | None = None) -> str | None:
	"""One lesson on `case` (a Feedback) with an action or two, unless it has one; returns its name."""
	if frappe.db.exists("Learning", {"feedback": case.name}):
		return None
	rng = rng or random.Random(case.name)
	category_index = rng.randrange(len(LEARNING_CATEGORIES))
	lesson, action = LESSONS[category_index]
	today = getdate(nowdate())
	start = getdate(case.responded_on or case.received_on)
	recorded_on = min(start, today)
	owner = next(
		(demo.staff_email(login) for login in rng.sample(OWNERS, len(OWNERS)) if can_own(case, login)),
		None,
	)
	actions = []
	if owner:
		due_on = getdate(add_days(recorded_on, rng.choice((10, 20, 30))))
		done = due_on < today and rng.random() < 0.6
		actions.append(
			{
				"action": action,
				"action_owner": owner,
				"due_on": due_on,
				"done_on": add_days(due_on, -rng.randint(0, 5)) if done else None,
				"evidence": "Done: see the team's minutes." if done else None,
			}
		)
	learning = frappe.get_doc(
		{
			"doctype": "Learning",
			"feedback": case.name,
			"complaint_stage": frappe.db.get_value(
				"Complaint Stage", {"feedback": case.name, "stage_number": case.current_stage}
			)
			if case.current_stage
			else None,
			"recorded_on": recorded_on,
			"learning_category": LEARNING_CATEGORIES[category_index][0],
			"lesson": lesson,
			"actions": actions,
		}
	)
	if rng.random() < 0.5 and recorded_on < today:
		reviewed_on = min(getdate(add_days(recorded_on, rng.randint(1, 7))), today)
		outcome = ACCEPTED if rng.random() < 0.8 else MORE_ACTION_NEEDED
		learning.update(
			{
				"reviewed_by": demo.staff_email(rng.choice(REVIEWERS)),
				"reviewed_on": reviewed_on,
				"review_outcome": outcome,
				"review_notes": "Also share the change with the other teams."
				if outcome == MORE_ACTION_NEEDED
				else None,
			}
		)
	learning.insert(ignore_permissions=True)
	return learning.name


def can_own(case, login: str) -> bool:
	"""A demo member of staff may own the action: the case is not about them."""
	return case.get("staff_member_concerned") != demo.staff_email(login)


def add_learning(cases: list[str] | None = None) -> int:
	"""Lessons on `cases` (names), or on every other closed demo complaint; returns how many were added."""
	if cases is None:
		from customer_feedback.setup.demo_cases import DEMO_TAG

		closed = frappe.get_all(
			"Feedback",
			filters={
				"status": "Closed",
				"feedback_type": "Complaint",
				"resolved_at_first_contact": 0,
				"_user_tags": ("like", f"%{DEMO_TAG}%"),
			},
			pluck="name",
			order_by="name asc",
		)
		cases = closed[::2]
	added = 0
	for name in cases:
		if learn_from(frappe.get_doc("Feedback", name)):
			added += 1
	return added
