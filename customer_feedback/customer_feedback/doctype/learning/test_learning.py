# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt
"""Learning: the policy's rule that a case may not close without it (the Close action and the sweep), the
overdue action's one reminder, the refusals of bad input, who reads a lesson (who reads its case), the
owners' ToDos, the two reports, and the defaults. Dates: a complaint received Thu 19 Dec 2024, "today"
Thu 2 Jan 2025 (customer_feedback.tests.base)."""

from unittest.mock import patch

import frappe
from frappe.email.doctype.notification.notification import trigger_daily_alerts
from frappe.model.workflow import apply_workflow

from customer_feedback import sweep
from customer_feedback.customer_feedback.report.learning_by_service_area import learning_by_service_area
from customer_feedback.customer_feedback.report.overdue_learning_actions import overdue_learning_actions
from customer_feedback.exceptions import ClosingRefusedError, LearningError
from customer_feedback.patches.v0_8 import default_learning_categories
from customer_feedback.setup import notifications
from customer_feedback.setup.install import create_learning_categories
from customer_feedback.setup.master_data import LEARNING_CATEGORIES
from customer_feedback.setup.policy_presets import CODE, DEVON, SOLIHULL, preset
from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import d, make_feedback, make_policy
from customer_feedback.tests.test_notifications import NotificationTestCase, queued_emails
from customer_feedback.tests.test_sweep import SweepTestCase

OFFICER = "cf.learn.officer@example.org"
OTHER_OFFICER = "cf.learn.officer2@example.org"
HEAD = "cf.learn.head@example.org"
MANAGER = "cf.learn.manager@example.org"
RECORDER = "cf.learn.recorder@example.org"
INSURANCE = "cf.learn.insurance@example.org"
USERS = {
	OFFICER: ["Feedback User", "Investigating Officer"],
	OTHER_OFFICER: ["Feedback User", "Investigating Officer"],
	HEAD: ["Feedback User", "Head of Service"],
	MANAGER: ["Feedback User", "Feedback Manager"],
	RECORDER: ["Feedback User"],
	INSURANCE: ["Insurance Contact"],
}
POLICY = "_Test CF Learning"
CATEGORY = LEARNING_CATEGORIES[2][0]  # Improvements in communication
# Assigning a ToDo emails the assignee through a job that commits mid-test.
NO_ASSIGNMENT_EMAIL = "frappe.desk.doctype.notification_log.notification_log.send_notification_email"


def learning_dict(case: str, **values) -> dict:
	return {
		"doctype": "Learning",
		"feedback": case,
		"learning_category": CATEGORY,
		"lesson": "Our letter did not say when the customer would hear from us.",
		**values,
	}


def action(**values) -> dict:
	return {
		"action": "Rewrite the standard letter.",
		"action_owner": OFFICER,
		"due_on": "2025-01-10",
		**values,
	}


def as_user(user: str, fn, *args, **kwargs):
	frappe.set_user(user)
	try:
		return fn(*args, **kwargs)
	finally:
		frappe.set_user("Administrator")


def act(user: str, case: str, action_name: str):
	return as_user(user, lambda: apply_workflow(frappe.get_doc("Feedback", case), action_name))


class LearningTestCase(FeedbackTestCase):
	USERS = USERS

	def setUp(self):
		super().setUp()
		create_learning_categories()  # on a site installed before learning, until its patch has run
		patcher = patch(NO_ASSIGNMENT_EMAIL)
		patcher.start()
		self.addCleanup(patcher.stop)

	def learning(self, case: str, user: str = OFFICER, **values):
		return as_user(user, lambda: frappe.get_doc(learning_dict(case, **values)).insert())

	def responded(self, policy: str, **values) -> str:
		case = make_feedback(policy=policy, **values).name
		act(OFFICER, case, "Acknowledge")
		act(OFFICER, case, "Send Response")
		return case


class TestClosingNeedsLearning(LearningTestCase):
	def test_a_solihull_like_policy_refuses_close_until_learning_is_recorded(self):
		make_policy(POLICY, learning_before_closing="Complaints")
		case = self.responded(POLICY)
		with self.assertRaises(ClosingRefusedError) as refused:
			act(OFFICER, case, "Close")
		self.assertIn("add a Learning record", str(refused.exception))
		self.assertEqual(frappe.db.get_value("Feedback", case, "status"), "Responded")
		self.learning(case)
		act(OFFICER, case, "Close")
		self.assertEqual(frappe.db.get_value("Feedback", case, "status"), "Closed")

	def test_the_code_closes_a_complaint_without_learning(self):
		self.assertEqual(
			frappe.db.get_value("Feedback Policy", CODE, "learning_before_closing"), "Not required"
		)
		case = self.responded(CODE)
		act(OFFICER, case, "Close")
		self.assertEqual(frappe.db.get_value("Feedback", case, "status"), "Closed")

	def test_no_learning_with_a_reason_lets_it_close_and_a_blank_reason_does_not(self):
		make_policy(POLICY, learning_before_closing="Complaints")
		case = self.responded(POLICY)

		def give_reason(reason: str):
			doc = frappe.get_doc("Feedback", case)
			doc.no_learning_reason = reason
			doc.save()

		as_user(OFFICER, give_reason, "   ")
		self.assertRaises(ClosingRefusedError, act, OFFICER, case, "Close")
		as_user(OFFICER, give_reason, "The service was delivered as our policy says; nothing to change.")
		act(OFFICER, case, "Close")
		self.assertEqual(frappe.db.get_value("Feedback", case, "status"), "Closed")

	def test_all_feedback_asks_learning_of_a_compliment_too(self):
		make_policy(POLICY, learning_before_closing="All feedback")
		compliment = make_feedback(policy=POLICY, feedback_type="Compliment").name
		self.assertRaises(ClosingRefusedError, act, OFFICER, compliment, "Close")
		self.learning(compliment, lesson="The crew's patience is worth sharing with the other watches.")
		act(OFFICER, compliment, "Close")
		self.assertEqual(frappe.db.get_value("Feedback", compliment, "status"), "Closed")

	def test_complaints_only_leaves_a_compliment_free_to_close(self):
		make_policy(POLICY, learning_before_closing="Complaints")
		compliment = make_feedback(policy=POLICY, feedback_type="Compliment").name
		act(OFFICER, compliment, "Close")
		self.assertEqual(frappe.db.get_value("Feedback", compliment, "status"), "Closed")


class TestSweepHoldsForLearning(SweepTestCase, LearningTestCase):
	def test_held_with_one_comment_then_closed_once_learning_is_recorded(self):
		make_policy(POLICY, learning_before_closing="Complaints", close_after_no_reply_days=20)
		self.at("2025-01-06 10:00:00")
		case = self.responded(POLICY)
		self.assertEqual(frappe.db.get_value("Feedback", case, "closes_for_no_reply_on"), d("2025-02-03"))

		def comments():
			return frappe.get_all(
				"Comment",
				filters={"reference_doctype": "Feedback", "reference_name": case, "comment_type": "Comment"},
				pluck="content",
			)

		error_logs = frappe.db.count("Error Log")
		self.at("2025-02-04 00:20:00")
		self.assertEqual(sweep.run(commit=False)["held"], 1)
		self.at("2025-02-04 01:20:00")  # the next hourly run
		counts = sweep.run(commit=False)
		self.assertEqual((counts["held"], counts["closed"], counts["errors"]), (1, 0, 0))
		self.assertEqual(frappe.db.get_value("Feedback", case, "status"), "Responded")
		self.assertEqual(len(comments()), 1)
		self.assertIn("add a Learning record", comments()[0])
		self.assertEqual(frappe.db.count("Error Log"), error_logs, "a hold is not an error")

		self.learning(case)
		self.at("2025-02-04 02:20:00")
		counts = sweep.run(commit=False)
		self.assertEqual((counts["held"], counts["closed"]), (0, 1))
		self.assertEqual(frappe.db.get_value("Feedback", case, "status"), "Closed")


class TestOverdueReminder(NotificationTestCase, LearningTestCase):
	def setUp(self):
		super().setUp()
		notifications.create_notifications()  # on a site installed before learning, until its patch has run
		frappe.cache.hdel("notifications", "Learning Action")

	def run_daily_alerts(self, when: str):
		self.at(when)
		# The platform commits after each document it notifies about; the test's rollback must undo it all.
		with patch.object(frappe.db, "commit"):
			trigger_daily_alerts()

	def test_an_overdue_action_is_reminded_once_to_its_owner_and_the_feedback_manager(self):
		case = make_feedback().name
		lesson = self.learning(
			case,
			actions=[action(), action(action="Brief the team.", done_on="2025-01-02")],
		)
		self.run_daily_alerts("2025-01-10 07:00:00")  # the due day: not overdue yet
		self.assertEqual(queued_emails("Learning", lesson.name), [])
		self.run_daily_alerts("2025-01-11 07:00:00")
		self.run_daily_alerts("2025-01-12 07:00:00")
		emails = queued_emails("Learning", lesson.name)
		self.assertEqual(len(emails), 1, "one reminder, for the one action not done")
		self.assertEqual(emails[0].subject, f"Overdue learning action: {lesson.name}")
		self.assertLessEqual({OFFICER, MANAGER}, set(emails[0].recipients))
		self.assertIn("Rewrite the standard letter.", emails[0].html)

	def test_an_action_done_in_time_is_not_reminded(self):
		case = make_feedback().name
		lesson = self.learning(case, actions=[action(done_on="2025-01-02")])
		self.run_daily_alerts("2025-01-11 07:00:00")
		self.assertEqual(queued_emails("Learning", lesson.name), [])


class TestBadInput(LearningTestCase):
	def assertRefused(self, doc, *words):
		with self.assertRaises(LearningError) as refused:
			as_user(OFFICER, doc.save)
		for word in words:
			self.assertIn(word, str(refused.exception))

	def saved(self, **values):
		case = make_feedback().name
		return self.learning(case, actions=[action()], **values)

	def test_each_bad_date_is_refused_naming_the_field_and_what_was_saved_stays(self):
		for field, value, words in (
			("done_on", "2024-12-18", ("Actions row 1", "Done On", "before the case was received")),
			("due_on", "2024-12-01", ("Actions row 1", "Due On", "before the case was received")),
			("done_on", "2025-01-03", ("Actions row 1", "Done On", "in the future")),
		):
			with self.subTest(field=field, value=value):
				lesson = self.saved()
				doc = frappe.get_doc("Learning", lesson.name)
				doc.actions[0].set(field, value)
				doc.lesson = "Changed in the same save."
				self.assertRefused(doc, *words)
				stored = frappe.get_doc("Learning", lesson.name)
				self.assertEqual(
					(stored.actions[0].due_on, stored.actions[0].done_on), (d("2025-01-10"), None)
				)
				self.assertEqual(stored.lesson, lesson.lesson)

	def test_a_new_record_with_a_bad_date_is_refused(self):
		case = make_feedback().name
		self.assertRaises(LearningError, self.learning, case, actions=[action(done_on="2024-11-01")])
		self.assertFalse(frappe.db.exists("Learning", {"feedback": case}))

	def test_a_stage_of_another_case_is_refused(self):
		lesson = self.saved()
		other = make_feedback().name
		doc = frappe.get_doc("Learning", lesson.name)
		doc.complaint_stage = f"{other}-1"
		self.assertRefused(doc, "Complaint Stage", "another case")
		doc.complaint_stage = f"{lesson.feedback}-1"
		as_user(OFFICER, doc.save)

	def test_an_owner_who_cannot_read_the_case_is_refused(self):
		lesson = self.saved()
		doc = frappe.get_doc("Learning", lesson.name)
		doc.append("actions", action(action_owner=RECORDER))
		self.assertRefused(doc, "Actions row 2", "Owner", "cannot read case")

	def test_a_disabled_category_is_refused(self):
		lesson = self.saved()
		frappe.db.set_value("Learning Category", LEARNING_CATEGORIES[0][0], "disabled", 1)
		doc = frappe.get_doc("Learning", lesson.name)
		doc.learning_category = LEARNING_CATEGORIES[0][0]
		self.assertRefused(doc, "Learning Category", "disabled")

	def test_only_a_head_of_service_or_the_feedback_manager_reviews(self):
		lesson = self.saved()
		doc = frappe.get_doc("Learning", lesson.name)
		doc.review_outcome = "Accepted"
		self.assertRefused(doc, "Head of Service", "Review Outcome")
		self.assertFalse(frappe.db.get_value("Learning", lesson.name, "review_outcome"))
		doc = frappe.get_doc("Learning", lesson.name)
		doc.review_outcome = "Accepted"
		as_user(HEAD, doc.save)
		self.assertEqual(
			frappe.db.get_value("Learning", lesson.name, ["reviewed_by", "reviewed_on", "review_outcome"]),
			(HEAD, d("2025-01-02"), "Accepted"),
		)

	def test_bad_reviews_are_refused_naming_the_field(self):
		for values, words in (
			({"review_outcome": "Accepted", "reviewed_on": "2025-01-03"}, ("Reviewed On", "in the future")),
			({"review_outcome": "Accepted", "reviewed_on": "2024-12-01"}, ("Reviewed On", "before the case")),
			({"review_outcome": "More action needed"}, ("Review Notes",)),
			({"reviewed_on": "2025-01-02"}, ("Review Outcome",)),
			(
				{"review_outcome": "Accepted", "reviewed_by": OFFICER},
				("Reviewed By", "not a Head of Service"),
			),
		):
			with self.subTest(values=values):
				lesson = self.saved()
				doc = frappe.get_doc("Learning", lesson.name)
				doc.update(values)
				with self.assertRaises(LearningError) as refused:
					as_user(HEAD, doc.save)
				for word in words:
					self.assertIn(word, str(refused.exception))
				self.assertFalse(frappe.db.get_value("Learning", lesson.name, "review_outcome"))

	def test_named_by_a_readable_series(self):
		self.assertRegex(self.saved().name, r"^LRN-2025-\d{5}$")


class TestWhoReadsLearning(LearningTestCase):
	def readers(self, lesson: str) -> dict[str, bool]:
		seen = {}
		for user in (OFFICER, HEAD, MANAGER, RECORDER, INSURANCE):
			frappe.set_user(user)
			try:
				try:
					listed = bool(frappe.get_list("Learning", {"name": lesson}, pluck="name"))
				except frappe.PermissionError:  # no role that reads Learning at all
					listed = False
				readable = frappe.has_permission("Learning", "read", lesson)
				self.assertEqual(listed, readable, f"{user}: the list and the document agree")
				seen[user] = readable
			finally:
				frappe.set_user("Administrator")
		return seen

	def test_a_lesson_is_read_by_those_who_read_its_case(self):
		plain = self.learning(make_feedback(compensation_claim=1).name).name
		self.assertEqual(
			self.readers(plain), {OFFICER: True, HEAD: True, MANAGER: True, RECORDER: False, INSURANCE: False}
		)
		recorded = make_feedback().name
		frappe.db.set_value("Feedback", recorded, "owner", RECORDER)
		self.assertTrue(self.readers(self.learning(recorded).name)[RECORDER])

	def test_a_lesson_on_a_case_about_them_is_hidden_from_them(self):
		case = make_feedback(staff_conduct=1).name
		lesson = self.learning(case, user=MANAGER).name
		frappe.db.set_value("Feedback", case, "staff_member_concerned", OFFICER)
		self.assertFalse(self.readers(lesson)[OFFICER])
		frappe.set_user(OFFICER)
		try:
			self.assertRaises(
				frappe.PermissionError, frappe.get_doc("Learning", lesson).check_permission, "read"
			)
		finally:
			frappe.set_user("Administrator")

	def test_a_lesson_cannot_be_recorded_on_a_case_they_cannot_read(self):
		case = make_feedback(staff_conduct=1).name
		frappe.db.set_value("Feedback", case, "staff_member_concerned", OFFICER)
		self.assertRaises(frappe.PermissionError, self.learning, case)

	def test_roles_rights(self):
		def rights(user):
			return {
				ptype
				for ptype in ("read", "write", "create", "delete")
				if frappe.has_permission("Learning", ptype, user=user)
			}

		self.assertEqual(rights(OFFICER), {"read", "write", "create"})
		self.assertEqual(rights(HEAD), {"read", "write"})
		self.assertEqual(rights(MANAGER), {"read", "write", "create", "delete"})
		self.assertEqual(rights(RECORDER), {"read"})
		self.assertEqual(rights(INSURANCE), set())


class TestActionOwnersToDos(LearningTestCase):
	def todos(self, lesson: str) -> dict[str, str]:
		return dict(
			frappe.get_all(
				"ToDo",
				filters={"reference_type": "Learning", "reference_name": lesson},
				fields=["allocated_to", "status"],
				as_list=True,
			)
		)

	def test_each_owner_is_assigned_until_their_actions_are_done(self):
		case = make_feedback().name
		lesson = self.learning(
			case, actions=[action(), action(action_owner=OTHER_OFFICER, due_on="2025-01-20")]
		)
		self.assertEqual(self.todos(lesson.name), {OFFICER: "Open", OTHER_OFFICER: "Open"})
		doc = frappe.get_doc("Learning", lesson.name)
		doc.actions[0].done_on = "2025-01-02"
		doc.actions[0].evidence = "The new letter is in use."
		as_user(OFFICER, doc.save)
		self.assertEqual(self.todos(lesson.name), {OFFICER: "Closed", OTHER_OFFICER: "Open"})
		as_user(OFFICER, doc.save)  # saved again: no second ToDo
		self.assertEqual(frappe.db.count("ToDo", {"reference_name": lesson.name}), 2)


class TestReports(LearningTestCase):
	def test_learning_by_service_area_lists_the_period_with_actions_and_review(self):
		area = frappe.get_doc({"doctype": "Service Area", "service_area_name": "_Test CF Libraries"}).insert()
		case = make_feedback(service_area=area.name).name
		lesson = self.learning(
			case,
			actions=[action(due_on="2024-12-30"), action(action="Brief the team.", done_on="2025-01-02")],
		)
		doc = frappe.get_doc("Learning", lesson.name)
		doc.review_outcome = "Accepted"
		as_user(HEAD, doc.save)
		elsewhere = self.learning(make_feedback().name)
		hidden_case = make_feedback(service_area=area.name, staff_conduct=1).name
		hidden = self.learning(hidden_case, user=MANAGER)
		frappe.db.set_value("Feedback", hidden_case, "staff_member_concerned", OFFICER)

		def run(**filters):
			return as_user(
				OFFICER,
				learning_by_service_area.execute,
				{"from_date": "2025-01-01", "to_date": "2025-01-31", **filters},
			)[1]

		rows = run(service_area=area.name)
		self.assertEqual([row["name"] for row in rows], [lesson.name])
		self.assertEqual(rows[0]["service_area"], area.name)
		self.assertIn("overdue, due", rows[0]["actions"].splitlines()[0])
		self.assertIn("done on", rows[0]["actions"].splitlines()[1])
		self.assertIn("Accepted", rows[0]["review"])
		self.assertEqual({row["name"] for row in run()}, {lesson.name, elsewhere.name})
		self.assertNotIn(hidden.name, {row["name"] for row in run()})
		self.assertEqual(run(to_date="2025-01-01"), [])
		self.assertRaises(frappe.ValidationError, run, from_date="2025-02-01")

	def test_overdue_learning_actions_lists_the_undone_past_their_due_day(self):
		case = make_feedback().name
		lesson = self.learning(
			case,
			actions=[
				action(due_on="2024-12-30"),
				action(action="Done already.", due_on="2024-12-30", done_on="2025-01-02"),
				action(action="Not due yet.", due_on="2025-01-02"),
			],
		)
		rows = as_user(MANAGER, overdue_learning_actions.execute, {})[1]
		mine = [row for row in rows if row["name"] == lesson.name]
		self.assertEqual([(row["row"], row["days_overdue"]) for row in mine], [(1, 3)])


class TestDefaults(FeedbackTestCase):
	def test_solihulls_five_categories_once(self):
		create_learning_categories()
		create_learning_categories()
		for name, source in LEARNING_CATEGORIES:
			self.assertEqual(frappe.db.get_value("Learning Category", name, "source"), source)
		self.assertEqual(len(LEARNING_CATEGORIES), 5)

	def test_presets(self):
		self.assertEqual(preset(SOLIHULL)["learning_before_closing"], "Complaints")
		self.assertEqual(preset(DEVON)["learning_before_closing"], "All feedback")
		self.assertEqual(preset(CODE)["learning_before_closing"], "Not required")

	def test_the_patch_sets_presets_still_at_the_default_and_leaves_an_administrators_choice(self):
		frappe.db.set_value("Feedback Policy", SOLIHULL, "learning_before_closing", "Not required")
		frappe.db.set_value("Feedback Policy", DEVON, "learning_before_closing", "Complaints")
		default_learning_categories.execute()
		self.assertEqual(
			frappe.db.get_value("Feedback Policy", SOLIHULL, "learning_before_closing"), "Complaints"
		)
		self.assertEqual(
			frappe.db.get_value("Feedback Policy", DEVON, "learning_before_closing"), "Complaints"
		)
		self.assertEqual(
			frappe.db.get_value("Feedback Policy", CODE, "learning_before_closing"), "Not required"
		)
		self.assertTrue(frappe.db.exists("Notification", "Learning Action Overdue"))


class TestDemoLearning(LearningTestCase):
	def test_a_demo_lesson_with_an_action_once_per_case(self):
		from customer_feedback.setup import demo, demo_learning

		for login, name, roles in demo.DEMO_STAFF:
			if login in demo_learning.OWNERS + demo_learning.REVIEWERS:
				demo.make_staff_user(demo.staff_email(login), name, roles)
		self.at("2025-03-03 10:00:00")
		case = frappe.get_doc("Feedback", self.responded(CODE))
		name = demo_learning.learn_from(case)
		lesson = frappe.get_doc("Learning", name)
		self.assertEqual(len(lesson.actions), 1)
		self.assertTrue(lesson.actions[0].action_owner.endswith("@" + demo.DEMO_DOMAIN))
		self.assertIsNone(demo_learning.learn_from(case))
		self.assertEqual(demo_learning.add_learning([case.name]), 0)
