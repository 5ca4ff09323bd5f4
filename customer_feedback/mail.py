"""Emails that carry a secret for one person: the status look-up's access code, the survey's one-time link.

Their wording stays an ordinary Notification that administrators edit (subject, message, recipients,
condition, sender), but with the event "Custom", which the platform never fires itself: the code that holds
the secret sends it here. Why not let the Notification send itself: the platform copies every Notification
email into a Communication on the document's timeline, where the staff who read the case (and, for a
survey, the staff being rated) would read the code or the link. The queued email (Email Queue, which only
System Managers read) is the one copy; the timeline gets a comment saying what was sent, to whom, and when.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.email.doctype.notification.notification import get_context
from frappe.utils import escape_html

PRIVATE_EVENT = "Custom"


def send_privately(notification: str, doc) -> list[str]:
	"""Send the Notification `notification` for `doc` (which holds its secret in memory) without copying it
	to the timeline. Returns the recipients; none when the Notification is missing, switched off, not a
	"Custom" one (an administrator turned it back into an ordinary one, which sends itself), or its
	condition is false."""
	if not frappe.db.exists("Notification", {"name": notification, "enabled": 1, "event": PRIVATE_EVENT}):
		return []
	alert = frappe.get_doc("Notification", notification)
	context = get_context(doc)
	if alert.condition and not frappe.safe_eval(alert.condition, None, context):
		return []
	context.update({"alert": alert, "comments": None})
	recipients, cc, bcc = alert.get_list_of_recipients(doc, context)
	if not (recipients or cc or bcc):
		return []
	sender = None
	if alert.sender and alert.sender_email:
		from email.utils import formataddr

		sender = formataddr((alert.sender, alert.sender_email))
	try:
		frappe.sendmail(
			recipients=recipients,
			cc=cc,
			bcc=bcc,
			sender=sender,
			subject=frappe.render_template(alert.subject, context),
			message=frappe.render_template(alert.message, context),
			reference_doctype=doc.doctype,
			reference_name=doc.name,
			expose_recipients="header",
		)
	except frappe.OutgoingEmailError:
		# As the platform's own Notifications do: the document is saved all the same, and staff are told.
		frappe.log_error(title=f"{notification} not sent: no outgoing Email Account")
		doc.add_comment(
			"Info", _("{0} was not sent: no outgoing email account is set up.").format(_(notification))
		)
		return []
	doc.add_comment(
		"Info",
		_("{0} sent to {1}.").format(_(notification), escape_html(", ".join(recipients + cc + bcc))),
	)
	return recipients
