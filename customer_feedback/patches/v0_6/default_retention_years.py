"""Policies saved before v0.6 keep personal data for the default 6 years after closing: the new column
starts at 0, which would mean "for ever"."""

import frappe

DEFAULT_RETENTION_YEARS = 6


def execute():
	policy = frappe.qb.DocType("Feedback Policy")
	(
		frappe.qb.update(policy)
		.set(policy.retention_years, DEFAULT_RETENTION_YEARS)
		.where(policy.retention_years.isnull() | (policy.retention_years == 0))
		.run()
	)
