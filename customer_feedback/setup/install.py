"""Install and uninstall: UK site defaults, the policy presets and the default policy, created once."""

import frappe

from customer_feedback.constants import APP_ROLES
from customer_feedback.hooks import standard_portal_menu_items
from customer_feedback.setup.letters import create_default_letters
from customer_feedback.setup.master_data import (
	COMPLAINT_CATEGORIES,
	COMPLIMENT_CATEGORIES,
	LEARNING_CATEGORIES,
	REMEDY_TYPES,
)
from customer_feedback.setup.notifications import create_notifications, delete_notifications
from customer_feedback.setup.policy_presets import DEFAULT_POLICY, PRESETS
from customer_feedback.setup.restrictions import create_restriction_types
from customer_feedback.setup.workflow import create_feedback_workflow, delete_feedback_workflow

ROLES = APP_ROLES
SITE_TIME_ZONE = "Europe/London"


def after_install() -> None:
	set_uk_time_zone()
	create_policy_presets()
	set_default_policy()
	create_master_records()
	create_compliment_categories()
	create_feedback_workflow()
	create_notifications()
	create_default_letters()
	create_restriction_types()
	allow_public_attachments()
	hide_error_tracebacks()


def set_uk_time_zone() -> None:
	"""Frappe v15 falls back to Asia/Kolkata when System Settings has no time zone; every deadline we
	compute uses frappe.utils.now_datetime(), so the site must be on UK time."""
	current = frappe.db.get_single_value("System Settings", "time_zone")
	if current and current != SITE_TIME_ZONE:
		print(
			f"customer_feedback: System Settings time zone is {current}, not {SITE_TIME_ZONE}: left as it is"
		)
		return
	frappe.db.set_single_value("System Settings", "time_zone", SITE_TIME_ZONE)
	frappe.cache.delete_value("time_zone")


def hide_error_tracebacks() -> None:
	"""The platform answers a failed request with its Python traceback by default, to guests too: file paths,
	code and the values it failed on. Refusals keep their plain message; the traceback stays in the Error Log."""
	frappe.db.set_single_value("System Settings", "allow_error_traceback", 0)


def allow_public_attachments() -> None:
	"""The public form's attachments are uploaded by guests before the case exists, which the platform allows
	only with this setting. Guests are limited to documents and images by Frappe, and further by
	customer_feedback.portal.uploads."""
	frappe.db.set_single_value("System Settings", "allow_guests_to_upload_files", 1)


def create_policy_presets() -> None:
	for preset in PRESETS:
		if not frappe.db.exists("Feedback Policy", preset["policy_name"]):
			frappe.get_doc(preset).insert(ignore_permissions=True)


def create_master_records() -> None:
	for name, source in COMPLAINT_CATEGORIES:
		if not frappe.db.exists("Complaint Category", name):
			frappe.get_doc({"doctype": "Complaint Category", "category_name": name, "source": source}).insert(
				ignore_permissions=True
			)
	for name in REMEDY_TYPES:
		if not frappe.db.exists("Remedy Type", name):
			frappe.get_doc({"doctype": "Remedy Type", "remedy_name": name}).insert(ignore_permissions=True)
	create_learning_categories()


def create_learning_categories() -> None:
	"""Solihull's five, missing by name (an administrator's renamed or deleted one is not brought back by a
	later migrate: the patch runs once)."""
	for name, source in LEARNING_CATEGORIES:
		if not frappe.db.exists("Learning Category", name):
			frappe.get_doc({"doctype": "Learning Category", "category_name": name, "source": source}).insert(
				ignore_permissions=True
			)


def create_compliment_categories() -> None:
	"""Solihull's compliment categories, each created once: a renamed or deleted one is not brought back
	under its old name by a migrate, only by running this again."""
	for name, source in COMPLIMENT_CATEGORIES:
		if not frappe.db.exists("Compliment Category", name):
			frappe.get_doc(
				{"doctype": "Compliment Category", "category_name": name, "source": source}
			).insert(ignore_permissions=True)


def set_default_policy() -> None:
	settings = frappe.get_single("Customer Feedback Settings")
	if not settings.default_policy:
		settings.default_policy = DEFAULT_POLICY
		settings.save(ignore_permissions=True)


def before_uninstall() -> None:
	"""Frappe drops our DocTypes and tables but leaves the roles it made from their permissions, and a
	Single's values. Before, not after: Frappe commits the uninstall before the after_uninstall hooks."""
	frappe.db.delete("Singles", {"doctype": "Customer Feedback Settings"})
	delete_feedback_workflow()
	delete_notifications()
	# The portal menu keeps a copy of our hooks' menu items, which would point at a page no longer there.
	frappe.db.delete(
		"Portal Menu Item", {"route": ("in", [item["route"] for item in standard_portal_menu_items])}
	)
	for role in ROLES:
		frappe.db.delete("Has Role", {"role": role})
		frappe.db.delete("Custom DocPerm", {"role": role})
		frappe.delete_doc_if_exists("Role", role, force=True)
