"""Context for the public feedback form (/feedback): choices that come from the site's own records."""

import frappe
from frappe import _

from customer_feedback.customer_feedback.doctype.equality_monitoring.equality_monitoring import (
	EQUALITY_QUESTIONS,
)
from customer_feedback.customer_feedback.doctype.feedback.feedback import anonymous_handling_note
from customer_feedback.customer_feedback.doctype.feedback_policy.feedback_policy import (
	get_default_policy_name,
	get_rules,
)
from customer_feedback.portal import intake


def get_context(context):
	fields = {field.fieldname: field for field in context.web_form_doc.web_form_fields}
	# Plain drop-downs with a "not sure" choice instead of the platform's search box over Link fields: the
	# public cannot search for names they do not know, and disabled services and languages stay out.
	as_choices(
		fields["service_area"],
		_("Not sure"),
		frappe.get_all(
			"Service Area",
			{"disabled": 0},
			["name as value", "service_area_name as label"],
			order_by="service_area_name",
		),
	)
	as_choices(
		fields["preferred_language"],
		_("No preference"),
		frappe.get_all(
			"Language", {"enabled": 1}, ["name as value", "language_name as label"], order_by="language_name"
		),
	)
	equality = frappe.get_meta("Equality Monitoring")
	for question in EQUALITY_QUESTIONS:
		fields[f"equality_{question}"].options = equality.get_field(question).options
	rules = get_rules(get_default_policy_name())
	if rules.anonymous_complaints:
		fields["is_anonymous"].description = _(
			"If you do not give your details we cannot reply to you or tell you the outcome. For an anonymous complaint: {0}"
		).format(anonymous_handling_note(rules.anonymous_complaints))
	max_mb = intake.max_attachment_mb()
	for fieldname in intake.ATTACHMENT_FIELDS:
		fields[fieldname].description = _("PDF, Word, OpenDocument, text, JPG or PNG, up to {0} MB.").format(
			max_mb
		)
	context.cf_allowed_extensions = ["." + ext for ext in intake.ALLOWED_EXTENSIONS]
	context.cf_max_attachment_bytes = max_mb * 1024 * 1024
	context.cf_privacy_notice_url = frappe.db.get_single_value(
		"Customer Feedback Settings", "privacy_notice_url"
	)
	context.cf_honeypot = intake.HONEYPOT
	# The page styles shared with the status, My feedback and survey pages; the platform renders this before
	# feedback.css, which it reads as it is (without Jinja).
	context.custom_css = frappe.read_file(
		frappe.get_app_path("customer_feedback", "templates", "includes", "public_pages.css")
	)


def as_choices(field, empty_label: str, rows: list[dict]) -> None:
	field.fieldtype = "Select"
	field.options = [
		{"value": "", "label": empty_label},
		*({"value": r.value, "label": r.label or r.value} for r in rows),
	]
