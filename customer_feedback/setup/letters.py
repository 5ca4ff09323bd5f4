"""The letters' default wording, created once (on install, and by a patch on sites installed before
letters): ordinary Feedback Letter records an administrator edits in the desk. Created only where no
wording exists for the same letter, policy, type and language, so neither a migrate nor a second run ever
overwrites an edit (fixtures would, on every migrate).

Placeholders are `{{ letter.<fact> }}` (customer_feedback.letters.letter_facts) and plain Jinja `{% if %}`,
written inside paragraphs so that the desk's editor keeps them where they are."""

from __future__ import annotations

import frappe

WELSH_LANGUAGE = {"language_code": "cy", "language_name": "Cymraeg"}
SIGN_OFF = "<p>Yours sincerely,</p><p>Customer Feedback Team</p>"
SIGN_OFF_WELSH = "<p>Yn gywir,</p><p>Tîm Adborth Cwsmeriaid</p>"
GREETING = "Dear {{ letter.customer_name }},"
GREETING_WELSH = "Annwyl {{ letter.customer_name }},"


def wording(letter: str, subject: str, body: str, feedback_type: str | None = None, welsh: bool = False):
	return {
		"letter": letter,
		"feedback_type": feedback_type,
		"language": "Welsh" if welsh else "English",
		"subject": subject,
		"greeting": GREETING_WELSH if welsh else GREETING,
		"body": body,
		"sign_off": SIGN_OFF_WELSH if welsh else SIGN_OFF,
	}


DEFAULT_LETTERS = (
	wording(
		"Acknowledgement",
		"We have your {{ letter.feedback_type }}: reference {{ letter.reference }}",
		"<p>Thank you for contacting us on {{ letter.received_on }}. Your reference is {{ letter.reference }}: please quote it whenever you contact us about this.</p>"
		"<p>{% if letter.respond_by %}We will reply by {{ letter.respond_by }}.{% else %}We will consider what you have told us.{% endif %}</p>",
	),
	wording(
		"Acknowledgement",
		"Your complaint: reference {{ letter.reference }}",
		"<p>Thank you for your complaint, which we received on {{ letter.received_on }}. Your reference is {{ letter.reference }}: please quote it whenever you contact us about your complaint.</p>"
		"<p>Your complaint is at {{ letter.stage }}, and {{ letter.handler }} is looking into it.{% if letter.handler_contact %} You can contact them at {{ letter.handler_contact }}.{% endif %}</p>"
		"<p>We will send you our full response by {{ letter.respond_by }}. If we need longer, we will tell you why and when to expect it.</p>",
		feedback_type="Complaint",
	),
	wording(
		"Acknowledgement",
		"Your suggestion: reference {{ letter.reference }}",
		"<p>Thank you for your suggestion, which we received on {{ letter.received_on }}. Your reference is {{ letter.reference }}.</p>"
		"<p>We will consider it and tell you what we decide{% if letter.respond_by %} by {{ letter.respond_by }}{% endif %}.</p>",
		feedback_type="Suggestion",
	),
	wording(
		"Acknowledgement",
		"Your representation: reference {{ letter.reference }}",
		"<p>Thank you for your representation, which we received on {{ letter.received_on }}. Your reference is {{ letter.reference }}.</p>"
		"<p>We will take it into account{% if letter.respond_by %} and reply by {{ letter.respond_by }}{% endif %}.</p>",
		feedback_type="Representation",
	),
	wording(
		"Extension",
		"We need longer to respond to your complaint {{ letter.reference }}",
		"<p>We told you we would respond to your complaint at {{ letter.stage }} sooner, but we need {{ letter.extension_days }} more working days, because {{ letter.extension_reason }}</p>"
		"<p>We will now send you our response by {{ letter.respond_by }}. We are sorry for the wait.</p>"
		"<p>{% if letter.external_body %}If you are unhappy with this delay, you can contact {{ letter.external_body }}:{% endif %}</p>"
		"{{ letter.external_body_contacts }}",
	),
	wording(
		"Delay Notice",
		"Your {{ letter.feedback_type }} {{ letter.reference }}: our reply is delayed",
		"<p>We said we would reply to your {{ letter.feedback_type }} by {{ letter.respond_by }}, and we are sorry that we have not yet been able to{% if letter.delay_reason %}, because {{ letter.delay_reason }}{% else %}.{% endif %}</p>"
		"<p>{% if letter.expected_response_on %}You will hear from us by {{ letter.expected_response_on }}.{% else %}We are still looking at it and will write to you as soon as we can.{% endif %}</p>",
	),
	wording(
		"Stage Response",
		"Our response to your complaint {{ letter.reference }}",
		"<p>This is our response to your complaint at {{ letter.stage }}.</p>"
		"<p>{% if letter.decision %}Our decision: {{ letter.decision }}.{% endif %}</p>"
		"<p>{% if letter.findings %}Our reasons:{% endif %}</p>{{ letter.findings }}"
		"<p>{% if letter.remedies %}To put things right: {{ letter.remedies }}.{% endif %}</p>"
		"<p>{% if letter.outstanding_actions %}What we still have to do: {{ letter.outstanding_actions }}{% endif %}</p>"
		"<p>{{ letter.next_step }}</p>"
		"{% if not letter.next_stage %}{{ letter.external_body_contacts }}{% endif %}",
	),
	wording(
		"Refusal to Accept",
		"Your complaint {{ letter.reference }}: why we cannot take it on",
		"<p>Thank you for contacting us on {{ letter.received_on }}. We have decided that we cannot deal with this as a complaint under our procedure{% if letter.refusal_reason %}, because {{ letter.refusal_reason }}{% endif %}.</p>"
		"<p>{% if letter.external_body %}If you disagree with this decision, you can ask {{ letter.external_body }} to look at it:{% endif %}</p>"
		"{{ letter.external_body_contacts }}",
	),
	wording(
		"Escalation Refused",
		"Your complaint {{ letter.reference }}: your request for the next stage",
		"<p>On {{ letter.escalation_refused_on }} we decided not to take your complaint to the next stage of our procedure, because {{ letter.escalation_refusal_reason }}</p>"
		"<p>{{ letter.next_step }}</p>"
		"{{ letter.external_body_contacts }}",
	),
	wording(
		"Compensation Claim",
		"Your claim for compensation: reference {{ letter.reference }}",
		"<p>Thank you for contacting us on {{ letter.received_on }}. Because you are claiming compensation, we have passed your claim to our insurance contact, who deals with claims and will write to you about it. Please quote {{ letter.reference }}.</p>"
		"<p>A claim is decided by our insurer, so it stays at the first stage of our complaints procedure.</p>",
	),
	wording(
		"Compliment Thank-you",
		"Thank you for your compliment: reference {{ letter.reference }}",
		"<p>Thank you for taking the time to tell us about your good experience. We have passed your compliment on to the people concerned{% if letter.service_area %} in {{ letter.service_area }}{% endif %}: it means a great deal to them.</p>",
	),
	wording(
		"Suggestion Outcome",
		"Your suggestion {{ letter.reference }}: what we decided",
		"<p>Thank you again for your suggestion, which we received on {{ letter.received_on }}. We have considered it carefully.</p>"
		"<p>{% if letter.suggestion_outcome %}Our decision: {{ letter.suggestion_outcome }}.{% endif %}</p>"
		"<p>{{ letter.suggestion_outcome_reason }}</p>",
	),
	wording(
		"Survey Invitation",
		"How did we handle your {{ letter.feedback_type }}? Reference {{ letter.reference }}",
		"<p>We would like to know how we handled your {{ letter.feedback_type }}, so that we can do better. It takes a few minutes.</p>"
		"<p>{% if letter.survey_link %}Answer our survey at {{ letter.survey_link }}.{% else %}Use the link in the email we sent you, or contact us and quote {{ letter.reference }}.{% endif %}</p>",
	),
	# Solihull Appendix A: what is restricted, from when and for how long, why, how to challenge it, and
	# that it never stops the customer using our services or raising something new.
	wording(
		"Contact Restriction",
		"How you can contact us from {{ letter.starts_on }}: reference {{ letter.reference }}",
		"<p>We are writing about the way you have been contacting us{% if letter.case_reference %} about {{ letter.case_reference }}{% endif %}.{% if letter.warned_on %} On {{ letter.warned_on }} we told you that we might have to restrict your contact with us if it continued.{% endif %}</p>"
		"<p>Why: {{ letter.behaviour }}</p>"
		"<p>We have decided, with the agreement of a Head of Service, that from {{ letter.starts_on }}{% if letter.ends_on %} until {{ letter.ends_on }}{% endif %} your contact with us will be restricted as follows:</p>"
		"{{ letter.restriction_list }}"
		"<p>{% if letter.details %}{{ letter.details }}{% endif %}</p>"
		"<p>{% if letter.single_point_of_contact %}Your contact with us will be through {{ letter.single_point_of_contact }}.{% endif %}</p>"
		"<p>This does not stop you using any of our services, and we will still consider anything new you raise with us.{% if letter.review_on %} We will review this decision by {{ letter.review_on }} and write to you about it.{% endif %}</p>"
		"<p>How to challenge this decision: {{ letter.how_to_challenge }}</p>"
		"<p>{% if letter.external_body %}You can also ask {{ letter.external_body }} to look at how we have dealt with you:{% endif %}</p>"
		"{{ letter.external_body_contacts }}",
	),
	wording(
		"Acknowledgement",
		"Eich adborth: cyfeirnod {{ letter.reference }}",
		"<p>Diolch am gysylltu â ni. Eich cyfeirnod yw {{ letter.reference }}: nodwch ef bob tro y byddwch yn cysylltu â ni am hyn.</p>"
		"<p>{% if letter.respond_by %}Byddwn yn ateb erbyn {{ letter.respond_by }}.{% endif %}</p>",
		welsh=True,
	),
	wording(
		"Acknowledgement",
		"Eich cwyn: cyfeirnod {{ letter.reference }}",
		"<p>Diolch am eich cwyn. Eich cyfeirnod yw {{ letter.reference }}: nodwch ef bob tro y byddwch yn cysylltu â ni am eich cwyn.</p>"
		"<p>{{ letter.stage }}: mae {{ letter.handler }} yn edrych ar eich cwyn.{% if letter.handler_contact %} Gallwch gysylltu â nhw: {{ letter.handler_contact }}.{% endif %}</p>"
		"<p>Byddwn yn anfon ein hymateb llawn atoch erbyn {{ letter.respond_by }}. Os bydd angen mwy o amser arnom, byddwn yn dweud wrthych pam.</p>",
		feedback_type="Complaint",
		welsh=True,
	),
	wording(
		"Stage Response",
		"Ein hymateb i'ch cwyn {{ letter.reference }}",
		"<p>Dyma ein hymateb i'ch cwyn ({{ letter.stage }}).</p>"
		"<p>{% if letter.decision %}Ein penderfyniad: {{ letter.decision }}.{% endif %}</p>"
		"<p>{% if letter.findings %}Ein rhesymau:{% endif %}</p>{{ letter.findings }}"
		"<p>{% if letter.remedies %}I unioni pethau: {{ letter.remedies }}.{% endif %}</p>"
		"<p>{% if letter.outstanding_actions %}Yr hyn sydd gennym i'w wneud o hyd: {{ letter.outstanding_actions }}{% endif %}</p>"
		"<p>{{ letter.next_step }}</p>"
		"{% if not letter.next_stage %}{{ letter.external_body_contacts }}{% endif %}",
		welsh=True,
	),
)


def create_default_letters() -> int:
	"""Create each default wording that has no record yet for its choice; returns how many were made."""
	create_welsh_language()
	made = 0
	for default in DEFAULT_LETTERS:
		# get_all, not exists: its "not set" also matches a Select's stored "". Disabled ones count too: an
		# administrator who disabled a default does not get it back.
		exists = frappe.get_all(
			"Feedback Letter",
			{
				"letter": default["letter"],
				"language": default["language"],
				"policy": ("is", "not set"),
				"feedback_type": default["feedback_type"] or ("is", "not set"),
			},
			limit=1,
		)
		if not exists:
			frappe.get_doc({"doctype": "Feedback Letter", **default}).insert(ignore_permissions=True)
			made += 1
	return made


def create_welsh_language() -> None:
	"""The platform lists no Welsh: a case's Preferred Language needs a record to say Cymraeg."""
	if not frappe.db.exists("Language", WELSH_LANGUAGE["language_code"]):
		frappe.get_doc({"doctype": "Language", "enabled": 1, **WELSH_LANGUAGE}).insert(
			ignore_permissions=True
		)
