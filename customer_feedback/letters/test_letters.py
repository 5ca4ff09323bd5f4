"""Letters: each kind for each preset printed to PDF the platform's way and read back with pdftotext, the
wording records (most specific wins, an editor's edit still renders, an edit survives the installer),
Welsh, large print, plain text, escaping, and who may print."""

from __future__ import annotations

import re
import subprocess
import tempfile
from unittest.mock import patch

import frappe

from customer_feedback.exceptions import LetterError
from customer_feedback.letters import LETTERS, clock_target, feedback_letter_html, letters_for, render_letter
from customer_feedback.patches.v0_7 import default_letters
from customer_feedback.setup.letters import DEFAULT_LETTERS, create_default_letters
from customer_feedback.setup.policy_presets import PRESETS
from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import make_feedback, make_policy, record_on_stage, stage_of
from customer_feedback.wording import format_day

RECEIVED_DAY = "2024-12-19 11:00:00"  # Thursday 19 December 2024, an hour after make_feedback's case
HANDLER = "cf-letters-handler@example.org"
OUTSIDER = "cf-letters-outsider@example.org"
LETTER_HEAD = "Testshire Borough Council, Town Hall"
# wkhtmltopdf fetches the print stylesheet from the site's URL. A developer's site name may not resolve
# (only cf-test.localhost is in /etc/hosts); a refused connection is one the platform's get_pdf tolerates.
UNREACHABLE_HOST = "http://127.0.0.1:9"


def pdf_of(doctype: str, name: str, print_format: str) -> bytes:
	with patch.dict(frappe.local.conf, {"host_name": UNREACHABLE_HOST}):
		return frappe.get_print(doctype, name, print_format, as_pdf=True)


def pdftotext(pdf: bytes, *options: str) -> str:
	with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
		file.write(pdf)
		file.flush()
		return subprocess.run(
			["pdftotext", *options, file.name, "-"], capture_output=True, check=True, text=True
		).stdout


def words_of(pdf: bytes) -> str:
	"""The PDF's text on one line: a word broken at a line's end after a hyphen is joined again."""
	return " ".join(re.sub(r"-\n", "-", pdftotext(pdf)).split())


def word_height(pdf: bytes, word: str) -> float:
	"""The height of the first `word` on the PDF's first page (pdftotext's bounding boxes)."""
	for y_min, y_max, text in re.findall(
		r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>',
		pdftotext(pdf, "-bbox", "-f", "1", "-l", "1"),
	):
		if word in text:
			return float(y_max) - float(y_min)
	raise AssertionError(f"{word} is not on the PDF's first page")


def default_wording(letter: str, feedback_type: str | None = None):
	"""The installed English wording for every policy (get_all: its "not set" matches a Select's "")."""
	name = frappe.get_all(
		"Feedback Letter",
		{
			"letter": letter,
			"language": "English",
			"policy": ("is", "not set"),
			"feedback_type": feedback_type or ("is", "not set"),
		},
		pluck="name",
	)[0]
	return frappe.get_doc("Feedback Letter", name)


class LetterTestCase(FeedbackTestCase):
	USERS = {HANDLER: ["Investigating Officer"], OUTSIDER: ["Feedback User"]}

	def setUp(self):
		super().setUp()
		self.at(RECEIVED_DAY)
		frappe.db.set_value(
			"User", HANDLER, {"first_name": "Grace", "last_name": "Hopper", "full_name": "Grace Hopper"}
		)
		frappe.get_doc(
			{
				"doctype": "Letter Head",
				"letter_head_name": "_Test CF Letter Head",
				"source": "HTML",
				"content": f"<p>{LETTER_HEAD}</p>",
				"is_default": 1,
			}
		).insert(ignore_permissions=True)

	def respond(self, case, **values):
		"""Stage's response recorded as staff do: its decision, findings and a remedy."""
		return record_on_stage(
			case,
			responded_on="2024-12-19",
			outcome="Upheld",
			findings="<p>The crew missed your road on each of the three weeks.</p>",
			remedies=[{"remedy_type": "Apology"}, {"remedy_type": "Service provided or changed"}],
			**values,
		)


class TestLettersForEveryPreset(LetterTestCase):
	def test_each_letter_for_each_preset_reads_back_from_its_pdf(self):
		for preset in PRESETS:
			policy = preset["policy_name"]
			with self.subTest(policy=policy):
				self.check_complaint_letters(policy)
				self.check_other_letters(policy)

	def check_complaint_letters(self, policy: str):
		case = make_feedback(policy=policy, compensation_claim=0)
		rules = frappe.get_doc("Feedback Policy", policy).rules()
		stage = stage_of(case.name, 1)
		body = rules.external_body

		text = words_of(pdf_of("Feedback", case.name, "Acknowledgement Letter"))
		self.assertIn(LETTER_HEAD, text, "the site's default Letter Head")
		self.assertIn(f"Our reference: {case.name}", text)
		self.assertIn("Thursday 19 December 2024", text, "received on, and the letter's date")
		self.assertIn(f"by {format_day(stage.respond_by)}", text)
		self.assertIn(f"Stage 1 of {rules.last_stage_number}", text)
		self.assertNotIn("Get PDF", text, "the print view's links are not in the letter")
		if policy == "Complaint Handling Code":  # the named date the Code gives (README)
			self.assertIn("by Tuesday 14 January 2025", text)

		limit = rules.stage(1).max_extension_days
		stage = stage_of(case.name, 1)
		stage.update(
			{
				"extension_days": 5,
				"extension_reason": "we are waiting for the crew's report.",
				"beyond_limit_reason": "" if limit >= 5 else "The crew is on leave.",
			}
		)
		stage.save()
		text = words_of(pdf_of("Complaint Stage", stage.name, "Extension Letter"))
		self.assertIn("5 more working days, because we are waiting for the crew's report.", text)
		self.assertIn(f"response by {format_day(stage.respond_by)}", text)
		self.assertIn(body.name, text)
		self.assertIn(body.phone, text)

		case = self.respond(case)
		text = words_of(pdf_of("Complaint Stage", f"{case.name}-1", "Stage Response Letter"))
		self.assertIn(f"Our reference: {case.name}", text)
		self.assertIn("Our decision: we uphold your complaint.", text)
		self.assertIn("The crew missed your road on each of the three weeks.", text)
		self.assertIn("To put things right: Apology, Service provided or changed.", text)
		self.assertIn(f"you can ask for Stage 2 of {rules.last_stage_number}", text)
		if case.closes_for_no_reply_on:
			self.assertIn(f"Please ask by {format_day(case.closes_for_no_reply_on)}", text)

		case.refuse_escalation("the new crew has collected your bin every week since.")
		text = words_of(pdf_of("Complaint Stage", f"{case.name}-1", "Escalation Refused Letter"))
		self.assertIn("On Thursday 19 December 2024 we decided not to take your complaint", text)
		self.assertIn("the new crew has collected your bin every week since.", text)
		self.assertIn(f"you can ask the {body.name} to look at your complaint", text)

		last = self.at_last_stage(make_feedback(policy=policy), rules.last_stage_number)
		text = words_of(pdf_of("Complaint Stage", last, "Stage Response Letter"))
		self.assertIn(f"Stage {rules.last_stage_number} of {rules.last_stage_number}", text)
		self.assertIn("This is our final response.", text)
		self.assertIn(f"you can ask the {body.name} to look at your complaint", text)
		self.assertIn(body.phone, text)
		self.assertIn(body.website, text)

	def at_last_stage(self, case, last_stage_number: int) -> str:
		"""The case escalated to its policy's last stage and responded there: the last stage's name."""
		while case.current_stage < last_stage_number:
			case = self.respond(case)
			case.escalate("The customer is not satisfied.")
			case.reload()
		self.respond(case)
		return f"{case.name}-{last_stage_number}"

	def check_other_letters(self, policy: str):
		cases = {
			"Refusal to Accept": make_feedback(
				policy=policy, closure_reason="it is about a court's decision."
			),
			"Compensation Claim": make_feedback(policy=policy, compensation_claim=1),
			"Survey Invitation": make_feedback(policy=policy),
			"Compliment Thank-you": make_feedback(policy=policy, feedback_type="Compliment"),
			"Suggestion Outcome": make_feedback(policy=policy, feedback_type="Suggestion", outcome="Upheld"),
			"Delay Notice": make_feedback(policy=policy, feedback_type="Comment"),
		}
		for letter, case in cases.items():
			with self.subTest(policy=policy, letter=letter):
				text = words_of(pdf_of("Feedback", case.name, f"{letter} Letter"))
				self.assertIn(f"Our reference: {case.name}", text)
				self.assertIn("Thursday 19 December 2024", text)
				self.assertIn("Dear Ada Lovelace,", text)
		self.assertIn(
			"because it is about a court's decision.",
			words_of(pdf_of("Feedback", cases["Refusal to Accept"].name, "Refusal to Accept Letter")),
		)
		self.assertIn(
			"passed your claim to our insurance contact",
			words_of(pdf_of("Feedback", cases["Compensation Claim"].name, "Compensation Claim Letter")),
		)


class TestLetterWording(LetterTestCase):
	def test_every_kind_has_its_print_format_on_its_doctype(self):
		for kind in LETTERS:
			with self.subTest(kind.name):
				fmt = frappe.get_doc("Print Format", kind.print_format)
				self.assertEqual(
					(fmt.doc_type, fmt.standard, fmt.module), (kind.doctype, "Yes", "Customer Feedback")
				)
				self.assertIn(f'feedback_letter_html(doc, "{kind.name}")', fmt.html)

	def test_every_kind_has_english_wording_and_acknowledgement_and_response_have_welsh(self):
		english = set(
			frappe.get_all("Feedback Letter", {"language": "English", "disabled": 0}, pluck="letter")
		)
		self.assertEqual(english, {kind.name for kind in LETTERS})
		welsh = set(frappe.get_all("Feedback Letter", {"language": "Welsh"}, pluck="letter"))
		self.assertLessEqual({"Acknowledgement", "Stage Response"}, welsh)

	def test_the_most_specific_enabled_wording_wins(self):
		case = make_feedback()
		self.assertEqual(
			render_letter(case, "Acknowledgement").subject, f"Your complaint: reference {case.name}"
		)
		general = default_wording("Acknowledgement")
		self.assertEqual(
			render_letter(make_feedback(feedback_type="Comment"), "Acknowledgement").wording, general.name
		)
		for_policy = self.wording(policy="Complaint Handling Code", subject="For the Code's cases")
		self.assertEqual(render_letter(case, "Acknowledgement").subject, "For the Code's cases")
		self.wording(policy="Complaint Handling Code", feedback_type="Complaint", subject="Code complaints")
		self.assertEqual(render_letter(case, "Acknowledgement").subject, "Code complaints")
		frappe.db.set_value("Feedback Letter", {"subject": "Code complaints"}, "disabled", 1)
		self.assertEqual(render_letter(case, "Acknowledgement").wording, for_policy.name)
		other = make_feedback(policy=make_policy("_Test CF Letters Other").name)
		self.assertEqual(
			render_letter(other, "Acknowledgement").subject, f"Your complaint: reference {other.name}"
		)

	def wording(self, **values):
		return frappe.get_doc(
			{
				"doctype": "Feedback Letter",
				"letter": "Acknowledgement",
				"language": "English",
				"body": "<p>{{ letter.reference }}</p>",
				**values,
			}
		).insert()

	def test_an_administrators_edit_in_the_desks_editor_still_renders(self):
		general = default_wording("Acknowledgement", "Complaint")
		# As the desk's editor saves what is typed: wrapped, `>` and a double space escaped, a placeholder
		# partly in bold.
		general.body = (
			'<div class="ql-editor read-mode"><p>We have it &amp; thank you. Quote <strong>{{ letter.</strong>'
			"reference }} please.</p><p>{% if letter.extension_days &gt; 0 %}Later.{% else %}"
			"Reply by&nbsp;{{&nbsp;letter.respond_by }}.{% endif %}</p></div>"
		)
		general.save()
		case = make_feedback()
		letter = render_letter(case, "Acknowledgement")
		self.assertIn(f"We have it &amp; thank you. Quote <strong>{case.name}</strong> please.", letter.html)
		self.assertIn(f"Reply by {format_day(case.respond_by)}.", letter.text)

	def test_an_administrators_edit_survives_the_installer_and_the_patch(self):
		general = default_wording("Stage Response")
		general.sign_off = "<p>With best wishes, the Complaints Team</p>"
		general.save()
		before = frappe.db.count("Feedback Letter")
		self.assertEqual(create_default_letters(), 0)
		default_letters.execute()
		self.assertEqual(frappe.db.count("Feedback Letter"), before)
		self.assertEqual(
			frappe.db.get_value("Feedback Letter", general.name, "sign_off"),
			"<p>With best wishes, the Complaints Team</p>",
		)

	def test_the_installer_makes_a_missing_default_once(self):
		frappe.db.delete("Feedback Letter", {"letter": "Delay Notice"})
		self.assertEqual(create_default_letters(), 1)
		self.assertEqual(create_default_letters(), 0)
		self.assertEqual(frappe.db.count("Feedback Letter"), len(DEFAULT_LETTERS))


class TestLetterFacts(LetterTestCase):
	def test_welsh_where_the_policy_offers_it_and_the_customer_prefers_it(self):
		welsh = make_policy("_Test CF Welsh", offers_welsh=1, bank_holidays="Wales")
		case = make_feedback(policy=welsh.name, preferred_language="cy")
		letter = render_letter(case, "Acknowledgement")
		self.assertEqual(letter.language, "Welsh")
		self.assertIn('lang="cy"', letter.html)
		text = words_of(pdf_of("Feedback", case.name, "Acknowledgement Letter"))
		self.assertIn(f"Ein cyfeirnod: {case.name}", text)
		self.assertIn("Annwyl Ada Lovelace,", text)
		self.assertIn(f"erbyn {format_day(case.respond_by, 'Welsh')}", text)
		self.assertRegex(text, r"erbyn dydd \w+ \d+ Ionawr 2025")
		self.assertIn("Cam 1 o 2", text)

		case = self.respond(case)
		text = words_of(pdf_of("Complaint Stage", f"{case.name}-1", "Stage Response Letter"))
		self.assertIn("Ein penderfyniad: rydym yn cadarnhau eich cwyn.", text)
		self.assertIn("i'r cam nesaf (Cam 2 o 2", text)

	def test_english_where_the_policy_does_not_offer_welsh_or_has_no_welsh_wording(self):
		case = make_feedback(preferred_language="cy")
		self.assertEqual(render_letter(case, "Acknowledgement").language, "English")
		welsh = make_policy("_Test CF Welsh", offers_welsh=1)
		case = make_feedback(policy=welsh.name, preferred_language="cy", compensation_claim=1)
		self.assertEqual(render_letter(case, "Compensation Claim").language, "English")
		self.assertEqual(render_letter(case, "Compensation Claim", language="English").language, "English")

	def test_large_print_has_bigger_type_in_the_pdf(self):
		standard = make_feedback()
		large = make_feedback(needs_large_print=1)
		self.assertIn('class="cf-letter cf-large-print"', render_letter(large, "Acknowledgement").html)
		self.assertIn('class="cf-letter"', render_letter(standard, "Acknowledgement").html)
		ratio = word_height(
			pdf_of("Feedback", large.name, "Acknowledgement Letter"), "Lovelace"
		) / word_height(pdf_of("Feedback", standard.name, "Acknowledgement Letter"), "Lovelace")
		self.assertGreater(ratio, 1.3)

	def test_plain_text_for_screen_readers(self):
		case = self.respond(make_feedback())
		text = render_letter(stage_of(case.name, 1), "Stage Response").text
		self.assertNotRegex(text, r"<|&[a-z]+;|\*\*")
		self.assertIn(f"Our reference: {case.name}", text)
		self.assertIn("\n\nOur decision: we uphold your complaint.\n\n", text)

	def test_the_customers_words_are_never_markup(self):
		payload = "<img src=x onerror=alert(1)>"
		# A Contact's name may not hold markup, so the name carries an ampersand instead.
		case = make_feedback(customer_name="Ann & Bob Jones", closure_reason=payload)
		letter = render_letter(case, "Refusal to Accept")
		self.assertNotIn("<img", letter.html)
		self.assertIn("because &lt;img", letter.html, "the platform keeps what remains of it, as text here")
		self.assertIn("Dear Ann &amp; Bob Jones,", letter.html)
		self.assertIn('<p class="cf-letter-to">Ann &amp; Bob Jones</p>', letter.html)

	def test_the_handlers_name_only_where_the_policy_shows_names(self):
		named = make_policy("_Test CF Named", show_handler_name=1)
		for policy, shown in (("Complaint Handling Code", False), (named.name, True)):
			with self.subTest(policy=policy):
				case = record_on_stage(make_feedback(policy=policy), handler=HANDLER)
				text = render_letter(case, "Acknowledgement").text
				self.assertEqual("Grace Hopper" in text, shown)
				self.assertEqual(HANDLER in text, shown)
				if not shown:
					role = frappe.get_doc("Feedback Policy", policy).rules().stage(1).handled_by
					self.assertIn(f"{role} is looking into it", text)

	def test_letters_for_a_case_follow_its_type_stage_and_status(self):
		case = make_feedback()
		self.assertEqual(letters_for(case), ["Acknowledgement", "Refusal to Accept"])
		case = self.respond(case)
		self.assertEqual(letters_for(case), ["Stage Response"])
		self.assertEqual(letters_for(make_feedback(feedback_type="Compliment")), ["Compliment Thank-you"])
		self.assertEqual(
			letters_for(make_feedback(feedback_type="Suggestion")), ["Acknowledgement", "Suggestion Outcome"]
		)
		self.assertIn("Compensation Claim", letters_for(make_feedback(compensation_claim=1)))

	def test_a_late_reply_to_other_feedback_offers_the_delay_notice(self):
		comment = make_feedback(feedback_type="Comment", policy="Council Customer Feedback Procedure")
		self.assertNotIn("Delay Notice", letters_for(comment))
		self.at("2025-02-03 10:00:00")  # a Monday, weeks past the five working days
		comment.save()
		self.assertIn("Delay Notice", letters_for(comment))
		self.assertIn(
			f"reply to your comment by {format_day(comment.respond_by)}, and we are sorry",
			render_letter(comment, "Delay Notice").text,
		)

	def test_sending_a_complaints_acknowledgement_satisfies_its_stage(self):
		case = make_feedback()
		self.assertEqual(
			clock_target(case, "Acknowledgement"), ("Complaint Stage", f"{case.name}-1", "acknowledged_on")
		)
		compliment = make_feedback(feedback_type="Compliment")
		self.assertEqual(
			clock_target(compliment, "Compliment Thank-you"), ("Feedback", compliment.name, "acknowledged_on")
		)
		self.assertIsNone(clock_target(case, "Refusal to Accept"))

	def test_a_stage_letter_for_a_case_without_stages_or_an_unknown_letter_is_refused(self):
		with self.assertRaises(LetterError):
			render_letter(make_feedback(feedback_type="Comment"), "Stage Response")
		with self.assertRaises(LetterError) as refused:
			render_letter(make_feedback(), "<b>Ransom</b>")
		self.assertNotIn("<b>", str(refused.exception))

	def test_a_user_who_may_not_print_the_case_gets_no_letter(self):
		case = make_feedback()
		frappe.set_user(OUTSIDER)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_print("Feedback", case.name, "Acknowledgement Letter")
		with self.assertRaises(frappe.PermissionError):
			feedback_letter_html(case, "Acknowledgement")
