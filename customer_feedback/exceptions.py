"""Typed errors that callers and tests can tell apart; each message names the field and the fix."""

import frappe
from frappe import _

from customer_feedback.rule_errors import RuleError


def rule_message(error: RuleError) -> str:
	"""A framework-free rule's message in the user's language: the sentence translated, then filled in."""
	return _(error.template).format(*error.params)


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


class StageOwnedFieldError(frappe.ValidationError):
	"""A complaint's date or complexity written on the case: the current stage owns it."""


class ExtensionError(frappe.ValidationError):
	"""An extension without a reason, or beyond the policy's limit without a recorded good reason."""


class PauseError(frappe.ValidationError):
	"""A pause that ends before it starts."""


class SubmissionRefusedError(frappe.ValidationError):
	"""A public form submission refused as it stands: spam trap filled, unknown type, text too long."""


class AttachmentRefusedError(frappe.ValidationError):
	"""A file the public form does not take: its type or size, or one not uploaded with the form."""


class UploadRefusedError(frappe.PermissionError):
	"""An upload from the public that asks for more than a new file of its own: a file_url, a document to
	attach to, a method to run, the old uploadfile, or a File made some other way."""


class TooManyUploadsError(frappe.RateLimitExceededError):
	"""Too many uploads from one IP address in the window (HTTP 429)."""


class LookupInputError(frappe.ValidationError):
	"""A status look-up or next-stage request missing its reference, or the email address or postcode."""


class LookupRefusedError(frappe.DoesNotExistError):
	"""No case with that reference and email address or postcode: the same answer (404) whether the case is
	missing, the pair is wrong or the case is anonymous, so a look-up never tells a guesser which it was."""


class TooManyLookupsError(frappe.RateLimitExceededError):
	"""Too many status look-ups or next-stage requests from one IP address in the window (HTTP 429)."""


class EscalationReasonRequiredError(EscalationError):
	"""A customer's request for the next stage without the reason the policy requires, or one too long."""


class SurveyNotFoundError(frappe.DoesNotExistError):
	"""A survey link whose token matches no survey (mistyped, cut short, or made up)."""


class SurveyAlreadyAnsweredError(frappe.ValidationError):
	"""A survey link used again after its one answer was recorded."""

	http_status_code = 409


class SurveyAnswerError(frappe.ValidationError):
	"""A survey answer that is missing or not one of the choices offered."""


class StageOpenedOutsideCaseError(frappe.PermissionError):
	"""A complaint stage inserted directly, not opened by its case (on recording or escalation)."""


class StageMovedOutsideCaseError(frappe.PermissionError):
	"""A stage's closing or escalation refusal written directly, not by the case's actions."""


class StatusBypassError(frappe.PermissionError):
	"""A case's status set directly, around the workflow's actions."""


class AccessCodeRefusedError(frappe.ValidationError):
	"""An access code asked for a case that cannot have one (an anonymous case: nobody to give it to)."""


class LetterWordingError(frappe.ValidationError):
	"""A Feedback Letter that cannot be saved: a second enabled wording for the same choice, or a
	placeholder Jinja cannot read."""


class LetterError(frappe.ValidationError):
	"""A letter asked of a document it is not printed from, an unknown kind, or one with no wording."""


class LetterReviewError(frappe.ValidationError):
	"""A letter's quality check refused: not awaiting review, not the reviewer, or returned without a note."""


class ClosingRefusedError(frappe.ValidationError):
	"""Close asked of a case its policy says may not close yet (learning, an evaluation, a thank-you)."""


class FollowUpError(frappe.ValidationError):
	"""A follow-up fact missing or wrong: a suggestion answered without its outcome, a representation without
	its decision, a praised row naming no one, a bulletin compliment without its brief, a past promised date."""


class ContactRestrictionError(frappe.ValidationError):
	"""A Contact Restriction that cannot be saved as it stands: its dates, decider, warning or choices."""


class LearningError(frappe.ValidationError):
	"""A Learning record refused: a date out of range, a stage of another case, an owner who cannot read the
	case, or a review by someone who may not review."""
