"""Which contacts are restricted now, worked out when read (never stored, so nothing goes stale: an expired
restriction stops showing the day after its end), for the Feedback form's banner, the Feedback list's flag
and the Contact form; and the restriction letter's facts and sending.

Staff see a restriction and decide: nothing here stops a case being recorded for a restricted contact.
Only roles that read Contact Restriction see one (case handlers, Heads of Service, Feedback Managers):
the routed roles and Feedback User read cases, not restrictions.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cstr, escape_html, getdate, nowdate
from markupsafe import Markup

from customer_feedback.restriction_rules import RESTRICT, is_active

RESTRICTION = "Contact Restriction"
MOST_CONTACTS = 500  # the list's page sizes go to 500


def started_filters() -> list[list]:
	"""Restrictions that have started: narrows the read; restriction_rules.is_active decides the rest."""
	return [["decision", "=", RESTRICT], ["starts_on", "<=", getdate(nowdate())]]


def active_now(rows: list) -> list:
	"""Those of `rows` (with decision, starts_on, ends_on) active today: the one rule, is_active."""
	return [row for row in rows if restriction_is_active(row)]


def may_read() -> bool:
	return bool(frappe.has_permission(RESTRICTION, "read"))


def active_restrictions_for(contact: str | None) -> list[dict]:
	"""The contact's restrictions active today, newest first, with what is restricted and until when; none
	for a user who does not read Contact Restriction."""
	if not contact or not may_read():
		return []
	rows = active_now(
		frappe.get_all(
			RESTRICTION,
			filters=[["contact", "=", contact], *started_filters()],
			fields=[
				"name",
				"decision",
				"starts_on",
				"ends_on",
				"review_on",
				"details",
				"single_point_of_contact",
			],
			order_by="starts_on desc",
		)
	)
	for row in rows:
		row.restrictions = restriction_types(row.name)
		row.summary = summary(row)
	return rows


def restriction_types(name: str) -> list[str]:
	return frappe.get_all(
		"Contact Restriction Chosen Type",
		filters={"parent": name, "parenttype": RESTRICTION, "parentfield": "restrictions"},
		pluck="restriction_type",
		order_by="idx",
	)


def summary(row) -> str:
	"""One line for staff, as plain text (the form escapes it): what is restricted and until when."""
	what = ", ".join(_(kind) for kind in row.restrictions)
	if row.ends_on:
		until = _("until {0}").format(frappe.format(row.ends_on, "Date"))
	elif row.review_on:
		until = _("until reviewed on {0}").format(frappe.format(row.review_on, "Date"))
	else:
		until = _("until lifted")
	return _("{0} ({1}) {2}").format(row.name, what, until)


@frappe.whitelist(methods=["GET", "POST"])
def restricted_contacts(contacts: list[str]) -> list[str]:
	"""Those of `contacts` with a restriction active today: for the Feedback list's flag."""
	frappe.has_permission(RESTRICTION, "read", throw=True)
	if isinstance(contacts, str):  # the desk sends a list as JSON in a form field
		contacts = frappe.parse_json(contacts)
	if not isinstance(contacts, list):
		frappe.throw(_("contacts: send a list of Contact names."), frappe.ValidationError)
	wanted = [cstr(name) for name in contacts][:MOST_CONTACTS]
	if not wanted:
		return []
	rows = frappe.get_all(
		RESTRICTION,
		filters=[["contact", "in", wanted], *started_filters()],
		fields=["contact", "decision", "starts_on", "ends_on"],
	)
	return sorted({row.contact for row in active_now(rows)})


def contact_onload(doc, method=None) -> None:
	"""doc_events: the platform's Contact form carries its active restrictions for its banner."""
	doc.set_onload("contact_restrictions", active_restrictions_for(doc.name))


def contact_dashboard(data) -> dict:
	"""override_doctype_dashboards: the Contact's Connections list its restrictions and its cases."""
	data = frappe._dict(data or {})
	data.setdefault("non_standard_fieldnames", {})
	data.non_standard_fieldnames.update({RESTRICTION: "contact", "Feedback": "contact"})
	data.setdefault("transactions", [])
	data.transactions.append({"label": _("Customer Feedback"), "items": [RESTRICTION, "Feedback"]})
	return data


def restriction_is_active(doc) -> bool:
	return is_active(
		doc.decision,
		getdate(doc.starts_on) if doc.starts_on else None,
		getdate(doc.ends_on) if doc.ends_on else None,
		getdate(nowdate()),
	)


# -- the letter (customer_feedback.letters renders it; customer_feedback.letters.sending sends it) -----------


def contact_and_case(doc):
	contact = frappe.get_doc("Contact", doc.contact)
	case = frappe.get_doc("Feedback", doc.feedback) if doc.feedback else None
	return contact, case


def contact_address(contact, case) -> tuple[str, str]:
	"""(address lines, postcode): the Contact's own address, else the case's."""
	if contact.address:
		address = frappe.db.get_value(
			"Address",
			contact.address,
			["address_line1", "address_line2", "city", "county", "pincode"],
			as_dict=True,
		)
		if address:
			lines = [address.address_line1, address.address_line2, address.city, address.county]
			return "\n".join(cstr(line) for line in lines if line), cstr(address.pincode)
	if case and not case.is_anonymous:
		return cstr(case.address), cstr(case.postcode)
	return "", ""


def addressee(doc) -> frappe._dict:
	"""The restriction as the letters read a case: who it goes to, its policy, language and print size."""
	from customer_feedback.customer_feedback.doctype.feedback_policy.feedback_policy import (
		get_default_policy_name,
	)

	contact, case = contact_and_case(doc)
	address, postcode = contact_address(contact, case)
	name = cstr(contact.full_name) or " ".join(filter(None, (contact.first_name, contact.last_name)))
	return frappe._dict(
		doctype=RESTRICTION,
		name=doc.name,
		policy=doc.policy or (case.policy if case else None) or get_default_policy_name(),
		feedback_type="",
		customer_name=name,
		email=cstr(contact.email_id) or (cstr(case.email) if case else ""),
		address=address,
		postcode=postcode,
		is_anonymous=0,
		has_representative=0,
		preferred_language=case.preferred_language if case else None,
		needs_large_print=case.needs_large_print if case else 0,
	)


def restriction_facts(doc, policy, language: str) -> frappe._dict:
	"""What the restriction letter's {{ letter.* }} placeholders read."""
	from customer_feedback.letters import WORDS, body_in_a_sentence, external_body_contacts
	from customer_feedback.wording import format_day

	words = WORDS[language]
	rules = policy.rules()
	person = addressee(doc)
	day = lambda value: format_day(value, language) or ""  # noqa: E731
	kinds = [row.restriction_type for row in doc.restrictions]
	described = dict(
		frappe.get_all(
			"Contact Restriction Type",
			filters={"name": ("in", kinds or [""])},
			fields=["name", "description"],
			as_list=True,
		)
	)
	items = "".join(
		f"<li>{escape_html(_(kind))}"
		+ (f": {escape_html(cstr(described.get(kind)))}" if described.get(kind) else "")
		+ "</li>"
		for kind in kinds
	)
	officer = (
		frappe.db.get_value("User", doc.single_point_of_contact, "full_name")
		if doc.single_point_of_contact
		else ""
	)
	return frappe._dict(
		reference=doc.name,
		today=day(nowdate()),
		customer_name=person.customer_name or words["customer"],
		case_reference=cstr(doc.feedback),
		behaviour=cstr(doc.behaviour),
		restrictions=", ".join(_(kind) for kind in kinds),
		restriction_list=Markup(f"<ul>{items}</ul>") if items else "",
		details=cstr(doc.details),
		single_point_of_contact=cstr(officer),
		decided_on=day(doc.decided_on),
		warned_on=day(doc.warned_on),
		starts_on=day(doc.starts_on),
		ends_on=day(doc.ends_on),
		review_on=day(doc.review_on),
		how_to_challenge=cstr(doc.how_to_challenge),
		external_body=body_in_a_sentence(rules.external_body, language),
		external_body_contacts=external_body_contacts(rules.external_body, words),
	)


def check_may_send(doc) -> None:
	from customer_feedback.letters import sending

	sending.user_may_send(doc)


@frappe.whitelist(methods=["GET", "POST"])
def preview_restriction_letter(restriction: str) -> dict:
	"""The restriction letter filled in, to read and edit before sending, with where it would go."""
	from customer_feedback.letters import sending

	doc = frappe.get_doc(RESTRICTION, restriction)
	check_may_send(doc)
	return sending.preview(doc, RESTRICTION)


@frappe.whitelist(methods=["POST"])
def send_restriction_letter(restriction: str, channel: str, subject: str, content: str) -> dict[str, str]:
	"""Send the restriction letter (as edited) by email or for post; Customer Told On and Told How are set."""
	from customer_feedback.letters import sending

	doc = frappe.get_doc(RESTRICTION, restriction)
	check_may_send(doc)
	record = sending.send(doc, RESTRICTION, channel, subject, content)
	doc.reload()
	if not doc.told_how:
		doc.db_set("told_how", "Letter by email" if channel == sending.EMAIL else "Letter by post")
	return {"correspondence": record.name, "status": record.status}
