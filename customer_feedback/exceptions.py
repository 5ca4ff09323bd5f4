"""Typed errors that callers and tests can tell apart; each message names the field and the fix."""

import frappe


class PolicyConfigurationError(frappe.ValidationError):
	"""A Feedback Policy that cannot be saved as it stands."""


class DefaultPolicyError(frappe.ValidationError):
	"""The default policy would be missing or disabled."""


class DeadlineQueryError(frappe.ValidationError):
	"""A deadline question the policy cannot answer: unknown type or stage, a date out of range."""
