"""The satisfaction survey: who is sent one and when, the emailed one-time link, and the one answer it takes,
through the API method and the page over real HTTP.

Dates: complaints closed Fri 31 Jan 2025 under a policy surveying 4 weeks after closure are due on
Fri 28 Feb 2025, and are still caught up until Fri 14 Mar (CATCH_UP_DAYS, 14, after the day), not on
Sat 15 Mar."""

import email
import email.header
import re
from unittest.mock import patch

import frappe

from customer_feedback.customer_feedback.doctype.equality_monitoring.equality_monitoring import (
	EQUALITY_QUESTIONS,
)
from customer_feedback.customer_feedback.doctype.feedback_survey.feedback_survey import hash_token
from customer_feedback.exceptions import (
	SurveyAlreadyAnsweredError,
	SurveyAnswerError,
	SurveyNotFoundError,
)
from customer_feedback.portal import survey
from customer_feedback.tests.factories import (
	LiveServerTestCase,
	d,
	make_feedback,
	make_policy,
	reset_db,
	server_messages,
)
from customer_feedback.tests.test_notifications import (
	NotificationTestCase,
	forget_cached_notifications,
	queued_emails,
)

CLOSED_ON = "2025-01-31"
DAY_BEFORE, DUE_DAY = "2025-02-27 09:00:00", "2025-02-28 09:00:00"
LAST_CATCH_UP_DAY, TOO_LATE = "2025-03-14 09:00:00", "2025-03-15 09:00:00"
ALL = "_Test CF Survey All"
HALF = "_Test CF Survey Half"
LIVE_EMAIL = "cf.survey.live@example.org"
LINK = re.compile(r"/feedback/survey\?token=([0-9a-f]{64})")


def closed_complaint(policy: str = ALL, closed_on: str = CLOSED_ON, **overrides) -> str:
	"""A complaint received Mon 6 Jan 2025 and closed on `closed_on`. Closed by writing the two columns the
	survey reads, so the test does not depend on the route a case takes to closure."""
	case = make_feedback(policy=policy, received_on="2025-01-06 10:00:00", **overrides)
	frappe.db.set_value(
		"Feedback", case.name, {"status": "Closed", "closed_on": closed_on}, update_modified=False
	)
	return case.name


def surveyed(*cases: str) -> dict[str, str]:
	"""{case: email} of the given cases' surveys."""
	return dict(
		frappe.get_all(
			"Feedback Survey", filters={"feedback": ("in", cases)}, fields=["feedback", "email"], as_list=True
		)
	)


def queued_html(survey_name: str) -> list[str]:
	return [queued.html for queued in queued_emails("Feedback Survey", survey_name)]


def queued_subjects(survey_name: str) -> list[str]:
	return [queued.subject for queued in queued_emails("Feedback Survey", survey_name)]


def emailed_token(survey_name: str) -> str:
	"""The token in the invitation queued for the survey (the only place the plain token is kept)."""
	(body,) = queued_html(survey_name)
	return LINK.search(body).group(1)


class SurveyTestCase(NotificationTestCase):
	def setUp(self):
		super().setUp()
		self.at("2025-01-06 11:00:00")
		make_policy(ALL, survey_weeks_after_closure=4, survey_sample_percent=100)
		make_policy(HALF, survey_weeks_after_closure=4, survey_sample_percent=50)

	def send(self, when: str) -> int:
		self.at(when)
		return survey.send_surveys(commit=False)


class TestSendingSurveys(SurveyTestCase):
	def test_runs_daily(self):
		self.assertIn(
			"customer_feedback.portal.survey.send_surveys", frappe.get_hooks("scheduler_events")["daily_long"]
		)

	def test_every_closed_complaint_is_surveyed_on_the_policys_day_not_before(self):
		case = closed_complaint()
		self.send(DAY_BEFORE)
		self.assertEqual(surveyed(case), {})

		self.send(DUE_DAY)
		self.assertEqual(surveyed(case), {case: "ada.lovelace@example.org"})
		record = frappe.get_doc("Feedback Survey", {"feedback": case})
		self.assertEqual((record.status, record.sent_on, record.policy), ("Sent", d("2025-02-28"), ALL))
		self.assertFalse(record.handling_satisfaction)

	def test_running_again_sends_no_second_survey(self):
		case = closed_complaint()
		self.send(DUE_DAY)
		self.send(DUE_DAY)
		self.send("2025-03-01 09:00:00")
		self.assertEqual(frappe.db.count("Feedback Survey", {"feedback": case}), 1)
		name = frappe.db.get_value("Feedback Survey", {"feedback": case})
		self.assertEqual(
			frappe.db.count("Email Queue", {"reference_doctype": "Feedback Survey", "reference_name": name}),
			1,
		)

	def test_a_missed_day_is_caught_up_but_old_cases_are_not_mailed(self):
		in_time = closed_complaint()
		too_old = closed_complaint(closed_on="2025-01-30", email="grace@example.org")
		self.send(LAST_CATCH_UP_DAY)
		self.assertEqual(list(surveyed(in_time, too_old)), [in_time])

	def test_switching_the_survey_on_does_not_mail_old_cases(self):
		case = closed_complaint()
		self.send(TOO_LATE)
		self.assertEqual(surveyed(case), {})

	def test_no_survey_without_a_share_or_weeks_or_when_disabled(self):
		make_policy("_Test CF Survey None", survey_weeks_after_closure=4, survey_sample_percent=0)
		make_policy("_Test CF Survey Off", survey_weeks_after_closure=0, survey_sample_percent=100)
		make_policy(
			"_Test CF Survey Disabled", survey_weeks_after_closure=4, survey_sample_percent=100, disabled=1
		)
		cases = [
			closed_complaint(policy)
			for policy in ("_Test CF Survey None", "_Test CF Survey Off", "_Test CF Survey Disabled")
		]
		for day in (DUE_DAY, "2025-03-07 09:00:00"):
			self.send(day)
		self.assertEqual(surveyed(*cases), {})

	def test_only_closed_complaints_with_someone_to_ask(self):
		anonymous = closed_complaint(is_anonymous=1, customer_name=None, email=None)
		no_email = closed_complaint(email=None, phone="+44 20 7946 0000")
		compliment = closed_complaint(feedback_type="Compliment")
		still_open = make_feedback(policy=ALL, received_on="2025-01-06 10:00:00").name
		by_representative = closed_complaint(
			email=None,
			phone="+44 20 7946 0001",
			has_representative=1,
			representative_name="Charles Babbage",
			representative_email="charles@example.org",
			customer_consent_confirmed=1,
		)
		both = closed_complaint(
			has_representative=1,
			representative_name="Charles Babbage",
			representative_email="charles@example.org",
			customer_consent_confirmed=1,
		)
		self.send(DUE_DAY)
		self.assertEqual(
			surveyed(anonymous, no_email, compliment, still_open, by_representative, both),
			{by_representative: "charles@example.org", both: "ada.lovelace@example.org"},
		)

	def test_a_share_picks_the_same_cases_on_every_run(self):
		cases = [closed_complaint(HALF, email=f"customer{n}@example.org") for n in range(16)]
		expected = {case for case in cases if survey.in_sample(case, 50)}
		self.send(DUE_DAY)
		self.assertEqual(set(surveyed(*cases)), expected)
		self.send("2025-03-03 09:00:00")  # still in the window: nothing more
		self.assertEqual(set(surveyed(*cases)), expected)
		self.assertEqual(frappe.db.count("Feedback Survey", {"feedback": ("in", cases)}), len(expected))

	def test_nothing_is_created_while_no_invitation_can_go(self):
		case = closed_complaint()
		frappe.db.set_value("Notification", "Feedback Survey Invitation", "enabled", 0)
		forget_cached_notifications()
		self.send(DUE_DAY)
		self.assertEqual(surveyed(case), {})
		# Switched back on within the window: the case is surveyed then.
		frappe.db.set_value("Notification", "Feedback Survey Invitation", "enabled", 1)
		forget_cached_notifications()
		self.send("2025-03-04 09:00:00")
		self.assertEqual(list(surveyed(case)), [case])


class TestSample(SurveyTestCase):
	def test_in_or_out_for_good_and_the_share_holds(self):
		names = [f"FB-2025-{n:05d}" for n in range(4000)]
		quarter = [name for name in names if survey.in_sample(name, 25)]
		self.assertEqual(quarter, [name for name in names if survey.in_sample(name, 25)])
		# 4,000 cases at 25%: 1,000 expected, a standard deviation of 27; 850 to 1,150 is over 5 of them.
		self.assertTrue(850 <= len(quarter) <= 1150, len(quarter))
		# Raising the share keeps everyone already in.
		half = {name for name in names if survey.in_sample(name, 50)}
		self.assertLess(set(quarter), half)
		self.assertTrue(all(survey.in_sample(name, 100) for name in names[:50]))
		self.assertFalse(any(survey.in_sample(name, 0) for name in names[:50]))

	def test_the_sample_depends_on_the_sites_secret(self):
		names = [f"FB-2025-{n:05d}" for n in range(200)]
		ours = [survey.in_sample(name, 50) for name in names]
		with patch.object(survey, "get_encryption_key", return_value="another site's key"):
			theirs = [survey.in_sample(name, 50) for name in names]
		self.assertNotEqual(ours, theirs)


class TestInvitation(SurveyTestCase):
	def test_the_invitation_emails_a_link_that_opens_the_survey(self):
		case = closed_complaint()
		self.send(DUE_DAY)
		name = frappe.db.get_value("Feedback Survey", {"feedback": case})
		queued = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Feedback Survey", "reference_name": name},
			fields=["name", "message"],
		)
		self.assertEqual(len(queued), 1)
		self.assertEqual(
			frappe.get_all("Email Queue Recipient", filters={"parent": queued[0].name}, pluck="recipient"),
			["ada.lovelace@example.org"],
		)
		(body,) = queued_html(name)
		self.assertIn(f"your complaint {case}", body)
		self.assertIn('href="http', body)
		token = emailed_token(name)
		# Only the token's hash is kept on the survey: the stored value opens nothing.
		stored = frappe.db.get_value("Feedback Survey", name, "token")
		self.assertEqual(stored, hash_token(token))
		self.assertNotIn(token, str(frappe.get_doc("Feedback Survey", name).as_dict()))
		self.assertEqual(survey.get_survey_by_token(token).name, name)
		self.assertRaises(SurveyNotFoundError, survey.get_survey_by_token, stored)

	def test_the_invitation_is_a_notification_administrators_edit(self):
		record = frappe.get_doc("Notification", "Feedback Survey Invitation")
		self.assertEqual(
			(record.module, record.is_standard, record.enabled, record.event, record.document_type),
			("Customer Feedback", 0, 1, "Custom", "Feedback Survey"),
		)
		self.assertEqual([row.receiver_by_document_field for row in record.recipients], ["email"])
		record.subject = "Your views on {{ doc.feedback }}, please"
		record.save()
		forget_cached_notifications()
		case = closed_complaint()
		self.send(DUE_DAY)
		name = frappe.db.get_value("Feedback Survey", {"feedback": case})
		self.assertEqual(queued_subjects(name), [f"Your views on {case}, please"])

	def test_the_link_is_not_copied_to_the_timeline_that_coordinators_read(self):
		case = closed_complaint()
		self.send(DUE_DAY)
		name = frappe.db.get_value("Feedback Survey", {"feedback": case})
		token = emailed_token(name)
		self.assertFalse(frappe.db.exists("Communication", {"reference_name": ("in", (name, case))}))
		comments = frappe.get_all(
			"Comment", {"reference_doctype": "Feedback Survey", "reference_name": name}, pluck="content"
		)
		self.assertEqual(comments, ["Feedback Survey Invitation sent to ada.lovelace@example.org."])
		for doctype in ("Communication", "Comment", "Version"):
			for row in frappe.get_all(doctype, fields=["*"], limit=0):
				self.assertNotIn(token, frappe.as_json(row), doctype)


class TestAnswering(SurveyTestCase):
	def setUp(self):
		super().setUp()
		self.case = closed_complaint()
		self.send(DUE_DAY)
		self.survey_name = frappe.db.get_value("Feedback Survey", {"feedback": self.case})
		self.token = emailed_token(self.survey_name)
		self.at("2025-03-03 14:30:00")

	def test_answers_are_kept_and_equality_answers_go_apart_from_the_survey(self):
		result = survey.answer_survey(
			self.token,
			handling_satisfaction="Dissatisfied",
			what_could_be_better="  Tell me sooner who is dealing with it.  ",
			age_band="35 to 44",
			ethnicity="Prefer not to say",
			cmd="customer_feedback.portal.survey.answer_survey",  # as the API passes it: ignored
		)
		self.assertEqual(result["status"], "Answered")
		record = frappe.get_doc("Feedback Survey", self.survey_name)
		self.assertEqual(
			(record.status, record.handling_satisfaction, record.what_could_be_better),
			("Answered", "Dissatisfied", "Tell me sooner who is dealing with it."),
		)
		self.assertEqual(str(record.answered_on), "2025-03-03 14:30:00.250000")
		equality = frappe.get_doc("Equality Monitoring", {"feedback": self.case})
		self.assertEqual((equality.age_band, equality.ethnicity), ("35 to 44", "Prefer not to say"))
		self.assertFalse(equality.sex)
		survey_fields = {df.fieldname for df in frappe.get_meta("Feedback Survey").fields}
		self.assertFalse(survey_fields & set(EQUALITY_QUESTIONS))

	def test_no_equality_answers_make_no_equality_record(self):
		survey.answer_survey(self.token, handling_satisfaction="Very satisfied")
		self.assertFalse(frappe.db.exists("Equality Monitoring", {"feedback": self.case}))

	def test_a_second_answer_is_refused_and_the_first_kept(self):
		survey.answer_survey(self.token, handling_satisfaction="Satisfied")
		self.assertRaisesRegex(
			SurveyAlreadyAnsweredError,
			"already been answered",
			survey.answer_survey,
			self.token,
			handling_satisfaction="Very dissatisfied",
		)
		self.assertEqual(
			frappe.db.get_value("Feedback Survey", self.survey_name, "handling_satisfaction"), "Satisfied"
		)

	def test_an_unknown_link_is_refused(self):
		for token in ("0" * 64, "", self.token[:-1]):
			with self.subTest(token=token):
				self.assertRaisesRegex(
					SurveyNotFoundError,
					"cannot find a survey for this link",
					survey.answer_survey,
					token,
					handling_satisfaction="Satisfied",
				)

	def test_answers_that_cannot_be_kept_are_refused_naming_the_question(self):
		cases = (
			({}, "How satisfied are you: choose how satisfied"),
			({"handling_satisfaction": "Ecstatic"}, "How satisfied are you: choose one of the answers"),
			(
				{"handling_satisfaction": "Satisfied", "what_could_be_better": "x" * 5001},
				"What could we have done better: use 5,000 characters or fewer \\(you used 5,001\\)",
			),
			({"handling_satisfaction": "Satisfied", "age_band": "Ancient"}, "Age: choose one of the answers"),
		)
		for answers, message in cases:
			with self.subTest(answers=list(answers)):
				self.assertRaisesRegex(
					SurveyAnswerError, message, survey.answer_survey, self.token, **answers
				)
		self.assertEqual(frappe.db.get_value("Feedback Survey", self.survey_name, "status"), "Sent")
		self.assertFalse(frappe.db.exists("Equality Monitoring", {"feedback": self.case}))


class TestSurveyOverHTTP(LiveServerTestCase):
	"""The page and the API as the public meets them. The server's requests use their own connection, so
	the case and its survey are committed here and deleted, committed, when the class ends."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.addClassCleanup(cls.delete_records)
		make_policy(
			ALL,
			survey_weeks_after_closure=4,
			survey_sample_percent=100,
			external_body="Local Government and Social Care Ombudsman",
			external_body_website="https://www.lgo.org.uk",
		)
		# A case and survey per use, so no test depends on another's answer: {use: (case, token)}.
		cls.surveys = {}
		for use in ("shown", "posted", "answered", "rate_limited"):
			case = make_feedback(policy=ALL, email=LIVE_EMAIL).name
			record = frappe.get_doc({"doctype": "Feedback Survey", "feedback": case})
			# No Email Account here, so no invitation goes: the link is read from the document.
			record.insert()
			cls.surveys[use] = (case, LINK.search(record.survey_url).group(1))
		survey.answer_survey(cls.surveys["answered"][1], handling_satisfaction="Satisfied")
		frappe.db.commit()
		cls.case = cls.surveys["shown"][0]

	@classmethod
	def delete_records(cls):
		frappe.db.rollback()
		for case, _token in getattr(cls, "surveys", {}).values():
			for doctype in ("Feedback Survey", "Equality Monitoring", "Complaint Stage"):
				frappe.db.delete(doctype, {"feedback": case})
			frappe.db.delete("Feedback", {"name": case})
		frappe.db.delete("Feedback Policy Stage", {"parent": ALL})
		frappe.db.delete("Feedback Policy", {"name": ALL})
		for contact in frappe.get_all("Contact Email", filters={"email_id": LIVE_EMAIL}, pluck="parent"):
			frappe.delete_doc("Contact", contact, force=True, ignore_permissions=True)
		frappe.db.commit()

	def status_of(self, use: str, fields="status"):
		"""What the server's requests committed (a fresh transaction, not this connection's snapshot)."""
		frappe.db.rollback()
		return frappe.db.get_value("Feedback Survey", {"feedback": self.surveys[use][0]}, fields)

	def setUp(self):
		# The rate limit's count outlives a run: start each test with none from this address.
		frappe.cache.delete_value(f"rl:{survey.ANSWER_METHOD}:127.0.0.1")

	def tearDown(self):
		reset_db()

	def assertInPage(self, text: str, html: str):
		# Not assertIn: a failure would print the whole page.
		self.assertTrue(text in html, f"{text!r} is not in the page")

	def assertNotInPage(self, text: str, html: str):
		self.assertFalse(text in html, f"{text!r} is in the page")

	def page(self, link_token: str | None, method: str = "GET", **data):
		return self.request(
			method,
			"/feedback/survey",
			params={"token": link_token} if link_token is not None else None,
			data=data or None,
			headers={"Accept": "text/html"},
		)

	def test_guest_cannot_read_surveys_through_the_api(self):
		for path in ("/api/resource/Feedback Survey", f"/api/resource/Feedback Survey/{self.case}"):
			with self.subTest(path=path):
				response = self.request("GET", path)
				self.assertEqual(response.status_code, 403, response.text)
				self.assertNotInPage(self.case, response.text)

	def test_the_page_shows_the_questions_and_how_to_complain(self):
		case, token = self.surveys["shown"]
		response = self.page(token)
		self.assertEqual(response.status_code, 200, response.text[:500])
		html = response.text
		for element_id in (
			"survey-form",
			"handling_satisfaction-very-satisfied",
			"handling_satisfaction-very-dissatisfied",
			"what_could_be_better",
			"equality-section",
			"age_band-prefer-not-to-say",
			"sexual_orientation-fieldset",
			"survey-submit",
			"complain-link",
		):
			self.assertInPage(f'id="{element_id}"', html)
		self.assertInPage(case, html)
		self.assertInPage('href="/feedback"', html)
		self.assertInPage("Local Government and Social Care Ombudsman", html)
		# The equality choices are the Equality Monitoring DocType's, in its order.
		options = frappe.get_meta("Equality Monitoring").get_field("religion").options.split("\n")[1:]
		start = html.index('id="religion-fieldset"')
		positions = [html.index(f'value="{option}"', start) for option in options]
		self.assertEqual(positions, sorted(positions))

	def test_an_unknown_link_says_so(self):
		for token in ("not-a-token", None):
			with self.subTest(token=token):
				response = self.page(token)
				self.assertEqual(response.status_code, 404)
				self.assertInPage('id="survey-not-found"', response.text)
				self.assertNotInPage('id="survey-form"', response.text)

	def test_an_answered_link_says_so_kindly(self):
		response = self.page(self.surveys["answered"][1])
		self.assertEqual(response.status_code, 200)
		self.assertInPage('id="survey-answered"', response.text)
		self.assertInPage("already been answered", response.text)
		self.assertNotInPage('id="survey-form"', response.text)

	def test_posting_the_page_shows_errors_then_thanks_then_answered(self):
		case, token = self.surveys["posted"]
		response = self.page(
			token, "POST", token=token, what_could_be_better="<b>Faster</b>", age_band="Ancient"
		)
		self.assertEqual(response.status_code, 200)
		html = response.text
		self.assertInPage('id="error-summary"', html)
		self.assertInPage('href="#handling_satisfaction-very-satisfied"', html)
		self.assertInPage('id="handling_satisfaction-error"', html)
		self.assertInPage('href="#age_band-16-to-24"', html)
		self.assertInPage("<title>Error:", html)
		# What they typed is kept, and escaped.
		self.assertInPage("&lt;b&gt;Faster&lt;/b&gt;</textarea>", html)
		self.assertEqual(self.status_of("posted"), "Sent")

		response = self.page(token, "POST", token=token, handling_satisfaction="Very satisfied", sex="Female")
		self.assertEqual(response.status_code, 200)
		self.assertInPage('id="survey-thanks"', response.text)
		self.assertEqual(
			self.status_of("posted", ["status", "handling_satisfaction"]), ("Answered", "Very satisfied")
		)
		self.assertEqual(frappe.db.get_value("Equality Monitoring", {"feedback": case}, "sex"), "Female")

		response = self.page(token, "POST", token=token, handling_satisfaction="Dissatisfied")
		self.assertInPage('id="survey-answered"', response.text)
		self.assertEqual(self.status_of("posted", "handling_satisfaction"), "Very satisfied")

	def test_the_api_method_refuses_a_second_answer_and_an_unknown_link(self):
		path = f"/api/method/{survey.ANSWER_METHOD}"
		response = self.request(
			"POST",
			path,
			data={"token": self.surveys["answered"][1], "handling_satisfaction": "Satisfied"},
		)
		self.assertEqual(response.status_code, 409, response.text)
		self.assertIn("already been answered", " ".join(server_messages(response)))
		response = self.request("POST", path, data={"token": "0" * 64, "handling_satisfaction": "Satisfied"})
		self.assertEqual(response.status_code, 404, response.text)
		self.assertIn("cannot find a survey", " ".join(server_messages(response)))

	def test_answers_are_rate_limited_per_address(self):
		key = frappe.cache.make_key(f"rl:{survey.ANSWER_METHOD}:127.0.0.1")
		frappe.cache.setex(key, 60, survey.ANSWER_LIMIT)
		token = self.surveys["rate_limited"][1]
		response = self.request(
			"POST",
			f"/api/method/{survey.ANSWER_METHOD}",
			data={"token": token, "handling_satisfaction": "Satisfied"},
		)
		self.assertEqual(response.status_code, 429, response.text)
		response = self.page(token, "POST", token=token, handling_satisfaction="Satisfied")
		self.assertEqual(response.status_code, 429)
		self.assertInPage('id="survey-rate-limited"', response.text)
		self.assertEqual(self.status_of("rate_limited"), "Sent")
