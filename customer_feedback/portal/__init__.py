"""What the public meets: the feedback form's intake (intake.py), the status look-up and the customer's
escalation request (status.py), and the satisfaction survey (survey.py). Guests never get DocType
permissions on the case: each whitelisted guest method here checks what it is given (a reference with the
email or postcode used, a survey token), is rate limited per IP, and touches the case with
ignore_permissions only after that check."""

# Moved down to customer_feedback.wording, which letters share; imported here for the portal's modules.
from customer_feedback.wording import DATE_FORMAT, format_day
