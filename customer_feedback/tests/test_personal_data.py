"""Personal data (UK GDPR): the platform's download and deletion requests over this app's cases, and the
retention job at frozen, named dates.

People: Sam Subject (SUBJECT) sent case "own" (a complaint: stage 1, a survey, equality answers, a file,
an email, a comment, a version) and represents Rita Other in case "represented"; Olive Other sent case
"other", which nothing here may touch. Retention: 6 years after closing, so on Sat 15 Mar 2025 a case closed
Thu 14 Mar 2019 (6 years and a day before) is past it, one closed Sat 16 Mar 2019 (6 years less a day) is
not."""

import json
import os
from unittest.mock import patch

import frappe
from frappe.utils.file_manager import get_file_path

from customer_feedback import personal_data
from customer_feedback.constants import CLOSED
from customer_feedback.customer_feedback.doctype.equality_monitoring.equality_monitoring import (
	record_equality_answers,
)
from customer_feedback.customer_feedback.doctype.feedback.access_code import issue as issue_access_code
from customer_feedback.exceptions import PolicyConfigurationError
from customer_feedback.overrides.personal_data_deletion_request import CaseDataDeletionRequest
from customer_feedback.overrides.personal_data_download_request import CaseDataDownloadRequest
from customer_feedback.patches.v0_6 import default_retention_years
from customer_feedback.portal.status import forget_failed_tries
from customer_feedback.tests.factories import (
	LiveServerTestCase,
	delete_committed_cases,
	make_feedback,
	make_policy,
	move_case,
	stage_of,
)
from customer_feedback.tests.test_notifications import NotificationTestCase

SUBJECT = "sam.subject@example.org"
OTHER = "olive.other@example.org"
REPRESENTED = "rita.other@example.org"
STAFF = "cf.pd.officer@example.org"
ANSWERS = {"age_band": "45 to 54", "ethnicity": "White", "religion": "Prefer not to say"}


class PersonalDataTestCase(NotificationTestCase):
	"""With an outgoing Email Account: the platform's requests email the person."""

	# The platform disables the person's User only while another enabled System Manager remains.
	USERS = {STAFF: ["Feedback User", "Feedback Coordinator"], "cf.pd.admin@example.org": ["System Manager"]}

	@classmethod
	def setUpClass(cls):
		# The requests need the person's User, as the platform's do; a website user, as the public are.
		for email, first_name in ((SUBJECT, "Sam"), (OTHER, "Olive")):
			if not frappe.db.exists("User", email):
				user = frappe.get_doc(
					{
						"doctype": "User",
						"email": email,
						"first_name": first_name,
						"last_name": "Subject" if email == SUBJECT else "Other",
						"user_type": "Website User",
						"send_welcome_email": 0,
					}
				)
				user.flags.no_welcome_mail = True
				user.insert(ignore_permissions=True)
		frappe.db.commit()
		super().setUpClass()

	def make_cases(self):
		"""The three cases of the module's docstring; returns their names and the own case's file path."""
		self.at("2025-01-06 10:00:00")
		own = make_feedback(
			customer_name="Sam Subject",
			email=SUBJECT,
			phone="01604 000001",
			address="1 High Street, Northampton",
			postcode="NN1 1AA",
			desired_outcome="Sam wants the bins collected.",
			reasonable_adjustments="Sam needs large print.",
			description="Sam Subject's bins were not collected.",
			received_on="2025-01-06 09:00:00",
		)
		own.desired_outcome = "Sam wants the bins collected and an apology."
		# Tests save no Versions unless asked.
		own.save(ignore_version=False)
		stage = stage_of(own.name, 1)
		stage.findings = "Sam Subject's bins were missed three times."
		stage.save(ignore_version=False)
		own.reload()
		own.add_comment("Comment", "Rang Sam Subject back.")
		frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"communication_medium": "Email",
				"sent_or_received": "Received",
				"subject": "My bins",
				"content": "From Sam Subject: still no collection.",
				"sender": SUBJECT,
				"reference_doctype": "Feedback",
				"reference_name": own.name,
			}
		).insert(ignore_permissions=True)
		letter = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "sam-letter.txt",
				"content": b"Dear council, Sam Subject",
				"attached_to_doctype": "Feedback",
				"attached_to_name": own.name,
				"is_private": 1,
			}
		).insert(ignore_permissions=True)
		frappe.get_doc(
			{
				"doctype": "Email Queue",
				"sender": "council@example.org",
				"message": "Dear Sam Subject, we have your complaint.",
				"reference_doctype": "Feedback",
				"reference_name": own.name,
				"recipients": [{"recipient": SUBJECT}],
			}
		).insert(ignore_permissions=True)
		# A comment deleted earlier: its copy in Deleted Documents names the case.
		frappe.delete_doc("Comment", own.add_comment("Comment", "Sam Subject phoned again.").name)
		survey = frappe.get_doc({"doctype": "Feedback Survey", "feedback": own.name}).insert(
			ignore_permissions=True
		)
		frappe.db.set_value(
			"Feedback Survey",
			survey.name,
			{
				"status": "Answered",
				"handling_satisfaction": "Dissatisfied",
				"what_could_be_better": "Sam: call back.",
			},
		)
		equality = record_equality_answers(own.name, ANSWERS)
		represented = make_feedback(
			feedback_type="Compliment",
			customer_name="Rita Other",
			email=REPRESENTED,
			has_representative=1,
			representative_name="Sam Subject",
			representative_relationship="Neighbour",
			representative_email=SUBJECT.upper(),
			customer_consent_confirmed=1,
			description="Sam writes for Rita: the crew were kind.",
			received_on="2025-01-06 09:30:00",
		)
		other = make_feedback(
			customer_name="Olive Other",
			email=OTHER,
			description="Olive's bins were missed.",
			received_on="2025-01-06 09:45:00",
		)
		other.add_comment("Comment", "Rang Olive Other back.")
		return own.name, represented.name, other.name, survey.name, equality, get_file_path(letter.file_url)


class TestExport(PersonalDataTestCase):
	def test_cases_of_finds_the_customer_and_the_representative_whatever_the_case(self):
		own, represented, other, *_ = self.make_cases()
		self.assertEqual(personal_data.cases_of("  Sam.Subject@Example.org "), [own, represented])
		self.assertEqual(personal_data.cases_of(OTHER), [other])
		self.assertEqual(personal_data.cases_of(""), [])

	def test_the_download_request_file_holds_all_of_theirs_and_none_of_the_others(self):
		own, represented, other, survey, equality, _path = self.make_cases()
		self.assertIs(
			type(frappe.get_doc({"doctype": "Personal Data Download Request"})), CaseDataDownloadRequest
		)
		request = frappe.get_doc({"doctype": "Personal Data Download Request", "user": SUBJECT}).insert()
		file = frappe.get_doc(
			"File",
			{"attached_to_doctype": "Personal Data Download Request", "attached_to_name": request.name},
		)
		text = file.get_content()
		text = text.decode() if isinstance(text, bytes) else text
		data = json.loads(text)

		self.assertEqual([case["name"] for case in data["Feedback"]], [own, represented])
		own_case = data["Feedback"][0]
		self.assertEqual(
			(own_case["customer_name"], own_case["phone"], own_case["postcode"]),
			("Sam Subject", "01604 000001", "NN1 1AA"),
		)
		self.assertEqual(own_case["desired_outcome"], "Sam wants the bins collected and an apology.")
		self.assertEqual(data["Feedback"][1]["representative_name"], "Sam Subject")
		self.assertEqual(
			[(row["feedback"], row["stage_number"]) for row in data["Complaint Stage"]], [(own, 1)]
		)
		self.assertEqual(
			[(row["name"], row["what_could_be_better"]) for row in data["Feedback Survey"]],
			[(survey, "Sam: call back.")],
		)
		self.assertEqual(
			[(row["name"], row["feedback"], row["ethnicity"]) for row in data["Equality Monitoring"]],
			[(equality, own, "White")],
		)
		# The staff side of a case is not what the customer gave or may see.
		for hidden in ("access_code_hash", "staff_member_concerned", "recorded_by", "safeguarding", "owner"):
			self.assertNotIn(hidden, own_case)
		self.assertNotIn("findings", data["Complaint Stage"][0])
		# Nothing of Olive's.
		self.assertNotIn(other, text)
		self.assertNotIn("Olive", text)
		self.assertNotIn(OTHER, text)

	def test_someone_with_no_case_gets_no_case_records(self):
		self.make_cases()
		self.assertEqual(personal_data.export_for("nobody@example.org"), {})
		self.assertEqual(
			json.loads(personal_data.with_case_records('{"Feedback": [1]}', "nobody@example.org")), {}
		)


class TestDeletion(PersonalDataTestCase):
	def delete_data_of(self, email: str):
		request = frappe.get_doc({"doctype": "Personal Data Deletion Request", "email": email}).insert()
		self.assertIsInstance(request, CaseDataDeletionRequest)
		request.db_set("status", "Pending Approval")
		request.trigger_data_deletion()
		return request

	def traces(self, doctype: str, name: str) -> dict[str, int]:
		return {
			"Comment": frappe.db.count(
				"Comment", {"reference_doctype": doctype, "reference_name": name, "comment_type": "Comment"}
			),
			"Communication": frappe.db.count(
				"Communication", {"reference_doctype": doctype, "reference_name": name}
			),
			"File": frappe.db.count("File", {"attached_to_doctype": doctype, "attached_to_name": name}),
			"Version": frappe.db.count("Version", {"ref_doctype": doctype, "docname": name}),
			"Email Queue": frappe.db.count(
				"Email Queue", {"reference_doctype": doctype, "reference_name": name}
			),
			"Deleted Document": frappe.db.count("Deleted Document", {"data": ["like", f'%"{name}"%']}),
		}

	def test_the_deletion_request_anonymises_their_cases_and_leaves_the_others(self):
		own, represented, other, survey, equality, letter_path = self.make_cases()
		before = frappe.db.get_value(
			"Feedback",
			own,
			[
				"feedback_type",
				"received_on",
				"status",
				"policy",
				"current_stage",
				"acknowledge_by",
				"respond_by",
			],
			as_dict=True,
		)
		stage_before = frappe.db.get_value(
			"Complaint Stage", {"feedback": own}, ["name", "stage_number", "respond_by"], as_dict=True
		)
		# What the deletion must remove is there to start with, or the test could not fail.
		self.assertTrue(all(self.traces("Feedback", own).values()), self.traces("Feedback", own))
		self.assertTrue(self.traces("Complaint Stage", stage_before.name)["Version"])
		self.assertTrue(os.path.exists(letter_path))
		other_before = frappe.get_doc("Feedback", other).as_dict()

		self.delete_data_of(SUBJECT)

		case = frappe.get_doc("Feedback", own)
		for field in ("customer_name", "email", "phone", "address", "postcode", "contact"):
			self.assertFalse(case.get(field), field)
		for field in ("desired_outcome", "reasonable_adjustments"):
			self.assertFalse(case.get(field), field)
		self.assertNotIn("Sam", case.description)
		self.assertTrue(case.personal_data_removed_on)
		self.assertEqual(
			{field: case.get(field) for field in before}, before, "the figures reports count are kept"
		)
		stage = frappe.get_doc("Complaint Stage", stage_before.name)
		self.assertEqual((stage.stage_number, stage.respond_by), (1, stage_before.respond_by))
		self.assertFalse(stage.findings)
		self.assertEqual(
			{key: 0 for key in self.traces("Feedback", own)},
			self.traces("Feedback", own),
			"traces of the case",
		)
		self.assertEqual(self.traces("Complaint Stage", stage.name)["Version"], 0)
		self.assertFalse(os.path.exists(letter_path), "the file on disk")
		self.assertFalse(frappe.db.exists("Contact", {"first_name": "Sam", "last_name": "Subject"}))
		self.assertEqual(
			frappe.db.get_value(
				"Feedback Survey", survey, ["email", "what_could_be_better", "handling_satisfaction"]
			),
			(None, None, "Dissatisfied"),
		)
		# Equality answers stay as figures, tied to no case.
		self.assertEqual(
			frappe.db.get_value("Equality Monitoring", equality, ["feedback", "ethnicity"]), (None, "White")
		)
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_name": own,
					"comment_type": "Info",
					"content": ["like", "Personal data removed%"],
				},
			),
			"staff see why the case is empty",
		)

		# The case Sam made for Rita stays Rita's; only Sam's details go.
		rita = frappe.get_doc("Feedback", represented)
		self.assertEqual((rita.customer_name, rita.email), ("Rita Other", REPRESENTED))
		self.assertEqual(
			(rita.has_representative, rita.representative_name, rita.representative_email), (0, None, None)
		)
		self.assertFalse(rita.personal_data_removed_on)

		olive = frappe.get_doc("Feedback", other).as_dict()
		self.assertEqual(
			{key: olive[key] for key in ("customer_name", "email", "description", "modified")},
			{key: other_before[key] for key in ("customer_name", "email", "description", "modified")},
		)
		self.assertEqual(self.traces("Feedback", other)["Comment"], 1)

	def test_an_anonymised_case_can_still_be_worked_and_is_not_anonymised_twice(self):
		own, *_ = self.make_cases()
		# Sent from the public form while signed in: the case is owned by the customer's own account.
		frappe.db.set_value("Feedback", own, "owner", SUBJECT, update_modified=False)
		self.assertTrue(personal_data.anonymise_case(own, "test"))
		self.assertEqual(frappe.db.get_value("Feedback", own, "owner"), "Guest")
		removed_on = frappe.db.get_value("Feedback", own, "personal_data_removed_on")
		self.assertFalse(personal_data.anonymise_case(own, "test again"))
		self.assertEqual(frappe.db.get_value("Feedback", own, "personal_data_removed_on"), removed_on)
		frappe.set_user(STAFF)
		case = frappe.get_doc("Feedback", own)
		case.outcome = "Upheld"
		case.save()  # no customer to check, and no Contact made for nobody
		self.assertFalse(case.contact)
		self.assertEqual(frappe.db.count("Contact", {"first_name": ["in", ["", None]]}), 0)

	def test_a_representative_unticked_later_still_loses_their_details(self):
		_own, represented, *_ = self.make_cases()
		frappe.db.set_value("Feedback", represented, "has_representative", 0)
		self.assertEqual(personal_data.anonymise_cases_of(SUBJECT, "test"), 2)
		self.assertEqual(
			frappe.db.get_value("Feedback", represented, ["representative_email", "customer_name"]),
			(None, "Rita Other"),
		)


class TestRetention(PersonalDataTestCase):
	def closed_case(self, closed_on: str, policy: str, **values):
		"""A compliment received and closed on `closed_on` (YYYY-MM-DD) under `policy`."""
		self.at(f"{closed_on} 12:00:00")
		case = make_feedback(
			feedback_type="Compliment", policy=policy, received_on=f"{closed_on} 09:00:00", **values
		)
		move_case(case, CLOSED)
		self.assertEqual(str(case.closed_on), closed_on)
		return case.name

	def test_cases_closed_longer_ago_than_the_policy_keeps_them_are_anonymised_and_counted(self):
		six = make_policy("_Test CF Six Years").name  # the default: 6 years after closing
		self.assertEqual(frappe.db.get_value("Feedback Policy", six, "retention_years"), 6)
		for_ever = make_policy("_Test CF For Ever", retention_years=0).name
		past = self.closed_case("2019-03-13", six)
		day_before = self.closed_case("2019-03-14", six)
		within = self.closed_case("2019-03-16", six)
		kept_for_ever = self.closed_case("2000-01-04", for_ever)
		self.at("2019-03-20 12:00:00")
		still_open = make_feedback(
			feedback_type="Compliment", policy=six, received_on="2019-03-18 09:00:00"
		).name

		self.at("2025-03-15 02:00:00")
		with self.assertLogs(frappe.logger("customer_feedback"), "INFO") as logs:
			self.assertEqual(personal_data.anonymise_expired_cases(commit=False), 2)
		self.assertIn("2 cases anonymised", logs.output[0])
		removed = set(
			frappe.get_all(
				"Feedback",
				filters={
					"name": ["in", [past, day_before, within, kept_for_ever, still_open]],
					"personal_data_removed_on": ["is", "set"],
				},
				pluck="name",
			)
		)
		# 6 years and 2 days, 6 years and a day: past; 6 years less a day, 0 years (for ever), open: kept.
		self.assertEqual(removed, {past, day_before})
		self.assertEqual(
			frappe.db.get_value("Feedback", past, ["customer_name", "feedback_type", "status", "closed_on"]),
			(None, "Compliment", CLOSED, frappe.utils.getdate("2019-03-13")),
		)
		self.assertEqual(frappe.db.get_value("Feedback", within, "customer_name"), "Ada Lovelace")
		# The next day's run has nothing left to do for them.
		self.assertEqual(personal_data.anonymise_expired_cases(commit=False), 0)

	def test_the_job_commits_in_batches(self):
		six = make_policy("_Test CF Six Years").name
		for day in ("2019-03-11", "2019-03-12", "2019-03-13"):
			self.closed_case(day, six)
		self.at("2025-03-15 02:00:00")
		with (
			patch.object(personal_data, "RETENTION_BATCH_SIZE", 2),
			patch.object(frappe.db, "commit") as commit,
		):
			self.assertEqual(personal_data.anonymise_expired_cases(), 3)
		self.assertEqual(commit.call_count, 2, "after the second case, and at the end")

	def test_the_patch_gives_policies_saved_before_the_field_the_default(self):
		policy = make_policy("_Test CF Before v0.6").name
		frappe.db.set_value("Feedback Policy", policy, "retention_years", 0)  # the new column's start
		default_retention_years.execute()
		self.assertEqual(frappe.db.get_value("Feedback Policy", policy, "retention_years"), 6)

	def test_a_negative_retention_is_refused_naming_the_field(self):
		with self.assertRaisesRegex(PolicyConfigurationError, "Keep Personal Data For is -1 years: give"):
			make_policy("_Test CF Negative", retention_years=-1)


class TestEqualityNames(PersonalDataTestCase):
	def test_an_equality_record_is_not_named_after_its_case_and_is_found_by_it(self):
		case = make_feedback()
		name = record_equality_answers(case.name, {"sex": "Female"})
		self.assertNotEqual(name, case.name)
		self.assertNotIn(case.name, name)
		self.assertEqual(record_equality_answers(case.name, {"age_band": "25 to 34"}), name, "one per case")
		self.assertEqual(
			frappe.db.get_value("Equality Monitoring", name, ["feedback", "sex", "age_band"]),
			(case.name, "Female", "25 to 34"),
		)


class TestAnonymisedCaseOverHTTP(LiveServerTestCase):
	"""The status look-up with an anonymised case's old reference and access code finds nothing: the code's
	hash went with the customer's details. Committed, for the server's own connection, and cleaned up."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		case = make_feedback(customer_name="Sam Subject", email=SUBJECT, description="<p>Sam's secret</p>")
		cls.case = case.name
		cls.code = issue_access_code(case)
		frappe.db.commit()
		cls.addClassCleanup(cls.clean_up)

	@classmethod
	def clean_up(cls):
		frappe.db.rollback()
		delete_committed_cases([cls.case])
		frappe.db.commit()

	def look_up(self):
		forget_failed_tries()
		return self.request(
			"POST",
			"/api/method/customer_feedback.portal.status.look_up",
			json={"reference": self.case, "access_code": self.code},
		)

	def test_the_old_access_code_no_longer_opens_the_case(self):
		self.assertEqual(self.look_up().status_code, 200, "the code opens the case before")
		personal_data.anonymise_case(self.case, "test")
		frappe.db.commit()
		response = self.look_up()
		self.assertEqual(response.status_code, 404, response.text)
		self.assertNotIn(self.case, response.text)
