"""Personal data (UK GDPR): what a customer's subject access export holds, how a case forgets who sent it,
and the retention period after which it does so by itself.

The platform's Personal Data Download and Deletion Requests reach this module through the thin classes in
customer_feedback/overrides/: its `user_data_fields` find records by a field holding the person's email,
and cannot follow a case to its stages, survey and equality answers, which are found here through the case.
"""

from __future__ import annotations

import json

import frappe
from frappe import _
from frappe.query_builder.functions import Lower
from frappe.utils import add_years, escape_html, getdate, now_datetime, nowdate

from customer_feedback.constants import CLOSED
from customer_feedback.customer_feedback.doctype.equality_monitoring.equality_monitoring import (
	EQUALITY_QUESTIONS,
)
from customer_feedback.customer_feedback.doctype.feedback.case_customer import SENDER_FIELDS

# A subject access export: what the customer told us and what they may see of the case, never the staff
# side (routing flags, the member of staff concerned, who recorded or handles it, the access code's hash).
EXPORTED_CASE_FIELDS = (
	"name",
	"feedback_type",
	"channel",
	"received_on",
	"status",
	"service_area",
	*(field for field in SENDER_FIELDS if field != "contact"),
	"preferred_language",
	"needs_interpreter",
	"needs_advocate",
	"needs_large_print",
	"needs_easy_read",
	"needs_british_sign_language",
	"reasonable_adjustments",
	"adjustments_review_on",
	"is_anonymous",
	"elected_member",
	"elected_member_name",
	"elected_member_office",
	"subject",
	"description",
	"desired_outcome",
	"resolved_at_first_contact",
	"first_contact_actions",
	"first_contact_outcome",
	"current_stage",
	"acknowledge_by",
	"acknowledged_on",
	"respond_by",
	"responded_on",
	"outcome",
	"closed_on",
	"closure_reason",
	"referred_to_external_body_on",
	"external_reference",
	"external_decision_on",
	"external_decision",
	"attachment_1",
	"attachment_2",
	"personal_data_removed_on",
)
EXPORTED_STAGE_FIELDS = (
	"name",
	"feedback",
	"stage_number",
	"stage_name",
	"status",
	"started_on",
	"escalation_reason",
	"acknowledge_by",
	"acknowledged_on",
	"respond_by",
	"responded_on",
	"extension_days",
	"customer_told_of_extension_on",
	"outcome",
	"escalation_refused_on",
	"escalation_refusal_reason",
)
EXPORTED_SURVEY_FIELDS = (
	"name",
	"feedback",
	"email",
	"sent_on",
	"status",
	"handling_satisfaction",
	"what_could_be_better",
	"answered_on",
)

# What a case forgets: who sent it and whatever they or staff wrote about them. Kept: type, channel, dates,
# status, policy, service area, categories, flags, outcome, remedies, stage numbers and deadline figures,
# which the reports count; the accessibility ticks are kept as figures too, once nothing names the person.
REMOVED_CASE_FIELDS = (
	*SENDER_FIELDS,
	"subject",  # of the email the case came in by: the customer's words
	"reasonable_adjustments",
	"adjustments_review_on",
	"desired_outcome",
	"first_contact_actions",
	"first_contact_outcome",
	"external_reference",
	"external_decision",
	"attachment_1",
	"attachment_2",
	"access_code_hash",
	# The platform's cache of the latest comments, shown in list views.
	"_comments",
)
REPRESENTATIVE_FIELDS = tuple(
	field
	for field in SENDER_FIELDS
	if field.startswith("representative_") or field in ("has_representative", "customer_consent_confirmed")
)
# A stage's free text: the customer's reasons, and staff's findings and reasons, which quote and name them.
REMOVED_STAGE_FIELDS = (
	"escalation_reason",
	"findings",
	"extension_reason",
	"beyond_limit_reason",
	"escalation_refusal_reason",
	"_comments",
)
# The satisfaction answer stays (a figure); the address and the customer's words go.
REMOVED_SURVEY_FIELDS = ("email", "what_could_be_better", "_comments")

# How many cases the retention job anonymises between commits: a run cut short keeps what it did.
RETENTION_BATCH_SIZE = 50


def cases_of(email: str) -> list[str]:
	"""The cases where `email` is the customer's or the representative's address, whatever its case. Not the
	cases a user recorded: a member of staff's own request must not take every case they typed in."""
	email = (email or "").strip().lower()
	if not email:
		return []
	feedback = frappe.qb.DocType("Feedback")
	return (
		frappe.qb.from_(feedback)
		.select(feedback.name)
		.where((Lower(feedback.email) == email) | (Lower(feedback.representative_email) == email))
		.orderby(feedback.received_on)
		.run(pluck=True)
	)


def export_for(email: str) -> dict[str, list[dict]]:
	"""{doctype: rows} of every case of `email` (see `cases_of`), its Complaint Stages, Feedback Surveys and
	Equality Monitoring records, in the shape of the platform's own personal data export."""
	names = cases_of(email)
	if not names:
		return {}
	cases = frappe.get_all(
		"Feedback", filters={"name": ["in", names]}, fields=list(EXPORTED_CASE_FIELDS), order_by="received_on"
	)
	for case in cases:
		case["categories"] = child_values(case.name, "Feedback Complaint Category", "complaint_category")
		case["remedies"] = child_values(case.name, "Feedback Remedy", "remedy_type")
	export = {
		"Feedback": cases,
		"Complaint Stage": frappe.get_all(
			"Complaint Stage",
			filters={"feedback": ["in", names]},
			fields=list(EXPORTED_STAGE_FIELDS),
			order_by="feedback, stage_number",
		),
		"Feedback Survey": frappe.get_all(
			"Feedback Survey", filters={"feedback": ["in", names]}, fields=list(EXPORTED_SURVEY_FIELDS)
		),
		"Equality Monitoring": frappe.get_all(
			"Equality Monitoring",
			filters={"feedback": ["in", names]},
			fields=["name", "feedback", *EQUALITY_QUESTIONS],
		),
	}
	return {doctype: rows for doctype, rows in export.items() if rows}


def child_values(case: str, doctype: str, fieldname: str) -> list[str]:
	return frappe.get_all(
		doctype, filters={"parent": case, "parenttype": "Feedback"}, pluck=fieldname, order_by="idx"
	)


def with_case_records(personal_data: str, email: str) -> str:
	"""The platform's export (JSON text) with this app's records of `email` in place of what its
	`user_data_fields` found of them: those are whole rows, staff-only fields included."""
	data = json.loads(personal_data or "{}")
	for doctype in ("Feedback", "Complaint Stage", "Feedback Survey", "Equality Monitoring"):
		data.pop(doctype, None)
	data.update(export_for(email))
	return json.dumps(data, indent=2, default=str)


def anonymise_cases_of(email: str, reason: str) -> int:
	"""A deletion request of `email`: their own cases anonymised, and their details taken off the cases where
	they only represented someone else, whose case it remains (that customer has not asked; the retention
	period still applies to it). Returns how many cases changed."""
	email = email.strip().lower()
	changed = 0
	for name in cases_of(email):
		if (frappe.db.get_value("Feedback", name, "email") or "").lower() == email:
			changed += anonymise_case(name, reason)
		else:
			changed += forget_representative(name, reason)
	return changed


def forget_representative(name: str, reason: str) -> bool:
	"""Take the representative's details off case `name`, which stays its customer's (also when Made by a
	Representative was unticked later: the hidden fields kept their values)."""
	frappe.db.set_value("Feedback", name, blanks("Feedback", REPRESENTATIVE_FIELDS))
	frappe.get_doc("Feedback", name).add_comment(
		"Info", _("The representative's personal data removed: {0}").format(escape_html(reason))
	)
	return True


def anonymise_case(name: str, reason: str) -> bool:
	"""Remove who sent case `name`, and what they wrote, keeping the figures reports count. Written with
	frappe.db.set_value: no workflow, no Notification, no new Version holding what was removed. Returns False
	when the case was already anonymised (or is gone)."""
	case = frappe.db.get_value(
		"Feedback",
		name,
		["name", "owner", "email", "representative_email", "contact", "personal_data_removed_on"],
		as_dict=True,
	)
	if not case or case.personal_data_removed_on:
		return False
	stages = frappe.get_all("Complaint Stage", filters={"feedback": name}, pluck="name")
	surveys = frappe.get_all("Feedback Survey", filters={"feedback": name}, pluck="name")
	equality = frappe.get_all("Equality Monitoring", filters={"feedback": name}, pluck="name")

	values = blanks("Feedback", REMOVED_CASE_FIELDS)
	# Description is mandatory: it says why it is empty instead.
	values["description"] = _("Removed with the customer's personal data.")
	values["personal_data_removed_on"] = now_datetime()
	sent_by = {(case.email or "").lower(), (case.representative_email or "").lower()} - {""}
	if (case.owner or "").lower() in sent_by:
		# A signed-in customer's own account, from the public form: the case no longer names it.
		values["owner"] = "Guest"
	frappe.db.set_value("Feedback", name, values)
	for stage in stages:
		frappe.db.set_value("Complaint Stage", stage, blanks("Complaint Stage", REMOVED_STAGE_FIELDS))
	if stages:
		frappe.db.set_value(
			"Complaint Stage Pause",
			{"parent": ["in", stages], "parenttype": "Complaint Stage"},
			"notes",
			None,
		)
	for survey in surveys:
		frappe.db.set_value("Feedback Survey", survey, blanks("Feedback Survey", REMOVED_SURVEY_FIELDS))
	# Equality answers are kept, unlinked from the case: under a random name, nothing then ties them to the
	# case or the person, and they remain the anonymous figures equality monitoring exists for.
	for record in equality:
		frappe.db.set_value("Equality Monitoring", record, "feedback", None)

	delete_traces(
		[("Feedback", name)]
		+ [("Complaint Stage", stage) for stage in stages]
		+ [("Feedback Survey", survey) for survey in surveys]
		+ [("Equality Monitoring", record) for record in equality],
		name,
	)
	forget_unused_contact(case.contact)
	frappe.get_doc("Feedback", name).add_comment(
		"Info", _("Personal data removed: {0}").format(escape_html(reason))
	)
	return True


def blanks(doctype: str, fields: tuple[str, ...]) -> dict:
	"""{field: its empty value}: 0 for a tick box (its column takes no NULL), else NULL."""
	meta = frappe.get_meta(doctype)
	return {
		field: 0 if (meta.get_field(field) and meta.get_field(field).fieldtype == "Check") else None
		for field in fields
	}


def delete_traces(documents: list[tuple[str, str]], case_name: str) -> None:
	"""Delete what the platform keeps beside `documents`: their files, emails, comments, versions, logs,
	and the copies in Deleted Documents of them and of anything that referred to the case."""
	for doctype, name in documents:
		communications = set(
			frappe.get_all(
				"Communication", filters={"reference_doctype": doctype, "reference_name": name}, pluck="name"
			)
		) | set(
			frappe.get_all(
				"Communication Link",
				filters={"link_doctype": doctype, "link_name": name, "parenttype": "Communication"},
				pluck="parent",
			)
		)
		files = frappe.get_all(
			"File", filters={"attached_to_doctype": doctype, "attached_to_name": name}, pluck="name"
		)
		if communications:
			files += frappe.get_all(
				"File",
				filters={
					"attached_to_doctype": "Communication",
					"attached_to_name": ["in", list(communications)],
				},
				pluck="name",
			)
		for file in files:
			# Through the document, so the file on disk goes too; permanently, so no copy is kept.
			frappe.delete_doc("File", file, ignore_permissions=True, force=True, delete_permanently=True)
		for communication in communications:
			frappe.db.delete("Communication Link", {"parent": communication, "parenttype": "Communication"})
			frappe.db.delete("Communication", {"name": communication})
		emails = frappe.get_all(
			"Email Queue", filters={"reference_doctype": doctype, "reference_name": name}, pluck="name"
		)
		if emails:
			frappe.db.delete("Email Queue Recipient", {"parent": ["in", emails]})
			frappe.db.delete("Email Queue", {"name": ["in", emails]})
		# After the files: deleting one adds an "Attachment Removed" comment.
		frappe.db.delete("Comment", {"reference_doctype": doctype, "reference_name": name})
		frappe.db.delete("Version", {"ref_doctype": doctype, "docname": name})
		frappe.db.delete("Activity Log", {"reference_doctype": doctype, "reference_name": name})
		frappe.db.delete("View Log", {"reference_doctype": doctype, "reference_name": name})
		frappe.db.delete("Deleted Document", {"deleted_doctype": doctype, "deleted_name": name})
	# A deleted comment, file or stage of the case holds its name as a whole JSON value: `"FB-2026-00042"`.
	deleted = frappe.qb.DocType("Deleted Document")
	frappe.qb.from_(deleted).delete().where(deleted.data.like(f'%"{escape_like(case_name)}"%')).run()


def escape_like(text: str) -> str:
	return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def forget_unused_contact(contact: str | None) -> None:
	"""The case's platform Contact goes too when nothing else uses it: no other case, no linked record (a
	Customer, a Supplier) and no user account."""
	if not contact or frappe.db.exists("Feedback", {"contact": contact}):
		return
	if frappe.db.exists("Dynamic Link", {"parenttype": "Contact", "parent": contact}):
		return
	if frappe.db.get_value("Contact", contact, "user"):
		return
	frappe.delete_doc("Contact", contact, ignore_permissions=True, force=True, delete_permanently=True)


def anonymise_expired_cases(commit: bool = True) -> int:
	"""The daily retention job: anonymise closed cases whose closing is more than their policy's Keep
	Personal Data For years ago (0 keeps them for ever). Commits every RETENTION_BATCH_SIZE cases (tests
	pass commit=False, for their rollback); logs and returns how many were anonymised."""
	today = getdate(nowdate())
	anonymised = 0
	for policy in frappe.get_all(
		"Feedback Policy", filters={"retention_years": [">", 0]}, fields=["name", "retention_years"]
	):
		expired = frappe.get_all(
			"Feedback",
			filters={
				"policy": policy.name,
				"status": CLOSED,
				"closed_on": ["<", add_years(today, -policy.retention_years)],
				"personal_data_removed_on": ["is", "not set"],
			},
			pluck="name",
			order_by="closed_on",
		)
		reason = _("{0} years after closing, the retention period of policy {1}").format(
			policy.retention_years, policy.name
		)
		for name in expired:
			anonymised += anonymise_case(name, reason)
			if commit and anonymised and anonymised % RETENTION_BATCH_SIZE == 0:
				frappe.db.commit()
	if commit:
		frappe.db.commit()
	frappe.logger("customer_feedback").info(f"{anonymised} cases anonymised")
	return anonymised
