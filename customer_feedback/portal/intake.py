"""The public feedback form (the Web Form "feedback" at /feedback): what a submission may carry, and what the
public is told back.

The form is Frappe's Web Form on Feedback with guests allowed. The platform's `accept` inserts the case with
ignore_permissions, so Guest never has a DocType permission on Feedback; the web form's own field list is
what a guest can set, and `before_insert` and `after_insert` below (doc_events in hooks.py) run the form's
own steps on those inserts, so the case controller never imports the public pages.
Frappe rate limits `accept` per IP and web form (10 a minute).
"""

from __future__ import annotations

from html import escape

import frappe
from frappe import _
from frappe.utils import cstr, now_datetime, validate_email_address, validate_phone_number

from customer_feedback.constants import OPEN, RECEIPT_NOTIFICATION
from customer_feedback.customer_feedback.doctype.equality_monitoring.equality_monitoring import (
	EQUALITY_QUESTIONS,
	record_equality_answers,
	unoffered_answers,
)
from customer_feedback.customer_feedback.doctype.feedback.access_code import issue as issue_access_code
from customer_feedback.exceptions import SubmissionRefusedError
from customer_feedback.mail import send_privately
from customer_feedback.portal import format_day, uploads

# The web form's page (web_form/feedback/feedback.py) reads these from here; uploads.py owns them.
ALLOWED_EXTENSIONS = uploads.ALLOWED_EXTENSIONS
max_attachment_mb = uploads.max_attachment_mb

WEB_FORM = "feedback"
# What the public form offers. Representations and service requests are recorded by staff: "representation"
# is not a word the public uses, and a request for a service goes to the service.
PUBLIC_TYPES = ("Complaint", "Compliment", "Comment", "Suggestion")
# Characters a field may hold from the public form: enough for a full account, not a pasted book or a flood.
TEXT_LIMITS = {
	"description": 10000,
	"desired_outcome": 3000,
	"reasonable_adjustments": 2000,
	"address": 500,
}
ATTACHMENT_FIELDS = ("attachment_1", "attachment_2")
HONEYPOT = "website_address"
TEXT_FIELDTYPES = ("Data", "Small Text", "Text", "Long Text", "Text Editor", "Select", "Link", "Attach")


def is_public_submission(doc) -> bool:
	"""A new case arriving through the public form (by a guest or a logged-in website user)."""
	return bool(frappe.flags.in_web_form) and doc.is_new() and doc.doctype == "Feedback"


def before_insert(doc, method=None) -> None:
	"""doc_events Feedback before_insert: the form's refusals and settings, before the case validates."""
	if is_public_submission(doc):
		doc.flags.public_submission = True
		prepare(doc)


def after_insert(doc, method=None) -> None:
	"""doc_events Feedback after_insert: what the form sent beside the case (equality answers, uploads)."""
	if doc.flags.public_submission:
		complete(doc)


def prepare(doc) -> None:
	"""Refuse what the form must not accept, and set what the public cannot: called before insert."""
	# The form sends its text fields as text; a crafted number, list or object there would fail the case's
	# own checks and its version history with a server error instead of a refusal.
	for df in doc.meta.fields:
		if df.fieldtype in TEXT_FIELDTYPES and not isinstance(doc.get(df.fieldname), str | None):
			frappe.throw(
				_("{0} was not sent as text: fill it in on the form and send it again.").format(_(df.label)),
				SubmissionRefusedError,
			)
	if cstr(doc.get(HONEYPOT)).strip():
		frappe.throw(
			_(
				"The hidden Website field was filled in, which is what automated spam does, so nothing was sent. If you are a person whose software filled it in, clear it and send the form again."
			),
			SubmissionRefusedError,
			title=_("Not sent"),
		)
	if doc.feedback_type not in PUBLIC_TYPES:
		frappe.throw(
			_("What kind of feedback is it: choose one of {0}.").format(
				", ".join(_(t) for t in PUBLIC_TYPES)
			),
			SubmissionRefusedError,
		)
	for fieldname, limit in TEXT_LIMITS.items():
		length = len(cstr(doc.get(fieldname)))
		if length > limit:
			frappe.throw(
				_(
					"{0} is {1} characters long; the form takes up to {2}. Shorten it, or attach it as a document."
				).format(_(doc.meta.get_label(fieldname)), f"{length:,}", f"{limit:,}"),
				SubmissionRefusedError,
			)
	if doc.has_representative and not doc.customer_consent_confirmed:
		frappe.throw(
			_(
				"Consent: tick that the person you are acting for has agreed, or untick that you are acting for someone else. We need their agreement before we can discuss their feedback with you."
			),
			SubmissionRefusedError,
		)
	if not doc.is_anonymous and not (doc.email or doc.phone or cstr(doc.address).strip()):
		frappe.throw(
			_(
				"Give an email address, telephone number or postal address so we can reply, or tick that you do not want to give your details."
			),
			SubmissionRefusedError,
		)
	if doc.is_anonymous:
		for fieldname in ("customer_name", "email", "phone", "address", "postcode", "has_representative"):
			doc.set(fieldname, None)
	check_formats_and_choices(doc)
	# The public form's textarea is plain text; the case keeps HTML, so escape it and keep the lines.
	doc.description = "<p>" + escape(cstr(doc.description).strip()).replace("\n", "<br>") + "</p>"
	check_equality_answers(doc)
	doc.channel = "Web"
	doc.recorded_by = None  # its default is the session user, here Guest
	doc.received_on = now_datetime()
	doc.status = OPEN
	doc.policy = None  # the default policy, set by the controller
	for fieldname in ATTACHMENT_FIELDS:
		if value := uploads.submitted_value(doc, fieldname):
			uploads.check_handle(value, _(doc.meta.get_label(fieldname)))


def check_formats_and_choices(doc) -> None:
	"""The platform's own checks of an email address, a telephone number or a choice quote the value back in
	their message, which the form would show: a crafted value would come back as markup. These refuse
	first, naming the field and the fix and never the value (links: check_links)."""
	for field in doc.meta.fields:
		value = doc.get(field.fieldname)
		if value in (None, "") or field.fieldname.startswith("equality_"):
			continue  # equality answers: check_equality_answers
		label = _(field.label)
		text = cstr(value).strip()
		if field.options == "Email" and not validate_email_address(text):
			refuse_field(_("{0} is not an email address: enter it like name@example.com.").format(label))
		elif field.options == "Phone" and not validate_phone_number(text):
			refuse_field(
				_(
					"{0} is not a telephone number: use digits, spaces, + and brackets only, like 0121 704 6000."
				).format(label)
			)
		elif field.fieldtype == "Select" and text not in (field.options or "").split("\n"):
			refuse_field(_("{0}: choose one of the answers offered, or leave it blank.").format(label))


def check_links(values: dict) -> None:
	"""The platform checks links before any before_insert (quoting the value): the form's links are checked
	here first, before the platform's accept builds the case."""
	on_form = {field.fieldname for field in frappe.get_cached_doc("Web Form", WEB_FORM).web_form_fields}
	for field in frappe.get_meta("Feedback").get_link_fields():
		value = values.get(field.fieldname)
		if field.fieldname not in on_form or value in (None, ""):
			continue
		if not isinstance(value, str) or not frappe.db.exists(field.options, value):
			refuse_field(_("{0}: choose one from the list, or leave it blank.").format(_(field.label)))


def refuse_field(message: str) -> None:
	frappe.throw(message, SubmissionRefusedError)


def check_equality_answers(doc) -> None:
	"""Refused before the case is saved, so a bad answer never leaves a case without its equality record."""
	answers = {question: doc.get(f"equality_{question}") for question in EQUALITY_QUESTIONS}
	for label in unoffered_answers(answers).values():
		frappe.throw(
			_(
				"{0}: the answer sent is not one of the answers offered. Choose one from the list, or leave it blank."
			).format(_(label)),
			SubmissionRefusedError,
		)


def complete(doc) -> None:
	"""After the case is saved: equality answers go apart from the case, the customer gets an access code
	for the status look-up (on the receipt and in its emailed copy), and uploads are attached to the case."""
	record_equality_answers(
		doc.name, {question: doc.get(f"equality_{question}") for question in EQUALITY_QUESTIONS}
	)
	if not doc.is_anonymous:
		issue_access_code(doc)
		send_privately(RECEIPT_NOTIFICATION, doc)
	for fieldname in ATTACHMENT_FIELDS:
		if doc.get(fieldname):
			uploads.claim(doc, fieldname)


def what_happens_next(doc) -> str:
	"""One plain sentence or two on what the customer can expect, for the form's receipt and the email."""
	if doc.anonymous_handling:
		return (
			_("You did not give your details, so we cannot reply to you.") + " " + doc.anonymous_handling_note
		)
	acknowledge, respond = format_day(doc.acknowledge_by), format_day(doc.respond_by)
	if doc.feedback_type == "Compliment":
		text = _("Thank you. We will pass your compliment on to the people concerned.")
		return text + (" " + _("We will write to you by {0}.").format(acknowledge) if acknowledge else "")
	if doc.feedback_type == "Complaint":
		parts = []
		if acknowledge:
			parts.append(
				_(
					"We will contact you by {0} to confirm we have your complaint and who is looking into it."
				).format(acknowledge)
			)
		if respond:
			parts.append(
				_(
					"We aim to send you our full response by {0}. If we need longer, we will tell you why and when to expect it."
				).format(respond)
			)
		return " ".join(parts) or _("We will look into your complaint and contact you.")
	if respond or acknowledge:
		return _("We will consider what you have told us and reply by {0}.").format(respond or acknowledge)
	return _("We will consider what you have told us.")


def receipt(doc) -> dict:
	"""What the form shows a member of the public after sending: their reference and dates, nothing internal
	(the saved case also holds staff names, routing and the linked Contact)."""
	return {
		"doctype": doc.doctype,
		"name": doc.name,
		"feedback_type": doc.feedback_type,
		"received_on": format_day(doc.received_on),
		"acknowledge_by": format_day(doc.acknowledge_by),
		"respond_by": format_day(doc.respond_by),
		"what_happens_next": what_happens_next(doc),
		"email": receipt_email(doc),
		"is_anonymous": doc.is_anonymous,
		# For the status look-up; shown on this receipt and in the emailed copy, never stored (only its HMAC).
		"access_code": doc.get("access_code"),
	}


def receipt_email(doc) -> str | None:
	"""Where the copy of the receipt goes: to whoever filled in the form (see the "Feedback Received (Copy to
	Customer)" Notification)."""
	if doc.is_anonymous:
		return None
	if doc.has_representative and doc.representative_email:
		return doc.representative_email
	return doc.email or None


@frappe.whitelist(allow_guest=True, methods=["POST"])
def accept(web_form: str | None = None, data: str | None = None, for_payment: str | None = None):
	"""Stands in for the platform's web form `accept` (hooks: override_whitelisted_methods) to answer the public
	form with a receipt instead of the whole saved case; every other web form gets the platform's answer.
	What the platform would answer with a 500 (no form, a form name in other capitals, data that is not a
	JSON object) is refused here with a message."""
	from frappe.website.doctype.web_form.web_form import accept as platform_accept

	form = published_form(web_form)
	values = submitted_values(data)
	data = data if isinstance(data, str) else frappe.as_json(values)
	if form != WEB_FORM:
		return platform_accept(web_form=form, data=data)
	check_links(values)
	return receipt(platform_accept(web_form=form, data=data))


def published_form(web_form) -> str:
	"""The Web Form's own name: the database finds "FEEDBACK" and "feedback " too, which must not slip past
	the check that answers the public form with a receipt."""
	name = frappe.db.get_value("Web Form", web_form.strip(), "name") if isinstance(web_form, str) else None
	if not name:
		frappe.throw(
			_("There is no such form: send your feedback with the form at /feedback."),
			SubmissionRefusedError,
		)
	return name


def submitted_values(data) -> dict:
	try:
		values = frappe.parse_json(data) if isinstance(data, str) else data
	except ValueError:
		values = None
	if not isinstance(values, dict):
		frappe.throw(
			_("The form's answers did not arrive as the form sends them: reload the page and send it again."),
			SubmissionRefusedError,
		)
	return values


@frappe.whitelist(allow_guest=True)
def get_form_data(doctype: str | None = None, docname: str | None = None, web_form_name: str | None = None):
	"""Stands in for the platform's web form data call: for the public form, a case comes back with the form's
	own fields only. The platform would send its owner the whole case, staff-only flags and names included."""
	from frappe.website.doctype.web_form.web_form import get_form_data as platform_get_form_data

	# The platform loads `doctype` whatever the form is a form of, so any published form (edit-profile,
	# request-data) would hand a signed-in customer their whole case, or its stages: a form serves its own.
	if frappe.db.get_value("Web Form", web_form_name, "doc_type") != doctype:
		frappe.throw(_("This form shows only its own kind of record."), frappe.PermissionError)
	out = platform_get_form_data(doctype, docname, web_form_name)
	if web_form_name == WEB_FORM and out.get("doc"):
		allowed = {field.fieldname for field in out.web_form.web_form_fields if field.fieldname}
		out.doc = {
			key: value for key, value in out.doc.as_dict().items() if key in allowed | {"name", "doctype"}
		}
	return out
