"""Install and uninstall: UK site defaults, the policy presets and the default policy, created once."""

import frappe

from customer_feedback.setup.policy_presets import DEFAULT_POLICY, PRESETS

ROLES = (
	"Feedback User",
	"Feedback Coordinator",
	"Investigating Officer",
	"Head of Service",
	"Feedback Manager",
	"Customer Relations Officer",
)
SITE_TIME_ZONE = "Europe/London"


def after_install() -> None:
	set_uk_time_zone()
	create_policy_presets()
	set_default_policy()


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


def create_policy_presets() -> None:
	for preset in PRESETS:
		if not frappe.db.exists("Feedback Policy", preset["policy_name"]):
			frappe.get_doc(preset).insert(ignore_permissions=True)


def set_default_policy() -> None:
	settings = frappe.get_single("Customer Feedback Settings")
	if not settings.default_policy:
		settings.default_policy = DEFAULT_POLICY
		settings.save(ignore_permissions=True)


def before_uninstall() -> None:
	"""Frappe drops our DocTypes and tables but leaves the roles it made from their permissions, and a
	Single's values. Before, not after: Frappe commits the uninstall before the after_uninstall hooks."""
	frappe.db.delete("Singles", {"doctype": "Customer Feedback Settings"})
	for role in ROLES:
		frappe.db.delete("Has Role", {"role": role})
		frappe.db.delete("Custom DocPerm", {"role": role})
		frappe.delete_doc_if_exists("Role", role, force=True)
