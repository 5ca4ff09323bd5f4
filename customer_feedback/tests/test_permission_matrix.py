"""The README's roles section is the permission matrix, and this test holds the site to it, both ways.

For every role (Guest, a website user, each staff and routed role, Feedback Manager, System Manager), each
held alone by a user of its own:
- its rights on every DocType of the app (read, write, create, delete, export, email, print) are the cells of
  the README's "Rights" table;
- the cases it reads, as a list (the SQL condition) and one by one (the Python check), are that table's last
  column, tried on a case of every kind: plain, recorded by them, about them, and each routed flag;
- every whitelisted method of the app refuses exactly the roles the README's "Methods" table leaves out, and
  the table names every whitelisted method there is.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import frappe

import customer_feedback
from customer_feedback.constants import APP_ROLES, SYSTEM_MANAGER
from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import make_feedback, make_user, stage_of

README = Path(customer_feedback.__file__).resolve().parent.parent / "README.md"
RIGHTS = {"r": "read", "w": "write", "c": "create", "d": "delete", "x": "export", "e": "email", "p": "print"}
GUEST, WEBSITE_USER = "Guest", "Website User"
ROLES = (GUEST, WEBSITE_USER, *APP_ROLES, SYSTEM_MANAGER)
EVERYONE = "everyone, guests included"


def user_for(role: str) -> str:
	if role == GUEST:
		return "Guest"
	return "cf-matrix-" + re.sub(r"\W+", "-", role.lower()) + "@example.org"


def readme_table(name: str) -> list[list[str]]:
	"""The rows (cells stripped, header and rule dropped) of the README table between `name`'s markers."""
	text = README.read_text()
	start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
	assert start in text and end in text, f"README.md has no {start} ... {end} table"
	lines = [line.strip() for line in text.split(start, 1)[1].split(end, 1)[0].splitlines()]
	rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines if line.startswith("|")]
	return [row for row in rows[1:] if not set("".join(row)) <= set("-: ")]


# The kinds of case the scope column speaks of, and which kinds each of its words means.
CASE_KINDS = ("plain", "recorded by them", "about them", "safeguarding", "safeguarding out of hours")
CASE_KINDS += ("compensation claim", "data protection")
SCOPES = {
	"every case not about them": set(CASE_KINDS) - {"about them"},
	"what they recorded": {"recorded by them"},
	"safeguarding concerns": {"safeguarding", "safeguarding out of hours"},
	"safeguarding concerns out of hours": {"safeguarding out of hours"},
	"compensation claims": {"compensation claim"},
	"data protection": {"data protection"},
	"none": set(),
}
FLAGS = {
	"safeguarding": {"safeguarding": 1},
	"safeguarding out of hours": {"safeguarding": 1},
	"compensation claim": {"compensation_claim": 1},
	"data protection": {"data_protection": 1},
}


def app_whitelisted_methods() -> set[str]:
	for module in pkgutil.walk_packages(customer_feedback.__path__, "customer_feedback."):
		if ".test" not in module.name and "patches" not in module.name:
			importlib.import_module(module.name)
	return {
		f"{fn.__module__}.{fn.__name__}"
		for fn in frappe.whitelisted
		if getattr(fn, "__module__", "").startswith("customer_feedback.")
	}


class TestPermissionMatrix(FeedbackTestCase):
	USERS = {user_for(role): ([] if role == WEBSITE_USER else [role]) for role in ROLES if role != GUEST}

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.doctypes = frappe.get_all(
			"DocType", {"module": "Customer Feedback", "istable": 0}, pluck="name", order_by="name"
		)

	def rights(self, doctype: str, user: str) -> str:
		held = [
			letter for letter, ptype in RIGHTS.items() if frappe.has_permission(doctype, ptype, user=user)
		]
		return "".join(held) or "—"

	def test_every_roles_rights_on_every_doctype_are_the_readmes(self):
		table = {row[0]: row for row in readme_table("roles-rights")}
		self.assertEqual(set(table), set(ROLES), "one README row per role")
		readme_doctypes = readme_table_header("roles-rights")[1:-1]
		self.assertEqual(readme_doctypes, self.doctypes, "one README column per DocType of the app")
		for role in ROLES:
			for column, doctype in enumerate(self.doctypes, start=1):
				with self.subTest(role=role, doctype=doctype):
					self.assertEqual(self.rights(doctype, user_for(role)), table[role][column])

	def make_cases(self, user: str) -> dict[str, str]:
		cases = {kind: make_feedback(**FLAGS.get(kind, {})).name for kind in CASE_KINDS}
		# The flag the clock sets from the office hours; set here, since the rule under test is who reads.
		frappe.db.set_value("Feedback", cases["safeguarding out of hours"], "received_out_of_hours", 1)
		frappe.db.set_value(
			"Feedback", cases["about them"], {"staff_conduct": 1, "staff_member_concerned": user}
		)
		# Recorded by them: the case and its first stage are theirs, as when they save the form.
		frappe.db.set_value("Feedback", cases["recorded by them"], "owner", user)
		frappe.db.set_value("Complaint Stage", stage_of(cases["recorded by them"], 1).name, "owner", user)
		return cases

	def test_the_cases_each_role_reads_are_the_readmes(self):
		scopes = {row[0]: row[-1] for row in readme_table("roles-rights")}
		for role in ROLES:
			user = user_for(role)
			cases = self.make_cases(user)
			expected = {cases[kind] for kind in SCOPES[scopes[role]]}
			frappe.set_user(user)
			try:
				with self.subTest(role=role, read="list"):
					self.assertEqual(listed_cases(list(cases.values())), expected)
				for kind, name in cases.items():
					with self.subTest(role=role, read=kind):
						self.assertEqual(frappe.has_permission("Feedback", "read", name), name in expected)
				if frappe.has_permission("Complaint Stage", "read"):
					stages = [f"{name}-1" for name in cases.values()]  # stage 1 of each
					with self.subTest(role=role, read="stages"):
						visible = set(
							frappe.get_list("Complaint Stage", {"name": ("in", stages)}, pluck="feedback")
						)
						self.assertEqual(visible, expected)
			finally:
				frappe.set_user("Administrator")

	def test_the_readme_lists_every_whitelisted_method(self):
		listed = {row[0].strip("`") for row in readme_table("roles-methods")}
		self.assertEqual(listed, app_whitelisted_methods())

	def test_every_whitelisted_method_refuses_exactly_the_roles_the_readme_leaves_out(self):
		case = make_feedback().name
		for row in readme_table("roles-methods"):
			method, who = row[0].strip("`"), row[1]
			allowed = set(ROLES) if who.startswith(EVERYONE) else allowed_roles(who)
			for role in ROLES:
				with self.subTest(method=method, role=role):
					self.assertEqual(
						not refused(method, PROBES[method](case), user_for(role)), role in allowed
					)


def listed_cases(names: list[str]) -> set[str]:
	"""The cases among `names` a list or report shows the session user (none without read permission)."""
	try:
		return set(frappe.get_list("Feedback", {"name": ("in", names)}, pluck="name"))
	except frappe.PermissionError:
		return set()


def readme_table_header(name: str) -> list[str]:
	text = README.read_text().split(f"<!-- {name}:start -->", 1)[1]
	line = next(line for line in text.splitlines() if line.strip().startswith("|"))
	return [cell.strip() for cell in line.strip().strip("|").split("|")]


def allowed_roles(who: str) -> set[str]:
	"""The roles a Methods cell names: 'Role, Role and Role', after an optional explanation and colon."""
	names = who.rsplit(":", 1)[-1]
	return {name.strip() for name in re.split(r",| and ", names) if name.strip()}


def refused(method: str, kwargs: dict, user: str) -> bool:
	"""Whether `user` calling `method` as the platform's handler would is refused for want of permission
	(anything else, a refusal of the input included, means they were let in)."""
	frappe.set_user(user)
	frappe.db.savepoint("cf_matrix_call")
	# frappe.only_for lets everyone through while flags.in_test is set: unset for the call.
	in_test, frappe.flags.in_test = frappe.flags.in_test, False
	try:
		function = frappe.get_attr(method)
		frappe.is_whitelisted(function)  # the handler's own check: a guest only where allow_guest
		frappe.call(function, **kwargs)
	except frappe.PermissionError:
		return True
	except Exception:
		return False
	finally:
		frappe.flags.in_test = in_test
		frappe.db.rollback(save_point="cf_matrix_call")
		frappe.local.message_log = []
		frappe.set_user("Administrator")
	return False


# Arguments that get each method past its permission check and then, for most, refused as input, so that
# nothing is changed; `case` is a fresh complaint recorded by Administrator.
def letter_awaiting_review(case: str) -> str:
	"""A stage response of the case waiting for its reviewer, written by someone else (Administrator)."""
	return (
		frappe.get_doc(
			{
				"doctype": "Feedback Correspondence",
				"feedback": case,
				"letter": "Stage Response",
				"channel": "Email",
				"subject": "Our response",
				"content": "<p>Our response.</p>",
				"status": "Awaiting Review",
				"written_by": "Administrator",
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def restriction_of(case: str) -> str:
	"""An active contact restriction on the case's customer, decided by the matrix's Head of Service."""
	contact = frappe.db.get_value("Feedback", case, "contact")
	return (
		frappe.get_doc(
			{
				"doctype": "Contact Restriction",
				"contact": contact,
				"feedback": case,
				"behaviour": "Daily calls about a concluded complaint.",
				"decided_by": user_for("Head of Service"),
				"starts_on": frappe.utils.nowdate(),
				"restrictions": [{"restriction_type": "Written contact only"}],
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


RESTRICTIONS = "customer_feedback.customer_feedback.doctype.contact_restriction.restrictions"
PROBES = {
	f"{RESTRICTIONS}.restricted_contacts": lambda case: {"contacts": []},
	f"{RESTRICTIONS}.preview_restriction_letter": lambda case: {"restriction": restriction_of(case)},
	f"{RESTRICTIONS}.send_restriction_letter": lambda case: {
		"restriction": restriction_of(case),
		"channel": "Carrier pigeon",
		"subject": "",
		"content": "",
	},
	"customer_feedback.api.preview_deadlines": lambda case: {
		"policy": "Complaint Handling Code",
		"feedback_type": "Complaint",
		"received_on": "not a date",
	},
	"customer_feedback.api.escalate": lambda case: {"feedback": case, "requested_on": "2999-01-01"},
	"customer_feedback.api.refuse_escalation": lambda case: {"feedback": case, "reason": ""},
	"customer_feedback.api.convert_to_complaint": lambda case: {"feedback": case},
	"customer_feedback.api.issue_access_code": lambda case: {"feedback": case},
	"customer_feedback.api.preview_letter": lambda case: {"feedback": case, "letter": "Acknowledgement"},
	"customer_feedback.api.send_letter": lambda case: {
		"feedback": case,
		"letter": "Acknowledgement",
		"channel": "Carrier pigeon",
		"subject": "",
		"content": "",
	},
	"customer_feedback.api.review_letter": lambda case: {
		"correspondence": letter_awaiting_review(case),
		"approve": 0,
	},
	"customer_feedback.portal.intake.accept": lambda case: {"web_form": "feedback", "data": "{}"},
	"customer_feedback.portal.intake.get_form_data": lambda case: {
		"doctype": "Feedback",
		"web_form_name": "feedback",
	},
	"customer_feedback.portal.survey.answer_survey": lambda case: {"token": "not-a-token"},
	# In process there is no request, so no file: refused as input once past the permission check.
	"customer_feedback.portal.uploads.upload_file": lambda case: {},
	"customer_feedback.portal.uploads.uploadfile": lambda case: {},
	"customer_feedback.portal.status.look_up": lambda case: {"reference": case, "access_code": "x"},
	"customer_feedback.portal.status.request_next_stage": lambda case: {
		"reference": case,
		"access_code": "x",
	},
	"customer_feedback.portal.status.request_next_stage_as_owner": lambda case: {"reference": case},
	"customer_feedback.customer_feedback.dashboard_chart_source.within_timescale_by_stage.within_timescale_by_stage.get": lambda case: {},
}
