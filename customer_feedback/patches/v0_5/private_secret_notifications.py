"""The receipt and the survey invitation carry a secret (the status look-up's access code, the survey's
one-time link), so our code sends them off the timeline (customer_feedback.mail): their Notifications become
"Custom", which the platform never sends itself. The wording stays the administrator's; a receipt whose
wording still points people at the email address or postcode (the earlier default) gets the paragraph
with the access code instead, and an edited one that says nothing of the code gets it added."""

import frappe

from customer_feedback.constants import RECEIPT_NOTIFICATION, SURVEY_INVITATION
from customer_feedback.mail import PRIVATE_EVENT
from customer_feedback.setup.notifications import ACCESS_CODE_PARAGRAPH

EARLIER_PARAGRAPH = (
	'<p>You can check progress at <a href="{{ frappe.utils.get_url("/feedback/status") }}">'
	'{{ frappe.utils.get_url("/feedback/status") }}</a> with your reference and the email address or '
	"postcode you gave us.</p>"
)


def execute():
	for name in (RECEIPT_NOTIFICATION, SURVEY_INVITATION):
		if frappe.db.get_value("Notification", name, "event") == "New":
			frappe.db.set_value("Notification", name, "event", PRIVATE_EVENT, update_modified=False)
	message = frappe.db.get_value("Notification", RECEIPT_NOTIFICATION, "message")
	if message and "access_code" not in message:
		if EARLIER_PARAGRAPH in message:
			message = message.replace(EARLIER_PARAGRAPH, ACCESS_CODE_PARAGRAPH)
		else:
			message += ACCESS_CODE_PARAGRAPH
		frappe.db.set_value("Notification", RECEIPT_NOTIFICATION, "message", message, update_modified=False)
