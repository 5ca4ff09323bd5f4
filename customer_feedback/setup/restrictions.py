"""The kinds of contact restriction (Solihull Appendix A's options), created once on install and by a patch
on existing sites, as ordinary Contact Restriction Type records an administrator rewords, adds to or
disables in the desk; created only where missing by name, so nothing overwrites an edit (fixtures would)."""

from __future__ import annotations

import frappe

RESTRICTION_TYPES: tuple[tuple[str, str], ...] = (
	(
		"A single point of contact",
		"You contact us only through one named officer, who deals with everything you raise.",
	),
	("One channel only", "You contact us only in the one way we name, for example by email."),
	("Limited times", "You contact us only on the days and at the times we name."),
	(
		"Written contact only",
		"You contact us only in writing, by letter or email, not by telephone or in person.",
	),
	(
		"No new complaint on a matter already concluded",
		"We will not take a new complaint about a matter our complaints procedure has already concluded; we "
		"will still consider anything new.",
	),
	(
		"Correspondence filed without reply",
		"We will read and keep what you send us about the concluded matter, but will reply only if it raises "
		"something new.",
	),
)


def create_restriction_types() -> int:
	"""Create each default kind missing by name; returns how many were made."""
	made = 0
	for name, description in RESTRICTION_TYPES:
		if not frappe.db.exists("Contact Restriction Type", name):
			frappe.get_doc(
				{"doctype": "Contact Restriction Type", "restriction_name": name, "description": description}
			).insert(ignore_permissions=True)
			made += 1
	return made
