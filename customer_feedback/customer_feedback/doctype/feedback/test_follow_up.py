# Copyright (c) 2026, customer_feedback developers and contributors
"""After the response (issue 11): compliments passed on once to the staff praised, their manager and the
service area's coordinators; the bulletin without the customer's details; a suggestion's outcome and a
representation's decision before the response, told to the customer; coordinators told of new feedback; an
anonymous referral reaching the service manager; the delay notice for feedback other than a complaint.
Cases received Thu 19 Dec 2024 (make_feedback); "now" is Fri 20 Dec 2024 10:00 unless a test moves it."""

from unittest.mock import patch

import frappe
from frappe.model.workflow import apply_workflow

from customer_feedback import api
from customer_feedback.customer_feedback.report.compliments_bulletin import compliments_bulletin
from customer_feedback.exceptions import FollowUpError, LetterError
from customer_feedback.patches.v0_8 import compliment_categories, follow_up_letters
from customer_feedback.setup import demo, demo_cases, demo_follow_up
from customer_feedback.setup.letters import DEFAULT_LETTERS
from customer_feedback.setup.master_data import COMPLIMENT_CATEGORIES
from customer_feedback.setup.policy_presets import DEVON, NORTHAMPTONSHIRE
from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import make_feedback, make_policy
from customer_feedback.tests.test_notifications import NotificationTestCase, emails_about, queued_emails

NOW = "2024-12-20 10:00:00"
AREA = "_Test CF Follow-up Parks"
COORDINATOR = "cf.followup.coordinator@example.org"  # records the cases
AREA_COORDINATOR = "cf.followup.area.coordinator@example.org"
MANAGER = "cf.followup.service.manager@example.org"
HEAD = "cf.followup.head@example.org"
PRAISED = "cf.followup.praised@example.org"  # a member of staff with no role in the app
OWNER = "cf.followup.councillor@example.org"
OUTSIDER = "cf.followup.outsider@example.org"
CUSTOMER_EMAIL = "ada.lovelace@example.org"
BRIEF = "The ranger found a lost dog and walked it home."
PRIVATE = "Ring me on 07700 900123 at 4 High Street, NN1 1AA."
COUNCIL = "Council Customer Feedback Procedure"


def to(user: str, emails) -> list[str]:
	"""Subjects of the queued emails that went to `user`."""
	return [email.subject for email in emails if user in email.recipients]


class FollowUpTestCase(NotificationTestCase):
	USERS = {
		COORDINATOR: ["Feedback User", "Feedback Coordinator"],
		AREA_COORDINATOR: ["Feedback User", "Feedback Coordinator"],
		MANAGER: ["Feedback User", "Investigating Officer"],
		HEAD: ["Feedback User", "Head of Service"],
		PRAISED: [],
		OWNER: [],
		OUTSIDER: ["Feedback User"],
	}

	def setUp(self):
		super().setUp()
		self.at(NOW)
		frappe.db.set_value("User", PRAISED, {"first_name": "Grace", "last_name": "Ranger"})
		frappe.db.set_value("User", PRAISED, "full_name", "Grace Ranger")
		frappe.get_doc(
			{
				"doctype": "Service Area",
				"service_area_name": AREA,
				"manager": MANAGER,
				"coordinators": [{"user": AREA_COORDINATOR}],
			}
		).insert(ignore_permissions=True)
		# Assignments and desk-bell emails commit mid-test when sent at once.
		bell_email = patch("frappe.desk.doctype.notification_log.notification_log.send_notification_email")
		bell_email.start()
		self.addCleanup(bell_email.stop)

	def as_user(self, user, function, *args, **kwargs):
		frappe.set_user(user)
		try:
			return function(*args, **kwargs)
		finally:
			frappe.set_user("Administrator")

	def compliment(self, **values):
		"""A case recorded by the coordinator: a compliment unless `values` say otherwise."""
		values = {
			"feedback_type": "Compliment",
			"description": f"Grace was wonderful. {PRIVATE}",
			**values,
		}
		return self.as_user(COORDINATOR, make_feedback, **values)

	def send_letter(self, case, letter):
		preview = self.as_user(COORDINATOR, api.preview_letter, case.name, letter)
		return self.as_user(
			COORDINATOR, api.send_letter, case.name, letter, "Email", preview["subject"], preview["content"]
		)


class TestComplimentsPassedOn(FollowUpTestCase):
	def test_the_praised_their_manager_and_coordinators_are_told_once_without_the_customers_details(self):
		case = self.compliment(
			service_area=AREA,
			compliment_category="Named employee",
			praised=[{"praised_user": PRAISED}],
			bulletin_summary=BRIEF,
		)
		self.assertEqual((case.passed_on_by, str(case.passed_on_on)[:19]), (COORDINATOR, NOW))
		self.assertEqual(case.praised[0].praised_name, "Grace Ranger")  # from their account
		subject = f"A compliment for {AREA}: {case.name}"
		emails = queued_emails("Feedback", case.name)
		for user in (PRAISED, MANAGER, AREA_COORDINATOR):
			self.assertEqual(to(user, emails), [subject], user)
		html = next(email.html for email in emails if email.subject == subject)
		self.assertIn("Grace Ranger", html)
		self.assertIn(BRIEF, html)
		for private in ("Ada Lovelace", CUSTOMER_EMAIL, "07700 900123", "NN1 1AA", "Grace was wonderful"):
			self.assertNotIn(private, html)

		self.at("2024-12-23 09:00:00")
		case.reload()
		case.bulletin_summary = BRIEF + " Twice."
		case.append("praised", {"praised_name": "Sam Keeper", "team": "Rangers"})
		case.save()
		self.assertEqual(str(case.passed_on_on)[:19], NOW)  # recorded once
		self.assertEqual(to(PRAISED, queued_emails("Feedback", case.name)), [subject])

	def test_a_compliment_is_passed_on_when_someone_praised_is_named_later(self):
		case = self.compliment()
		self.assertFalse(case.passed_on_on)
		self.assertEqual(emails_about("Feedback", case.name), [])
		case.append("praised", {"praised_user": PRAISED})
		self.as_user(COORDINATOR, case.save)
		self.assertEqual(case.passed_on_by, COORDINATOR)
		self.assertEqual(to(PRAISED, queued_emails("Feedback", case.name)), [f"A compliment: {case.name}"])

	def test_a_praised_row_naming_no_one_or_a_bulletin_tick_without_the_brief_is_refused(self):
		case = self.compliment(praised=[{"praised_name": "Sam Keeper"}])
		case.append("praised", {"team": "  "})
		with self.assertRaises(FollowUpError) as refused:
			case.save()
		self.assertIn("Who Was Praised, row 2, is empty", str(refused.exception))
		case.reload()
		case.for_bulletin = 1
		with self.assertRaises(FollowUpError) as refused:
			case.save()
		self.assertIn("The Compliment in Brief is empty", str(refused.exception))
		case.reload()
		self.assertEqual([row.praised_name for row in case.praised], ["Sam Keeper"])  # nothing lost
		self.assertFalse(case.for_bulletin)

	def test_categories_and_the_presets_closing_rules_come_with_the_patch(self):
		frappe.db.delete("Compliment Category", {"name": "Named employee"})
		frappe.db.set_value("Feedback Policy", DEVON, "senior_thank_you", 0)
		frappe.db.set_value("Feedback Policy", NORTHAMPTONSHIRE, "evaluate_comments", 0)
		compliment_categories.execute()
		for name, source in COMPLIMENT_CATEGORIES:
			self.assertEqual(frappe.db.get_value("Compliment Category", name, "source"), source)
		self.assertEqual(frappe.db.get_value("Feedback Policy", DEVON, "senior_thank_you"), 1)
		self.assertEqual(frappe.db.get_value("Feedback Policy", NORTHAMPTONSHIRE, "evaluate_comments"), 1)


class TestComplimentsBulletin(FollowUpTestCase):
	def run_bulletin(self, user=COORDINATOR, **filters):
		return self.as_user(
			user, compliments_bulletin.execute, {"period": "Week", "date": "2024-12-19", **filters}
		)

	def test_the_bulletin_shows_the_brief_and_the_customer_only_where_they_agreed(self):
		named = self.compliment(
			service_area=AREA,
			praised=[{"praised_user": PRAISED}],
			for_bulletin=1,
			named_in_bulletin=1,
			bulletin_summary=BRIEF,
			customer_name="Ada Lovelace",
		)
		unnamed = self.compliment(
			praised=[{"praised_name": "Sam Keeper", "team": "Rangers"}],
			for_bulletin=1,
			bulletin_summary="Sam fixed the gate the same day.",
			customer_name="Charles Babbage",
			email="charles.babbage@example.org",
			phone="07700 900456",
			postcode="NN2 2BB",
		)
		self.compliment(customer_name="Not For Print", bulletin_summary="Not ticked.")
		self.compliment(received_on="2024-12-09 10:00:00", for_bulletin=1, bulletin_summary="Last week's.")

		columns, data, _message, _chart, summary = self.run_bulletin()
		self.assertEqual([row["name"] for row in data], [named.name, unnamed.name])
		self.assertEqual(
			[(row["praised"], row["what_was_said"], row["customer"]) for row in data],
			[
				("Grace Ranger", BRIEF, "Ada Lovelace"),
				("Sam Keeper (Rangers)", "Sam fixed the gate the same day.", ""),
			],
		)
		printed = frappe.as_json([columns, data, summary])
		for private in (
			"Charles Babbage",
			"charles.babbage@example.org",
			"07700 900456",
			"NN2 2BB",
			CUSTOMER_EMAIL,
			"07700 900123",
			"Grace was wonderful",
			"Not For Print",
		):
			self.assertNotIn(private, printed)
		self.assertEqual(summary[0]["value"], 2)

	def test_the_bulletin_reads_only_the_cases_the_user_may_read_and_refuses_bad_dates(self):
		self.compliment(for_bulletin=1, bulletin_summary=BRIEF, praised=[{"praised_user": PRAISED}])
		self.assertEqual(self.run_bulletin(user=OUTSIDER)[1], [])  # a Feedback User reads what they recorded
		with self.assertRaises(frappe.ValidationError) as refused:
			self.run_bulletin(period="Custom", date=None, from_date="2024-12-20", to_date="2024-12-01")
		self.assertIn("From Date is after To Date", str(refused.exception))


class TestSuggestionsAndRepresentations(FollowUpTestCase):
	def test_a_suggestions_outcome_is_needed_before_the_response_and_the_letter_tells_the_customer(self):
		case = self.compliment(feedback_type="Suggestion", description="Put a bench by the pond.")
		with self.assertRaises(FollowUpError) as refused:
			self.as_user(COORDINATOR, apply_workflow, frappe.get_doc("Feedback", case.name), "Send Response")
		self.assertIn("Suggestion Outcome is empty", str(refused.exception))
		with self.assertRaises(LetterError) as refused:
			self.send_letter(case, "Suggestion Outcome")
		self.assertIn(
			"Suggestion Outcome letter tells the customer Suggestion Outcome", str(refused.exception)
		)
		self.assertEqual(frappe.db.get_value("Feedback", case.name, "status"), "Open")

		case.reload()
		case.suggestion_outcome = "We will implement it"
		case.suggestion_outcome_reason = "A bench goes in by the pond next spring."
		self.as_user(COORDINATOR, case.save)
		self.send_letter(case, "Suggestion Outcome")
		letter = next(
			email for email in queued_emails("Feedback", case.name) if CUSTOMER_EMAIL in email.recipients
		)
		self.assertIn("we will put your suggestion into practice", letter.html)
		self.assertIn("A bench goes in by the pond next spring.", letter.html)
		self.assertEqual(str(frappe.db.get_value("Feedback", case.name, "responded_on")), "2024-12-20")
		self.as_user(COORDINATOR, apply_workflow, frappe.get_doc("Feedback", case.name), "Send Response")
		self.assertEqual(frappe.db.get_value("Feedback", case.name, "status"), "Responded")

	def test_a_representations_policy_owner_is_told_and_its_decision_is_needed_before_the_response(self):
		case = self.compliment(feedback_type="Representation", policy_concerned="Parking charges")
		self.assertEqual(emails_about("Feedback", case.name), [])
		case.policy_owner = OWNER
		self.as_user(COORDINATOR, case.save)
		subject = f"A representation about Parking charges for you: {case.name}"
		self.assertEqual(to(OWNER, queued_emails("Feedback", case.name)), [subject])
		self.as_user(COORDINATOR, case.save)
		self.assertEqual(to(OWNER, queued_emails("Feedback", case.name)), [subject])  # once
		html = next(email.html for email in queued_emails("Feedback", case.name) if email.subject == subject)
		self.assertNotIn("Ada Lovelace", html)

		with self.assertRaises(FollowUpError) as refused:
			self.as_user(COORDINATOR, apply_workflow, frappe.get_doc("Feedback", case.name), "Send Response")
		self.assertIn("Policy Owner's Decision is empty", str(refused.exception))
		case.reload()
		case.representation_outcome = "The charges stay; the first hour becomes free."
		self.as_user(COORDINATOR, case.save)
		self.as_user(COORDINATOR, apply_workflow, frappe.get_doc("Feedback", case.name), "Send Response")
		self.assertEqual(frappe.db.get_value("Feedback", case.name, "status"), "Responded")

		recorded_with_owner = self.compliment(feedback_type="Representation", policy_owner=OWNER)
		self.assertEqual(
			to(OWNER, queued_emails("Feedback", recorded_with_owner.name)),
			[f"A representation about a policy for you: {recorded_with_owner.name}"],
		)

	def test_a_comments_evaluation_is_dated_when_first_recorded(self):
		case = self.compliment(feedback_type="Comment")
		self.assertFalse(case.evaluated_on)
		case.comment_evaluation = "Passed to the parks team for the next review."
		case.save()
		self.assertEqual(str(case.evaluated_on), "2024-12-20")


class TestServiceAreaTold(FollowUpTestCase):
	def test_coordinators_hear_of_new_feedback_and_of_feedback_given_their_area_later(self):
		case = self.compliment(feedback_type="Complaint", service_area=AREA)
		subject = f"New complaint for {AREA}: {case.name}"
		self.assertEqual(to(AREA_COORDINATOR, queued_emails("Feedback", case.name)), [subject])

		later = self.compliment(feedback_type="Comment")
		self.assertEqual(to(AREA_COORDINATOR, queued_emails("Feedback", later.name)), [])
		later.service_area = AREA
		self.as_user(COORDINATOR, later.save)
		self.assertEqual(
			to(AREA_COORDINATOR, queued_emails("Feedback", later.name)),
			[f"New comment for {AREA}: {later.name}"],
		)

	def test_a_complaint_about_a_coordinator_is_not_sent_to_them(self):
		case = self.compliment(
			feedback_type="Complaint",
			service_area=AREA,
			staff_conduct=1,
			staff_member_concerned=AREA_COORDINATOR,
		)
		self.assertEqual(to(AREA_COORDINATOR, queued_emails("Feedback", case.name)), [])

	def test_an_anonymous_complaint_referred_to_the_service_manager_reaches_them(self):
		policy = make_policy("_Test CF Refer Anonymous", anonymous_complaints="Refer to service manager")
		subject = "Anonymous complaint referred to you: {}"
		anonymous = {"is_anonymous": 1, "customer_name": None, "email": None, "policy": policy.name}
		case = self.compliment(feedback_type="Complaint", service_area=AREA, **anonymous)
		self.assertEqual(case.anonymous_handling, "Refer to service manager")
		emails = queued_emails("Feedback", case.name)
		self.assertEqual(to(MANAGER, emails), [subject.format(case.name)])
		self.assertEqual(to(HEAD, emails), [])

		without_area = self.compliment(feedback_type="Complaint", **anonymous)
		self.assertEqual(
			to(HEAD, queued_emails("Feedback", without_area.name)), [subject.format(without_area.name)]
		)
		without_area.service_area = AREA
		self.as_user(COORDINATOR, without_area.save)
		self.assertEqual(
			to(MANAGER, queued_emails("Feedback", without_area.name)), [subject.format(without_area.name)]
		)


class TestDelayNotice(FollowUpTestCase):
	def test_the_delay_notice_needs_why_and_when_and_records_the_day_the_customer_was_told(self):
		comment = self.compliment(feedback_type="Comment", policy=COUNCIL)
		self.at("2025-02-03 10:00:00")  # weeks past the five working days
		comment.save()
		with self.assertRaises(LetterError) as refused:
			self.send_letter(comment, "Delay Notice")
		self.assertIn("Why It Is Late and Customer Will Hear By, which are empty", str(refused.exception))
		self.assertFalse(frappe.db.exists("Feedback Correspondence", {"feedback": comment.name}))

		comment.reload()
		comment.delay_reason = "we are waiting for the contractor's report."
		comment.expected_response_on = "2025-01-31"
		with self.assertRaises(FollowUpError) as refused:
			comment.save()
		self.assertIn("Customer Will Hear By is 2025-01-31, in the past", str(refused.exception))
		comment.expected_response_on = "2025-02-14"
		comment.save()
		self.send_letter(comment, "Delay Notice")
		letter = next(
			email for email in queued_emails("Feedback", comment.name) if CUSTOMER_EMAIL in email.recipients
		)
		self.assertIn("because we are waiting for the contractor", letter.html)
		self.assertIn("You will hear from us by Friday 14 February 2025", letter.html)
		self.assertEqual(
			str(frappe.db.get_value("Feedback", comment.name, "customer_told_of_delay_on")), "2025-02-03"
		)

	def test_the_patch_updates_the_shipped_wording_and_keeps_an_edited_one(self):
		shipped = frappe.get_all(
			"Feedback Letter",
			{
				"letter": "Delay Notice",
				"language": "English",
				"policy": ("is", "not set"),
				"feedback_type": ("is", "not set"),
			},
			pluck="name",
		)[0]
		frappe.db.set_value(
			"Feedback Letter", shipped, "body", follow_up_letters.SHIPPED_BEFORE["Delay Notice"]
		)
		edited = frappe.get_doc(
			{
				"doctype": "Feedback Letter",
				"letter": "Suggestion Outcome",
				"language": "English",
				"feedback_type": "Suggestion",
				"subject": "Your suggestion",
				"body": "<p>Our own words.</p>",
			}
		).insert()
		follow_up_letters.execute()
		new_body = next(d["body"] for d in DEFAULT_LETTERS if d["letter"] == "Delay Notice")
		self.assertEqual(frappe.db.get_value("Feedback Letter", shipped, "body"), new_body)
		self.assertEqual(frappe.db.get_value("Feedback Letter", edited.name, "body"), "<p>Our own words.</p>")


class TestDemoFollowUp(FeedbackTestCase):
	def test_demo_compliments_are_passed_on_and_suggestions_answered_once(self):
		for login, name, roles in demo.DEMO_STAFF:
			demo.make_staff_user(demo.staff_email(login), name, roles)
		for feedback_type, policy in (
			("Compliment", DEVON),
			("Compliment", COUNCIL),
			("Suggestion", DEVON),
			("Suggestion", COUNCIL),
			("Comment", NORTHAMPTONSHIRE),
			("Representation", COUNCIL),
		):
			case = make_feedback(feedback_type=feedback_type, policy=policy)
			frappe.db.set_value("Feedback", case.name, "_user_tags", f",{demo_cases.DEMO_TAG}")
			if feedback_type == "Comment":
				case.move_by_rule("Acknowledged")
		with patch.object(frappe.db, "commit"):  # keep the test's rollback able to undo it all
			first = demo_follow_up.make_demo_follow_up()
			again = demo_follow_up.make_demo_follow_up()
		self.assertIn(
			"2 compliments passed on, 2 suggestions answered, 1 comments evaluated, 1 repr", first[0]
		)
		self.assertIn("0 compliments passed on, 0 suggestions answered, 0 comments", again[0])
		compliments = frappe.get_all(
			"Feedback",
			{"feedback_type": "Compliment"},
			["passed_on_by", "passed_on_on", "for_bulletin", "bulletin_summary", "policy", "thanked_on"],
		)
		self.assertTrue(all(c.passed_on_on and c.bulletin_summary for c in compliments))
		self.assertEqual({c.passed_on_by for c in compliments}, {demo.staff_email("tom.baker")})
		self.assertTrue(any(c.for_bulletin for c in compliments))
		suggestions = frappe.get_all("Feedback", {"feedback_type": "Suggestion"}, pluck="suggestion_outcome")
		self.assertTrue(all(suggestions))
