"""Email into the case (Feedback's mixin, and a Communication doc_event in hooks.py).

The platform's Email Account, set to Append To Feedback, does the threading (frappe.email.receive.InboundMail):
an email answering one sent from the case (In-Reply-To), or with "#FB-..." in its subject, or with the subject
of a case from the same sender in the last 60 days, becomes a Communication on that case. Any other email
becomes a new case: the platform inserts a Feedback with only Subject, Email and Customer Name set and its
mandatory checks off, and then the email's Communication on it. So a case from email is completed in two steps
of the same transaction: before_insert makes it a valid case, and the Communication's after_insert gives it the
email's time and text.
"""

from html import escape

import frappe
from frappe import _
from frappe.core.utils import html2text
from frappe.utils import cstr, get_datetime, getdate, now_datetime
from frappe.utils.user import is_system_user

from customer_feedback.constants import COMPLAINT, OPEN

EMAIL = "Email"
RECEIVED = "Received"


def replied_since_response(responded_on, customer_replied_on) -> bool:
	"""Did the customer reply after the response? Responded On is a day, with no time: a reply on that day
	counts as after it, so a case is never closed for want of a reply the customer may have sent."""
	return bool(
		responded_on and customer_replied_on and getdate(customer_replied_on) >= getdate(responded_on)
	)


def as_paragraph(text: str) -> str:
	"""Plain text into the case's HTML description, as the public form does (portal/intake.py): escaped, so
	markup in an email is kept as text, with its lines."""
	return "<p>" + escape(text.strip()).replace("\n", "<br>") + "</p>"


def email_text(communication) -> str:
	"""The email's text: its plain-text part, else its HTML part as text (some mail programs send no other)."""
	text = cstr(communication.text_content).strip()
	if not text and communication.content:
		text = html2text(communication.content, strip_links=True, wrap=False).strip()
	return text or _("The email had no text: see it and any attachments on the case's timeline.")


def on_communication_insert(communication, method=None) -> None:
	"""doc_events Communication after_insert: a received email on a case is either the one the case was just
	made from, or the customer's reply. Emails sent from the case (Sent) are not replies."""
	if not (
		communication.reference_doctype == "Feedback"
		and communication.reference_name
		and communication.communication_type == "Communication"
		and communication.communication_medium == EMAIL
		and communication.sent_or_received == RECEIVED
	):
		return
	case = frappe.get_doc("Feedback", communication.reference_name)
	if communication.flags.in_receive and case.awaits_its_email:
		case.complete_from_email(communication)
	else:
		case.record_customer_reply(communication)


def email_time(communication):
	"""When the email was sent (its Date header, in the site's time zone), never in the future."""
	return min(get_datetime(communication.communication_date or now_datetime()), now_datetime())


class CaseEmail:
	def before_insert(self):
		if self.is_made_by_email_pull():
			self.start_from_email()

	def is_made_by_email_pull(self) -> bool:
		# The platform's InboundMail inserts with mandatory checks off and only the email fields set: every
		# other way in (the desk, REST, the public form, imports) must give What Happened.
		return bool(self.flags.ignore_mandatory and self.subject and not self.description)

	def start_from_email(self):
		"""What a case from email always is. Its time and text come with its email's Communication, a moment
		later in the same transaction (complete_from_email); until then its receipt is now."""
		self.channel = EMAIL
		# The procedure's default: staff re-classify a compliment or a suggestion once they read it.
		self.feedback_type = COMPLAINT
		self.status = OPEN
		self.policy = None  # the default policy, set by the controller
		self.recorded_by = None  # nobody recorded it; the default would be the pull's user
		self.received_on = now_datetime()
		self.customer_name = cstr(self.customer_name).strip() or self.email or _("Unknown sender")

	@property
	def awaits_its_email(self) -> bool:
		"""Made by the email pull and not yet given its email's text: no other case lacks What Happened."""
		return self.channel == EMAIL and not cstr(self.description).strip()

	def complete_from_email(self, communication):
		"""The case received at the email's time, its text as What Happened; a complaint's first stage, opened
		when the case was inserted, starts then too."""
		received_on = email_time(communication)
		self.received_on = received_on
		self.description = as_paragraph(email_text(communication))
		if self.current_stage:
			stage = self.load_current_stage()
			if stage.name:
				stage.started_on = received_on
				# Saved for its case, which shows it in the save below (Feedback.current_stage_doc).
				stage.flags.from_feedback = True
				stage.save(ignore_permissions=True)
				self.flags.current_stage_doc = stage
		self.save(ignore_permissions=True)

	def record_customer_reply(self, communication):
		"""The customer answered: recorded on the case, and a responded case no longer closes for want of a
		reply (staff read it and decide what happens next). Written without a whole save, so an email is never
		refused because of something else on the case; Value Change notifications still fire."""
		if is_system_user(communication.sender):
			return  # staff writing to the complaints address, not the customer
		replied_on = email_time(communication)
		if self.customer_replied_on and get_datetime(self.customer_replied_on) >= replied_on:
			return  # an earlier email, pulled late
		values = {"customer_replied_on": replied_on}
		if self.closes_for_no_reply_on and replied_since_response(self.responded_on, replied_on):
			values["closes_for_no_reply_on"] = None
		self.db_set(values, notify=True)

	@property
	def customer_replied_since_response(self) -> bool:
		return replied_since_response(self.responded_on, self.customer_replied_on)
