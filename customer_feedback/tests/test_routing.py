"""Routing on the case's flags, through the Notifications shipped on install: each flag reaches its people
(and no one else) when the case is recorded with it or when it is ticked later, and an administrator's
change of recipients takes effect. Received Thu 19 Dec 2024 10:00 is in office hours; Sat 21 Dec is not."""

import frappe

from customer_feedback.tests.factories import make_feedback
from customer_feedback.tests.test_notifications import (
	NotificationTestCase,
	bell_for,
	emails_about,
	message_about,
)

# One user per routing role; the keys name them in the tests.
PEOPLE = {
	"safeguarding lead": ("cf.route.safeguarding@example.org", "Safeguarding Lead"),
	"prevention manager": ("cf.route.prevention@example.org", "Prevention Manager"),
	"duty officer": ("cf.route.duty@example.org", "Duty Officer"),
	"customer relations": ("cf.route.relations@example.org", "Customer Relations Officer"),
	"feedback manager": ("cf.route.manager@example.org", "Feedback Manager"),
	"head of service": ("cf.route.head@example.org", "Head of Service"),
	"insurance": ("cf.route.insurance@example.org", "Insurance Contact"),
	"information governance": ("cf.route.governance@example.org", "Information Governance"),
	"coordinator": ("cf.route.coordinator@example.org", "Feedback Coordinator"),
	"service manager": ("cf.route.service.manager@example.org", "Investigating Officer"),
}
OUT_OF_HOURS = "2024-12-21 10:00:00"  # a Saturday


def email(person: str) -> str:
	return PEOPLE[person][0]


class RoutingTestCase(NotificationTestCase):
	USERS = {address: [role] for address, role in PEOPLE.values()}

	def assert_routed(self, case, expected: dict[str, set[str]]):
		"""The case's emails are exactly those with the `expected` subject prefixes, each reaching its
		people and none of the other routing people."""
		emails = emails_about("Feedback", case.name)
		self.assertEqual(
			sorted(subject.split(":")[0] for subject, _ in emails),
			sorted(expected),
			f"emails about {case.name}",
		)
		everyone = {address for address, _role in PEOPLE.values()}
		for subject, recipients in emails:
			wanted = {email(person) for person in expected[subject.split(":")[0]]}
			with self.subTest(subject):
				self.assertEqual(recipients & everyone, wanted)
		return emails


class TestRoutingNewCases(RoutingTestCase):
	def test_a_case_without_flags_sends_nothing(self):
		case = make_feedback()
		self.assertEqual(emails_about("Feedback", case.name), [])
		self.assertFalse(frappe.db.exists("Notification Log", {"document_name": case.name}))

	def test_safeguarding_informs_the_lead_and_prevention_manager_at_once(self):
		case = make_feedback(safeguarding=1)
		self.assertFalse(case.received_out_of_hours)
		emails = self.assert_routed(
			case, {"Safeguarding concern": {"safeguarding lead", "prevention manager"}}
		)
		self.assertEqual(bell_for(email("safeguarding lead"), "Feedback", case.name), [emails[0][0]])

	def test_safeguarding_out_of_hours_also_informs_the_duty_officer(self):
		case = make_feedback(safeguarding=1, received_on=OUT_OF_HOURS)
		self.assertTrue(case.received_out_of_hours)
		self.assert_routed(
			case,
			{
				"Safeguarding concern": {"safeguarding lead", "prevention manager"},
				"Out of hours safeguarding concern": {"duty officer"},
			},
		)

	def test_out_of_hours_alone_is_not_routed(self):
		case = make_feedback(received_on=OUT_OF_HOURS)
		self.assertEqual(emails_about("Feedback", case.name), [])

	def test_hate_crime_goes_to_customer_relations(self):
		self.assert_routed(
			make_feedback(hate_crime=1), {"Hate crime or incident reported": {"customer relations"}}
		)

	def test_elected_member_or_legal_or_political_goes_to_the_feedback_manager(self):
		self.assert_routed(
			make_feedback(elected_member=1, elected_member_name="Cllr Jane Smith"),
			{"From an elected member": {"feedback manager"}},
		)
		self.assert_routed(
			make_feedback(legal_or_political=1),
			{"Legal or political implications": {"feedback manager"}},
		)

	def test_staff_conduct_goes_to_the_service_manager_and_reminds_the_recorder(self):
		area = frappe.get_doc(
			{
				"doctype": "Service Area",
				"service_area_name": "_Test CF Waste",
				"manager": email("service manager"),
			}
		).insert()
		case = make_feedback(staff_conduct=1, service_area=area.name, recorded_by=email("coordinator"))
		self.assertEqual(case.service_area_manager, email("service manager"))
		self.assert_routed(case, {"Complaint about staff conduct": {"service manager", "coordinator"}})
		message = message_about("Feedback", case.name, f"Complaint about staff conduct: {case.name}")
		self.assertIn("Do not record employees' names", message)

	def test_staff_conduct_without_a_service_manager_goes_to_heads_of_service(self):
		case = make_feedback(staff_conduct=1, recorded_by=email("coordinator"))
		self.assert_routed(case, {"Complaint about staff conduct": {"head of service", "coordinator"}})

	def test_compensation_claim_goes_to_the_insurance_contact_and_stays_at_stage_one(self):
		case = make_feedback(compensation_claim=1)
		self.assert_routed(case, {"Compensation claim": {"insurance"}})
		message = message_about("Feedback", case.name, f"Compensation claim: {case.name}")
		self.assertIn("stays a stage 1 complaint", message)
		self.assertIn("told in writing", message)

	def test_data_protection_goes_to_information_governance(self):
		self.assert_routed(
			make_feedback(data_protection=1),
			{"Data protection or freedom of information": {"information governance"}},
		)

	def test_several_flags_reach_each_group_separately(self):
		self.assert_routed(
			make_feedback(hate_crime=1, compensation_claim=1),
			{
				"Hate crime or incident reported": {"customer relations"},
				"Compensation claim": {"insurance"},
			},
		)


class TestRoutingFlagsTickedLater(RoutingTestCase):
	def test_each_flag_ticked_on_an_open_case_routes_once(self):
		flags = {
			"safeguarding": ("Safeguarding concern", {"safeguarding lead", "prevention manager"}),
			"hate_crime": ("Hate crime or incident reported", {"customer relations"}),
			"legal_or_political": ("Legal or political implications", {"feedback manager"}),
			"staff_conduct": ("Complaint about staff conduct", {"head of service"}),
			"compensation_claim": ("Compensation claim", {"insurance"}),
			"data_protection": ("Data protection or freedom of information", {"information governance"}),
		}
		for flag, (subject, people) in flags.items():
			with self.subTest(flag):
				case = make_feedback()
				self.assertEqual(emails_about("Feedback", case.name), [])
				case.set(flag, 1)
				case.save()
				self.assert_routed(case, {subject: people})
				case.save()  # still ticked, not ticked again: nothing more
				self.assertEqual(len(emails_about("Feedback", case.name)), 1)

	def test_safeguarding_ticked_later_does_not_call_the_duty_officer(self):
		case = make_feedback(received_on=OUT_OF_HOURS)
		case.safeguarding = 1
		case.save()
		self.assert_routed(case, {"Safeguarding concern": {"safeguarding lead", "prevention manager"}})

	def test_unticking_a_flag_sends_nothing(self):
		case = make_feedback(hate_crime=1)
		case.hate_crime = 0
		case.save()
		self.assertEqual(len(emails_about("Feedback", case.name)), 1)


class TestAdministratorsChangeRouting(RoutingTestCase):
	def test_changed_recipients_take_effect(self):
		rule = frappe.get_doc("Notification", "Hate Crime")
		rule.recipients = []
		rule.append("recipients", {"receiver_by_role": "Feedback Manager"})
		rule.save()
		self.assert_routed(
			make_feedback(hate_crime=1), {"Hate crime or incident reported": {"feedback manager"}}
		)

	def test_a_disabled_rule_sends_nothing(self):
		rule = frappe.get_doc("Notification", "Data Protection or Freedom of Information")
		rule.enabled = 0
		rule.save()
		self.assertEqual(emails_about("Feedback", make_feedback(data_protection=1).name), [])
