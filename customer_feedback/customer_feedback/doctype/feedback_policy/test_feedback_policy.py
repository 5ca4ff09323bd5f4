# Copyright (c) 2026, customer_feedback developers and Contributors
# See license.txt
"""Feedback Policy: what a save refuses (typed error, message naming the field), and the deadlines a saved
policy gives. Dates are worked by hand in the England calendar: Thu 19 Dec 2024 is day 0, then 1 Fri 20,
2 Mon 23, 3 Tue 24, (25, 26 Dec holidays) 4 Fri 27, 5 Mon 30, 6 Tue 31, (1 Jan holiday) 7 Thu 2 Jan,
8 Fri 3, 9 Mon 6, 10 Tue 7, 11 Wed 8 Jan 2025."""

import datetime as dt

import frappe
from frappe.tests.utils import FrappeTestCase

from customer_feedback.exceptions import DeadlineQueryError, DefaultPolicyError, PolicyConfigurationError
from customer_feedback.tests.factories import (
	d,
	make_policy,
	policy_dict,
	reset_db,
	set_default_policy,
	stage_row,
)

RECEIVED = d("2024-12-19")  # a Thursday, six days before Christmas


class FeedbackPolicyTestCase(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")

	def tearDown(self):
		frappe.set_user("Administrator")
		reset_db()

	def assertRefused(self, exc, doc_or_dict, *fragments):
		"""Inserting (or saving) is refused with `exc`, and the message contains every fragment."""
		with self.assertRaises(exc) as caught:
			if isinstance(doc_or_dict, dict):
				frappe.get_doc(doc_or_dict).insert()
			else:
				doc_or_dict.save()
		message = str(caught.exception)
		for fragment in fragments:
			self.assertIn(fragment, message)
		return message


class TestFeedbackPolicyValidation(FeedbackPolicyTestCase):
	def test_minimal_policy_is_valid(self):
		# The control for every refusal below: the factory's policy saves as it stands.
		policy = make_policy("_Test CF Valid", survey_sample_percent=100)
		self.assertEqual([row.stage_number for row in policy.stages], [1, 2])
		self.assertTrue(frappe.db.exists("Feedback Policy", "_Test CF Valid"))

	def test_stage_numbers_with_a_gap_refused(self):
		self.assertRefused(
			PolicyConfigurationError,
			policy_dict("_Test CF Gap", stages=[stage_row(1), stage_row(3)]),
			"Complaint Stages",
			"1, 3",
			"1 to 2",
		)

	def test_repeated_stage_numbers_refused(self):
		self.assertRefused(
			PolicyConfigurationError,
			policy_dict("_Test CF Repeat", stages=[stage_row(1), stage_row(1)]),
			"Complaint Stages",
			"1, 1",
		)

	def test_stages_starting_at_2_refused(self):
		self.assertRefused(
			PolicyConfigurationError,
			policy_dict("_Test CF From Two", stages=[stage_row(2), stage_row(3)]),
			"Complaint Stages",
			"2, 3",
		)

	def test_negative_days_refused_by_frappe(self):
		cases = {
			"stage acknowledge": (
				{"stages": [stage_row(1, acknowledge_days=-1)]},
				"Acknowledge Within",
			),
			"stage respond": ({"stages": [stage_row(1, respond_days=-5)]}, "Respond Within"),
			"stage extension": (
				{"stages": [stage_row(1, max_extension_days=-2, extension_approver_role="Feedback Manager")]},
				"Longest Extension",
			),
			"timescale respond": (
				{"timescales": [{"feedback_type": "Comment", "respond_days": -3}]},
				"Respond Within",
			),
			"progress updates": ({"progress_update_days": -1}, "Progress Update Every"),
			"closure": ({"close_after_no_reply_days": -20}, "Close After No Reply"),
			"survey weeks": ({"survey_weeks_after_closure": -4}, "Survey Weeks After Closure"),
		}
		for case, (overrides, label) in cases.items():
			with self.subTest(case):
				self.assertRefused(
					frappe.NonNegativeError, policy_dict(f"_Test CF Negative {case}", **overrides), label
				)

	def test_extension_without_approver_role_refused(self):
		self.assertRefused(
			PolicyConfigurationError,
			policy_dict(
				"_Test CF Extension",
				stages=[stage_row(1), stage_row(2, max_extension_days=20, extension_approver_role=None)],
			),
			"stage 2",
			"Extension Approved By (Role)",
			"Longest Extension",
		)

	def test_extension_with_approver_role_accepted(self):
		policy = make_policy(
			"_Test CF Extension Ok",
			stages=[stage_row(1, max_extension_days=10, extension_approver_role="Feedback Manager")],
		)
		self.assertEqual(policy.stages[0].extension_approver_role, "Feedback Manager")

	def test_response_from_acknowledgement_without_acknowledge_days_refused(self):
		self.assertRefused(
			PolicyConfigurationError,
			policy_dict(
				"_Test CF From Ack",
				stages=[stage_row(1, acknowledge_days=0, respond_from="Acknowledgement")],
			),
			"stage 1",
			"Acknowledge Within",
			"Receipt of stage",
		)

	def test_complaint_row_in_timescales_refused(self):
		self.assertRefused(
			PolicyConfigurationError,
			policy_dict(
				"_Test CF Complaint Row",
				timescales=[
					{"feedback_type": "Compliment", "acknowledge_days": 5},
					{"feedback_type": "Complaint", "acknowledge_days": 5, "respond_days": 10},
				],
			),
			"Timescales, row 2",
			"Complaint Stages",
		)

	def test_duplicate_feedback_types_refused(self):
		self.assertRefused(
			PolicyConfigurationError,
			policy_dict(
				"_Test CF Duplicate Type",
				timescales=[
					{"feedback_type": "Suggestion", "acknowledge_days": 3},
					{"feedback_type": "Compliment", "acknowledge_days": 5},
					{"feedback_type": "Suggestion", "respond_days": 10},
				],
			),
			"Timescales, row 3",
			"Suggestion",
			"row 1",
		)

	def test_duplicate_calendar_dates_refused(self):
		self.assertRefused(
			PolicyConfigurationError,
			policy_dict(
				"_Test CF Duplicate Date",
				calendar_dates=[
					{"date": "2024-12-27", "day_type": "Closed"},
					{"date": "2024-12-28", "day_type": "Opened"},
					{"date": "2024-12-27", "day_type": "Opened"},
				],
			),
			"Closed and Opened Dates, row 3",
			"row 1",
		)

	def test_no_working_weekday_refused(self):
		no_days = dict.fromkeys(
			("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), 0
		)
		self.assertRefused(
			PolicyConfigurationError, policy_dict("_Test CF No Days", **no_days), "Working Days", "weekday"
		)
		# One working weekday is enough.
		make_policy("_Test CF Sundays Only", **{**no_days, "sunday": 1})

	def test_cutoff_ticked_without_a_time_refused(self):
		# On insert Frappe fills every empty Time field with the current time, so clear it on an update.
		policy = make_policy("_Test CF Cutoff Empty", use_cutoff_time=1, cutoff_time="16:00:00")
		policy.cutoff_time = None
		self.assertRaisesRegex(PolicyConfigurationError, "Cut-off Time is empty", policy.save)

	def test_survey_share_over_100_refused(self):
		self.assertRefused(
			PolicyConfigurationError,
			policy_dict("_Test CF Survey", survey_sample_percent=150),
			"Share of Closed Complaints Surveyed",
			"150",
		)
		self.assertRefused(
			PolicyConfigurationError,
			policy_dict("_Test CF Survey Negative", survey_sample_percent=-5),
			"Share of Closed Complaints Surveyed",
		)

	def test_disabling_the_default_policy_refused(self):
		policy = make_policy("_Test CF Default")
		set_default_policy(policy.name)
		policy.disabled = 1
		self.assertRefused(DefaultPolicyError, policy, "_Test CF Default", "default policy", "disabled")
		self.assertEqual(frappe.db.get_value("Feedback Policy", policy.name, "disabled"), 0)

		# Any other policy may be disabled.
		other = make_policy("_Test CF Not Default")
		other.disabled = 1
		other.save()
		self.assertEqual(frappe.db.get_value("Feedback Policy", other.name, "disabled"), 1)

	def test_deleting_the_default_policy_refused(self):
		policy = make_policy("_Test CF Default Delete")
		set_default_policy(policy.name)
		with self.assertRaises(DefaultPolicyError) as caught:
			frappe.delete_doc("Feedback Policy", policy.name)
		self.assertIn("_Test CF Default Delete", str(caught.exception))
		self.assertIn("cannot be deleted", str(caught.exception))
		self.assertTrue(frappe.db.exists("Feedback Policy", policy.name))

		# Any other policy may be deleted.
		other = make_policy("_Test CF Not Default Delete")
		frappe.delete_doc("Feedback Policy", other.name)
		self.assertFalse(frappe.db.exists("Feedback Policy", other.name))

	def test_refused_save_leaves_the_saved_record_unchanged(self):
		make_policy(
			"_Test CF Unchanged",
			calendar_dates=[{"date": "2024-12-27", "day_type": "Closed"}],
			timescales=[{"feedback_type": "Compliment", "acknowledge_days": 5}],
			survey_weeks_after_closure=6,
			survey_sample_percent=25,
		)
		saved = frappe.get_doc("Feedback Policy", "_Test CF Unchanged").as_dict()

		def gap(doc):
			doc.stages[0].respond_days = 15
			doc.stages[1].stage_number = 3

		def negative(doc):
			doc.description = "edited"
			doc.stages[0].acknowledge_days = -1

		def survey(doc):
			doc.survey_weeks_after_closure = 4
			doc.survey_sample_percent = 101

		def duplicate_type(doc):
			doc.append("timescales", {"feedback_type": "Compliment", "acknowledge_days": 3})

		def no_weekday(doc):
			for day in ("monday", "tuesday", "wednesday", "thursday", "friday"):
				doc.set(day, 0)

		for change in (gap, negative, survey, duplicate_type, no_weekday):
			with self.subTest(change.__name__):
				doc = frappe.get_doc("Feedback Policy", "_Test CF Unchanged")
				change(doc)
				with self.assertRaises(frappe.ValidationError):
					doc.save()
				self.assertEqual(frappe.get_doc("Feedback Policy", "_Test CF Unchanged").as_dict(), saved)


class TestFeedbackPolicyDeadlines(FeedbackPolicyTestCase):
	"""Stage 1 of the factory's policy: acknowledge within 5, respond within 10 working days of receipt."""

	def deadlines(self, policy, received=RECEIVED, **kwargs):
		result = policy.get_deadlines("Complaint", received, **kwargs)
		return result.acknowledge_by, result.respond_by

	def test_plain_england_calendar(self):
		policy = make_policy("_Test CF Plain")
		# 5: Mon 30 Dec; 10: Tue 7 Jan (25, 26 Dec and 1 Jan skipped).
		self.assertEqual(self.deadlines(policy), (d("2024-12-30"), d("2025-01-07")))
		# Stage 2 responds within 20: Tue 21 Jan.
		self.assertEqual(self.deadlines(policy, stage=2), (d("2024-12-30"), d("2025-01-21")))

	def test_closed_date_moves_deadlines(self):
		make_policy("_Test CF Closed", calendar_dates=[{"date": "2024-12-20", "day_type": "Closed"}])
		policy = frappe.get_doc("Feedback Policy", "_Test CF Closed")  # the date as MariaDB returns it
		# Fri 20 Dec no longer counts: 1 Mon 23, 2 Tue 24, 3 Fri 27, 4 Mon 30, 5 Tue 31, ... 10 Wed 8 Jan.
		self.assertEqual(self.deadlines(policy), (d("2024-12-31"), d("2025-01-08")))

	def test_closed_date_after_the_deadline_moves_nothing(self):
		policy = make_policy(
			"_Test CF Closed Later", calendar_dates=[{"date": "2025-01-08", "day_type": "Closed"}]
		)
		self.assertEqual(self.deadlines(policy), (d("2024-12-30"), d("2025-01-07")))

	def test_opened_weekend_day_moves_deadlines(self):
		make_policy("_Test CF Opened Saturday", calendar_dates=[{"date": "2024-12-21", "day_type": "Opened"}])
		policy = frappe.get_doc("Feedback Policy", "_Test CF Opened Saturday")
		# Sat 21 Dec counts: 1 Fri 20, 2 Sat 21, 3 Mon 23, 4 Tue 24, 5 Fri 27, ... 10 Mon 6 Jan.
		self.assertEqual(self.deadlines(policy), (d("2024-12-27"), d("2025-01-06")))

	def test_opened_bank_holiday_moves_deadlines(self):
		make_policy(
			"_Test CF Opened Boxing Day", calendar_dates=[{"date": "2024-12-26", "day_type": "Opened"}]
		)
		policy = frappe.get_doc("Feedback Policy", "_Test CF Opened Boxing Day")
		# Boxing Day counts: 1 Fri 20, 2 Mon 23, 3 Tue 24, 4 Thu 26, 5 Fri 27, ... 10 Mon 6 Jan.
		self.assertEqual(self.deadlines(policy), (d("2024-12-27"), d("2025-01-06")))

	def test_cutoff_time(self):
		make_policy("_Test CF Cutoff", use_cutoff_time=1, cutoff_time="16:00:00")
		for policy in (
			frappe.get_doc("Feedback Policy", "_Test CF Cutoff"),  # TIME from MariaDB (a timedelta)
			frappe.get_doc(  # a string, as a form sends it
				policy_dict("_Test CF Cutoff Unsaved", use_cutoff_time=1, cutoff_time="16:00:00")
			),
		):
			with self.subTest(cutoff=repr(policy.cutoff_time)):
				on_time = (d("2024-12-30"), d("2025-01-07"))
				# After 16:00 on Thu 19 Dec: day 0 is Fri 20 Dec, so 5 is Tue 31 Dec and 10 Wed 8 Jan.
				late = (d("2024-12-31"), d("2025-01-08"))
				self.assertEqual(self.deadlines(policy, dt.datetime(2024, 12, 19, 15, 59)), on_time)
				self.assertEqual(self.deadlines(policy, dt.datetime(2024, 12, 19, 16, 0)), on_time)
				self.assertEqual(self.deadlines(policy, dt.datetime(2024, 12, 19, 16, 1)), late)
				# A date alone has no time of day: no cut-off applies.
				self.assertEqual(self.deadlines(policy, RECEIVED), on_time)
				# After the cut-off on Fri 20 Dec: day 0 is Mon 23 Dec; 5 is Thu 2 Jan, 10 is Thu 9 Jan.
				self.assertEqual(
					self.deadlines(policy, dt.datetime(2024, 12, 20, 17, 0)),
					(d("2025-01-02"), d("2025-01-09")),
				)

		# Without a cut-off (none ticked, whatever time the Time field holds), any time on Thu 19 Dec is day 0.
		for policy in (
			make_policy("_Test CF No Cutoff"),
			make_policy("_Test CF Cutoff Unticked", use_cutoff_time=0, cutoff_time="09:00:00"),
		):
			with self.subTest(policy.name):
				self.assertEqual(
					self.deadlines(policy, dt.datetime(2024, 12, 19, 23, 59)),
					(d("2024-12-30"), d("2025-01-07")),
				)

	def test_scotland_and_england_differ(self):
		england = make_policy("_Test CF England", bank_holidays="England")
		scotland = make_policy("_Test CF Scotland", bank_holidays="Scotland")
		# Thu 2 Jan 2025 is a bank holiday in Scotland only: 10 working days is Tue 7 Jan in England,
		# Wed 8 Jan in Scotland; 5 working days (Mon 30 Dec) comes before it, the same in both.
		self.assertEqual(self.deadlines(england), (d("2024-12-30"), d("2025-01-07")))
		self.assertEqual(self.deadlines(scotland), (d("2024-12-30"), d("2025-01-08")))

	def test_response_counted_from_acknowledgement(self):
		policy = make_policy(
			"_Test CF From Acknowledgement",
			stages=[stage_row(1, acknowledge_days=5, respond_days=10, respond_from="Acknowledgement")],
		)
		# Not yet acknowledged: counted from the acknowledgement deadline, Mon 30 Dec, so Tue 14 Jan.
		self.assertEqual(self.deadlines(policy), (d("2024-12-30"), d("2025-01-14")))
		# Acknowledged Fri 20 Dec: 10 working days after it is Wed 8 Jan.
		self.assertEqual(
			self.deadlines(policy, acknowledged_on=d("2024-12-20")), (d("2024-12-30"), d("2025-01-08"))
		)

	def test_feedback_type_timescales(self):
		policy = make_policy(
			"_Test CF Types",
			timescales=[{"feedback_type": "Suggestion", "acknowledge_days": 3, "respond_days": 10}],
		)
		suggestion = policy.get_deadlines("Suggestion", RECEIVED)
		self.assertEqual(
			(suggestion.acknowledge_by, suggestion.respond_by), (d("2024-12-24"), d("2025-01-07"))
		)
		# A type without a row has no targets.
		compliment = policy.get_deadlines("Compliment", RECEIVED)
		self.assertEqual((compliment.acknowledge_by, compliment.respond_by), (None, None))

	def test_unknown_feedback_type_raises_naming_it(self):
		policy = make_policy("_Test CF Unknown Type")
		with self.assertRaises(DeadlineQueryError) as caught:
			policy.get_deadlines("Grumble", RECEIVED)
		self.assertIn("Grumble", str(caught.exception))
		self.assertIn("_Test CF Unknown Type", str(caught.exception))

	def test_unknown_stage_raises_naming_it(self):
		policy = make_policy("_Test CF Unknown Stage")
		with self.assertRaises(DeadlineQueryError) as caught:
			policy.get_deadlines("Complaint", RECEIVED, stage=3)
		self.assertIn("Stage 3", str(caught.exception))
		self.assertIn("1 to 2", str(caught.exception))

	def test_unknown_complexity_raises_naming_it(self):
		policy = make_policy("_Test CF Unknown Complexity")
		with self.assertRaises(DeadlineQueryError) as caught:
			policy.get_deadlines("Complaint", RECEIVED, complexity="Fiendish")
		self.assertIn("Fiendish", str(caught.exception))
