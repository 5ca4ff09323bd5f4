"""The six installed presets against their sources: each figure with the sentence it comes from, and the dates
each gives for a complaint received on Thu 19 Dec 2024.

Sources: /work/shared/seeds/000 (Northamptonshire), 001 (Bedfordshire), 002 (Solihull), 003 (a council's
procedure), 004 (Devon); the Local Government and Social Care Ombudsman's Complaint Handling Code.

Working days in England after Thu 19 Dec 2024 (day 0), worked by hand (25, 26 Dec and 1 Jan are bank
holidays): 1 Fri 20 Dec, 2 Mon 23, 3 Tue 24, 4 Fri 27, 5 Mon 30, 6 Tue 31, 7 Thu 2 Jan, 8 Fri 3, 9 Mon 6,
10 Tue 7, 11 Wed 8, 12 Thu 9, 13 Fri 10, 14 Mon 13, 15 Tue 14, 16 Wed 15, 17 Thu 16, 18 Fri 17, 19 Mon 20,
20 Tue 21, 21 Wed 22, 22 Thu 23, 23 Fri 24, 24 Mon 27, 25 Tue 28, 26 Wed 29, 27 Thu 30, 28 Fri 31 Jan,
29 Mon 3 Feb, 30 Tue 4 Feb; February's 20 weekdays are 29 to 48, so 49 is Mon 3 Mar and 65 Tue 25 Mar.
"""

import frappe
from frappe.tests.utils import FrappeTestCase

from customer_feedback.setup.policy_presets import (
	BEDFORDSHIRE,
	CODE,
	COUNCIL,
	DEVON,
	NORTHAMPTONSHIRE,
	SOLIHULL,
)
from customer_feedback.tests.factories import d

RECEIVED = d("2024-12-19")
OMBUDSMAN = "Local Government and Social Care Ombudsman"


class PresetTestCase(FrappeTestCase):
	def policy(self, name):
		return frappe.get_doc("Feedback Policy", name)

	def stage(self, policy, number):
		(row,) = [row for row in policy.stages if row.stage_number == number]
		return row

	def timescale(self, policy, feedback_type):
		rows = [row for row in policy.timescales if row.feedback_type == feedback_type]
		return rows[0] if rows else None

	def due(self, policy, feedback_type="Complaint", received=RECEIVED, **kwargs):
		deadlines = policy.get_deadlines(feedback_type, received, **kwargs)
		return deadlines.acknowledge_by, deadlines.respond_by

	def assertFigures(self, row, **figures):
		for field, value in figures.items():
			self.assertEqual(row.get(field), value, f"{row.doctype} {row.idx}: {field}")


class TestComplaintHandlingCode(PresetTestCase):
	def test_figures(self):
		code = self.policy(CODE)
		self.assertEqual(len(code.stages), 2)
		self.assertFigures(
			self.stage(code, 1),
			# 6.2 "Complaints should be acknowledged, and logged at stage 1 of the complaints procedure within
			# five working days of the complaint being received."
			acknowledge_days=5,
			# 6.3 "Organisations should provide a full response to stage 1 complaints within 10 working days of
			# the complaint being acknowledged."
			respond_days=10,
			respond_from="Acknowledgement",
			# 6.4 "Any extension should be no more than 10 working days without good reason"
			max_extension_days=10,
			independent_handler=0,
		)
		self.assertTrue(self.stage(code, 1).extension_approver_role)
		self.assertFigures(
			self.stage(code, 2),
			# Stage 2 (paraphrased): acknowledged and logged within five working days of the escalation request
			acknowledge_days=5,
			# Stage 2 (paraphrased): a final response within 20 working days of the complaint being acknowledged
			respond_days=20,
			respond_from="Acknowledgement",
			# Stage 2 (paraphrased): any extension no more than 20 working days without good reason
			max_extension_days=20,
			# Stage 2 (paraphrased): not considered by the person who considered the complaint at stage 1
			independent_handler=1,
		)
		self.assertTrue(self.stage(code, 2).extension_approver_role)
		# After stage 2 the individual may go to the Ombudsman.
		self.assertEqual(code.external_body, OMBUDSMAN)
		# The Code sets no targets for other feedback, no update interval, no closure and no survey.
		self.assertEqual(self.due(code, "Compliment"), (None, None))
		self.assertEqual(
			(code.progress_update_days, code.close_after_no_reply_days, code.survey_weeks_after_closure),
			(0, 0, 0),
		)

	def test_stage_1_dates(self):
		code = self.policy(CODE)
		# Acknowledge by 5: Mon 30 Dec. Not yet acknowledged: 10 from Mon 30 Dec (position 5) is position 15,
		# Tue 14 Jan.
		self.assertEqual(self.due(code, stage=1), (d("2024-12-30"), d("2025-01-14")))
		# Acknowledged on Fri 20 Dec (position 1): 10 later is position 11, Wed 8 Jan.
		self.assertEqual(
			self.due(code, stage=1, acknowledged_on=d("2024-12-20")), (d("2024-12-30"), d("2025-01-08"))
		)
		# The same with the full 10-day extension: position 21, Wed 22 Jan.
		self.assertEqual(
			self.due(code, stage=1, acknowledged_on=d("2024-12-20"), extension_days=10),
			(d("2024-12-30"), d("2025-01-22")),
		)

	def test_stage_2_dates(self):
		code = self.policy(CODE)
		# Escalated Thu 19 Dec: acknowledge by Mon 30 Dec; 20 from then is position 25, Tue 28 Jan.
		self.assertEqual(self.due(code, stage=2), (d("2024-12-30"), d("2025-01-28")))
		# Acknowledged Mon 23 Dec (position 2): position 22, Thu 23 Jan.
		self.assertEqual(
			self.due(code, stage=2, acknowledged_on=d("2024-12-23")), (d("2024-12-30"), d("2025-01-23"))
		)


class TestNorthamptonshire(PresetTestCase):
	def test_figures(self):
		nfrs = self.policy(NORTHAMPTONSHIRE)
		# "Stage 1 ... Stage 2 ... Stage 3 If the complainant is not satisfied at stage 2, it will be then be
		# escalated to the Office of the Police, Fire and Crime Commissioner (OPFCC)."
		self.assertEqual(len(nfrs.stages), 3)
		# "The Investigating Officer must make every effort to: Conclude the investigation within 10 working days"
		self.assertFigures(self.stage(nfrs, 1), respond_days=10, respond_from="Receipt of stage")
		# "Should the matter not be resolved under stage 1, the process will move on to stage 2. The SIT, on
		# behalf of the SIM, will assign an Investigating Officer" (the 10-day aim applies to investigations).
		self.assertFigures(self.stage(nfrs, 2), respond_days=10, independent_handler=1)
		# "Review and keep the complainant informed of progress or reason(s) causing delay (as a minimum, every
		# 10 working days)"
		self.assertEqual(nfrs.progress_update_days, 10)
		# "If no such response is forthcoming within 20 working days then the matter will be deemed as closed"
		self.assertEqual(nfrs.close_after_no_reply_days, 20)
		# "The SIT will contact all persons who have made a complaint within four weeks of its completion"
		# (and "Post complaint | Issued four weeks after the completion of each complaint").
		self.assertEqual(nfrs.survey_weeks_after_closure, 4)
		self.assertEqual(nfrs.survey_sample_percent, 100)
		# "Finally, if the complainant is not satisfied at stage 3, they may take it to the Local Government
		# Ombudsman for further consideration."
		self.assertEqual(nfrs.external_body, OMBUDSMAN)
		# "This may be in the form of: Compliments, Comments or suggestions, Complaints" (no timescales given).
		for feedback_type in ("Compliment", "Comment", "Suggestion"):
			self.assertIsNotNone(self.timescale(nfrs, feedback_type), feedback_type)
			self.assertEqual(self.due(nfrs, feedback_type), (None, None))

	def test_dates(self):
		nfrs = self.policy(NORTHAMPTONSHIRE)
		# Stage 1: acknowledge by 5 (the Code's; the source names letter SL038 only): Mon 30 Dec; conclude
		# within 10 of receipt: Tue 7 Jan.
		self.assertEqual(self.due(nfrs, stage=1), (d("2024-12-30"), d("2025-01-07")))
		# Stage 3 (the Code's stage 2, counted from acknowledgement): Mon 30 Dec, then Tue 28 Jan.
		self.assertEqual(self.due(nfrs, stage=3), (d("2024-12-30"), d("2025-01-28")))


class TestBedfordshire(PresetTestCase):
	def test_figures(self):
		bfrs = self.policy(BEDFORDSHIRE)
		# "There are three stages for handling complaints."
		self.assertEqual(len(bfrs.stages), 3)
		# "All complaints are acknowledged within seven working days."
		self.assertEqual(self.stage(bfrs, 1).acknowledge_days, 7)
		# Step 5: "...resolve the issue within 10 working days and will inform the BSM of the outcome (Stage 1)."
		self.assertFigures(self.stage(bfrs, 1), respond_days=10, respond_from="Receipt of stage")
		# Step 7: "...transfer the investigation to another CMT member ... within a further 10 working days
		# (20 working days in total) ... (Stage 2)"
		self.assertFigures(self.stage(bfrs, 2), respond_days=10, independent_handler=1)
		# Step 9: "The ACO will then have a further 10 working days ... (30 working days in total)."
		self.assertFigures(self.stage(bfrs, 3), respond_days=10, handler_role="Customer Relations Officer")
		# Step 10: "...it will then become the responsibility of the customer to take the matter to the
		# Ombudsman."
		self.assertEqual(bfrs.external_body, OMBUDSMAN)

	def test_dates(self):
		bfrs = self.policy(BEDFORDSHIRE)
		# Stage 1: acknowledge within 7 (Thu 2 Jan), resolve within 10 (Tue 7 Jan).
		self.assertEqual(self.due(bfrs, stage=1), (d("2025-01-02"), d("2025-01-07")))
		# Stage 2 transferred Thu 19 Dec: acknowledge by 5 (the Code's, Mon 30 Dec), a further 10 (Tue 7 Jan).
		self.assertEqual(self.due(bfrs, stage=2), (d("2024-12-30"), d("2025-01-07")))


class TestSolihull(PresetTestCase):
	def test_figures(self):
		smbc = self.policy(SOLIHULL)
		self.assertEqual(len(smbc.stages), 2)
		self.assertFigures(
			self.stage(smbc, 1),
			# "Complaints must be acknowledged within 5 working days from first report."
			acknowledge_days=5,
			# "...a response may take up to a maximum 20 working days from the first day of being reported"
			respond_days=20,
			respond_from="Receipt of stage",
			# "Response within a maximum of 30 working days from the first day of being reported ... This is in
			# agreement with Head of Service and the customer"
			complex_respond_days=30,
		)
		self.assertFigures(
			self.stage(smbc, 2),
			# "A review should take place and a response sent to the customer within ten working days. However
			# where a complaint is more complex ... this can be extended to twenty working days."
			respond_days=10,
			complex_respond_days=20,
			# "If the Head of Service has been involved with the dealing of the complaint at stage one ... a
			# Head of Service from another service area will review the complaint at Stage 2."
			independent_handler=1,
		)
		# "A 'random selection' of customers will receive a satisfaction questionnaire six weeks after their
		# complaint has been concluded."
		self.assertEqual(smbc.survey_weeks_after_closure, 6)
		self.assertTrue(0 < smbc.survey_sample_percent < 100)
		# "...this contact should be recorded on CRM as a 'comment' rather than a 'complaint'."
		self.assertEqual(smbc.anonymous_complaints, "Record as comment")
		# "...they may ask for the complaint to be reviewed by the Local Government Ombudsman (LGO)."
		self.assertEqual(smbc.external_body, OMBUDSMAN)

	def test_dates(self):
		smbc = self.policy(SOLIHULL)
		# Stage 1: acknowledge by 5 (Mon 30 Dec); 20 from first report (Tue 21 Jan); complex 30 (Tue 4 Feb).
		self.assertEqual(self.due(smbc, stage=1), (d("2024-12-30"), d("2025-01-21")))
		self.assertEqual(self.due(smbc, stage=1, complexity="Complex"), (d("2024-12-30"), d("2025-02-04")))
		# Stage 2 requested Thu 19 Dec: 10 (Tue 7 Jan), complex 20 (Tue 21 Jan).
		self.assertEqual(self.due(smbc, stage=2)[1], d("2025-01-07"))
		self.assertEqual(self.due(smbc, stage=2, complexity="Complex")[1], d("2025-01-21"))


class TestCouncilProcedure(PresetTestCase):
	def test_figures(self):
		council = self.policy(COUNCIL)
		# 3.2 "Days refers to working days, this excludes Saturday, Sunday, Christmas Day, Good Friday or a day
		# which is a bank holiday in England and Wales"
		self.assertEqual(council.bank_holidays, "England")
		self.assertEqual(
			[council.get(day) for day in ("monday", "tuesday", "wednesday", "thursday", "friday")], [1] * 5
		)
		self.assertEqual((council.saturday, council.sunday), (0, 0))
		# 6.1 "Compliments will be acknowledged within 5 working days and recorded."
		self.assertFigures(self.timescale(council, "Compliment"), acknowledge_days=5, respond_days=0)
		# 6.2 "A reply in full, where possible, within 5 working days."
		self.assertFigures(self.timescale(council, "Comment"), respond_days=5)
		# 5.1 "...this should be recorded as a 'representation' and those who have made the policy ... informed."
		self.assertIsNotNone(self.timescale(council, "Representation"))
		# 4.1 "Anonymous complaints will be referred to the relevant manager to agree a course of action, if any."
		self.assertEqual(council.anonymous_complaints, "Refer to service manager")
		# The source gives no complaint stages or timescales: the Code's two stages.
		code = self.policy(CODE)
		fields = (
			"acknowledge_days",
			"respond_days",
			"respond_from",
			"max_extension_days",
			"independent_handler",
		)
		self.assertEqual(
			[[row.get(field) for field in fields] for row in council.stages],
			[[row.get(field) for field in fields] for row in code.stages],
		)

	def test_dates(self):
		council = self.policy(COUNCIL)
		# Compliment: acknowledged within 5 (Mon 30 Dec), no reply target.
		self.assertEqual(self.due(council, "Compliment"), (d("2024-12-30"), None))
		# Comment: a full reply within 5 (Mon 30 Dec), no separate acknowledgement.
		self.assertEqual(self.due(council, "Comment"), (None, d("2024-12-30")))
		# Complaint stage 1 (the Code's): Mon 30 Dec, then 10 from acknowledgement: Tue 14 Jan.
		self.assertEqual(self.due(council, stage=1), (d("2024-12-30"), d("2025-01-14")))


class TestDevon(PresetTestCase):
	def test_figures(self):
		devon = self.policy(DEVON)
		# Compliment: "We will record details and acknowledge receipt within 3 working days."
		self.assertFigures(self.timescale(devon, "Compliment"), acknowledge_days=3, respond_days=0)
		# Suggestion: "Record details and acknowledge receipt within 3 working days", "Send a response to the
		# customer within 10 working days (up to 20 working days for a suggestion about the social care of an
		# adult or child)"
		self.assertFigures(
			self.timescale(devon, "Suggestion"),
			acknowledge_days=3,
			respond_days=10,
			social_care_respond_days=20,
		)
		self.assertEqual(len(devon.stages), 3)
		# Stage 1: Local Resolution: "Contact the customer within 3 working days", "Respond to the customer
		# within 10 working days (or a maximum of 20 days for complaints about social care of an adult or a
		# child)"
		self.assertFigures(
			self.stage(devon, 1),
			acknowledge_days=3,
			respond_days=10,
			social_care_respond_days=20,
			independent_handler=0,
		)
		# Stage 2: Service Investigation: "A senior manager, who was not involved at the local resolution
		# stage"; "acknowledge the complaint within 3 working days"; "Respond to the customer within 25 working
		# days (this timeframe can be extended to 65 days for complaints about the social care ...)"
		self.assertFigures(
			self.stage(devon, 2),
			acknowledge_days=3,
			respond_days=25,
			social_care_respond_days=65,
			independent_handler=1,
		)
		# Stage 3: Corporate Review, "independent of the service directorate": "acknowledge the complaint
		# within 3 working days", "Respond to the customer within 30 working days"
		self.assertFigures(self.stage(devon, 3), acknowledge_days=3, respond_days=30, independent_handler=1)
		# "Inform the customer about their right to complain to the Local Government Ombudsman"
		self.assertEqual(devon.external_body, OMBUDSMAN)

	def test_dates(self):
		devon = self.policy(DEVON)
		# Stage 1: 3 (Tue 24 Dec) and 10 (Tue 7 Jan); social care 20 (Tue 21 Jan).
		self.assertEqual(self.due(devon, stage=1), (d("2024-12-24"), d("2025-01-07")))
		self.assertEqual(self.due(devon, stage=1, social_care=True), (d("2024-12-24"), d("2025-01-21")))
		# Stage 2: 3 (Tue 24 Dec) and 25 (Tue 28 Jan); social care 65 (Tue 25 Mar).
		self.assertEqual(self.due(devon, stage=2), (d("2024-12-24"), d("2025-01-28")))
		self.assertEqual(self.due(devon, stage=2, social_care=True), (d("2024-12-24"), d("2025-03-25")))
		# Stage 3: 3 (Tue 24 Dec) and 30 (Tue 4 Feb).
		self.assertEqual(self.due(devon, stage=3), (d("2024-12-24"), d("2025-02-04")))
		# Suggestion: 3 (Tue 24 Dec), 10 (Tue 7 Jan), 20 for social care (Tue 21 Jan).
		self.assertEqual(self.due(devon, "Suggestion"), (d("2024-12-24"), d("2025-01-07")))
		self.assertEqual(self.due(devon, "Suggestion", social_care=True), (d("2024-12-24"), d("2025-01-21")))
		# Compliment: acknowledged within 3 (Tue 24 Dec), nothing to answer.
		self.assertEqual(self.due(devon, "Compliment"), (d("2024-12-24"), None))


class TestPublicWordingPatch(FrappeTestCase):
	"""customer_feedback.patches.v0_2.public_wording_on_presets, for sites installed before the public pages."""

	def tearDown(self):
		frappe.db.rollback()

	def test_fills_what_is_missing_and_keeps_what_an_administrator_set(self):
		from customer_feedback.patches.v0_2 import public_wording_on_presets

		solihull = frappe.get_doc("Feedback Policy", SOLIHULL)
		expected = [row.handled_by for row in solihull.stages]
		solihull.escalation_reason_required = 0
		for row in solihull.stages:
			row.handled_by = None
		solihull.stages[-1].handled_by = "our chief executive"
		solihull.save()

		public_wording_on_presets.execute()

		solihull.reload()
		self.assertTrue(solihull.escalation_reason_required)
		self.assertEqual([row.handled_by for row in solihull.stages], [*expected[:-1], "our chief executive"])
		self.assertTrue(all(expected))
