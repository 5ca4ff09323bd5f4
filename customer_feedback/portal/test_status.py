"""The status look-up, the customer's request for the next stage and My feedback, called in process at frozen
dates (FeedbackTestCase). England; a complaint received Thu 19 Dec 2024 under the Code: acknowledge by Mon
30 Dec; respond 10 working days after acknowledgement (Fri 20 Dec: Wed 8 Jan; not acknowledged: Tue 14 Jan)."""

import frappe

from customer_feedback.access_codes import FAILURES_PER_REFERENCE_PER_DAY
from customer_feedback.api import issue_access_code as issue_access_code_as_staff
from customer_feedback.customer_feedback.doctype.feedback.access_code import issue as issue_access_code
from customer_feedback.exceptions import (
	AccessCodeRefusedError,
	EscalationError,
	EscalationReasonRequiredError,
	LookupInputError,
	LookupRefusedError,
	TooManyLookupsError,
)
from customer_feedback.portal.status import (
	forget_failed_tries,
	look_up,
	my_cases,
	public_view,
	request_next_stage,
	request_next_stage_as_owner,
)
from customer_feedback.setup.policy_presets import PRESETS, SOLIHULL
from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import (
	make_feedback,
	make_policy,
	move_case,
	record_on_stage,
	stage_of,
	stage_row,
)

EMAIL = "ada.lovelace@example.org"
POSTCODE = "SW1A 1AA"
CUSTOMER = "cf-status-customer@example.org"
STRANGER = "cf-status-stranger@example.org"
HANDLER = "cf-status-handler@example.org"
PUBLIC_KEYS = {
	"reference",
	"feedback_type",
	"received_on",
	"status",
	"stage",
	"handled_by",
	"next_date_label",
	"next_date",
	"next_step",
	"can_escalate",
	"next_stage",
	"next_stage_number",
	"escalation_reason_required",
	"escalation_unavailable",
	"external_body",
	"is_closed",
}


class StatusTestCase(FeedbackTestCase):
	USERS = {CUSTOMER: [], STRANGER: [], HANDLER: ["Feedback User", "Investigating Officer"]}

	def setUp(self):
		super().setUp()
		forget_failed_tries()

	def case(self, **overrides):
		"""A case with an access code, held on the document as the receipt has it."""
		case = make_feedback(**{"postcode": POSTCODE, **overrides})
		issue_access_code(case)
		return case

	def responded(self, **overrides):
		case = record_on_stage(
			self.case(acknowledged_on="2024-12-20", **overrides), responded_on="2025-01-02"
		)
		move_case(case, "Responded")
		return case

	def assertRefused(self, reference, code):
		with self.assertRaises(LookupRefusedError) as caught:
			look_up(reference, code)
		return str(caught.exception)


class TestLookUp(StatusTestCase):
	def test_the_code_opens_its_case_however_it_and_the_reference_are_typed(self):
		case = self.case()
		typed = case.access_code.lower().replace("-", " ")
		self.assertRegex(case.access_code, r"^[A-Z2-9]{5}-[A-Z2-9]{5}$")
		self.assertEqual(look_up(f" {case.name.lower()} ", typed)["reference"], case.name)

	def test_wrong_code_missing_case_case_without_a_code_and_anonymous_case_get_one_refusal(self):
		case, other = self.case(), self.case()
		never_given = make_feedback(postcode=POSTCODE)
		anonymous = make_feedback(is_anonymous=1, customer_name=None, email=None)
		issue_access_code(anonymous)
		answers = {
			self.assertRefused(case.name, "ABCDE-FGHJK"),
			self.assertRefused(case.name, other.access_code),
			self.assertRefused("FB-1999-99999", case.access_code),
			self.assertRefused(never_given.name, case.access_code),
			self.assertRefused(anonymous.name, anonymous.access_code),
			# What the look-up asked for before access codes opens nothing now.
			self.assertRefused(case.name, EMAIL),
			self.assertRefused(case.name, POSTCODE),
		}
		self.assertEqual(len(answers), 1, answers)
		self.assertIn("cannot find feedback with that reference and access code", answers.pop())

	def test_a_blank_reference_or_code_is_named(self):
		case = self.case()
		self.assertRaisesRegex(LookupInputError, "Access code is empty", look_up, case.name, " ")
		self.assertRaisesRegex(LookupInputError, "Reference is empty", look_up, " ", case.access_code)

	def test_five_wrong_codes_shut_the_reference_for_the_day_even_to_its_right_code(self):
		self.at("2024-12-20 09:00:00")
		case, other = self.case(), self.case()
		for _ in range(FAILURES_PER_REFERENCE_PER_DAY):
			self.assertRefused(case.name, "ABCDE-FGHJK")
		with self.assertRaisesRegex(TooManyLookupsError, "entered wrongly 5 times today"):
			look_up(case.name, case.access_code)
		self.assertEqual(look_up(other.name, other.access_code)["reference"], other.name)
		self.at("2024-12-21 00:01:00")  # the next day, in the site's time zone
		self.assertEqual(look_up(case.name, case.access_code)["reference"], case.name)

	def test_a_code_issued_by_staff_replaces_the_old_one_and_says_so_on_the_timeline(self):
		case = self.case()
		old_code = case.access_code
		new_code = issue_access_code_as_staff(case.name)["access_code"]
		self.assertNotEqual(new_code, old_code)
		self.assertRefused(case.name, old_code)
		self.assertEqual(look_up(case.name, new_code)["reference"], case.name)
		self.assertTrue(
			frappe.db.exists(
				"Comment", {"reference_name": case.name, "content": ("like", "%issued a new access code%")}
			)
		)
		stored = frappe.db.get_value("Feedback", case.name, "access_code_hash")
		self.assertNotIn(new_code.replace("-", ""), stored)
		anonymous = make_feedback(is_anonymous=1, customer_name=None, email=None)
		self.assertRaises(AccessCodeRefusedError, issue_access_code_as_staff, anonymous.name)

	def test_the_view_shows_public_words_and_nothing_internal(self):
		self.at("2024-12-20 09:00:00")
		case = self.case(safeguarding=1, staff_conduct=1, customer_name="Ada Lovelace")
		view = look_up(case.name, case.access_code)
		self.assertEqual(set(view), PUBLIC_KEYS)
		self.assertEqual(view["feedback_type"], "Complaint")
		self.assertEqual(view["received_on"], "Thursday 19 December 2024")
		self.assertEqual(view["status"], "Received")
		self.assertEqual(view["stage"], "Stage 1 of 2")
		self.assertEqual(view["handled_by"], "an officer in the service your complaint is about")
		self.assertEqual(
			(view["next_date_label"], view["next_date"]),
			("We will acknowledge it by", "Monday 30 December 2024"),
		)
		self.assertIn("We aim to respond by Tuesday 14 January 2025", view["next_step"])
		self.assertFalse(view["can_escalate"])
		self.assertIsNone(view["external_body"])
		text = frappe.as_json(view)
		for private in ("Ada", EMAIL, POSTCODE, "bin was not collected"):
			self.assertNotIn(private, text)
		self.at("2025-01-02 11:00:00")  # a date passed is owned up to, not promised
		view = look_up(case.name, case.access_code)
		self.assertEqual(view["next_date_label"], "We should have acknowledged it by")
		self.assertNotIn("We will contact you by", view["next_step"])

	def test_acknowledged_shows_the_respond_by_date(self):
		case = self.case(acknowledged_on="2024-12-20")
		view = public_view(case)
		self.assertEqual(view["status"], "Being looked into")
		self.assertEqual(
			(view["next_date_label"], view["next_date"]), ("We will respond by", "Wednesday 8 January 2025")
		)

	def test_stage_names_are_not_repeated_and_the_handler_is_a_role(self):
		case = self.case(policy="Northamptonshire Fire and Rescue Service")
		view = public_view(case)
		self.assertEqual(view["stage"], "Stage 1 of 3: department manager")
		self.assertEqual(
			view["handled_by"], "an investigating officer for the manager of the department concerned"
		)

	def test_the_handlers_name_only_where_the_policy_shows_it(self):
		handler = frappe.get_doc("User", HANDLER)
		handler.update({"first_name": "Priya", "last_name": "Shah"})
		handler.save()
		for show in (0, 1):
			policy = make_policy(
				f"_Test CF Status {show}",
				show_handler_name=show,
				stages=[stage_row(1, handled_by="a service manager"), stage_row(2)],
			)
			case = self.case(policy=policy.name)
			stage = stage_of(case.name, 1)
			stage.handler = HANDLER
			stage.save()
			handled_by = public_view(case)["handled_by"]
			self.assertEqual(handled_by, "Priya Shah (a service manager)" if show else "a service manager")

	def test_other_types_have_no_stage(self):
		self.at("2024-12-20 09:00:00")
		view = public_view(self.case(feedback_type="Compliment", policy="Devon County Council"))
		self.assertIsNone(view["stage"])
		self.assertEqual(
			(view["next_date_label"], view["next_date"]),
			("We will acknowledge it by", "Tuesday 24 December 2024"),
		)
		self.assertEqual(view["handled_by"], "our customer feedback team")
		self.assertIsNone(view["escalation_unavailable"])


class TestRequestingTheNextStage(StatusTestCase):
	def ask(self, case, reason="You did not answer my second point.", code=None):
		frappe.set_user("Guest")  # the status page's caller has no permission on the case
		try:
			return request_next_stage(case.name, code or case.access_code, reason)
		finally:
			frappe.set_user("Administrator")

	def test_after_a_response_the_guest_opens_the_next_stage_as_staff_escalation_does(self):
		case = self.responded()
		answer = self.ask(case)
		case.reload()
		self.assertEqual((case.current_stage, case.status), (2, "Open"))
		stage = stage_of(case.name, 2)
		self.assertEqual(stage.escalation_reason, "You did not answer my second point.")
		self.assertEqual(str(stage.started_on)[:10], "2025-01-02")
		self.assertEqual(stage_of(case.name, 1).status, "Closed")
		# The Code's stage 2 from Thu 2 Jan: acknowledge by Thu 9 Jan, respond 20 after that, Thu 6 Feb.
		self.assertEqual(answer["case"]["stage"], "Stage 2 of 2")
		self.assertEqual(
			(answer["acknowledge_by"], answer["respond_by"]),
			("Thursday 9 January 2025", "Thursday 6 February 2025"),
		)
		self.assertIn("We will contact you by Thursday 9 January 2025", answer["message"])
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_name": case.name,
					"content": ("like", "%customer asked for stage 2 through the status page%"),
				},
			)
		)

	def test_before_a_response_is_due_the_customer_is_told_when_they_will_hear(self):
		case = self.case(acknowledged_on="2024-12-20")
		self.assertIn("once we have sent our stage 1 response", public_view(case)["escalation_unavailable"])
		with self.assertRaisesRegex(EscalationError, "We will respond by Wednesday 8 January 2025"):
			self.ask(case)
		self.assertEqual(frappe.db.get_value("Feedback", case.name, "current_stage"), 1)
		self.assertFalse(frappe.db.exists("Complaint Stage", {"feedback": case.name, "stage_number": 2}))

	def test_once_the_respond_by_date_has_passed_without_a_response_they_may_ask(self):
		case = self.case(acknowledged_on="2024-12-20")  # respond by Wed 8 Jan
		self.at("2025-01-08 16:00:00")
		self.assertFalse(public_view(case)["can_escalate"])
		self.at("2025-01-09 09:00:00")
		view = public_view(case)
		self.assertTrue(view["can_escalate"])
		self.assertIn("We should have responded by Wednesday 8 January 2025", view["next_step"])
		self.assertEqual(
			(view["next_date_label"], view["next_date"]),
			("We should have responded by", "Wednesday 8 January 2025"),
		)
		self.assertEqual(self.ask(case)["case"]["stage"], "Stage 2 of 2")

	def test_a_wrong_code_changes_nothing(self):
		case = self.responded()
		self.assertRaises(LookupRefusedError, self.ask, case, code="ABCDE-FGHJK")
		self.assertEqual(frappe.db.get_value("Feedback", case.name, "current_stage"), 1)

	def test_after_the_last_stage_no_button_but_the_external_body(self):
		case = self.responded()
		self.ask(case)
		case = record_on_stage(case, acknowledged_on="2025-01-02", responded_on="2025-01-02")
		move_case(case, "Responded")
		view = public_view(case)
		self.assertFalse(view["can_escalate"])
		self.assertIsNone(view["escalation_unavailable"])
		self.assertEqual(view["external_body"]["name"], "Local Government and Social Care Ombudsman")
		self.assertEqual(view["external_body"]["phone"], "0300 061 0614")
		self.assertIn("last stage of our procedure", view["next_step"])
		self.assertRaisesRegex(EscalationError, "Stage 2 is the last stage", self.ask, case)

	def test_reason_required_where_the_policy_says(self):
		case = self.responded(policy=SOLIHULL)
		self.assertTrue(public_view(case)["escalation_reason_required"])
		self.assertRaisesRegex(
			EscalationReasonRequiredError, "Why you are not satisfied is empty", self.ask, case, " "
		)
		self.assertRaisesRegex(EscalationReasonRequiredError, "up to 3,000", self.ask, case, "x" * 3001)
		self.assertEqual(frappe.db.get_value("Feedback", case.name, "current_stage"), 1)
		self.assertEqual(
			self.ask(case, "Points not answered")["case"]["stage"], "Stage 2 of 2: Head of Service review"
		)

	def test_reason_optional_elsewhere(self):
		case = self.responded()
		self.assertEqual(self.ask(case, "")["case"]["stage"], "Stage 2 of 2")
		self.assertIsNone(stage_of(case.name, 2).escalation_reason)

	def test_claims_closed_cases_other_types_and_refusals_are_explained(self):
		claim = self.responded(compensation_claim=1)
		self.assertRaisesRegex(EscalationError, "claim for compensation", self.ask, claim)
		closed = self.responded()
		move_case(closed, "Closed")
		self.assertRaisesRegex(
			EscalationError, "is closed. If you are not satisfied, contact us", self.ask, closed
		)
		self.assertIn("contact us and quote", public_view(closed)["next_step"])
		comment = self.case(feedback_type="Comment")
		self.assertRaisesRegex(EscalationError, "Only complaints", self.ask, comment)
		refused = self.responded()
		refused.refuse_escalation("No new information since our response.")
		self.assertRaisesRegex(
			EscalationError,
			"decided not to take your complaint to the next stage: No new information",
			self.ask,
			refused,
		)


class TestMyFeedback(StatusTestCase):
	def test_my_cases_are_those_carrying_my_email_not_those_i_own(self):
		owned = self.case(email=None, phone="+44 20 7946 0000")
		frappe.db.set_value("Feedback", owned.name, "owner", CUSTOMER)
		recorded = self.case(email=CUSTOMER.upper())
		represented = self.case(
			has_representative=1,
			representative_name="Rep",
			representative_email=CUSTOMER,
			customer_consent_confirmed=1,
		)
		others = self.case()
		mine = {view["reference"] for view in my_cases(CUSTOMER)}
		self.assertEqual(mine, {recorded.name, represented.name})
		self.assertNotIn(others.name, {view["reference"] for view in my_cases(STRANGER)})
		self.assertEqual(my_cases("Guest"), [])
		# Staff (a desk user) are never served as a customer, even with their email on a case.
		self.case(email=HANDLER)
		self.assertEqual(my_cases(HANDLER), [])

	def test_the_owner_asks_for_the_next_stage_and_nobody_else_can(self):
		case = self.responded(email=CUSTOMER)
		frappe.set_user(STRANGER)
		self.assertRaises(LookupRefusedError, request_next_stage_as_owner, case.name, "Not me")
		self.assertEqual(frappe.db.get_value("Feedback", case.name, "current_stage"), 1)
		frappe.set_user(CUSTOMER)
		answer = request_next_stage_as_owner(case.name, "Not answered")
		frappe.set_user("Administrator")
		self.assertEqual(answer["case"]["stage"], "Stage 2 of 2")
		self.assertEqual(frappe.db.get_value("Feedback", case.name, "current_stage"), 2)


class TestPresetsForThePublic(StatusTestCase):
	def test_every_preset_stage_says_who_handles_it_and_only_solihull_needs_a_reason(self):
		for preset in PRESETS:
			for row in preset["stages"]:
				self.assertTrue(row["handled_by"], (preset["policy_name"], row["stage_number"]))
			self.assertEqual(preset["escalation_reason_required"], int(preset["policy_name"] == SOLIHULL))
			self.assertEqual(preset["show_handler_name"], 0)
		installed = frappe.get_doc("Feedback Policy", SOLIHULL)
		self.assertTrue(installed.escalation_reason_required)
		self.assertEqual(installed.stages[1].handled_by, "a Head of Service who was not involved at stage 1")
