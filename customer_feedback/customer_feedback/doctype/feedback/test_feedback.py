# Copyright (c) 2026, customer_feedback developers and Contributors
# See license.txt
"""The case end to end at frozen, named dates. England; working days after Thu 19 Dec 2024:
1 Fri 20, 2 Mon 23, 3 Tue 24, 4 Fri 27, 5 Mon 30, 6 Tue 31, 7 Thu 2 Jan, 8 Fri 3, 9 Mon 6, 10 Tue 7,
11 Wed 8, 15 Tue 14, 20 Tue 21, 25 Tue 28 Jan, 30 Tue 4 Feb."""

import frappe
from frappe.model.workflow import apply_workflow

from customer_feedback.exceptions import (
	EscalationError,
	ExtensionError,
	PauseError,
	ReceivedInFutureError,
	StageConflictError,
	StageOwnedFieldError,
)
from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import d, make_feedback, record_on_stage, stage_of


class TestRecordingFeedback(FeedbackTestCase):
	def test_complaint_opens_stage_one_with_the_policy_dates(self):
		case = make_feedback()
		self.assertTrue(case.name.startswith("FB-2025-"))  # the naming series' year is today's
		self.assertEqual((case.status, case.current_stage), ("Open", 1))
		stage = stage_of(case.name, 1)
		self.assertEqual(stage.stage_name, "Stage 1")
		# The Code: acknowledge within 5 of receipt; respond within 10 of the acknowledgement deadline.
		for doc in (case, stage):
			self.assertEqual((doc.acknowledge_by, doc.respond_by), (d("2024-12-30"), d("2025-01-14")))
		self.assertEqual(case.sla_status, "Overdue")  # not acknowledged by Mon 30 Dec
		self.assertEqual(case.working_days_taken, 7)

	def test_policy_defaults_to_the_site_default_and_never_changes(self):
		case = make_feedback(policy=None)
		self.assertEqual(case.policy, "Complaint Handling Code")
		case.policy = "Devon County Council"
		self.assertRaises(frappe.CannotChangeConstantError, case.save)

	def test_received_in_the_future_is_refused_and_nothing_changes(self):
		self.assertRaisesRegex(
			ReceivedInFutureError,
			"Received On .* in the future",
			make_feedback,
			received_on="2025-01-03 09:00:00",
		)
		case = make_feedback()
		case.received_on = "2025-02-01 09:00:00"
		self.assertRaises(ReceivedInFutureError, case.save)
		case.reload()
		self.assertEqual(str(case.received_on), "2024-12-19 10:00:00")

	def test_unknown_policy_and_bad_email_are_refused_naming_the_field(self):
		self.assertRaisesRegex(
			frappe.ValidationError, "No Such Policy", make_feedback, policy="No Such Policy"
		)
		self.assertRaisesRegex(
			frappe.InvalidEmailAddressError, "not-an-email", make_feedback, email="not-an-email"
		)
		self.assertRaisesRegex(frappe.MandatoryError, "description", make_feedback, description=None)
		self.assertRaisesRegex(
			frappe.MandatoryError, "Customer Name is empty", make_feedback, customer_name=" "
		)
		self.assertRaisesRegex(
			frappe.MandatoryError, "Representative Name is empty", make_feedback, has_representative=1
		)
		self.assertRaisesRegex(
			frappe.MandatoryError, "Actions Taken and the Outcome", make_feedback, resolved_at_first_contact=1
		)

	def test_customer_is_linked_to_a_contact_found_by_email_or_created(self):
		first = make_feedback(email="grace@example.org", customer_name="Grace Hopper")
		self.assertTrue(first.contact)
		self.assertEqual(frappe.db.get_value("Contact", first.contact, "first_name"), "Grace")
		again = make_feedback(email="grace@example.org", customer_name="G Hopper")
		self.assertEqual(again.contact, first.contact)
		by_phone = make_feedback(email=None, phone="+44 20 7946 0000", customer_name="Alan Turing")
		self.assertEqual(make_feedback(email=None, phone="+44 20 7946 0000").contact, by_phone.contact)

	def test_non_complaints_take_their_type_timescales(self):
		compliment = make_feedback(feedback_type="Compliment", policy="Devon County Council")
		self.assertEqual((compliment.acknowledge_by, compliment.respond_by), (d("2024-12-24"), None))
		self.assertEqual(compliment.current_stage, 0)
		self.assertFalse(frappe.db.exists("Complaint Stage", {"feedback": compliment.name}))
		suggestion = make_feedback(feedback_type="Suggestion", policy="Devon County Council", social_care=1)
		self.assertEqual(
			(suggestion.acknowledge_by, suggestion.respond_by), (d("2024-12-24"), d("2025-01-21"))
		)

	def test_resolved_at_first_contact_closes_without_a_stage(self):
		case = make_feedback(
			resolved_at_first_contact=1,
			first_contact_actions="Rebooked the collection",
			first_contact_outcome="Customer satisfied",
		)
		self.assertEqual(
			(case.status, case.outcome, case.current_stage), ("Closed", "Resolved at first contact", 0)
		)
		self.assertFalse(frappe.db.exists("Complaint Stage", {"feedback": case.name}))

	def test_anonymous_complaints_follow_the_policy(self):
		comment = make_feedback(is_anonymous=1, customer_name=None, email=None, policy="Solihull Council")
		self.assertEqual(comment.feedback_type, "Comment")
		self.assertIn("Recorded as a comment", comment.anonymous_handling_note)
		referred = make_feedback(
			is_anonymous=1, customer_name=None, email=None, policy="Council Customer Feedback Procedure"
		)
		self.assertEqual(referred.feedback_type, "Complaint")
		self.assertIn("Referred to the service manager", referred.anonymous_handling_note)
		self.assertFalse(frappe.db.exists("Complaint Stage", {"feedback": referred.name}))
		handled = make_feedback(is_anonymous=1, customer_name=None, email=None)
		self.assertEqual(handled.current_stage, 1)
		self.assertFalse(handled.contact)

	def test_out_of_hours(self):
		self.assertTrue(make_feedback(received_on="2024-12-21 10:00:00").received_out_of_hours)  # Saturday
		self.assertTrue(make_feedback(received_on="2024-12-19 18:30:00").received_out_of_hours)
		self.assertFalse(make_feedback(received_on="2024-12-19 10:00:00").received_out_of_hours)


class TestStageClock(FeedbackTestCase):
	def test_acknowledging_counts_the_response_from_the_acknowledgement(self):
		case = record_on_stage(make_feedback(), acknowledged_on="2024-12-20")
		self.assertEqual(case.respond_by, d("2025-01-08"))  # 10 after Fri 20 Dec
		self.assertEqual(case.sla_status, "On Track")
		self.assertEqual(stage_of(case.name, 1).status, "Acknowledged")

	def test_a_stage_owned_date_written_on_the_case_is_refused_and_nothing_changes(self):
		case = make_feedback()
		case.acknowledged_on = "2024-12-20"
		self.assertRaisesRegex(StageOwnedFieldError, "belongs to stage 1 of this complaint", case.save)
		self.assertIsNone(stage_of(case.name, 1).acknowledged_on)

	def test_workflow_actions_record_their_dates(self):
		case = make_feedback()
		apply_workflow(case, "Acknowledge")
		case.reload()
		self.assertEqual((case.status, case.acknowledged_on), ("Acknowledged", d("2025-01-02")))
		self.assertEqual(case.respond_by, d("2025-01-16"))  # 10 after Thu 2 Jan
		apply_workflow(case, "Send Response")
		case.reload()
		self.assertEqual(
			(case.status, case.responded_on, case.sla_status), ("Responded", d("2025-01-02"), "Met")
		)
		self.assertEqual(stage_of(case.name, 1).status, "Responded")

	def test_due_soon_and_missed(self):
		case = make_feedback(acknowledged_on="2024-12-20")  # respond by Wed 8 Jan
		self.at("2025-01-06 09:00:00")  # Mon 6 Jan: two working days before
		stage_of(case.name, 1).save()
		case.reload()
		self.assertEqual(case.sla_status, "Due Soon")
		self.at("2025-01-09 09:00:00")
		case = record_on_stage(case, responded_on="2025-01-09")
		self.assertEqual(case.sla_status, "Missed")

	def test_pause_moves_the_dates_by_the_working_days_paused(self):
		case = make_feedback(acknowledged_on="2024-12-20")  # respond by Wed 8 Jan
		stage = stage_of(case.name, 1)
		stage.append(
			"pauses", {"paused_from": "2024-12-23", "paused_until": "2024-12-27", "reason": "Mediation"}
		)
		stage.save()
		# Paused Mon 23, Tue 24 and Fri 27 (25 and 26 are holidays): three working days later.
		self.assertEqual(stage.respond_by, d("2025-01-13"))
		self.assertEqual(frappe.db.get_value("Feedback", case.name, "respond_by"), d("2025-01-13"))

	def test_open_pause_stops_the_clock(self):
		case = make_feedback(acknowledged_on="2024-12-20")
		stage = stage_of(case.name, 1)
		stage.append("pauses", {"paused_from": "2024-12-30", "reason": "Waiting for the customer"})
		stage.save()
		self.assertEqual(stage.sla_status, "Paused")
		# Paused Mon 30, Tue 31 and Thu 2 Jan so far (today): three working days.
		self.assertEqual(stage.respond_by, d("2025-01-13"))

	def test_pause_ending_before_it_starts_is_refused(self):
		stage = stage_of(make_feedback().name, 1)
		stage.append(
			"pauses", {"paused_from": "2024-12-30", "paused_until": "2024-12-23", "reason": "Mediation"}
		)
		self.assertRaisesRegex(PauseError, "ends on 2024-12-23 before it starts on 2024-12-30", stage.save)

	def test_extension_needs_a_reason_and_a_good_one_beyond_the_limit(self):
		case = make_feedback(acknowledged_on="2024-12-20")
		stage = stage_of(case.name, 1)
		stage.extension_days = 5
		self.assertRaisesRegex(ExtensionError, "Extension Reason is empty", stage.save)
		stage.reload()
		stage.update({"extension_days": 5, "extension_reason": "Waiting for CCTV footage"})
		stage.save()
		self.assertEqual(stage.respond_by, d("2025-01-15"))  # 15 after Fri 20 Dec
		stage.extension_days = 12  # the Code allows 10 at stage 1
		self.assertRaisesRegex(ExtensionError, "beyond this stage's limit of 10", stage.save)
		stage.beyond_limit_reason = "The customer asked for time to gather documents"
		stage.save()
		self.assertEqual(stage.respond_by, d("2025-01-24"))

	def test_complexity_lengthens_where_the_policy_says(self):
		case = make_feedback(policy="Solihull Council")
		self.assertEqual(case.respond_by, d("2025-01-21"))
		case = record_on_stage(case, complexity="Complex")
		self.assertEqual(case.respond_by, d("2025-02-04"))


class TestEscalation(FeedbackTestCase):
	USERS = {"cf.officer@example.org": ["Feedback User", "Investigating Officer"]}

	def test_escalation_opens_the_next_stage_with_its_own_clock(self):
		case = make_feedback(acknowledged_on="2024-12-20", responded_on="2024-12-31")
		self.assertEqual(case.status, "Open")  # the workflow moves status; dates alone do not
		stage_name = case.escalate("My bins are still not collected", "2025-01-02 09:00:00")
		case.reload()
		self.assertEqual((case.current_stage, case.status, case.acknowledged_on), (2, "Open", None))
		stage = frappe.get_doc("Complaint Stage", stage_name)
		self.assertEqual(
			(stage.stage_number, stage.escalation_reason), (2, "My bins are still not collected")
		)
		# The Code's stage 2: acknowledge within 5 of the request, respond within 20 of that.
		self.assertEqual((stage.acknowledge_by, stage.respond_by), (d("2025-01-09"), d("2025-02-06")))
		self.assertEqual((case.acknowledge_by, case.respond_by), (d("2025-01-09"), d("2025-02-06")))
		self.assertEqual(stage_of(case.name, 1).status, "Closed")

	def test_later_stage_handler_must_not_have_been_involved(self):
		officer = "cf.officer@example.org"
		case = make_feedback()
		first = stage_of(case.name, 1)
		first.handler = officer
		first.save()
		stage = frappe.get_doc("Complaint Stage", case.escalate("Not resolved"))
		stage.handler = officer
		self.assertRaisesRegex(
			StageConflictError, "cf.officer@example.org was involved in stage 1", stage.save
		)
		stage.reload()
		stage.reviewer = officer
		self.assertRaisesRegex(StageConflictError, "Reviewer", stage.save)

	def test_after_the_last_stage_escalation_refers_to_the_external_body(self):
		case = make_feedback()
		case.escalate("Still unhappy")
		case.reload()
		self.assertIsNone(case.escalate("Going to the Ombudsman"))
		case.reload()
		self.assertEqual(
			(case.status, case.referred_to_external_body_on), ("With External Body", d("2025-01-02"))
		)
		self.assertRaisesRegex(EscalationError, "With External Body", case.escalate, "again")

	def test_escalation_of_closed_or_non_complaint_cases_is_refused(self):
		compliment = make_feedback(feedback_type="Compliment")
		self.assertRaisesRegex(
			EscalationError, "only complaints in the formal procedure", compliment.escalate
		)
		closed = make_feedback(
			resolved_at_first_contact=1, first_contact_actions="x", first_contact_outcome="y"
		)
		self.assertRaisesRegex(EscalationError, "is Closed: reopen it", closed.escalate)
		case = make_feedback()
		case.db_set("status", "Closed")
		case.reload()
		self.assertRaisesRegex(EscalationError, "reopen it before escalating", case.escalate)

	def test_a_compensation_claim_stays_at_stage_one(self):
		claim = make_feedback(compensation_claim=1)
		self.assertRaisesRegex(EscalationError, "stays a stage 1 complaint", claim.escalate, "More money")
		self.assertEqual(frappe.db.count("Complaint Stage", {"feedback": claim.name}), 1)

	def test_a_service_request_becomes_a_complaint_and_stays_open(self):
		request = make_feedback(feedback_type="Service Request")
		self.assertEqual(request.current_stage, 0)
		request.convert_to_complaint("Nobody came to fix it")
		request.reload()
		self.assertEqual(
			(request.feedback_type, request.status, request.current_stage), ("Complaint", "Open", 1)
		)
		# Stage 1 starts today (Thu 2 Jan): the Code's 5 is Thu 9 Jan, and 10 after that Thu 23 Jan.
		stage = stage_of(request.name, 1)
		self.assertEqual(stage.started_on.date(), d("2025-01-02"))
		self.assertEqual((request.acknowledge_by, request.respond_by), (d("2025-01-09"), d("2025-01-23")))
		self.assertRaisesRegex(EscalationError, "only an open service request", request.convert_to_complaint)

	def test_refused_escalation_is_recorded_with_its_reason(self):
		case = make_feedback()
		self.assertRaisesRegex(EscalationError, "Reason is empty", case.refuse_escalation, " ")
		case.refuse_escalation("No new information since the stage 1 response")
		stage = stage_of(case.name, 1)
		self.assertEqual(stage.escalation_refusal_reason, "No new information since the stage 1 response")
		self.assertEqual(stage.escalation_refused_on, d("2025-01-02"))


# Each procedure end to end: a complaint received Thu 19 Dec 2024, acknowledged Fri 20 Dec and answered
# Fri 3 Jan; escalated Mon 6 Jan 2025; stage 2 acknowledged Tue 7 Jan and answered Fri 31 Jan; escalated
# Mon 3 Feb; then (three-stage procedures) stage 3 and a last escalation to the external body.
# Working days from Mon 6 Jan: 3 Thu 9, 5 Mon 13, 10 Mon 20, 20 Mon 3 Feb, 25 Mon 10 Feb; from Mon 3 Feb:
# 3 Thu 6, 5 Mon 10, 10 Mon 17 Feb, 25 Mon 10 Mar, 30 Mon 17 Mar. Hand-counted, not computed.
EVERY_STAGE = {
	# policy: [(acknowledge_by, respond_by) of stage 1 once acknowledged, of stage 2 and 3 before it]
	"Complaint Handling Code": [("2024-12-30", "2025-01-08"), ("2025-01-13", "2025-02-10")],
	"Northamptonshire Fire and Rescue Service": [
		("2024-12-30", "2025-01-07"),
		("2025-01-13", "2025-01-20"),
		("2025-02-10", "2025-03-10"),
	],
	"Bedfordshire Fire and Rescue Service": [
		("2025-01-02", "2025-01-07"),
		("2025-01-13", "2025-01-20"),
		("2025-02-10", "2025-02-17"),
	],
	"Solihull Council": [("2024-12-30", "2025-01-21"), ("2025-01-13", "2025-01-20")],
	"Council Customer Feedback Procedure": [("2024-12-30", "2025-01-08"), ("2025-01-13", "2025-02-10")],
	"Devon County Council": [
		("2024-12-24", "2025-01-07"),
		("2025-01-09", "2025-02-10"),
		("2025-02-06", "2025-03-17"),
	],
}
ESCALATED_ON = ["2025-01-06 09:30:00", "2025-02-03 09:30:00", "2025-02-03 10:00:00"]


class TestProceduresEndToEnd(FeedbackTestCase):
	def test_every_procedure_through_every_stage_to_the_external_body(self):
		self.at("2025-02-03 12:00:00")
		for policy, stages in EVERY_STAGE.items():
			with self.subTest(policy=policy):
				case = record_on_stage(
					make_feedback(policy=policy), acknowledged_on="2024-12-20", responded_on="2025-01-03"
				)
				self.assertEqual((case.acknowledge_by, case.respond_by), tuple(map(d, stages[0])))
				self.assertEqual(case.sla_status, "Met")
				for number, expected in enumerate(stages[1:], start=2):
					stage = frappe.get_doc(
						"Complaint Stage", case.escalate("Not satisfied", ESCALATED_ON[number - 2])
					)
					self.assertEqual(
						(stage.stage_number, stage.started_on.date()),
						(number, d(ESCALATED_ON[number - 2][:10])),
					)
					self.assertEqual((stage.acknowledge_by, stage.respond_by), tuple(map(d, expected)))
					case.reload()
					self.assertEqual(
						(case.current_stage, case.acknowledge_by, case.respond_by),
						(number, *map(d, expected)),
					)
					if number == 2:
						record_on_stage(case, acknowledged_on="2025-01-07", responded_on="2025-01-31")
				self.assertIsNone(case.escalate("To the Ombudsman", ESCALATED_ON[len(stages) - 1]))
				case.reload()
				self.assertEqual(case.status, "With External Body")
				self.assertEqual(case.referred_to_external_body_on, d(ESCALATED_ON[len(stages) - 1][:10]))
				self.assertEqual(frappe.db.count("Complaint Stage", {"feedback": case.name}), len(stages))

	def test_northamptonshire_through_three_stages_to_the_ombudsman(self):
		case = make_feedback(policy="Northamptonshire Fire and Rescue Service")
		self.assertEqual((case.acknowledge_by, case.respond_by), (d("2024-12-30"), d("2025-01-07")))
		self.at("2025-01-20 10:00:00")
		record_on_stage(case, acknowledged_on="2024-12-20", responded_on="2025-01-06")
		self.assertEqual(case.sla_status, "Met")
		second = frappe.get_doc("Complaint Stage", case.escalate("Not satisfied", "2025-01-20 09:00:00"))
		self.assertEqual(second.stage_name, "Stage 2: Service Information Manager")
		# Stage 2: acknowledge within 5, investigate within 10 of the request (Mon 20 Jan).
		self.assertEqual((second.acknowledge_by, second.respond_by), (d("2025-01-27"), d("2025-02-03")))
		self.at("2025-02-10 10:00:00")
		record_on_stage(case, acknowledged_on="2025-01-21", responded_on="2025-02-03")
		third = frappe.get_doc("Complaint Stage", case.escalate("Still not satisfied", "2025-02-10 09:00:00"))
		self.assertEqual(third.stage_name, "Stage 3: Office of the Police, Fire and Crime Commissioner")
		# The Code's stage 2 figures: 5 from the request (Mon 10 Feb), then 20 from that.
		self.assertEqual((third.acknowledge_by, third.respond_by), (d("2025-02-17"), d("2025-03-17")))
		case.reload()
		self.assertIsNone(case.escalate("To the Ombudsman"))
		self.assertEqual(frappe.db.get_value("Feedback", case.name, "status"), "With External Body")

	def test_devon_social_care_investigation(self):
		case = make_feedback(policy="Devon County Council", social_care=1)
		self.assertEqual((case.acknowledge_by, case.respond_by), (d("2024-12-24"), d("2025-01-21")))
		stage = frappe.get_doc(
			"Complaint Stage", case.escalate("Not resolved locally", "2024-12-19 10:00:00")
		)
		# 3 and 65 working days from Thu 19 Dec 2024.
		self.assertEqual((stage.acknowledge_by, stage.respond_by), (d("2024-12-24"), d("2025-03-25")))

	def test_bedfordshire_acknowledges_in_seven(self):
		case = make_feedback(policy="Bedfordshire Fire and Rescue Service")
		self.assertEqual((case.acknowledge_by, case.respond_by), (d("2025-01-02"), d("2025-01-07")))
