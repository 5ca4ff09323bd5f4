"""Checks of the app's life in a site that unit tests cannot make: run by scripts/test with the bench's
Python from the sites directory.

	python lifecycle_check.py SITE edit-preset       an administrator edits a preset and a notification (committed)
	python lifecycle_check.py SITE edit-letter       an administrator edits a letter's wording (committed; edit-preset
	                                                 does it too)
	python lifecycle_check.py SITE preset-kept       after migrating, the edits are still there
	python lifecycle_check.py SITE uninstalled       after uninstall-app, nothing of ours is left
	python lifecycle_check.py SITE backup-files      the demo data is there; a public and a private file attached
	python lifecycle_check.py SITE backup-restored RESTORED
	                                                 RESTORED, made from SITE's backup, has the same cases,
	                                                 stages, files (and their bytes on disk) and dates

Prints one line per check, "ok: ..." or "FAIL: ...", and exits 1 if any failed.
"""

import hashlib
import sys

import frappe
from frappe.utils.password import get_encryption_key

from customer_feedback import access_codes
from customer_feedback.customer_feedback.doctype.feedback import access_code

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
# The attachments backup-files adds: demo data has none, and a backup must carry both kinds of file.
BACKUP_FILES = {
	"cf-backup-letter.txt": (0, "A letter from the customer, kept in public files.\n"),
	"cf-backup-evidence.txt": (1, "Evidence kept in private files: \u00a3 \u00e9 \U0001f600\n"),
}
# An access code set on that case before the backup: a customer's code must still open their case after a
# restore, which holds only if the restored site has the old site's encryption key (it keys the code's HMAC).
BACKUP_ACCESS_CODE = "BACKUPCHK2"
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


def backup_files() -> None:
	cases = frappe.db.count("Feedback", {"_user_tags": ("like", "%demo%")})
	check(cases > 0, f"the site has demo data to back up ({cases} demo cases)")
	case = frappe.get_all(
		"Feedback", {"_user_tags": ("like", "%demo%")}, pluck="name", limit=1, order_by="name"
	)
	if not case:
		return
	for file_name, (is_private, content) in BACKUP_FILES.items():
		if not frappe.db.exists("File", {"file_name": file_name, "attached_to_name": case[0]}):
			frappe.get_doc(
				{
					"doctype": "File",
					"file_name": file_name,
					"is_private": is_private,
					"content": content.encode(),
					"attached_to_doctype": "Feedback",
					"attached_to_name": case[0],
				}
			).insert(ignore_permissions=True)
	frappe.db.set_value(
		"Feedback",
		case[0],
		"access_code_hash",
		access_codes.code_hash(get_encryption_key(), case[0], BACKUP_ACCESS_CODE),
		update_modified=False,
	)
	frappe.db.commit()
	check(True, f"attached a public and a private file to {case[0]}, and gave it a known access code")


def snapshot() -> dict:
	"""What a backup must keep, from the connected site: every case, stage and file with its dates."""

	def dates(doctype: str) -> list[str]:
		return [
			df.fieldname for df in frappe.get_meta(doctype).fields if df.fieldtype in ("Date", "Datetime")
		]

	cases = frappe.get_all(
		"Feedback", fields=["name", "status", "current_stage", *dates("Feedback")], order_by="name"
	)
	stages = frappe.get_all(
		"Complaint Stage",
		fields=["name", "feedback", "stage_number", "status", *dates("Complaint Stage")],
		order_by="name",
	)
	files = {}
	for row in frappe.get_all(
		"File",
		{"is_folder": 0},
		["name", "file_url", "is_private", "attached_to_doctype", "attached_to_name"],
		order_by="name",
	):
		digest = None
		if (row.file_url or "").startswith(("/files/", "/private/files/")):
			try:
				with open(frappe.get_doc("File", row.name).get_full_path(), "rb") as f:
					digest = hashlib.sha256(f.read()).hexdigest()
			except OSError:
				digest = "missing on disk"
		files[row.name] = {**row, "sha256": digest}
	coded = frappe.get_all("Feedback", {"access_code_hash": ("is", "set")}, ["name", "access_code_hash"])
	return {
		"code opens": [
			row.name for row in coded if access_code.opens(row.name, row.access_code_hash, BACKUP_ACCESS_CODE)
		],
		"cases": {row.name: row for row in cases},
		"stages": {row.name: row for row in stages},
		"files": files,
		"demo files": frappe.get_all("File", {"file_name": ("in", list(BACKUP_FILES))}, pluck="file_name"),
	}


def compare(what: str, before: dict, after: dict) -> None:
	missing = sorted(set(before) - set(after))
	extra = sorted(set(after) - set(before))
	changed = sorted(name for name in set(before) & set(after) if before[name] != after[name])
	detail = "; ".join(
		[f"missing {missing[:5]}"] * bool(missing)
		+ [f"not in the backup {extra[:5]}"] * bool(extra)
		+ [f"{name}: {before[name]} became {after[name]}" for name in changed[:3]]
	)
	check(
		bool(before) and not (missing or extra or changed),
		f"the restored site has the same {len(before)} {what}" + (f" ({detail})" if detail else ""),
	)


def backup_restored(source: str, restored: str) -> None:
	frappe.destroy()  # connected to the source: each site in turn
	taken = {}
	for site in (source, restored):
		frappe.init(site=site)
		frappe.connect()
		taken[site] = snapshot()
		frappe.destroy()
	before, after = taken[source], taken[restored]
	compare("cases (status, stage and every date)", before["cases"], after["cases"])
	compare("complaint stages (number, status and every date)", before["stages"], after["stages"])
	compare("files (where they are attached, and their bytes on disk)", before["files"], after["files"])
	check(
		sorted(after["demo files"]) == sorted(BACKUP_FILES),
		f"the records of the public and the private file attached before the backup are there ({after['demo files']})",
	)
	check(
		bool(before["code opens"]) and after["code opens"] == before["code opens"],
		f"the access code given before the backup still opens {', '.join(before['code opens']) or 'no case'}",
	)
	frappe.init(site=source)  # the caller destroys it


if __name__ == "__main__":
	site, phase = sys.argv[1], sys.argv[2]
	frappe.init(site=site)
	frappe.connect()
	{
		"edit-preset": edit_preset,
		"edit-letter": edit_letter,
		"preset-kept": preset_kept,
		"uninstalled": uninstalled,
		"backup-files": backup_files,
		"backup-restored": lambda: backup_restored(site, sys.argv[3]),
	}[phase]()
	frappe.destroy()
	sys.exit(1 if failures else 0)
