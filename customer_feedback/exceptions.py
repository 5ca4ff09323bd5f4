"""Typed errors that callers and tests can tell apart; each message names the field and the fix."""

import frappe


class PolicyConfigurationError(frappe.ValidationError):
	"""A Feedback Policy that cannot be saved as it stands."""


class DefaultPolicyError(frappe.ValidationError):
	"""The default policy would be missing or disabled."""


class DeadlineQueryError(frappe.ValidationError):
	"""A deadline question the policy cannot answer: unknown type or stage, a date out of range."""


class ReceivedInFutureError(frappe.ValidationError):
	"""Received On is later than now."""


class EscalationError(frappe.ValidationError):
	"""Escalation asked of a case that cannot be escalated (closed, not a complaint, no stage open)."""


class StageConflictError(frappe.ValidationError):
	"""A stage's handler or reviewer was involved in an earlier stage that the policy says they may not be."""


class ExtensionError(frappe.ValidationError):
	"""An extension without a reason, or beyond the policy's limit without a recorded good reason."""


class PauseError(frappe.ValidationError):
	"""A pause that ends before it starts."""
