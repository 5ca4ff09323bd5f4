"""What the public meets: the feedback form's intake (intake.py), the status look-up and the customer's
escalation request (status.py), and the satisfaction survey (survey.py). Guests never get DocType
permissions on the case: each whitelisted guest method here checks what it is given (a reference with the
email or postcode used, a survey token), is rate limited per IP, and touches the case with
ignore_permissions only after that check."""

from frappe.utils import formatdate, getdate

DATE_FORMAT = "EEEE d MMMM yyyy"  # Thursday 2 January 2025, as GOV.UK writes dates


def format_day(value) -> str | None:
	"""A date (or datetime) as the public pages and emails write it; None for no date."""
	return formatdate(getdate(value), DATE_FORMAT) if value else None
