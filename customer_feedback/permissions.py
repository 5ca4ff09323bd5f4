"""Who reads which case, beyond the DocType's role rows (hooks: permission_query_conditions, has_permission).

The role rows say what each role may do to a case; these narrow which cases:
- a case about a member of staff (`staff_member_concerned`) is hidden from that person, whatever their role;
- handlers (constants.CASE_HANDLERS) read the rest;
- a Feedback User reads what they recorded (the role row's "if owner");
- a routed role reads only the cases flagged for it (constants.ROUTED_CASE_FLAGS).
A complaint's stages follow their case. Administrator is the platform's and is never narrowed.
The same rule is written twice, once as SQL for lists and reports and once in Python for one document,
because the platform asks for both; tests/test_permission_matrix.py holds them to each other.
"""

from __future__ import annotations

import frappe

from customer_feedback.constants import CASE_HANDLERS, FEEDBACK_USER, ROUTED_CASE_FLAGS


def case_scope(user: str) -> tuple[bool, bool, list[tuple[str, ...]]]:
	"""(reads every case, reads what they recorded, the flag sets of the routed cases they read)."""
	roles = set(frappe.get_roles(user))
	routed = [flags for role, flags in ROUTED_CASE_FLAGS.items() if role in roles]
	return bool(roles & set(CASE_HANDLERS)), FEEDBACK_USER in roles, routed


def feedback_conditions(user: str | None = None, table: str = "`tabFeedback`") -> str:
	"""permission_query_conditions for Feedback: an SQL condition on `table`, or "" for no narrowing."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	not_about_them = f"ifnull({table}.staff_member_concerned, '') != {frappe.db.escape(user)}"
	handles_all, recorder, routed = case_scope(user)
	if handles_all:
		return not_about_them
	reads = [f"{table}.owner = {frappe.db.escape(user)}"] if recorder else []
	reads += [" and ".join(f"{table}.`{flag}` = 1" for flag in flags) for flags in routed]
	if not reads:
		return "1 = 0"
	return f"{not_about_them} and (" + " or ".join(f"({read})" for read in reads) + ")"


def complaint_stage_conditions(user: str | None = None) -> str:
	"""A stage is read by those who read its case."""
	return case_record_conditions("Complaint Stage", user)


def correspondence_conditions(user: str | None = None) -> str:
	"""A letter sent from a case is read by those who read the case; a contact restriction's letter (no case)
	by the role rows, which give it to the roles that read Contact Restriction."""
	case = case_record_conditions("Feedback Correspondence", user)
	if not case:
		return ""
	return f"({case} or `tabFeedback Correspondence`.feedback is null)"


def learning_conditions(user: str | None = None) -> str:
	"""A lesson learned from a case is read by those who read the case."""
	return case_record_conditions("Learning", user)


def case_record_conditions(doctype: str, user: str | None) -> str:
	case = feedback_conditions(user, table="fb")
	if not case:
		return ""
	return f"`tab{doctype}`.feedback in (select fb.name from `tabFeedback` fb where {case})"


def can_read_case(case, user: str) -> bool:
	"""The Python twin of feedback_conditions, for one case (a document or a dict of its fields)."""
	if user == "Administrator":
		return True
	if case.get("staff_member_concerned") == user:
		return False
	handles_all, recorder, routed = case_scope(user)
	if handles_all or (recorder and case.get("owner") == user):
		return True
	return any(all(case.get(flag) for flag in flags) for flags in routed)


def has_feedback_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	"""has_permission for Feedback. A new case has no owner or flags to judge yet: the role rows decide."""
	if doc.is_new():
		return True
	return can_read_case(doc, user or frappe.session.user)


def has_complaint_stage_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	return can_read_case_of(doc, user)


def has_correspondence_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	return can_read_case_of(doc, user)


def has_learning_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	return can_read_case_of(doc, user)


def can_read_case_of(doc, user: str | None) -> bool:
	"""A record of a case (a stage, a letter, a lesson) follows the case."""
	if not doc.feedback:
		return True
	case = frappe.db.get_value(
		"Feedback",
		doc.feedback,
		[
			"owner",
			"staff_member_concerned",
			*{flag for flags in ROUTED_CASE_FLAGS.values() for flag in flags},
		],
		as_dict=True,
	)
	return not case or can_read_case(case, user or frappe.session.user)
