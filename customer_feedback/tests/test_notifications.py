"""The Notifications shipped on install: editable records that re-running the installer leaves alone, and
the timer notifications firing once when the working-day clock moves, through a user's save and through
the scheduled sweep. Dates: see test_feedback (Code policy; Thu 19 Dec 2024 received, ack by Mon 30 Dec)."""

import email
import email.header

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import formatdate

from customer_feedback import sweep
from customer_feedback.setup import notifications
from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import make_feedback, record_on_stage, reset_db, stage_of

COORDINATOR = "cf.notify.coordinator@example.org"
MANAGER = "cf.notify.manager@example.org"
OFFICER = "cf.notify.officer@example.org"
REVIEWER = "cf.notify.reviewer@example.org"


def queued_emails(doctype: str, name: str) -> list[frappe._dict]:
	"""Each email queued about the document, oldest first: its subject, recipients and HTML body, read from
	the queued MIME message (an email sent off the timeline has no Communication to read them from)."""
	emails = []
	for row in frappe.get_all(
		"Email Queue",
		filters={"reference_doctype": doctype, "reference_name": name},
		fields=["name", "message"],
		order_by="creation asc",
	):
		message = email.message_from_string(row.message)
		html = [
			part.get_payload(decode=True).decode()
			for part in message.walk()
			if part.get_content_type() == "text/html"
		]
		emails.append(
			frappe._dict(
				subject=str(email.header.make_header(email.header.decode_header(message["Subject"]))),
				recipients=frozenset(
					frappe.get_all("Email Queue Recipient", filters={"parent": row.name}, pluck="recipient")
				),
				html="".join(html),
			)
		)
	return emails


def emails_about(doctype: str, name: str) -> list[tuple[str, frozenset[str]]]:
	"""(subject, recipients) of each email queued about the document, oldest first."""
	return [(queued.subject, queued.recipients) for queued in queued_emails(doctype, name)]


def message_about(doctype: str, name: str, subject: str) -> str:
	"""The HTML body of the email with this subject about the document."""
	return next(queued.html for queued in queued_emails(doctype, name) if queued.subject == subject)


def subjects(emails: list[tuple[str, frozenset[str]]]) -> list[str]:
	return [subject for subject, _recipients in emails]


def bell_for(user: str, doctype: str, name: str) -> list[str]:
	"""Subjects of the user's desk notifications (Notification Log) about the document."""
	return frappe.get_all(
		"Notification Log",
		filters={"for_user": user, "document_type": doctype, "document_name": name},
		pluck="subject",
	)


def forget_cached_notifications() -> None:
	"""Documents look up their doctype's enabled Notifications in the cache; a test that disables, deletes
	or edits one may have filled it with what the rollback undid."""
	for doctype in notifications.WATCHED_DOCTYPES:
		frappe.cache.hdel("notifications", doctype)


class NotificationTestCase(FeedbackTestCase):
	"""FeedbackTestCase (frozen time, each test rolled back to a savepoint) with an outgoing Email Account
	for the class, which makes the platform queue its emails (without one it logs an error and queues
	none); nothing is sent."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		forget_cached_notifications()
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": "_Test CF Outgoing",
				"email_id": "feedback@example.org",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "localhost",
			}
		).insert(ignore_permissions=True)

	def setUp(self):
		super().setUp()
		# The platform caches the Email Account it found (or not) for the rest of the request.
		frappe.local.outgoing_email_account = {}

	def tearDown(self):
		super().tearDown()
		frappe.local.outgoing_email_account = {}
		forget_cached_notifications()


class TestNotificationRecords(FrappeTestCase):
	def tearDown(self):
		reset_db()
		forget_cached_notifications()

	def test_shipped_as_ordinary_enabled_records_of_the_module(self):
		self.assertEqual(len(notifications.NOTIFICATIONS), 26)
		for spec in notifications.NOTIFICATIONS:
			with self.subTest(spec["name"]):
				record = frappe.get_doc("Notification", spec["name"])
				self.assertEqual(
					(record.module, record.is_standard, record.enabled, record.channel),
					("Customer Feedback", 0, 1, "Email"),
				)
				self.assertTrue(record.send_system_notification)
				self.assertTrue(record.recipients)

	def test_running_the_installer_again_keeps_an_administrators_edits(self):
		record = frappe.get_doc("Notification", "Hate Crime")
		record.subject = "Hate incident logged: {{ doc.name }}"
		record.append("recipients", {"receiver_by_role": "Feedback Manager"})
		record.save()
		frappe.db.set_value("Notification", "Feedback Overdue", "enabled", 0)
		count = frappe.db.count("Notification", {"module": "Customer Feedback"})

		frappe.get_attr("customer_feedback.setup.notifications.create_notifications")()

		record = frappe.get_doc("Notification", "Hate Crime")
		self.assertEqual(record.subject, "Hate incident logged: {{ doc.name }}")
		self.assertEqual(
			[row.receiver_by_role for row in record.recipients],
			["Customer Relations Officer", "Feedback Manager"],
		)
		self.assertEqual(frappe.db.get_value("Notification", "Feedback Overdue", "enabled"), 0)
		self.assertEqual(frappe.db.count("Notification", {"module": "Customer Feedback"}), count)

	def test_running_the_installer_again_restores_a_deleted_one(self):
		frappe.delete_doc("Notification", "Compensation Claim")
		notifications.create_notifications()
		self.assertEqual(
			frappe.db.get_value("Notification", "Compensation Claim", "subject"),
			"Compensation claim: {{ doc.name }}",
		)

	def test_uninstall_removes_ours_and_an_administrators_own_on_our_doctypes(self):
		own = frappe.get_doc(
			{
				"doctype": "Notification",
				"name": "_Test CF Own Alert",
				"subject": "Closed: {{ doc.name }}",
				"document_type": "Feedback",
				"event": "Save",
				"channel": "Email",
				"recipients": [{"receiver_by_role": "Feedback Manager"}],
				"message": "Closed",
			}
		).insert()
		unrelated = frappe.get_doc(
			{
				"doctype": "Notification",
				"name": "_Test CF ToDo Alert",
				"subject": "ToDo",
				"document_type": "ToDo",
				"event": "New",
				"channel": "Email",
				"recipients": [{"receiver_by_role": "System Manager"}],
				"message": "ToDo",
			}
		).insert()
		rule = frappe.get_doc(
			{
				"doctype": "Assignment Rule",
				"name": "_Test CF Hate Crime",
				"document_type": "Feedback",
				"description": "Hate crime",
				"assign_condition": "hate_crime == 1",
				"rule": "Round Robin",
				"disabled": 1,
				"assignment_days": [{"day": "Monday"}],
			}
		).insert()

		notifications.delete_notifications()

		self.assertFalse(frappe.db.exists("Notification", {"module": "Customer Feedback"}))
		for doctype in ("Notification", "Assignment Rule"):
			self.assertFalse(
				frappe.db.exists(doctype, {"document_type": ("in", ("Feedback", "Complaint Stage"))})
			)
		self.assertFalse(frappe.db.exists("Notification", own.name))
		self.assertFalse(frappe.db.exists("Assignment Rule", rule.name))
		self.assertTrue(frappe.db.exists("Notification", unrelated.name))


class TestTimerNotifications(NotificationTestCase):
	USERS = {
		COORDINATOR: ("Feedback Coordinator",),
		MANAGER: ("Feedback Manager",),
		OFFICER: ("Investigating Officer",),
		REVIEWER: ("Head of Service",),
	}

	def test_acknowledgement_due_soon_then_overdue_each_sent_once_on_save(self):
		self.at("2024-12-20 09:00:00")
		case = make_feedback()
		self.assertEqual(case.sla_status, "On Track")
		self.assertEqual(emails_about("Feedback", case.name), [])

		self.at("2024-12-24 09:00:00")  # Tue: Fri 27 and Mon 30 Dec are left
		case.save()
		self.assertEqual(case.sla_status, "Due Soon")
		emails = emails_about("Feedback", case.name)
		self.assertEqual(subjects(emails), [f"Acknowledge {case.name} by {formatdate('2024-12-30')}"])
		self.assertIn(COORDINATOR, emails[0][1])
		self.assertNotIn(MANAGER, emails[0][1])
		self.assertEqual(bell_for(COORDINATOR, "Feedback", case.name), [emails[0][0]])

		case.save()  # nothing moved: nothing more is sent
		self.assertEqual(len(emails_about("Feedback", case.name)), 1)

		self.at("2024-12-31 09:00:00")
		case.save()
		self.assertEqual(case.sla_status, "Overdue")
		emails = emails_about("Feedback", case.name)
		self.assertEqual(subjects(emails)[1:], [f"Overdue: {case.name}"])
		self.assertTrue({COORDINATOR, MANAGER} <= emails[1][1])

	def test_no_acknowledgement_reminder_for_an_anonymous_complaint(self):
		self.at("2024-12-20 09:00:00")
		case = make_feedback(is_anonymous=1, customer_name=None, email=None)
		self.at("2024-12-24 09:00:00")
		case.save()
		self.assertEqual(case.sla_status, "Due Soon")
		self.assertEqual(emails_about("Feedback", case.name), [])

	def test_response_due_soon_reaches_the_handler_of_the_current_stage(self):
		case = make_feedback(acknowledged_on="2024-12-20")  # respond by Wed 8 Jan
		self.assertEqual(case.sla_status, "On Track")
		stage = stage_of(case.name, 1)
		stage.handler = OFFICER
		stage.save()

		self.at("2025-01-06 09:00:00")
		case.reload()
		case.save()
		self.assertEqual(case.sla_status, "Due Soon")
		emails = emails_about("Feedback", case.name)
		self.assertEqual(subjects(emails), [f"Response to {case.name} due by {formatdate('2025-01-08')}"])
		self.assertTrue({COORDINATOR, OFFICER} <= emails[0][1])

	def test_the_sweep_sends_each_timer_notification_once(self):
		self.at("2024-12-20 09:00:00")
		case = make_feedback()
		self.at("2024-12-24 09:00:00")
		sweep.run(commit=False)
		self.assertEqual(frappe.db.get_value("Feedback", case.name, "sla_status"), "Due Soon")
		self.assertEqual(
			subjects(emails_about("Feedback", case.name)),
			[f"Acknowledge {case.name} by {formatdate('2024-12-30')}"],
		)

		sweep.run(commit=False)  # a second run in the same day changes, and so sends, nothing
		self.assertEqual(len(emails_about("Feedback", case.name)), 1)

	def test_progress_update_due_under_northamptonshire(self):
		case = make_feedback(policy="Northamptonshire Fire and Rescue Service", acknowledged_on="2024-12-20")
		stage = stage_of(case.name, 1)
		stage.handler = OFFICER
		stage.save()
		case.reload()
		self.assertTrue(case.next_update_due)  # every 10 working days from the acknowledgement

		self.at(f"{case.next_update_due} 09:00:00")
		sweep.run(commit=False)
		self.assertEqual(frappe.db.get_value("Feedback", case.name, "progress_update_overdue"), 1)
		progress = [e for e in emails_about("Feedback", case.name) if e[0].startswith("Progress update")]
		self.assertEqual(subjects(progress), [f"Progress update due: {case.name}"])
		self.assertTrue({COORDINATOR, OFFICER} <= progress[0][1])
		self.assertIn(
			"Northamptonshire Fire and Rescue Service keeps the customer informed every 10 working days",
			message_about("Feedback", case.name, progress[0][0]),
		)

		sweep.run(commit=False)
		case.reload()
		case.save()
		self.assertEqual(
			subjects([e for e in emails_about("Feedback", case.name) if e[0].startswith("Progress update")]),
			[f"Progress update due: {case.name}"],
		)

	def test_escalation_tells_the_feedback_manager_and_coordinators(self):
		case = make_feedback()
		self.assertEqual(emails_about("Complaint Stage", stage_of(case.name, 1).name), [])
		second = case.escalate("Still not collected", "2025-01-02 09:00:00")
		emails = emails_about("Complaint Stage", second)
		self.assertEqual(subjects(emails), [f"{case.name} escalated to Stage 2"])
		self.assertTrue({MANAGER, COORDINATOR} <= emails[0][1])
		self.assertEqual(bell_for(MANAGER, "Complaint Stage", second), [emails[0][0]])

	def test_stage_response_sent_tells_the_reviewer_once(self):
		case = make_feedback()
		stage = stage_of(case.name, 1)
		stage.reviewer = REVIEWER
		stage.save()
		case = record_on_stage(case, acknowledged_on="2024-12-20", responded_on="2025-01-02")
		emails = emails_about("Complaint Stage", stage.name)
		self.assertEqual(subjects(emails), [f"Stage 1 response sent: {case.name}"])
		self.assertTrue({REVIEWER, COORDINATOR} <= emails[0][1])

		case.save()
		self.assertEqual(len(emails_about("Complaint Stage", stage.name)), 1)
