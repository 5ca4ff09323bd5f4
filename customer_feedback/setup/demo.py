"""Demo data for every source procedure: staff in each role, service areas and a few hundred cases. Safe to
run again."""

import frappe

from customer_feedback.setup import policy_presets as presets

DEMO_PASSWORD = "Demo-Feedback-2026"
DEMO_DOMAIN = "demo.example.org"

# Every member of staff records feedback, so all are Feedback Users too.
DEMO_STAFF = [
	("priya.shah", "Priya Shah", ["Feedback Manager"]),
	("tom.baker", "Tom Baker", ["Feedback Coordinator"]),
	("aisha.khan", "Aisha Khan", ["Investigating Officer"]),
	("gareth.evans", "Gareth Evans", ["Investigating Officer"]),
	("mary.oneill", "Mary O'Neill", ["Head of Service"]),
	("david.osei", "David Osei", ["Head of Service"]),
	("helen.carter", "Helen Carter", ["Customer Relations Officer"]),
	("jo.richards", "Jo Richards", []),
]

SERVICE_AREAS = {
	presets.NORTHAMPTONSHIRE: ["Prevention, Safeguarding and Partnerships", "Fire Control", "Response"],
	presets.BEDFORDSHIRE: ["Response", "Fire Safety", "Training Centre"],
	presets.SOLIHULL: ["Waste and Recycling", "Highways", "Council Tax"],
	presets.COUNCIL: ["Libraries", "Parking", "Planning"],
	presets.DEVON: ["Adult Social Care", "Children's Services", "Highways and Traffic"],
}
AREA_PREFIX = {
	presets.NORTHAMPTONSHIRE: "Northamptonshire FRS",
	presets.BEDFORDSHIRE: "Bedfordshire FRS",
	presets.SOLIHULL: "Solihull",
	presets.COUNCIL: "Council",
	presets.DEVON: "Devon",
}


def staff_email(login: str) -> str:
	return f"{login}@{DEMO_DOMAIN}"


def make_demo_data() -> list[str]:
	complete_setup_wizard()
	users = [make_staff_user(staff_email(login), name, roles) for login, name, roles in DEMO_STAFF]
	areas = make_service_areas()
	from customer_feedback.setup.demo_cases import DEMO_CASE_COUNT, make_demo_cases
	from customer_feedback.setup.demo_follow_up import make_demo_follow_up
	from customer_feedback.setup.demo_learning import add_learning
	from customer_feedback.setup.demo_restrictions import make_demo_restrictions

	created = make_demo_cases()
	lessons = add_learning()
	follow_up = make_demo_follow_up()
	restrictions = make_demo_restrictions()
	frappe.db.commit()
	return [
		f"Demo staff: {len(users)} users; service areas: {len(areas)} across {len(SERVICE_AREAS)} procedures.",
		f"Demo cases: {created} created now, {DEMO_CASE_COUNT} in all; {lessons} more lessons recorded.",
		*follow_up,
		f"Contact restrictions: {restrictions} created now.",
		f"Demo logins (password {DEMO_PASSWORD}):",
		*(
			f"  {staff_email(login)}  {', '.join(roles or ['Feedback User'])}"
			for login, _name, roles in DEMO_STAFF
		),
		"  Administrator  (password: the site's admin password)",
	]


def complete_setup_wizard() -> None:
	"""A fresh site sends the desk to Frappe's setup wizard; answer it as a UK body would."""
	if frappe.db.get_single_value("System Settings", "setup_complete"):
		return
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	setup_complete(
		{"language": "English", "country": "United Kingdom", "timezone": "Europe/London", "currency": "GBP"}
	)


def make_staff_user(email: str, full_name: str, roles: list[str]) -> str:
	if not frappe.db.exists("User", email):
		first_name, _, last_name = full_name.partition(" ")
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name,
				"last_name": last_name,
				"send_welcome_email": 0,
				"new_password": DEMO_PASSWORD,
			}
		)
		user.insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	user.add_roles("Feedback User", *roles)
	return email


def make_service_areas() -> list[str]:
	managers = [staff_email("mary.oneill"), staff_email("david.osei")]
	names = []
	for policy, areas in SERVICE_AREAS.items():
		for i, area in enumerate(areas):
			name = f"{AREA_PREFIX[policy]}: {area}"
			if not frappe.db.exists("Service Area", name):
				frappe.get_doc(
					{
						"doctype": "Service Area",
						"service_area_name": name,
						"manager": managers[i % len(managers)],
						"coordinators": [{"user": staff_email("tom.baker")}],
						"description": f"Handled under the {policy} policy.",
					}
				).insert(ignore_permissions=True)
			names.append(name)
	return names
