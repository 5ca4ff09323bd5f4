"""The scheduled sweep at frozen, named dates. England; working days after Thu 19 Dec 2024:
5 Mon 30, 7 Thu 2 Jan, 8 Fri 3, 9 Mon 6, 10 Tue 7, 11 Wed 8, 20 Tue 21 Jan. Twenty working days after
Mon 6 Jan is Mon 3 Feb.
"""

import itertools
from unittest.mock import patch

import frappe
from frappe.email.doctype.notification import notification
from frappe.model.workflow import apply_workflow

from customer_feedback import sweep
from customer_feedback.case_rules import Clock, sla_status
from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import counting_queries, d, make_feedback, make_user, stage_of

NORTHAMPTONSHIRE = "Northamptonshire Fire and Rescue Service"
WATCHER = "cf.sweep.watcher@example.org"


def sweep_now() -> dict[str, int]:
	"""One scheduled run, left uncommitted so the test's rollback removes it."""
	return sweep.run(commit=False)


def changed(counts: dict[str, int]) -> dict[str, int]:
	return {key: value for key, value in counts.items() if value}


def watch_value_change(test: FeedbackTestCase, field: str, condition: str | None = None) -> str:
	"""A System Notification to WATCHER on Value Change of the case's `field` (when `condition` holds);
	returns its subject."""
	# The enabled Notifications of a DocType are cached in Redis, which the test's rollback does not reach.
	test.addCleanup(frappe.cache.hdel, "notifications", "Feedback")
	make_user(WATCHER, ["System Manager"])
	subject = f"Sweep test: {field} changed"
	frappe.get_doc(
		{
			"doctype": "Notification",
			"name": subject,
			"subject": subject,
			"document_type": "Feedback",
			"event": "Value Change",
			"value_changed": field,
			"condition": condition,
			"channel": "System Notification",
			"recipients": [{"receiver_by_document_field": "owner", "cc": WATCHER}],
			"message": "{{ doc.name }}",
			"enabled": 1,
		}
	).insert(ignore_permissions=True)
	return subject


class SweepTestCase(FeedbackTestCase):
	def setUp(self):
		super().setUp()
		# The sweep judges every open case on the site; start each test with none (a site with demo data
		# has hundreds). Deleted inside the test's transaction, so tearDown's rollback brings them back.
		frappe.db.delete("Complaint Stage")
		frappe.db.delete("Feedback")


def notifications_sent(subject: str, case: str) -> int:
	return frappe.db.count(
		"Notification Log", {"subject": subject, "document_name": case, "for_user": WATCHER}
	)


class TestServiceLevelStatus(SweepTestCase):
	def test_on_track_then_due_soon_then_overdue(self):
		case = make_feedback(acknowledged_on="2024-12-20")  # respond by Wed 8 Jan
		self.assertEqual(case.sla_status, "On Track")
		self.assertEqual(changed(sweep_now()), {})

		self.at("2025-01-06 00:20:00")  # Mon 6 Jan: two working days before
		self.assertEqual(changed(sweep_now()), {"case_statuses": 1, "stage_statuses": 1})
		self.assertEqual(frappe.db.get_value("Feedback", case.name, "sla_status"), "Due Soon")
		self.assertEqual(stage_of(case.name, 1).sla_status, "Due Soon")

		self.at("2025-01-09 00:20:00")
		self.assertEqual(changed(sweep_now()), {"case_statuses": 1, "stage_statuses": 1})
		self.assertEqual(frappe.db.get_value("Feedback", case.name, "sla_status"), "Overdue")
		self.assertEqual(stage_of(case.name, 1).sla_status, "Overdue")

	def test_unacknowledged_case_is_judged_by_the_acknowledgement(self):
		self.at("2024-12-20 10:00:00")
		compliment = make_feedback(feedback_type="Compliment", policy="Devon County Council")
		self.assertEqual((compliment.acknowledge_by, compliment.sla_status), (d("2024-12-24"), "Due Soon"))
		self.at("2024-12-27 00:20:00")
		self.assertEqual(changed(sweep_now()), {"case_statuses": 1})
		self.assertEqual(frappe.db.get_value("Feedback", compliment.name, "sla_status"), "Overdue")
		apply_workflow(frappe.get_doc("Feedback", compliment.name), "Acknowledge")
		self.assertEqual(frappe.db.get_value("Feedback", compliment.name, "sla_status"), "On Track")
		self.assertEqual(changed(sweep_now()), {})

	def test_met_and_missed_stay(self):
		met = make_feedback(acknowledged_on="2024-12-20", responded_on="2024-12-31")
		self.at("2025-01-09 09:00:00")
		missed = make_feedback(acknowledged_on="2024-12-20", responded_on="2025-01-09")
		self.assertEqual((met.sla_status, missed.sla_status), ("Met", "Missed"))
		self.at("2025-03-03 00:20:00")
		self.assertEqual(changed(sweep_now()), {})
		self.assertEqual(frappe.db.get_value("Feedback", met.name, "sla_status"), "Met")
		self.assertEqual(frappe.db.get_value("Feedback", missed.name, "sla_status"), "Missed")

	def test_open_pause_shows_paused_and_moves_the_response_date_day_by_day(self):
		case = make_feedback(acknowledged_on="2024-12-20")  # respond by Wed 8 Jan
		stage = stage_of(case.name, 1)
		stage.append("pauses", {"paused_from": "2024-12-30", "reason": "Waiting for the customer"})
		stage.save()
		self.assertEqual((stage.sla_status, stage.respond_by), ("Paused", d("2025-01-13")))
		self.at("2025-01-03 00:20:00")
		self.assertEqual(changed(sweep_now()), {"paused_recomputed": 1})
		self.assert_paused_until(case.name, stage.name, "2025-01-14")
		self.assertEqual(changed(sweep_now()), {})  # the same day again: nothing to move
		self.at("2025-01-04 10:00:00")  # Saturday: no working day paused since, nothing moves
		self.assertEqual(changed(sweep_now()), {})
		self.assert_paused_until(case.name, stage.name, "2025-01-14")
		self.at("2025-01-06 00:20:00")
		self.assertEqual(changed(sweep_now()), {"paused_recomputed": 1})
		self.assert_paused_until(case.name, stage.name, "2025-01-15")

	def assert_paused_until(self, case: str, stage: str, respond_by: str):
		for doctype, name in (("Complaint Stage", stage), ("Feedback", case)):
			self.assertEqual(
				frappe.db.get_value(doctype, name, ["sla_status", "respond_by"]), ("Paused", d(respond_by))
			)

	def test_pause_with_an_end_starts_and_stops_the_status(self):
		case = make_feedback(acknowledged_on="2024-12-20")  # respond by Wed 8 Jan
		stage = stage_of(case.name, 1)
		stage.append(
			"pauses", {"paused_from": "2025-01-06", "paused_until": "2025-01-07", "reason": "Mediation"}
		)
		stage.save()
		self.assertEqual((stage.sla_status, stage.respond_by), ("On Track", d("2025-01-10")))
		self.at("2025-01-06 00:20:00")
		self.assertEqual(changed(sweep_now()), {"case_statuses": 1, "stage_statuses": 1})
		self.assertEqual(frappe.db.get_value("Feedback", case.name, "sla_status"), "Paused")
		self.at("2025-01-08 00:20:00")  # the pause ended yesterday; Fri 10 Jan is two working days away
		self.assertEqual(changed(sweep_now()), {"case_statuses": 1, "stage_statuses": 1})
		self.assertEqual(stage_of(case.name, 1).sla_status, "Due Soon")

	def test_closed_and_referred_cases_are_left_alone(self):
		closed = make_feedback(acknowledged_on="2024-12-20")
		closed.db_set("status", "Closed")
		referred = make_feedback(acknowledged_on="2024-12-20")
		referred.db_set("status", "With External Body")
		self.at("2025-01-09 00:20:00")
		self.assertEqual(changed(sweep_now()), {})
		for case in (closed, referred):
			self.assertEqual(frappe.db.get_value("Feedback", case.name, "sla_status"), "On Track")

	def test_the_sql_rules_agree_with_case_rules(self):
		"""Every combination of dates around today, judged by the sweep's SQL and by sla_status."""
		today, due_soon_until = d("2025-01-06"), d("2025-01-08")
		days = (None, d("2025-01-03"), today, due_soon_until, d("2025-01-09"))
		clocks = [
			Clock(acknowledge_by, acknowledged_on, respond_by, responded_on, paused)
			for acknowledge_by, acknowledged_on, respond_by, responded_on, paused in itertools.product(
				days, (None, d("2025-01-02")), days, (None, d("2025-01-05"), d("2025-01-10")), (False, True)
			)
		]
		params = {"today": today, "due_soon_until": due_soon_until, **sweep.STATUS_NAMES}
		rows = []
		for i, clock in enumerate(clocks):
			fields = ("acknowledge_by", "acknowledged_on", "respond_by", "responded_on")
			params.update({f"{field}{i}": getattr(clock, field) for field in fields})
			params[f"paused{i}"] = int(clock.paused)
			rows.append(
				f"select {i} as i, "
				+ ", ".join(f"cast(%({field}{i})s as date) as {field}" for field in fields)
				+ f", %(paused{i})s as paused"
			)
		judged = frappe.db.sql(
			f"select i, {sweep.rule_status_sql('clock', 'clock.paused = 1')} from ({' union all '.join(rows)}) clock",
			params,
		)
		self.assertEqual(len(judged), len(clocks))
		for i, status in judged:
			self.assertEqual(status, sla_status(clocks[i], today, due_soon_until), clocks[i])


class TestIdempotence(SweepTestCase):
	def test_second_run_changes_nothing_and_notifies_nobody_again(self):
		subject = watch_value_change(self, "sla_status")
		case = make_feedback(acknowledged_on="2024-12-20")
		self.at("2025-01-06 00:20:00")
		self.assertEqual(changed(sweep_now()), {"case_statuses": 1, "stage_statuses": 1})
		self.assertEqual(notifications_sent(subject, case.name), 1)
		with counting_queries() as statements:
			self.assertEqual(changed(sweep_now()), {})
		self.assertEqual(notifications_sent(subject, case.name), 1)
		self.assertFalse([query for query in statements if query.lstrip().lower().startswith("update")])

	def test_only_the_notifications_watching_the_changed_field_are_evaluated(self):
		on_status = watch_value_change(self, "sla_status")
		on_flag = watch_value_change(self, "progress_update_overdue", "doc.progress_update_overdue")
		case = make_feedback(acknowledged_on="2024-12-20")
		self.at("2025-01-06 00:20:00")
		evaluated = []
		original = notification.evaluate_alert

		def recording(doc, alert, event):
			evaluated.append((doc.name, alert))
			return original(doc, alert, event)

		with patch.object(notification, "evaluate_alert", recording):
			self.assertEqual(changed(sweep_now()), {"case_statuses": 1, "stage_statuses": 1})
		watching_status = frappe.get_all(
			"Notification",
			filters={"enabled": 1, "document_type": "Feedback", "value_changed": "sla_status"},
			pluck="name",
		)
		self.assertIn(on_status, watching_status)
		self.assertEqual(sorted(evaluated), sorted((case.name, name) for name in watching_status))
		self.assertEqual(notifications_sent(on_status, case.name), 1)
		self.assertEqual(notifications_sent(on_flag, case.name), 0)

	def test_commits_as_it_goes_so_a_run_cut_short_keeps_its_work(self):
		for _ in range(3):
			make_feedback(acknowledged_on="2024-12-20")
		self.at("2025-01-06 00:20:00")
		# Three cases and their stages change: commits after the second and fourth change, and at the end.
		with patch.object(sweep, "COMMIT_EVERY", 2), patch.object(frappe.db, "commit") as commit:
			counts = sweep.Sweep(d("2025-01-06"), commit=True).run()
		self.assertEqual((counts["case_statuses"], counts["stage_statuses"]), (3, 3))
		self.assertEqual(commit.call_count, 4)

	def test_queries_do_not_grow_with_the_cases_open(self):
		def queries_of_a_quiet_sweep(cases: int) -> int:
			for _ in range(cases):
				make_feedback(acknowledged_on="2024-12-20", policy=NORTHAMPTONSHIRE)
			sweep_now()  # settles anything the new cases brought
			with counting_queries() as statements:
				self.assertEqual(changed(sweep_now()), {})
			return len(statements)

		few = queries_of_a_quiet_sweep(5)
		many = queries_of_a_quiet_sweep(45)  # 50 open
		self.assertEqual(few, many)
		self.assertLessEqual(few, 12)

	def test_queries_grow_with_the_cases_that_change(self):
		for _ in range(3):
			make_feedback(acknowledged_on="2024-12-20")
		self.at("2025-01-06 00:20:00")
		with counting_queries() as three_change:
			self.assertEqual(changed(sweep_now()), {"case_statuses": 3, "stage_statuses": 3})
		with counting_queries() as none_change:
			sweep_now()
		# Each changed row is loaded and written through its document; nothing else is.
		self.assertGreater(len(three_change), len(none_change) + 6 * 3)


class TestProgressReminders(SweepTestCase):
	def test_northamptonshire_flags_every_ten_working_days_once(self):
		subject = watch_value_change(self, "progress_update_overdue", "doc.progress_update_overdue")
		case = make_feedback(policy=NORTHAMPTONSHIRE, acknowledged_on="2024-12-20")
		self.assertEqual(case.next_update_due, d("2025-01-08"))  # 10 after the acknowledgement
		self.at("2025-01-07 00:20:00")
		self.assertNotIn("reminders", changed(sweep_now()))
		self.at("2025-01-08 00:20:00")
		self.assertEqual(sweep_now()["reminders"], 1)
		self.assertEqual(sweep_now()["reminders"], 0)
		self.assertEqual(frappe.db.get_value("Feedback", case.name, "progress_update_overdue"), 1)
		self.assertEqual(notifications_sent(subject, case.name), 1)

		# Staff update the customer on Thu 9 Jan: the flag clears and the next update is due Thu 23 Jan.
		self.at("2025-01-09 10:00:00")
		case.reload()
		case.last_update_on = "2025-01-09"
		case.save()
		self.assertEqual((case.next_update_due, case.progress_update_overdue), (d("2025-01-23"), 0))
		self.at("2025-01-22 00:20:00")
		self.assertEqual(sweep_now()["reminders"], 0)
		self.at("2025-01-23 00:20:00")
		self.assertEqual(sweep_now()["reminders"], 1)
		self.assertEqual(notifications_sent(subject, case.name), 2)

	def test_unacknowledged_case_counts_from_receipt(self):
		case = make_feedback(policy=NORTHAMPTONSHIRE)
		self.assertEqual(case.next_update_due, d("2025-01-07"))

	def test_no_reminders_without_an_interval_or_after_the_response(self):
		code = make_feedback(acknowledged_on="2024-12-20")
		self.assertIsNone(code.next_update_due)
		responded = make_feedback(policy=NORTHAMPTONSHIRE, acknowledged_on="2024-12-20")
		apply_workflow(responded, "Acknowledge")
		apply_workflow(frappe.get_doc("Feedback", responded.name), "Send Response")
		self.assertIsNone(frappe.db.get_value("Feedback", responded.name, "next_update_due"))
		self.at("2025-03-03 00:20:00")
		self.assertEqual(sweep_now()["reminders"], 0)


class TestClosingAfterNoReply(SweepTestCase):
	def respond_on_monday_6_january(self, policy: str):
		case = make_feedback(policy=policy)
		self.at("2025-01-06 10:00:00")
		apply_workflow(case, "Acknowledge")
		apply_workflow(frappe.get_doc("Feedback", case.name), "Send Response")
		case = frappe.get_doc("Feedback", case.name)
		self.assertEqual((case.status, case.responded_on), ("Responded", d("2025-01-06")))
		return case

	def test_northamptonshire_closes_after_twenty_working_days_without_a_reply(self):
		case = self.respond_on_monday_6_january(NORTHAMPTONSHIRE)
		self.assertEqual(case.closes_for_no_reply_on, d("2025-02-03"))
		self.at("2025-02-03 23:00:00")  # the last day to reply
		self.assertEqual(sweep_now()["closed"], 0)
		self.at("2025-02-04 00:20:00")
		self.assertEqual(changed(sweep_now()), {"closed": 1})
		case.reload()
		reason = (
			"Closed: no reply within 20 working days after the response of 6 Jan 2025 "
			"(Northamptonshire Fire and Rescue Service)"
		)
		self.assertEqual(
			(case.status, case.closed_on, case.closure_reason), ("Closed", d("2025-02-04"), reason)
		)
		self.assertIsNone(case.closes_for_no_reply_on)
		self.assertEqual(
			frappe.db.get_value("Workflow Document State", {"update_value": "Closed"}, "state"),
			case.workflow_state,
		)
		self.assertTrue(
			frappe.db.exists(
				"Comment", {"reference_doctype": "Feedback", "reference_name": case.name, "content": reason}
			)
		)
		self.assertEqual(changed(sweep_now()), {})

	def test_a_case_that_fails_to_save_is_logged_and_the_rest_still_close(self):
		broken = self.respond_on_monday_6_january(NORTHAMPTONSHIRE)
		# Data from before the rule: saving it now fails validation.
		frappe.db.set_value("Feedback", broken.name, "customer_name", "")
		good = make_feedback(policy=NORTHAMPTONSHIRE)
		apply_workflow(good, "Acknowledge")
		apply_workflow(frappe.get_doc("Feedback", good.name), "Send Response")
		self.at("2025-02-04 00:20:00")
		self.assertEqual(changed(sweep_now()), {"closed": 1, "errors": 1})
		self.assertEqual(frappe.db.get_value("Feedback", good.name, "status"), "Closed")
		self.assertEqual(frappe.db.get_value("Feedback", broken.name, "status"), "Responded")
		self.assertTrue(frappe.db.exists("Error Log", {"method": ("like", f"%{broken.name}%")}))

	def test_a_longer_wait_set_after_the_response_keeps_the_case_open(self):
		case = self.respond_on_monday_6_january(NORTHAMPTONSHIRE)
		policy = frappe.get_doc("Feedback Policy", NORTHAMPTONSHIRE)
		policy.close_after_no_reply_days = 30
		policy.save()
		self.at("2025-02-04 00:20:00")
		self.assertEqual(sweep_now()["closed"], 0)
		self.assertEqual(frappe.db.get_value("Feedback", case.name, "status"), "Responded")
		# The stored date follows the policy (30 after Mon 6 Jan), so later runs do not pick the case up.
		self.assertEqual(
			frappe.db.get_value("Feedback", case.name, "closes_for_no_reply_on"), d("2025-02-17")
		)
		with counting_queries() as statements:
			self.assertEqual(changed(sweep_now()), {})
		self.assertFalse([query for query in statements if query.lstrip().lower().startswith("update")])

	def test_the_code_never_closes_a_case_for_want_of_a_reply(self):
		case = self.respond_on_monday_6_january("Complaint Handling Code")
		self.assertIsNone(case.closes_for_no_reply_on)
		self.at("2025-12-01 00:20:00")
		self.assertEqual(sweep_now()["closed"], 0)
		self.assertEqual(frappe.db.get_value("Feedback", case.name, "status"), "Responded")

	def test_escalation_stops_the_closing_clock(self):
		case = self.respond_on_monday_6_january(NORTHAMPTONSHIRE)
		case.escalate("Not satisfied", "2025-01-06 10:00:00")
		self.assertIsNone(frappe.db.get_value("Feedback", case.name, "closes_for_no_reply_on"))
		self.at("2025-02-04 00:20:00")
		self.assertEqual(sweep_now()["closed"], 0)


class TestSchedule(SweepTestCase):
	def test_the_sweep_is_scheduled_hourly_on_the_long_queue(self):
		from frappe.core.doctype.scheduled_job_type.scheduled_job_type import sync_jobs

		sync_jobs()  # what migrate does
		job = frappe.get_doc("Scheduled Job Type", {"method": "customer_feedback.sweep.run"})
		self.assertEqual((job.frequency, job.get_queue_name()), ("Hourly Long", "long"))
