"""Equality Monitoring records were named after their case: renamed to random names, so the name alone no
longer ties special category answers to a case (the Feedback link still does, until the case is anonymised)."""

import frappe


def execute():
	for name, feedback in frappe.get_all("Equality Monitoring", fields=["name", "feedback"], as_list=True):
		if name != feedback:
			continue
		frappe.rename_doc(
			"Equality Monitoring", name, frappe.generate_hash(length=10), force=True, show_alert=False
		)
