"""Sending a letter from a case: by email (the platform's Communication, threaded on the case's timeline,
with the letter as a PDF) or printed for post; either way a Feedback Correspondence record says which letter
went, to whom, when and how, and the clock field the letter satisfies is set from it. Where the policy
checks stage responses, a response waits for its reviewer's approval first.

Why a DocType of our own: the platform's Communication records an email but not a letter for post, nor
which of our letters it was, nor a review before sending.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.email.doctype.email_account.email_account import EmailAccount
from frappe.utils import cstr, escape_html, getdate, now_datetime
from frappe.utils.html_utils import sanitize_html
from frappe.utils.user import get_users_with_role

from customer_feedback.constants import CASE_HANDLERS
from customer_feedback.exceptions import LetterError, LetterReviewError
from customer_feedback.letters import (
	RESTRICTION,
	case_and_stage,
	clock_target,
	letter_kind,
	letters_for,
	refuse_missing_facts,
	render_letter,
)

CORRESPONDENCE = "Feedback Correspondence"
EMAIL, POST = "Email", "Post"
AWAITING_REVIEW, RETURNED, SENT = "Awaiting Review", "Returned", "Sent"
REVIEWED_LETTERS = ("Stage Response",)
REVIEW_ROLES = ("Feedback Manager", "System Manager")


def preview(case, letter: str) -> dict:
	"""The letter filled in for the case, where it would go, and whether it needs a review first."""
	if letter not in letters_for(case):
		frappe.throw(
			_("{0} is not a letter for {1} {2} now: choose one of {3}.").format(
				_(letter_kind(letter).name),
				_(case.doctype),
				case.name,
				", ".join(_(name) for name in letters_for(case)) or _("none"),
			),
			LetterError,
		)
	rendered = render_letter(case, letter)
	return {
		"letter": letter,
		"subject": rendered.subject,
		"content": rendered.html,
		"language": rendered.language,
		"email": recipient_email(case),
		"address": postal_address(case),
		"needs_review": needs_review(case, letter),
		"reviewer": stage_reviewer(case) if needs_review(case, letter) else None,
	}


def recipient_email(case) -> str | None:
	"""Whoever the case is handled with: the representative, where there is one with an email address. A
	contact restriction's letter goes to its Contact."""
	if case.doctype == RESTRICTION:
		case, _stage = case_and_stage(case)
	if case.has_representative and case.representative_email:
		return case.representative_email
	return case.email or None


def postal_address(case) -> str | None:
	if case.doctype == RESTRICTION:
		case, _stage = case_and_stage(case)
	name = case.representative_name if case.has_representative else case.customer_name
	lines = [cstr(name).strip(), cstr(case.address).strip(), cstr(case.postcode).strip()]
	return "\n".join(line for line in lines if line) if case.address else None


def needs_review(case, letter: str) -> bool:
	"""A stage response under a policy that checks them waits for approval before it goes."""
	return letter in REVIEWED_LETTERS and bool(
		frappe.db.get_value("Feedback Policy", case.policy, "check_stage_responses")
	)


def stage_reviewer(case) -> str | None:
	"""The stage's own reviewer; without one, any Feedback Manager reviews."""
	_case, stage = case_and_stage(case)
	return (stage and stage.reviewer) or None


def send(case, letter: str, channel: str, subject: str, content: str) -> frappe._dict:
	"""Record the letter, and send it unless it waits for review. The caller checked the user may write and
	email the case."""
	check_channel(case, channel)
	if not cstr(subject).strip():
		frappe.throw(_("Subject is empty: give the letter a subject."), LetterError)
	if not cstr(content).strip():
		frappe.throw(_("Content is empty: the letter has no words."), LetterError)
	preview(case, letter)  # refuses a letter that is not for this case now
	refuse_missing_facts(case, letter)
	_case, stage = case_and_stage(case)
	reviewed = needs_review(case, letter)
	record = frappe.get_doc(
		{
			"doctype": CORRESPONDENCE,
			**letter_links(case, stage),
			"letter": letter,
			"channel": channel,
			"recipient": recipient_email(case) if channel == EMAIL else postal_address(case),
			"subject": " ".join(cstr(subject).split()),
			"content": sanitize_html(content),
			"status": AWAITING_REVIEW if reviewed else SENT,
			"reviewer": stage_reviewer(case) if reviewed else None,
			"written_by": frappe.session.user,
		}
	).insert(ignore_permissions=True)
	if reviewed:
		ask_for_review(record)
		return record
	deliver(record, case)
	return record


def letter_links(doc, stage) -> dict:
	"""What the letter is about: the case (and stage), or the contact restriction."""
	if doc.doctype == RESTRICTION:
		return {"contact_restriction": doc.name}
	return {"feedback": doc.name, "complaint_stage": stage.name if stage else None}


def check_channel(case, channel: str) -> None:
	if channel == EMAIL and not recipient_email(case):
		frappe.throw(
			_(
				"{0} {1} has no email address for the customer or their representative: print the letter for post, or add an email address."
			).format(_(case.doctype), case.name),
			LetterError,
		)
	if channel == EMAIL and not EmailAccount.find_outgoing(match_by_doctype="Feedback"):
		frappe.throw(
			_(
				"No outgoing email account is set up, so nothing can be emailed: print the letter for post, or ask an administrator to set one up (Email Account)."
			),
			LetterError,
		)
	if channel == POST and not postal_address(case):
		frappe.throw(
			_(
				"{0} {1} has no postal address: send the letter by email, or add the address on the case or contact."
			).format(_(case.doctype), case.name),
			LetterError,
		)
	if channel not in (EMAIL, POST):
		frappe.throw(_("Channel: choose Email or Post."), LetterError)


def ask_for_review(record) -> None:
	"""A ToDo for the stage's reviewer, or for each Feedback Manager when the stage has none."""
	from frappe.desk.form.assign_to import add as assign

	users = [record.reviewer] if record.reviewer else get_users_with_role("Feedback Manager")
	if users:
		assign(
			{
				"doctype": CORRESPONDENCE,
				"name": record.name,
				"assign_to": users,
				"description": _("Check the {0} letter for Feedback {1} before it is sent.").format(
					_(record.letter), record.feedback
				),
			},
			ignore_permissions=True,
		)


def review(record, approve: bool, note: str | None) -> None:
	"""The reviewer approves (the letter is sent now) or returns it with a note (nothing is sent)."""
	if record.status != AWAITING_REVIEW:
		frappe.throw(
			_("This letter is {0}: only a letter awaiting review can be approved or returned.").format(
				_(record.status)
			),
			LetterReviewError,
		)
	user = frappe.session.user
	may_review = user == record.reviewer or bool(set(frappe.get_roles(user)) & set(REVIEW_ROLES))
	if not may_review or user == record.written_by:
		frappe.throw(
			_(
				"Only the stage's reviewer or a Feedback Manager, other than the letter's writer, may approve or return it."
			),
			LetterReviewError,
		)
	if not approve and not cstr(note).strip():
		frappe.throw(_("Review Note is empty: say what to change before it can go."), LetterReviewError)
	record.update(
		{
			"reviewed_by": user,
			"reviewed_on": now_datetime(),
			"review_note": cstr(note).strip() or None,
			"status": SENT if approve else RETURNED,
		}
	)
	record.save(ignore_permissions=True)
	close_review_todos(record)
	if approve:
		deliver(record, frappe.get_doc("Feedback", record.feedback))


def close_review_todos(record) -> None:
	for todo in frappe.get_all(
		"ToDo",
		{"reference_type": CORRESPONDENCE, "reference_name": record.name, "status": "Open"},
		pluck="name",
	):
		frappe.db.set_value("ToDo", todo, "status", "Closed")


def deliver(record, case) -> None:
	"""Email it (a Communication on the case, the letter's PDF attached) or make the PDF for post; then the
	clock field the letter satisfies is set, if it is not already."""
	pdf = letter_pdf(record)
	file_name = f"{record.contact_restriction or record.feedback}-{frappe.scrub(record.letter)}.pdf"
	if record.channel == EMAIL:
		from frappe.core.doctype.communication.email import make

		communication = make(
			doctype=case.doctype,
			name=case.name,
			subject=record.subject,
			content=record.content,
			recipients=record.recipient,
			communication_medium="Email",
			send_email=True,
			attachments=[{"fname": file_name, "fcontent": pdf}],
		)["name"]
		record.db_set("communication", communication)
	else:
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": file_name,
				"content": pdf,
				"is_private": 1,
				"attached_to_doctype": CORRESPONDENCE,
				"attached_to_name": record.name,
			}
		).insert(ignore_permissions=True)
		case.add_comment(
			"Info",
			_("{0} letter printed for post to {1}.").format(
				_(record.letter), escape_html(cstr(record.recipient).replace("\n", ", "))
			),
		)
	record.db_set({"sent_on": now_datetime(), "sent_by": frappe.session.user, "status": SENT})
	satisfy_clock(case, record.letter)


def letter_pdf(record) -> bytes:
	"""The letter as sent (with any edits), on the site's default Letter Head, as the platform prints."""
	from frappe.utils.pdf import get_pdf

	letter_head = frappe.db.get_value("Letter Head", {"is_default": 1, "disabled": 0}, "content") or ""
	return get_pdf(f"<html><body>{letter_head}{record.content}</body></html>")


def satisfy_clock(case, letter: str) -> None:
	"""Sending an acknowledgement, extension notice or response records the day on the case, or on its
	stage for a complaint (the stage owns its dates), unless a day is already recorded."""
	target = clock_target(case, letter)
	if not target:
		return
	doctype, name, fieldname = target
	doc = frappe.get_doc(doctype, name)
	if doc.get(fieldname):
		return
	doc.set(fieldname, getdate(now_datetime()))
	doc.flags.ignore_permissions = True
	doc.save()


def user_may_send(case) -> None:
	"""Writing and emailing the case: the roles that handle cases, on a case they read."""
	case.check_permission("write")
	case.check_permission("email")
	if not set(frappe.get_roles()) & set(CASE_HANDLERS) and frappe.session.user != "Administrator":
		frappe.throw(_("Only staff who handle cases send letters from them."), frappe.PermissionError)
