"""Demo contact restrictions (Solihull Appendix A) on three demo customers who have cases: one active, after a
warning; one decision not to restrict; one that has ended. Dates are relative to today, so the active one
shows on its customer's cases whenever the demo is made. Safe to run again: a customer who already has a
restriction is left as they are. Call after the demo staff and cases exist (customer_feedback.setup.demo)."""

from __future__ import annotations

import frappe
from frappe.utils import add_days, nowdate

from customer_feedback.restriction_rules import NOT_RESTRICTED, RESTRICT
from customer_feedback.setup.demo import staff_email
from customer_feedback.setup.policy_presets import SOLIHULL

DECIDER = "mary.oneill"  # a Head of Service in DEMO_STAFF
OFFICER = "aisha.khan"  # an Investigating Officer, the single point of contact


def demo_restrictions() -> list[dict]:
	today = nowdate()
	return [
		{
			"decision": RESTRICT,
			"behaviour": "Since the stage 2 response, about 15 telephone calls a week to different officers and "
			"councillors about the same concluded complaint, repeating points already answered.",
			"circumstances_considered": "No care package or vulnerability known; a meeting was offered and "
			"declined; an advocate was suggested.",
			"warned_on": add_days(today, -45),
			"decided_on": add_days(today, -30),
			"starts_on": add_days(today, -30),
			"restrictions": ["A single point of contact", "Written contact only"],
			"details": "Write to the named officer by letter or email; replies within 10 working days.",
			"single_point_of_contact": staff_email(OFFICER),
			"customer_told_on": add_days(today, -29),
			"told_how": "Letter by post",
		},
		{
			"decision": NOT_RESTRICTED,
			"behaviour": "Frequent emails chasing progress while the complaint was under investigation.",
			"circumstances_considered": "Chasing progress and asking for clarification is not unreasonable; the "
			"customer was given a named contact and a date for the response instead.",
			"decided_on": add_days(today, -20),
		},
		{
			"decision": RESTRICT,
			"behaviour": "Repeat complaints about the same missed collection with minor variations, insisting "
			"each was new.",
			"warned_on": add_days(today, -230),
			"decided_on": add_days(today, -200),
			"starts_on": add_days(today, -200),
			"ends_on": add_days(today, -20),
			"review_on": add_days(today, -20),
			"restrictions": ["No new complaint on a matter already concluded"],
			"customer_told_on": add_days(today, -199),
			"told_how": "Letter by email",
			"review_outcome": "Lifted at review: no repeat complaints for four months.",
		},
	]


def demo_contacts(count: int) -> list[tuple[str, str]]:
	"""(contact, case) for `count` demo customers with a case, Solihull's first, in a fixed order."""
	rows = frappe.get_all(
		"Feedback",
		filters={"contact": ("is", "set"), "is_anonymous": 0},
		fields=["contact", "name", "policy"],
		order_by="name asc",
	)
	rows.sort(key=lambda row: row.policy != SOLIHULL)  # stable: keeps the name order within each
	chosen, seen = [], set()
	for row in rows:
		if row.contact not in seen:
			seen.add(row.contact)
			chosen.append((row.contact, row.name))
		if len(chosen) == count:
			break
	return chosen


def make_demo_restrictions() -> int:
	"""Create the demo restrictions; returns how many were made now."""
	specs = demo_restrictions()
	made = 0
	for (contact, case), spec in zip(demo_contacts(len(specs)), specs, strict=False):
		if frappe.db.exists("Contact Restriction", {"contact": contact}):
			continue
		frappe.get_doc(
			{
				"doctype": "Contact Restriction",
				"contact": contact,
				"feedback": case,
				"decided_by": staff_email(DECIDER),
				**spec,
				"restrictions": [{"restriction_type": kind} for kind in spec.get("restrictions", [])],
			}
		).insert(ignore_permissions=True)
		made += 1
	return made
