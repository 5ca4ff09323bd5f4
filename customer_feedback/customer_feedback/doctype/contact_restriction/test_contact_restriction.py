# Copyright (c) 2026, customer_feedback developers and contributors
"""Contact restrictions (Solihull Appendix A): recorded with a Head of Service's decision, shown to staff on
every case from the contact while active and gone after their end, never stopping a new complaint, reviewed
on their date, and told to the customer in a letter. A restriction decided Thu 2 Jan 2025 under the Code,
from that day to Mon 31 Mar 2025."""

import json
from unittest.mock import patch

import frappe
from frappe.email.doctype.notification.notification import trigger_daily_alerts
from frappe.utils import getdate

from customer_feedback.customer_feedback.doctype.contact_restriction import restrictions
from customer_feedback.exceptions import ContactRestrictionError, LetterError
from customer_feedback.letters import letters_for, render_letter
from customer_feedback.portal import intake
from customer_feedback.portal.test_intake import form_data
from customer_feedback.restriction_rules import NOT_RESTRICTED
from customer_feedback.setup import demo_restrictions
from customer_feedback.setup.restrictions import RESTRICTION_TYPES, create_restriction_types
from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import make_feedback, make_policy
from customer_feedback.tests.test_notifications import NotificationTestCase, queued_emails

HEAD = "cf.restrict.head@example.org"
MANAGER = "cf.restrict.manager@example.org"
COORDINATOR = "cf.restrict.coordinator@example.org"
OFFICER = "cf.restrict.officer@example.org"
RELATIONS = "cf.restrict.relations@example.org"
RECORDER = "cf.restrict.recorder@example.org"
SAFEGUARDING = "cf.restrict.safeguarding@example.org"
USERS = {
	HEAD: ["Feedback User", "Head of Service"],
	MANAGER: ["Feedback Manager"],
	COORDINATOR: ["Feedback User", "Feedback Coordinator"],
	OFFICER: ["Feedback User", "Investigating Officer"],
	RELATIONS: ["Customer Relations Officer"],
	RECORDER: ["Feedback User"],
	SAFEGUARDING: ["Safeguarding Lead"],
}
ONE_POINT, WRITTEN = "A single point of contact", "Written contact only"


def restriction_dict(case, **overrides) -> dict:
	return {
		"doctype": "Contact Restriction",
		"contact": case.contact,
		"feedback": case.name,
		"behaviour": "Eleven telephone calls a day to different officers about the same concluded complaint.",
		"decision": "Restrict contact",
		"decided_by": HEAD,
		"decided_on": "2025-01-02",
		"starts_on": "2025-01-02",
		"ends_on": "2025-03-31",
		"restrictions": [{"restriction_type": ONE_POINT}, {"restriction_type": WRITTEN}],
		"details": "Write to Sam Officer at the Customer Feedback Team.",
		**overrides,
	}


def make_restriction(case, **overrides):
	return frappe.get_doc(restriction_dict(case, **overrides)).insert()


def as_user(user, function, *args, **kwargs):
	frappe.set_user(user)
	try:
		return function(*args, **kwargs)
	finally:
		frappe.set_user("Administrator")


def banner_of(case_name: str, user: str = COORDINATOR) -> list[dict]:
	"""What the Feedback form's onload carries for its restriction banner, loaded as `user` loads it."""

	def load():
		doc = frappe.get_doc("Feedback", case_name)
		doc.run_method("onload")
		return doc.get_onload().get("contact_restrictions")

	return as_user(user, load)


class TestContactRestriction(FeedbackTestCase):
	USERS = USERS

	def test_shown_on_a_new_case_from_the_contact_and_gone_after_its_end(self):
		restriction = make_restriction(make_feedback())
		new_case = make_feedback(description="Another call about the bins.")
		self.assertEqual(new_case.contact, restriction.contact)
		(shown,) = banner_of(new_case.name)
		self.assertEqual(shown.name, restriction.name)
		self.assertEqual(shown.restrictions, [ONE_POINT, WRITTEN])
		self.assertIn(f"{ONE_POINT}, {WRITTEN}", shown.summary)
		self.assertIn(frappe.format(getdate("2025-03-31"), "Date"), shown.summary)
		self.at("2025-03-31 17:00:00")
		self.assertEqual(len(banner_of(new_case.name)), 1, "still shown on its last day")
		self.at("2025-04-01 09:00:00")
		self.assertEqual(banner_of(new_case.name), [], "an expired restriction stops showing")
		self.assertEqual(frappe.get_doc("Contact Restriction", restriction.name).is_active, 0)

	def test_not_shown_before_it_starts_nor_to_roles_that_do_not_read_restrictions(self):
		case = make_feedback()
		make_restriction(case, starts_on="2025-01-06", ends_on=None)
		self.assertEqual(banner_of(case.name), [])
		self.at("2025-01-06 09:00:00")
		self.assertEqual(len(banner_of(case.name)), 1)
		self.assertEqual(banner_of(case.name, RECORDER), [], "a Feedback User reads cases, not restrictions")

	def test_the_list_method_returns_only_the_contacts_restricted_now(self):
		active = make_feedback()
		expired = make_feedback(customer_name="Bob Expired", email="bob.expired@example.org")
		not_restricted = make_feedback(customer_name="Cy Kept", email="cy.kept@example.org")
		plain = make_feedback(customer_name="Di Plain", email="di.plain@example.org")
		make_restriction(active)
		make_restriction(expired, decided_on="2024-10-01", starts_on="2024-10-01", ends_on="2024-12-31")
		make_restriction(not_restricted, decision=NOT_RESTRICTED, restrictions=[])
		contacts = [case.contact for case in (active, expired, not_restricted, plain)]
		for user in (COORDINATOR, OFFICER, RELATIONS, HEAD, MANAGER):
			with self.subTest(user=user):
				self.assertEqual(as_user(user, restrictions.restricted_contacts, contacts), [active.contact])
		# As the desk's list sends it: the list as JSON in a form field.
		self.assertEqual(
			as_user(COORDINATOR, restrictions.restricted_contacts, json.dumps(contacts)), [active.contact]
		)

	def test_the_list_method_refuses_users_who_do_not_read_restrictions(self):
		for user in (RECORDER, SAFEGUARDING, "Guest"):
			with self.subTest(user=user), self.assertRaises(frappe.PermissionError):
				as_user(user, restrictions.restricted_contacts, ["anyone"])

	def test_a_decision_not_to_restrict_is_recorded_and_never_shown(self):
		case = make_feedback()
		decision = make_restriction(
			case, decision=NOT_RESTRICTED, restrictions=[], starts_on=None, ends_on=None
		)
		self.assertEqual(
			frappe.db.get_value("Contact Restriction", decision.name, "decision"), NOT_RESTRICTED
		)
		self.assertEqual(decision.is_active, 0)
		self.assertEqual(banner_of(case.name), [])
		self.assertIsNone(decision.review_on, "nothing to review")

	def test_a_warning_comes_first_under_a_policy_that_asks_for_one(self):
		policy = make_policy("Warns First", warn_before_restricting=1, restriction_review_months=3).name
		case = make_feedback(policy=policy)
		with self.assertRaisesRegex(ContactRestrictionError, "^Customer Warned On is empty"):
			make_restriction(case)
		with self.assertRaisesRegex(ContactRestrictionError, "^Customer Warned On .* must be before"):
			make_restriction(case, warned_on="2025-01-02")
		restriction = make_restriction(case, warned_on="2024-12-20")
		self.assertEqual(restriction.policy, policy, "the case's policy")
		self.assertEqual(str(restriction.review_on), "2025-04-02", "the start plus the policy's 3 months")
		# The Code asks for no warning; its review period is the default 6 months.
		code = make_restriction(make_feedback(), ends_on=None)
		self.assertEqual(str(code.review_on), "2025-07-02")

	def test_bad_inputs_are_refused_naming_the_field_and_nothing_saved_is_lost(self):
		case = make_feedback()
		other = make_feedback(customer_name="Eve Other", email="eve.other@example.org")
		bad = {
			"^Decided By: ": {"decided_by": COORDINATOR},
			"^Decided On is ": {"decided_on": "2025-01-03", "starts_on": "2025-01-03"},
			"^Restrictions is empty": {"restrictions": []},
			"^Ends On .* is before Starts On": {"ends_on": "2025-01-01"},
			"^Review On .* is before Starts On": {"review_on": "2025-01-01"},
			"^Starts On .* is before Decided On": {"starts_on": "2024-12-31"},
			"^Customer Told On .* is before Decided On": {"customer_told_on": "2024-12-31"},
			"^Restrictions: a decision not to restrict has none": {"decision": NOT_RESTRICTED},
			f"^Feedback {other.name} is from Contact": {"feedback": other.name},
		}
		for message, overrides in bad.items():
			with self.subTest(message=message), self.assertRaisesRegex(ContactRestrictionError, message):
				make_restriction(case, **overrides)
		saved = make_restriction(case)
		edited = frappe.get_doc("Contact Restriction", saved.name)
		edited.ends_on = "2024-12-01"
		with self.assertRaisesRegex(ContactRestrictionError, "^Ends On"):
			edited.save()
		kept = frappe.get_doc("Contact Restriction", saved.name)
		self.assertEqual((str(kept.ends_on), kept.behaviour), ("2025-03-31", saved.behaviour))

	def test_a_restriction_never_stops_a_new_complaint_being_recorded(self):
		restriction = make_restriction(make_feedback())
		by_staff = as_user(COORDINATOR, make_feedback, description="A new complaint about the bins.")
		self.assertEqual(by_staff.contact, restriction.contact)
		self.assertEqual(len(banner_of(by_staff.name)), 1, "staff see it and decide")
		# Through the public form too.
		frappe.set_user("Guest")
		try:
			receipt = intake.accept(
				intake.WEB_FORM,
				json.dumps(form_data(customer_name="Ada Lovelace", email="ada.lovelace@example.org")),
			)
		finally:
			frappe.flags.in_web_form = False
			frappe.set_user("Administrator")
		from_the_web = frappe.get_doc("Feedback", receipt["name"])
		self.assertEqual(from_the_web.contact, restriction.contact)
		self.assertEqual(len(banner_of(from_the_web.name)), 1)

	def test_each_roles_rights(self):
		restriction = make_restriction(make_feedback())
		expected = {
			HEAD: "rwcep",
			MANAGER: "rwcdep",
			COORDINATOR: "r",
			OFFICER: "r",
			RELATIONS: "r",
			RECORDER: "",
			SAFEGUARDING: "",
			"Guest": "",
		}
		rights = {"r": "read", "w": "write", "c": "create", "d": "delete", "e": "email", "p": "print"}
		for user, letters in expected.items():
			with self.subTest(user=user):
				held = "".join(
					letter
					for letter, ptype in rights.items()
					if frappe.has_permission("Contact Restriction", ptype, restriction.name, user=user)
				)
				self.assertEqual(held, letters)

	def test_the_defaults_are_ordinary_records_an_administrator_edits(self):
		kinds = frappe.get_all("Contact Restriction Type", pluck="name")
		self.assertLessEqual({name for name, _words in RESTRICTION_TYPES}, set(kinds))
		frappe.db.set_value("Contact Restriction Type", WRITTEN, "description", "Letters only, please.")
		self.assertEqual(create_restriction_types(), 0)
		self.assertEqual(
			frappe.db.get_value("Contact Restriction Type", WRITTEN, "description"), "Letters only, please."
		)
		for name, days in (("Contact Restriction Review Due", 5), ("Contact Restriction Review Today", 0)):
			with self.subTest(name):
				reminder = frappe.get_doc("Notification", name)
				self.assertEqual(
					(reminder.event, reminder.date_changed, reminder.days_in_advance, reminder.is_standard),
					("Days Before", "review_on", days, 0),
				)
		self.assertTrue(frappe.db.exists("Feedback Letter", {"letter": "Contact Restriction"}))

	def test_the_contact_form_shows_it_and_lists_it_in_its_connections(self):
		restriction = make_restriction(make_feedback())

		def load():
			contact = frappe.get_doc("Contact", restriction.contact)
			contact.run_method("onload")
			return contact.get_onload().get("contact_restrictions")

		self.assertEqual([row.name for row in as_user(HEAD, load)], [restriction.name])
		data = frappe.get_meta("Contact").get_dashboard_data()
		self.assertEqual(data.non_standard_fieldnames["Contact Restriction"], "contact")
		self.assertIn("Contact Restriction", [item for group in data.transactions for item in group["items"]])


class TestDemoRestrictions(FeedbackTestCase):
	USERS = {
		demo_restrictions.staff_email(demo_restrictions.DECIDER): ["Head of Service"],
		demo_restrictions.staff_email(demo_restrictions.OFFICER): ["Investigating Officer"],
	}

	def test_one_active_after_a_warning_one_not_restricted_one_ended_and_safe_to_run_again(self):
		frappe.db.delete("Contact Restriction")
		for index in range(3):
			make_feedback(customer_name=f"Demo Customer{index}", email=f"demo.customer{index}@example.org")
		self.assertEqual(demo_restrictions.make_demo_restrictions(), 3)
		self.assertEqual(demo_restrictions.make_demo_restrictions(), 0)
		made = frappe.get_all("Contact Restriction", fields=["name", "decision", "warned_on", "contact"])
		active = [row for row in made if frappe.get_doc("Contact Restriction", row.name).is_active]
		self.assertEqual(len(active), 1)
		self.assertTrue(active[0].warned_on)
		self.assertEqual(sorted(row.decision for row in made), [NOT_RESTRICTED, *["Restrict contact"] * 2])
		self.assertEqual(restrictions.restricted_contacts([row.contact for row in made]), [active[0].contact])


class TestReviewReminder(NotificationTestCase):
	USERS = USERS

	def daily_alerts(self, when: str) -> None:
		self.at(when)
		with patch.object(frappe.db, "commit"):  # the platform commits after each alert
			trigger_daily_alerts()

	def reminders(self, name: str) -> list[frappe._dict]:
		return [email for email in queued_emails("Contact Restriction", name) if "Review" in email.subject]

	def test_the_review_date_reminds_the_decider_and_managers_five_days_before_and_on_the_day(self):
		restriction = make_restriction(make_feedback(), ends_on=None, review_on="2025-03-03")
		self.daily_alerts("2025-02-25 07:00:00")
		self.assertEqual(self.reminders(restriction.name), [])
		self.daily_alerts("2025-02-26 07:00:00")
		(due,) = self.reminders(restriction.name)
		self.assertIn(f"Review contact restriction {restriction.name} by", due.subject)
		self.assertLessEqual({HEAD, MANAGER}, set(due.recipients))
		self.assertNotIn("Ada", due.html, "no customer's name in an email")
		self.daily_alerts("2025-02-27 07:00:00")
		self.assertEqual(len(self.reminders(restriction.name)), 1, "once")
		self.daily_alerts("2025-03-03 07:00:00")
		subjects = [email.subject for email in self.reminders(restriction.name)]
		self.assertEqual(len(subjects), 2)
		self.assertIn(f"Review contact restriction {restriction.name} today", subjects)

	def test_no_reminder_for_a_restriction_that_ends_before_its_review(self):
		restriction = make_restriction(make_feedback(), ends_on="2025-02-28", review_on="2025-03-03")
		self.daily_alerts("2025-03-03 07:00:00")
		self.assertEqual(self.reminders(restriction.name), [])


class TestRestrictionLetter(NotificationTestCase):
	USERS = USERS

	def setUp(self):
		super().setUp()
		bell_email = patch("frappe.desk.doctype.notification_log.notification_log.send_notification_email")
		bell_email.start()
		self.addCleanup(bell_email.stop)

	def test_the_letter_says_what_how_long_why_how_to_challenge_and_the_ombudsman(self):
		restriction = make_restriction(make_feedback(), warned_on="2024-12-20", review_on="2025-03-01")
		letter = render_letter(restriction, "Contact Restriction")
		for words in (
			ONE_POINT,
			WRITTEN,
			"Write to Sam Officer",
			"from Thursday 2 January 2025 until Monday 31 March 2025",
			"On Friday 20 December 2024 we told you",
			"Eleven telephone calls a day",
			"We will review this decision by Saturday 1 March 2025",
			"How to challenge this decision: If you think this decision is wrong",
			"the Local Government and Social Care Ombudsman",
			"does not stop you using any of our services",
		):
			with self.subTest(words=words):
				self.assertIn(words, letter.text)
		self.assertIn("Ada Lovelace", letter.text)
		self.assertIn(restriction.name, letter.subject)

	def test_its_print_format_prints_it_the_platforms_way(self):
		restriction = make_restriction(make_feedback())
		printed = as_user(
			HEAD, frappe.get_print, "Contact Restriction", restriction.name, "Contact Restriction Letter"
		)
		self.assertIn("How to challenge this decision", printed)
		self.assertIn(WRITTEN, printed)
		with self.assertRaises(frappe.PermissionError):
			as_user(
				RECORDER,
				frappe.get_print,
				"Contact Restriction",
				restriction.name,
				"Contact Restriction Letter",
			)

	def test_it_is_a_letter_of_a_restriction_only(self):
		case = make_feedback()
		restriction = make_restriction(case)
		with self.assertRaisesRegex(LetterError, "printed from a Contact Restriction"):
			render_letter(case, "Contact Restriction")
		with self.assertRaisesRegex(LetterError, "printed from a Feedback"):
			render_letter(restriction, "Acknowledgement")
		not_restricted = make_restriction(case, decision=NOT_RESTRICTED, restrictions=[])
		self.assertEqual(letters_for(not_restricted), [])

	def test_sending_emails_the_contact_and_records_when_and_how_they_were_told(self):
		restriction = make_restriction(make_feedback())
		preview = as_user(HEAD, restrictions.preview_restriction_letter, restriction.name)
		self.assertEqual(preview["email"], "ada.lovelace@example.org")
		sent = as_user(
			HEAD,
			restrictions.send_restriction_letter,
			restriction.name,
			"Email",
			preview["subject"],
			preview["content"],
		)
		record = frappe.get_doc("Feedback Correspondence", sent["correspondence"])
		self.assertEqual(
			(record.status, record.contact_restriction, record.feedback, record.recipient),
			("Sent", restriction.name, None, "ada.lovelace@example.org"),
		)
		email = frappe.get_doc("Communication", record.communication)
		self.assertEqual(
			(email.reference_doctype, email.reference_name), ("Contact Restriction", restriction.name)
		)
		self.assertIn(ONE_POINT, email.content)
		told = frappe.get_doc("Contact Restriction", restriction.name)
		self.assertEqual((str(told.customer_told_on), told.told_how), ("2025-01-02", "Letter by email"))

	def test_for_post_it_goes_to_the_address_known_and_is_refused_without_one(self):
		no_address = make_restriction(make_feedback())
		with self.assertRaisesRegex(
			LetterError, f"Contact Restriction {no_address.name} has no postal address"
		):
			as_user(
				HEAD, restrictions.send_restriction_letter, no_address.name, "Post", "Subject", "<p>Words</p>"
			)
		case = make_feedback(
			customer_name="Fay Post",
			email="fay.post@example.org",
			address="1 High Street\nTown",
			postcode="AB1 2CD",
		)
		restriction = make_restriction(case)
		preview = as_user(HEAD, restrictions.preview_restriction_letter, restriction.name)
		self.assertEqual(preview["address"], "Fay Post\n1 High Street\nTown\nAB1 2CD")
		as_user(
			HEAD,
			restrictions.send_restriction_letter,
			restriction.name,
			"Post",
			"Subject",
			preview["content"],
		)
		told = frappe.get_doc("Contact Restriction", restriction.name)
		self.assertEqual((str(told.customer_told_on), told.told_how), ("2025-01-02", "Letter by post"))

	def test_only_those_who_write_restrictions_send_the_letter(self):
		restriction = make_restriction(make_feedback())
		for user in (COORDINATOR, RECORDER):
			with self.subTest(user=user), self.assertRaises(frappe.PermissionError):
				as_user(user, restrictions.preview_restriction_letter, restriction.name)
