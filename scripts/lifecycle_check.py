"""Checks of the app's life in a site that unit tests cannot make: run by scripts/test with the bench's
Python from the sites directory.

	python lifecycle_check.py SITE edit-preset       an administrator edits a preset and a notification (committed)
	python lifecycle_check.py SITE edit-letter       an administrator edits a letter's wording (committed; edit-preset
	                                                 does it too)
	python lifecycle_check.py SITE preset-kept       after migrating, the edits are still there
	python lifecycle_check.py SITE uninstalled       after uninstall-app, nothing of ours is left

Prints one line per check, "ok: ..." or "FAIL: ...", and exits 1 if any failed.
"""

import sys

import frappe

# Still importable after uninstall-app: the package stays installed in the bench's environment.
from customer_feedback.setup.install import ROLES as OUR_ROLES
from customer_feedback.setup.letters import DEFAULT_LETTERS
from customer_feedback.setup.notifications import ALL_NOTIFICATIONS, WATCHED_DOCTYPES

EDITED_PRESET = "Northamptonshire Fire and Rescue Service"
EDITED_VALUE = 7
EDITED_NOTIFICATION = "Hate Crime"
EDITED_SUBJECT = "Hate incident logged: {{ doc.name }}"
EDITED_LETTER = "Stage Response"
EDITED_SIGN_OFF = "<p>With best wishes from {{ letter.handler }}</p>"
failures = 0


def check(ok: bool, what: str) -> None:
	global failures
	print(("ok: " if ok else "FAIL: ") + what)
	failures += not ok


def edit_preset() -> None:
	policy = frappe.get_doc("Feedback Policy", EDITED_PRESET)
	policy.progress_update_days = EDITED_VALUE
	policy.append("calendar_dates", {"date": "2026-12-29", "day_type": "Closed", "description": "Shutdown"})
	policy.save()
	frappe.db.commit()
	check(
		True, f"edited {EDITED_PRESET}: progress updates every {EDITED_VALUE} working days, one closed date"
	)
	alert = frappe.get_doc("Notification", EDITED_NOTIFICATION)
	alert.subject = EDITED_SUBJECT
	alert.recipients = []
	alert.append("recipients", {"receiver_by_role": "Feedback Manager"})
	alert.save()
	frappe.db.commit()
	check(
		True,
		f"edited the {EDITED_NOTIFICATION} notification: its subject, and the Feedback Manager told instead",
	)
	edit_letter()  # scripts/test runs edit-preset before its two migrates


def edit_letter() -> None:
	name = letter_wording_name()
	wording = frappe.get_doc("Feedback Letter", name)
	wording.sign_off = EDITED_SIGN_OFF
	wording.save()
	frappe.db.commit()
	check(True, f"edited the {EDITED_LETTER} letter's sign-off ({name})")


def letter_wording_name() -> str:
	"""The installed English wording of EDITED_LETTER for every policy and type."""
	filters = {"policy": ("is", "not set"), "feedback_type": ("is", "not set")}
	return frappe.get_all(
		"Feedback Letter", {"letter": EDITED_LETTER, "language": "English", **filters}, pluck="name"
	)[0]


def preset_kept() -> None:
	policy = frappe.get_doc("Feedback Policy", EDITED_PRESET)
	check(policy.progress_update_days == EDITED_VALUE, "migrate kept the administrator's edited figure")
	sign_off = frappe.db.get_value("Feedback Letter", letter_wording_name(), "sign_off")
	check(sign_off == EDITED_SIGN_OFF, f"migrate kept the administrator's {EDITED_LETTER} letter wording")
	check(
		frappe.db.count("Feedback Letter") == len(DEFAULT_LETTERS),
		"migrate created no duplicate letter wording",
	)
	check(len(policy.calendar_dates) == 1, "migrate kept the administrator's closed date")
	check(frappe.db.count("Feedback Policy") == 6, "migrate created no duplicate presets")
	alert = frappe.get_doc("Notification", EDITED_NOTIFICATION)
	check(alert.subject == EDITED_SUBJECT, "migrate kept the administrator's notification subject")
	check(
		[row.receiver_by_role for row in alert.recipients] == ["Feedback Manager"],
		"migrate kept the administrator's notification recipients",
	)
	check(
		frappe.db.count("Notification", {"module": "Customer Feedback"}) == len(ALL_NOTIFICATIONS),
		"migrate created no duplicate notifications",
	)


def uninstalled() -> None:
	tables = frappe.db.sql(
		"""select table_name from information_schema.tables where table_schema = database()
		and (table_name like 'tabFeedback%%' or table_name like 'tabService Area%%'
		or table_name like 'tabCustomer Feedback%%' or table_name like 'tabComplaint%%')"""
	)
	check(not tables, f"no tables left ({', '.join(t[0] for t in tables) or 'none'})")
	check(not frappe.db.exists("DocType", {"module": "Customer Feedback"}), "no DocTypes of the module left")
	check(not frappe.db.exists("Module Def", "Customer Feedback"), "no Module Def left")
	check(not frappe.db.exists("Workflow", {"document_type": "Feedback"}), "no workflow on Feedback left")
	check(not frappe.db.exists("Web Form", {"module": "Customer Feedback"}), "no Web Form of ours left")
	check(
		not frappe.db.exists("Print Format", {"module": "Customer Feedback"}), "no letter Print Format left"
	)
	check(not frappe.db.exists("Portal Menu Item", {"route": "/my-feedback"}), "no portal menu item left")
	left = [role for role in OUR_ROLES if frappe.db.exists("Role", role)]
	check(not left, f"no roles left ({', '.join(left) or 'none'})")
	left = [spec["name"] for spec in ALL_NOTIFICATIONS if frappe.db.exists("Notification", spec["name"])]
	left += frappe.get_all("Notification", filters={"module": "Customer Feedback"}, pluck="name")
	check(not left, f"no Notifications of ours left ({', '.join(sorted(set(left))) or 'none'})")
	for doctype in ("Notification", "Assignment Rule"):
		# An administrator's own, on our DocTypes, would point at dropped tables.
		left = frappe.get_all(doctype, filters={"document_type": ("in", WATCHED_DOCTYPES)}, pluck="name")
		check(not left, f"no {doctype} on {' or '.join(WATCHED_DOCTYPES)} left ({', '.join(left) or 'none'})")
	singles = frappe.db.sql("select count(*) from tabSingles where doctype = 'Customer Feedback Settings'")[
		0
	][0]
	check(not singles, "no settings left in tabSingles")
	check("customer_feedback" not in frappe.get_installed_apps(), "app no longer listed as installed")


if __name__ == "__main__":
	site, phase = sys.argv[1], sys.argv[2]
	frappe.init(site=site)
	frappe.connect()
	{
		"edit-preset": edit_preset,
		"edit-letter": edit_letter,
		"preset-kept": preset_kept,
		"uninstalled": uninstalled,
	}[phase]()
	frappe.destroy()
	sys.exit(1 if failures else 0)
