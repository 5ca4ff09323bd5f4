"""Letters: every moment of a case answered in writing, filled in from the case.

The API the rest of the app (and the Send letter action) builds on:

- `LETTERS`: the kinds of letter, each a `LetterKind` saying which DocType it is printed from (its Print
  Format's DocType), its Print Format, and the clock field that sending it satisfies (or None).
- `render_letter(doc, letter, language=None, context=None)`: the filled-in letter for a case (Feedback) or a
  complaint stage, as `frappe._dict(subject, html, text, language, letter, wording)`: `html` for email and
  print, `text` the same letter as plain text (for screen readers and the email's text part).
- `letters_for(doc)`: the kinds that make sense for this case now (its type, stage and status).
- `clock_target(doc, letter)`: the document and field that sending this letter satisfies.

Wording lives in Feedback Letter records that administrators edit in the desk (subject, greeting,
paragraphs, sign-off, with Jinja placeholders such as {{ letter.reference }}); the facts come from the case
and its policy here. Imports point down: this module reads the DocTypes and the shared words
(customer_feedback.wording), never the portal.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass

import frappe
from frappe import _
from frappe.utils import cint, cstr, escape_html, getdate, nowdate
from frappe.utils.html_utils import sanitize_html
from markupsafe import Markup

from customer_feedback.answer_rules import letter_needs
from customer_feedback.constants import (
	CLOSED,
	COMPLAINT,
	COMPLIMENT,
	DUE_SOON,
	OPEN,
	OVERDUE,
	WITH_EXTERNAL_BODY,
)
from customer_feedback.customer_feedback.doctype.feedback_policy.feedback_policy import get_policy
from customer_feedback.exceptions import LetterError, rule_message
from customer_feedback.wording import format_day, stage_text

FEEDBACK, STAGE = "Feedback", "Complaint Stage"
# A third DocType letters print from: its addressee and facts come from its module (read when used).
RESTRICTION = "Contact Restriction"
ENGLISH, WELSH = "English", "Welsh"
LANGUAGES = (ENGLISH, WELSH)
# A case's Preferred Language (a Link to the platform's Language) that means Welsh: the code made on install.
WELSH_LANGUAGE_CODES = ("cy",)


@dataclass(frozen=True, slots=True)
class LetterKind:
	name: str
	doctype: str  # printed from: the Print Format's DocType
	satisfies: str | None  # the clock field sending it sets: on the stage for a complaint, else the case
	about: str
	# The case's fields the letter tells the customer: sending it is refused while one is empty.
	needs: tuple[str, ...] = ()

	@property
	def print_format(self) -> str:
		return f"{self.name} Letter"


LETTERS: tuple[LetterKind, ...] = (
	LetterKind("Acknowledgement", FEEDBACK, "acknowledged_on", "we have it, its reference and dates"),
	LetterKind("Extension", STAGE, "customer_told_of_extension_on", "a stage's new date and why"),
	LetterKind(
		"Delay Notice",
		FEEDBACK,
		"customer_told_of_delay_on",
		"feedback other than a complaint is late: why, and when they will hear",
		needs=("delay_reason", "expected_response_on"),
	),
	LetterKind("Stage Response", STAGE, "responded_on", "decision, reasons, remedies, next step"),
	LetterKind("Refusal to Accept", FEEDBACK, None, "why we will not take it on, and the external body"),
	LetterKind("Escalation Refused", STAGE, None, "why the next stage is refused, and the external body"),
	LetterKind("Compensation Claim", FEEDBACK, None, "the claim is passed to the insurance contact"),
	LetterKind("Compliment Thank-you", FEEDBACK, "acknowledged_on", "thanks, passed to the staff"),
	LetterKind(
		"Suggestion Outcome",
		FEEDBACK,
		"responded_on",
		"what we decided about a suggestion, and why",
		needs=("suggestion_outcome",),
	),
	LetterKind("Survey Invitation", FEEDBACK, None, "asks how we handled it"),
	LetterKind(
		RESTRICTION, RESTRICTION, "customer_told_on", "what is restricted, how long, how to challenge"
	),
)
LETTER_NAMES = tuple(kind.name for kind in LETTERS)

# What letters say that no administrator words: each letter's language. Placeholders are str.format's.
WORDS = {
	ENGLISH: {
		"reference": "Our reference",
		"stage": "Stage {0} of {1}",
		"default_handler": "a member of our staff",
		"service": "the {0} service",
		"team": "our customer feedback team",
		"customer": "Sir or Madam",
		"outcomes": {
			"Upheld": "we uphold your complaint",
			"Partly upheld": "we partly uphold your complaint",
			"Not upheld": "we do not uphold your complaint",
			"Withdrawn": "your complaint was withdrawn",
			"Resolved at first contact": "your complaint was resolved when you first contacted us",
		},
		"suggestion_outcomes": {
			"We will implement it": "we will put your suggestion into practice",
			"We will look into it": "we will look into your suggestion further",
			"We are unable to implement it": "we are unable to put your suggestion into practice",
		},
		"next_stage": "If you are not satisfied with our response, you can ask for {0}: reply to this letter or contact us, quoting {1}, and tell us why you are not satisfied.",
		"ask_by": "Please ask by {0}: if we do not hear from you by then, we will close your complaint.",
		"external": "This is our final response. If you are still not satisfied, you can ask {0} to look at your complaint. They are independent of us and free to use.",
		"final": "This is our final response.",
		"website": "Website: {0}",
		"phone": "Telephone: {0}",
		"email": "Email: {0}",
		"post": "Post: {0}",
	},
	WELSH: {
		"reference": "Ein cyfeirnod",
		"stage": "Cam {0} o {1}",
		"default_handler": "aelod o'n staff",
		"service": "gwasanaeth {0}",
		"team": "ein tîm adborth cwsmeriaid",
		"customer": "Syr neu Fadam",
		"outcomes": {
			"Upheld": "rydym yn cadarnhau eich cwyn",
			"Partly upheld": "rydym yn cadarnhau eich cwyn yn rhannol",
			"Not upheld": "nid ydym yn cadarnhau eich cwyn",
			"Withdrawn": "tynnwyd eich cwyn yn ôl",
			"Resolved at first contact": "datryswyd eich cwyn pan gysylltoch â ni gyntaf",
		},
		"suggestion_outcomes": {
			"We will implement it": "byddwn yn rhoi eich awgrym ar waith",
			"We will look into it": "byddwn yn ystyried eich awgrym ymhellach",
			"We are unable to implement it": "nid ydym yn gallu rhoi eich awgrym ar waith",
		},
		"next_stage": "Os nad ydych yn fodlon â'n hymateb, gallwch ofyn i ni symud eich cwyn i'r cam nesaf ({0}): atebwch y llythyr hwn neu cysylltwch â ni gan nodi {1}, a dywedwch wrthym pam nad ydych yn fodlon.",
		"ask_by": "Gofynnwch erbyn {0}: os na fyddwn wedi clywed gennych erbyn hynny, byddwn yn cau eich cwyn.",
		"external": "Dyma ein hymateb terfynol. Os ydych yn dal yn anfodlon, gallwch ofyn i {0} edrych ar eich cwyn. Mae'n annibynnol arnom ac mae am ddim.",
		"final": "Dyma ein hymateb terfynol.",
		"website": "Gwefan: {0}",
		"phone": "Ffôn: {0}",
		"email": "E-bost: {0}",
		"post": "Post: {0}",
	},
}

# Debian's wkhtmltopdf (unpatched Qt) ignores print media, so the print view's Print / Get PDF links would
# show in the PDF: hidden here, for letters only.
LETTER_CSS = """
.action-banner.print-hide { display: none; }
.cf-letter, .cf-letter p, .cf-letter li { font-size: 12pt; line-height: 1.5; }
.cf-letter p { margin: 0 0 0.8em; }
.cf-letter .cf-letter-to { margin-bottom: 1.5em; }
.cf-letter h2 { font-size: 14pt; margin: 1em 0; }
.cf-letter.cf-large-print, .cf-letter.cf-large-print p, .cf-letter.cf-large-print li {
	font-size: 18pt; line-height: 1.8;
}
.cf-letter.cf-large-print h2 { font-size: 22pt; }
.cf-letter.cf-large-print p { margin-bottom: 1em; }
"""


# -- the API ---------------------------------------------------------------------------------------------


def letter_kind(letter: str) -> LetterKind:
	kind = next((kind for kind in LETTERS if kind.name == letter), None)
	if not kind:
		frappe.throw(
			_("There is no letter called {0}: choose one of {1}.").format(
				escape_html(cstr(letter)), ", ".join(LETTER_NAMES)
			),
			LetterError,
		)
	return kind


def render_letter(doc, letter: str, *, language: str | None = None, context: dict | None = None):
	"""The filled-in letter `letter` for `doc`, a case or one of its complaint stages (a stage's letter asked
	of a case is about its current stage). `language` (English or Welsh) overrides the case's own choice;
	where no wording is in that language the letter is in English. `context` adds values for this sending
	(e.g. `survey_link`), as `letter.<key>` in the wording. Callers check the user may print `doc`."""
	kind = letter_kind(letter)
	if (kind.doctype == RESTRICTION) != (doc.doctype == RESTRICTION):
		frappe.throw(
			_("The {0} letter is printed from a {1}, not a {2}.").format(
				_(kind.name), _(kind.doctype), _(doc.doctype)
			),
			LetterError,
		)
	case, stage = case_and_stage(doc)
	if kind.doctype == STAGE and not stage:
		frappe.throw(
			_(
				"{0} is a letter about a complaint stage, and Feedback {1} has none: choose another letter."
			).format(_(kind.name), case.name),
			LetterError,
		)
	policy = get_policy(case.policy)
	wording = wording_for(
		kind.name, case.policy, case.feedback_type, language or letter_language(case, policy)
	)
	if kind.doctype == RESTRICTION:
		facts = restriction_module().restriction_facts(doc, policy, wording.language)
	else:
		facts = letter_facts(case, stage, policy, wording.language)
	facts.update(context or {})
	values = {"doc": doc, "case": case, "stage": stage, "letter": facts}
	subject = " ".join(fill(wording, "subject", values, escape=False).split())
	parts = {field: fill(wording, field, values) for field in ("greeting", "body", "sign_off")}
	content = letter_content(case, facts, subject, parts, wording.language)
	css_class = "cf-letter cf-large-print" if case.needs_large_print else "cf-letter"
	lang = "cy" if wording.language == WELSH else "en-GB"
	return frappe._dict(
		letter=kind.name,
		wording=wording.name,
		language=wording.language,
		subject=subject,
		html=f'<div class="{css_class}" lang="{lang}"><style>{LETTER_CSS}</style>{content}</div>',
		text=plain_text(content),
	)


def letters_for(doc) -> list[str]:
	"""The letters that make sense for this case now, in LETTERS' order."""
	if doc.doctype == RESTRICTION:
		return [RESTRICTION] if restriction_module().RESTRICT == doc.decision else []
	case, stage = case_and_stage(doc)
	finished = case.status in (CLOSED, WITH_EXTERNAL_BODY)
	responded = bool((stage or case).responded_on)
	offered = set()
	if case.feedback_type == COMPLIMENT:
		offered.add("Compliment Thank-you")
	elif not finished and not responded:
		offered.add("Acknowledgement")
	if stage:
		if cint(stage.extension_days):
			offered.add("Extension")
		if stage.outcome or stage.responded_on:
			offered.add("Stage Response")
		if stage.escalation_refused_on:
			offered.add("Escalation Refused")
	elif case.feedback_type != COMPLIMENT and not responded and case.sla_status in (DUE_SOON, OVERDUE):
		offered.add("Delay Notice")
	if case.feedback_type == "Suggestion":
		offered.add("Suggestion Outcome")
	if case.feedback_type == COMPLAINT and case.status == OPEN and not (case.acknowledged_on or responded):
		offered.add("Refusal to Accept")
	if case.compensation_claim:
		offered.add("Compensation Claim")
	if case.status == CLOSED:
		offered.add("Survey Invitation")
	return [name for name in LETTER_NAMES if name in offered]


def clock_target(doc, letter: str) -> tuple[str, str, str] | None:
	"""(DocType, name, field) that sending `letter` for `doc` satisfies, or None: a complaint's dates are its
	stage's, so its acknowledgement is recorded on the stage."""
	kind = letter_kind(letter)
	if not kind.satisfies:
		return None
	case, stage = case_and_stage(doc)
	target = stage or case
	return target.doctype, target.name, kind.satisfies


def refuse_missing_facts(doc, letter: str) -> None:
	"""A letter that tells the customer a fact of the case (LetterKind.needs: a suggestion's outcome, why
	feedback is late and when they will hear) is refused while that fact is empty."""
	kind = letter_kind(letter)
	if not kind.needs or doc.doctype != FEEDBACK:
		return
	problem = letter_needs(
		_(kind.name), kind.needs, doc.as_dict(), {field: _(doc.meta.get_label(field)) for field in kind.needs}
	)
	if problem:
		frappe.throw(rule_message(problem), LetterError)


def feedback_letter_html(doc, letter: str) -> Markup:
	"""For the letters' Print Formats (hooks.py `jinja`): the letter's HTML, for a user who may print `doc`."""
	frappe.has_permission(doc.doctype, "print", doc=doc, throw=True)
	return Markup(render_letter(doc, letter).html)


# -- choosing the wording ---------------------------------------------------------------------------------


def letter_language(case, policy) -> str:
	"""Welsh where the policy offers Welsh and the customer prefers it (the Welsh Language Standards)."""
	if not (policy.get("offers_welsh") and case.preferred_language):
		return ENGLISH
	if case.preferred_language in WELSH_LANGUAGE_CODES:
		return WELSH
	name = frappe.get_cached_value("Language", case.preferred_language, "language_name")
	return WELSH if cstr(name).strip().lower() in ("welsh", "cymraeg") else ENGLISH


def wording_for(letter: str, policy: str, feedback_type: str, language: str = ENGLISH):
	"""The most specific enabled Feedback Letter: policy and type, then policy, then type, then the general
	one; in `language`, else in English."""
	for wanted in dict.fromkeys((language, ENGLISH)):
		rows = frappe.get_all(
			"Feedback Letter",
			filters={"letter": letter, "language": wanted, "disabled": 0},
			fields=["name", "policy", "feedback_type"],
		)
		matching = [
			row
			for row in rows
			if row.policy in (None, "", policy) and row.feedback_type in (None, "", feedback_type)
		]
		if matching:
			best = max(matching, key=lambda row: (bool(row.policy), bool(row.feedback_type), row.name))
			# Not the document cache: a wording edited earlier in this transaction is read as it now stands.
			return frappe.get_doc("Feedback Letter", best.name)
	frappe.throw(
		_(
			"No enabled wording for the {0} letter fits policy {1} and type {2}: enable or add one in the Feedback Letter list."
		).format(_(letter), policy, _(feedback_type)),
		LetterError,
	)


# -- filling it in -----------------------------------------------------------------------------------------


def case_and_stage(doc):
	"""(the case, its stage or None): a stage's own case; a case's current stage where it has stages; for a
	contact restriction, its addressee read as a case is (name, policy, customer, address, language)."""
	if doc.doctype == STAGE:
		return frappe.get_doc(FEEDBACK, doc.feedback), doc
	if doc.doctype == RESTRICTION:
		return restriction_module().addressee(doc), None
	if doc.doctype != FEEDBACK:
		frappe.throw(
			_(
				"Letters are printed from a Feedback, a Complaint Stage or a Contact Restriction, not a {0}."
			).format(_(doc.doctype)),
			LetterError,
		)
	stage = None
	if doc.current_stage and doc.has_stages:
		name = frappe.db.get_value(STAGE, {"feedback": doc.name, "stage_number": doc.current_stage})
		stage = frappe.get_doc(STAGE, name) if name else None
	return doc, stage


def restriction_module():
	from customer_feedback.customer_feedback.doctype.contact_restriction import restrictions

	return restrictions


def letter_facts(case, stage, policy, language: str) -> frappe._dict:
	"""What the wording's {{ letter.* }} placeholders read, in the letter's language. Strings are escaped
	when filled in; Markup values are HTML already made safe."""
	words = WORDS[language]
	rules = policy.rules()
	clock = stage or case
	stage_rule = rules.stage_or_none(stage.stage_number) if stage else None
	day = lambda value: format_day(value, language) or ""  # noqa: E731
	facts = frappe._dict(
		reference=case.name,
		today=day(nowdate()),
		customer_name=cstr(case.customer_name) or words["customer"],
		feedback_type=_(case.feedback_type).lower(),
		service_area=cstr(case.service_area),
		received_on=day(stage.started_on if stage else case.received_on),
		acknowledge_by=day(clock.acknowledge_by),
		acknowledged_on=day(clock.acknowledged_on),
		respond_by=day(clock.respond_by),
		responded_on=day(clock.responded_on),
		stage=stage_text(stage_rule, rules, words["stage"]) if stage_rule else "",
		stage_number=stage.stage_number if stage else "",
		extension_days=cint(stage.extension_days) if stage else 0,
		extension_reason=cstr(stage.extension_reason) if stage else "",
		decision=words["outcomes"].get((stage or case).outcome or "", ""),
		findings=Markup(sanitize_html(cstr(stage.findings))) if stage and stage.findings else "",
		remedies=", ".join(row.remedy_type for row in (stage or case).remedies),
		outstanding_actions=cstr((stage or case).get("outstanding_actions")),
		escalation_refused_on=day(stage.escalation_refused_on) if stage else "",
		escalation_refusal_reason=cstr(stage.escalation_refusal_reason) if stage else "",
		refusal_reason=cstr(case.closure_reason),
		suggestion_outcome=words["suggestion_outcomes"].get(case.suggestion_outcome or "", ""),
		suggestion_outcome_reason=cstr(case.suggestion_outcome_reason),
		delay_reason=cstr(case.delay_reason),
		expected_response_on=day(case.expected_response_on),
		closes_for_no_reply_on=day(case.closes_for_no_reply_on),
		external_body=body_in_a_sentence(rules.external_body, language),
		external_body_contacts=external_body_contacts(rules.external_body, words),
		survey_link="",
	)
	facts.handler, facts.handler_contact = handler(case, stage, stage_rule, rules, words)
	facts.next_stage, facts.next_step = next_step(case, stage, rules, language)
	return facts


def handler(case, stage, stage_rule, rules, words) -> tuple[str, str]:
	"""Who handles it and how to reach them: the person only where the policy shows names (else the role, as
	the public status page says)."""
	if stage and rules.show_handler_name and stage.handler:
		user = frappe.db.get_value("User", stage.handler, ["full_name", "email", "phone"], as_dict=True)
		if user and user.full_name:
			role = stage_rule.handled_by if stage_rule and stage_rule.handled_by else ""
			contact = ", ".join(value for value in (user.email, user.phone) if value)
			return (f"{user.full_name} ({role})" if role else user.full_name), contact
	if stage_rule:
		return stage_rule.handled_by or words["default_handler"], ""
	if case.service_area:
		return words["service"].format(case.service_area), ""
	return words["team"], ""


def next_step(case, stage, rules, language: str) -> tuple[str, str]:
	"""(the next stage's name or "", what the customer can do after this stage's response): ask for the next
	stage, how and by when; after the last stage, the external body; else this is our final response."""
	if not stage:
		return "", ""
	words = WORDS[language]
	next_rule = rules.stage_or_none(stage.stage_number + 1)
	if next_rule and not case.compensation_claim and not stage.escalation_refused_on:
		name = stage_text(next_rule, rules, words["stage"])
		text = words["next_stage"].format(name, case.name)
		if case.closes_for_no_reply_on:
			text += " " + words["ask_by"].format(format_day(case.closes_for_no_reply_on, language))
		return name, text
	if rules.external_body:
		return "", words["external"].format(body_in_a_sentence(rules.external_body, language))
	return "", words["final"]


def body_in_a_sentence(body, language: str) -> str:
	"""The external body's name as a sentence names it: "the Local Government and Social Care Ombudsman"."""
	if not body:
		return ""
	if language == ENGLISH and not body.name.lower().startswith("the "):
		return f"the {body.name}"
	return body.name


def external_body_contacts(body, words) -> Markup | str:
	"""The external body's contact details, one a line."""
	if not body:
		return ""
	lines = [escape_html(body.name)]
	for key, value in (("website", body.website), ("phone", body.phone), ("email", body.email)):
		if value:
			lines.append(escape_html(words[key].format(value)))
	if body.address:
		lines.append(escape_html(words["post"].format(", ".join(cstr(body.address).split("\n")))))
	return Markup('<p class="cf-letter-external-body">' + "<br>".join(lines) + "</p>")


# -- rendering ---------------------------------------------------------------------------------------------

JINJA_TAG = re.compile(r"({{.*?}}|{%.*?%})", re.S)


def jinja_source(text: str | None) -> str:
	"""The wording as Jinja reads it: the desk's editor escapes what is typed inside a placeholder (`>` as
	`&gt;`, a space as `&nbsp;`) and may wrap part of it in a tag; placeholders are read as typed."""

	def as_typed(match):
		tags = re.findall(r"<[^>]+>", match.group(0))
		inner = html_lib.unescape(re.sub(r"<[^>]+>", "", match.group(0))).replace("\xa0", " ")
		return inner + "".join(tags)  # a tag the editor put inside, kept just after it

	return JINJA_TAG.sub(as_typed, cstr(text))


def fill(wording, field: str, values: dict, escape: bool = True) -> str:
	"""One field of the wording with its placeholders filled. Escaped: the case's values are the public's
	words, never markup."""
	source = jinja_source(wording.get(field))
	if not source.strip():
		return ""
	if ".__" in source:
		frappe.throw(
			_("{0} of Feedback Letter {1} uses a placeholder that is not allowed: remove it.").format(
				_(wording.meta.get_label(field)), wording.name
			),
			LetterError,
		)
	if escape:
		source = "{% autoescape true %}" + source + "{% endautoescape %}"
	try:
		return frappe.get_jenv().from_string(source).render(values)
	except Exception as error:
		frappe.throw(
			_(
				"{0} of Feedback Letter {1} could not be filled in ({2}): correct its placeholders in the Feedback Letter list."
			).format(_(wording.meta.get_label(field)), wording.name, escape_html(str(error))),
			LetterError,
		)


def letter_content(case, facts, subject: str, parts: dict, language: str) -> str:
	words = WORDS[language]
	address = [cstr(facts.customer_name)]
	if not case.is_anonymous:
		address += [line for line in cstr(case.address).splitlines() if line.strip()]
		address += [case.postcode] if case.postcode else []
	to = "<br>".join(escape_html(line) for line in address if line)
	greeting = f"<p>{parts['greeting']}</p>" if parts["greeting"].strip() else ""
	return (
		f'<p class="cf-letter-to">{to}</p>'
		f'<p class="cf-letter-date">{escape_html(facts.today)}</p>'
		f'<p class="cf-letter-reference"><strong>{escape_html(words["reference"])}:</strong> '
		f"{escape_html(case.name)}</p>"
		f'<h2 class="cf-letter-subject">{escape_html(subject)}</h2>'
		f"{greeting}{parts['body']}{parts['sign_off']}"
	)


def plain_text(content: str) -> str:
	"""The letter as plain text: paragraphs apart, no markup."""
	from frappe.core.utils import html2text

	text = html2text(content, wrap=False)
	text = re.sub(r"[*_]{2}([^*_]+)[*_]{2}", r"\1", text)  # html2text's bold marks
	text = re.sub(r"^#+\s*", "", text, flags=re.M)  # and its heading marks
	return re.sub(r"\n{3,}", "\n\n", text.replace("\xa0", " ")).strip()
