"""Who is told what, and when: the platform's Notification records, created once on install as ordinary
records an administrator edits in the desk (recipients, wording, conditions, or switching one off).
Never fixtures: a fixture is imported again on every migrate, over the administrator's edits. Running
`create_notifications` again only adds the records that are missing by name.

Timers. The working-day clocks are ours (the Feedback and Complaint Stage controllers, and the scheduled
sweep, which writes `sla_status` and `progress_update_overdue` through the document with db_set); these
Notifications fire on "Value Change" of those fields, so each fires once per change, and not again while
the value stays. Recipients:
- Acknowledgement due soon: the Feedback Coordinator role (they acknowledge cases) and the case's
  assignees. Not for anonymous cases, which have no one to acknowledge.
- Response due soon, Progress update due: Feedback Coordinators, the assignees, and the handler of the
  current complaint stage (a one-line template in the recipient's CC, as the case has no handler field).
- Overdue: as above, and the Feedback Manager role, who answers for the body's timescales.
- Escalation received (a Complaint Stage after the first is created): Feedback Manager and Coordinators,
  who must find a handler (often someone not involved earlier), and the stage's handler if already set.
- Stage response sent: the stage's reviewer (the Head of Service who signed it off) and Coordinators, who
  watch for the customer asking to escalate and close the case.
Known limits of "Value Change": a case recorded already late sends no Overdue (the change happened on
insert, where the platform evaluates "New" only); a case acknowledged while its response is also due soon
stays "Due Soon", so "Response due soon" is not sent then.

Routing on the case's flags. A flag set when the case is recorded fires the "New" Notification; a flag
ticked later on an open case fires its "(Ticked Later)" twin on Value Change of the flag. The pair carry the
same recipients and wording: an administrator changing one should change both.
- Safeguarding: Safeguarding Lead and Prevention Manager; received out of hours, also the Duty Officer
  (on recording only: a flag ticked later is ticked by staff at work).
- Hate crime: Customer Relations Officer.
- Elected member, legal or political: Feedback Manager (an elected member is known when the case
  arrives, so only "legal or political" has a ticked-later twin).
- Staff conduct: the service area's manager (`service_area_manager`); with none, the Head of Service
  role; and whoever recorded the case, as the message reminds that employees' names must not be recorded.
- Compensation claim: Insurance Contact. The complaint stays at stage 1 and the customer is told in
  writing that the claim is dealt with separately.
- Data protection or freedom of information: Information Governance.
Role holders are the default "who": an administrator changes who hears by giving or taking away the role,
or edits the recipients (a user by email in CC, a condition on a row).

No Assignment Rules ship. Routing here informs people; an Assignment Rule makes one user own the case, only
when it has no open assignment, and only the first matching rule applies, so a case that is both
safeguarding and hate crime would reach one group, and a shipped rule would fight the organisation's own
way of giving cases to handlers. A rule also needs named users, which an install cannot know, and a shipped
rule enabled before users are added fails every save of a Feedback (round robin takes the first of no
users). Administrators who want, say, hate crime cases handed to Customer Relations add an Assignment Rule
on Feedback with the condition `hate_crime == 1` and their users.

Emails go as well to each recipient's notification bell (send_system_notification). They carry the
reference, type, dates and service area, not the customer's name or the description: an email leaves the
system and may be forwarded, while the case keeps its details behind its permissions. Without an outgoing
Email Account the platform sends nothing, not even to the bell: it logs an Error Log per notification.
"""

from __future__ import annotations

import frappe

from customer_feedback.constants import RECEIPT_NOTIFICATION, SURVEY_INVITATION

MODULE = "Customer Feedback"
# The DocTypes these Notifications watch; uninstall removes every Notification and Assignment Rule on them.
WATCHED_DOCTYPES = (
	"Feedback",
	"Complaint Stage",
	"Feedback Survey",
	"Learning",
	"Learning Action",
	"Contact Restriction",
)

CASE_LINK = (
	'<p><a href="{{ frappe.utils.get_url_to_form("Feedback", doc.name) }}">Open {{ doc.name }}</a></p>'
)
STAGE_CASE_LINK = '<p><a href="{{ frappe.utils.get_url_to_form("Feedback", doc.feedback) }}">Open {{ doc.feedback }}</a></p>'
CASE_SUMMARY = (
	"{{ doc.feedback_type }} {{ doc.name }}, received {{ frappe.utils.format_datetime(doc.received_on) }}"
	"{% if doc.service_area %} ({{ doc.service_area }}){% endif %}"
)
# The case has no handler field: its current stage does.
CURRENT_STAGE_HANDLER = (
	'{{ frappe.db.get_value("Complaint Stage", {"feedback": doc.name, "stage_number": doc.current_stage},'
	' "handler") or "" }}'
)
# What staff do when feedback other than a complaint will be late (seed 003: "tell them why and when").
DELAY_NOTICE_STEP = (
	"fill Why It Is Late and Customer Will Hear By on the Follow-up tab, then send the Delay Notice letter."
)


def role(name: str, condition: str | None = None) -> dict:
	return {"receiver_by_role": name, "condition": condition}


def doc_field(fieldname: str, condition: str | None = None) -> dict:
	return {"receiver_by_document_field": fieldname, "condition": condition}


def on_value_change(fieldname: str, condition: str) -> dict:
	return {"event": "Value Change", "value_changed": fieldname, "condition": condition}


TIMER_NOTIFICATIONS: tuple[dict, ...] = (
	{
		"name": "Feedback Acknowledgement Due Soon",
		"document_type": "Feedback",
		**on_value_change(
			"sla_status", "doc.sla_status == 'Due Soon' and not doc.acknowledged_on and not doc.is_anonymous"
		),
		"recipients": [role("Feedback Coordinator")],
		"send_to_all_assignees": 1,
		"subject": "Acknowledge {{ doc.name }} by {{ frappe.utils.formatdate(doc.acknowledge_by) }}",
		"message": f"<p>{CASE_SUMMARY}, has not been acknowledged. The customer must have an "
		"acknowledgement by {{ frappe.utils.formatdate(doc.acknowledge_by) }}.</p>" + CASE_LINK,
	},
	{
		"name": "Feedback Response Due Soon",
		"document_type": "Feedback",
		**on_value_change("sla_status", "doc.sla_status == 'Due Soon' and doc.acknowledged_on"),
		"recipients": [role("Feedback Coordinator"), {"cc": CURRENT_STAGE_HANDLER}],
		"send_to_all_assignees": 1,
		"subject": "Response to {{ doc.name }} due by {{ frappe.utils.formatdate(doc.respond_by) }}",
		"message": f"<p>{CASE_SUMMARY}, needs its response by "
		"{{ frappe.utils.formatdate(doc.respond_by) }}. If it cannot be met, "
		"{% if doc.feedback_type == 'Complaint' %}agree an extension and tell the customer why and when they "
		"will hear.{% else %}" + DELAY_NOTICE_STEP + "{% endif %}</p>" + CASE_LINK,
	},
	{
		"name": "Feedback Overdue",
		"document_type": "Feedback",
		**on_value_change("sla_status", "doc.sla_status == 'Overdue'"),
		"recipients": [
			role("Feedback Coordinator"),
			role("Feedback Manager"),
			{"cc": CURRENT_STAGE_HANDLER},
		],
		"send_to_all_assignees": 1,
		"subject": "Overdue: {{ doc.name }}",
		"message": f"<p>{CASE_SUMMARY}, is overdue: "
		"{% if not doc.acknowledged_on %}it had to be acknowledged by "
		"{{ frappe.utils.formatdate(doc.acknowledge_by) }}{% else %}the response was due by "
		"{{ frappe.utils.formatdate(doc.respond_by) }}{% endif %}.</p>"
		"<p>Tell the customer why it is late and when they will hear"
		"{% if doc.feedback_type == 'Complaint' %}, and record the date in Customer Last Updated On."
		"{% else %}: " + DELAY_NOTICE_STEP + "{% endif %}</p>" + CASE_LINK,
	},
	{
		"name": "Complaint Escalation Received",
		"document_type": "Complaint Stage",
		"event": "New",
		"condition": "doc.stage_number > 1",
		"recipients": [role("Feedback Manager"), role("Feedback Coordinator"), doc_field("handler")],
		"subject": "{{ doc.feedback }} escalated to {{ doc.stage_name }}",
		"message": "<p>The customer has asked to escalate complaint {{ doc.feedback }}: "
		"{{ doc.stage_name }} started on {{ frappe.utils.format_datetime(doc.started_on) }}.</p>"
		"<p>Acknowledge by {{ frappe.utils.formatdate(doc.acknowledge_by) }}; respond by "
		"{{ frappe.utils.formatdate(doc.respond_by) }}.{% if not doc.handler %} The stage has no "
		"handler yet: choose one (the policy may require someone not involved earlier).{% endif %}</p>"
		+ STAGE_CASE_LINK,
	},
	{
		"name": "Feedback Progress Update Due",
		"document_type": "Feedback",
		**on_value_change("progress_update_overdue", "doc.progress_update_overdue == 1"),
		"recipients": [role("Feedback Coordinator"), {"cc": CURRENT_STAGE_HANDLER}],
		"send_to_all_assignees": 1,
		"subject": "Progress update due: {{ doc.name }}",
		"message": f"<p>{CASE_SUMMARY}, is owed a progress update"
		"{% if doc.next_update_due %} (due by {{ frappe.utils.formatdate(doc.next_update_due) }}){% endif %}."
		'{% set every = frappe.db.get_value("Feedback Policy", doc.policy, "progress_update_days") %}'
		"{% if every %} {{ doc.policy }} keeps the customer informed every {{ every }} working days until "
		"they have a response.{% endif %}</p>"
		"<p>Update the customer, then record the date in Customer Last Updated On.</p>" + CASE_LINK,
	},
	{
		"name": "Complaint Stage Response Sent",
		"document_type": "Complaint Stage",
		**on_value_change("responded_on", "doc.responded_on"),
		"recipients": [doc_field("reviewer"), role("Feedback Coordinator")],
		"subject": "{{ doc.stage_name }} response sent: {{ doc.feedback }}",
		"message": "<p>The {{ doc.stage_name }} response to complaint {{ doc.feedback }} was sent on "
		"{{ frappe.utils.formatdate(doc.responded_on) }}"
		"{% if doc.outcome %} (outcome: {{ doc.outcome }}){% endif %}.</p>"
		"<p>If the customer stays dissatisfied they may ask to escalate; the response must have told them "
		"how.</p>" + STAGE_CASE_LINK,
	},
)


def routing(
	name: str,
	condition: str,
	recipients: list[dict],
	subject: str,
	guidance: str,
	ticked_later: str | None = None,
) -> list[dict]:
	"""A routing Notification on a new case, and its twin for the flag `ticked_later` ticked on an open case."""
	common = {
		"document_type": "Feedback",
		"recipients": recipients,
		"subject": subject,
		"message": f"<p>{CASE_SUMMARY}.</p><p>{guidance}</p>" + CASE_LINK,
	}
	records = [{"name": name, "event": "New", "condition": condition, **common}]
	if ticked_later:
		records.append(
			{
				"name": f"{name} (Ticked Later)",
				**on_value_change(ticked_later, f"doc.{ticked_later}"),
				**common,
			}
		)
	return records


ROUTING_NOTIFICATIONS: tuple[dict, ...] = (
	*routing(
		"Safeguarding Concern",
		"doc.safeguarding",
		[role("Safeguarding Lead"), role("Prevention Manager")],
		"Safeguarding concern: {{ doc.name }}",
		"It is marked as a safeguarding concern. Follow the safeguarding procedure today; if anyone is in "
		"immediate danger, call 999.",
		ticked_later="safeguarding",
	),
	*routing(
		"Out of Hours Safeguarding Concern",
		"doc.safeguarding and doc.received_out_of_hours",
		[role("Duty Officer")],
		"Out of hours safeguarding concern: {{ doc.name }}",
		"It arrived out of office hours and is marked as a safeguarding concern. As duty officer, decide "
		"whether it needs action before the office opens; if anyone is in immediate danger, call 999.",
	),
	*routing(
		"Hate Crime",
		"doc.hate_crime",
		[role("Customer Relations Officer")],
		"Hate crime or incident reported: {{ doc.name }}",
		"It reports a hate crime or hate incident. Customer Relations handle these: record it as your "
		"procedure says and ask whether the customer wants it reported to the police.",
		ticked_later="hate_crime",
	),
	*routing(
		"Elected Member, Legal or Political",
		"doc.elected_member or doc.legal_or_political",
		[role("Feedback Manager")],
		"{% if doc.elected_member %}From an elected member{% else %}Legal or political implications"
		"{% endif %}: {{ doc.name }}",
		"{% if doc.elected_member %}It comes from an elected member{% if doc.elected_member_office %} "
		"({{ doc.elected_member_office }}){% endif %}. {% endif %}"
		"{% if doc.legal_or_political %}It is marked as having legal or political implications. {% endif %}"
		"The Feedback Manager oversees the response.",
		ticked_later="legal_or_political",
	),
	*routing(
		"Staff Conduct",
		"doc.staff_conduct",
		[
			doc_field("service_area_manager"),
			role("Head of Service", condition="not doc.service_area_manager"),
			doc_field("recorded_by"),
		],
		"Complaint about staff conduct: {{ doc.name }}",
		"It is about a member of staff's conduct. Do not record employees' names in the case: deal with "
		"the employee under the staff procedures, and answer the customer about the service.",
		ticked_later="staff_conduct",
	),
	*routing(
		"Compensation Claim",
		"doc.compensation_claim",
		[role("Insurance Contact")],
		"Compensation claim: {{ doc.name }}",
		"It includes a claim for compensation, which the insurance contact deals with. The complaint stays "
		"a stage 1 complaint, and the customer must be told in writing how their claim is handled.",
		ticked_later="compensation_claim",
	),
	*routing(
		"Data Protection or Freedom of Information",
		"doc.data_protection",
		[role("Information Governance")],
		"Data protection or freedom of information: {{ doc.name }}",
		"It raises data protection or freedom of information. Information Governance decide whether it is "
		"also a request with its own statutory time limit (a subject access request: one month; a freedom "
		"of information request: 20 working days).",
		ticked_later="data_protection",
	),
)

# After the response (issue 11). A case about a member of staff is hidden from them
# (customer_feedback.permissions), so these never tell the staff member concerned: the templates leave them
# out, and the manager's row has a condition.
SERVICE_AREA_COORDINATORS = (
	"{% if doc.service_area %}{% for user in frappe.get_all('Service Area Coordinator', "
	"filters={'parent': doc.service_area, 'parenttype': 'Service Area'}, pluck='user') %}"
	"{% if user != doc.staff_member_concerned %}{{ user }},{% endif %}{% endfor %}{% endif %}"
)
NOT_THE_MANAGER_CONCERNED = "doc.service_area_manager != doc.staff_member_concerned"
NEW_FEEDBACK_FOR_AREA = {
	"document_type": "Feedback",
	"recipients": [{"cc": SERVICE_AREA_COORDINATORS}],
	"subject": "New {{ _(doc.feedback_type).lower() }} for {{ doc.service_area }}: {{ doc.name }}",
	"message": f"<p>{CASE_SUMMARY}.</p><p>As a coordinator for {{{{ doc.service_area }}}}, you are told of "
	"the feedback about it: open the case to see what it says and who handles it.</p>" + CASE_LINK,
}
REPRESENTATION_FOR_OWNER = {
	"document_type": "Feedback",
	"recipients": [doc_field("policy_owner")],
	"subject": "A representation about {{ doc.policy_concerned or 'a policy' }} for you: {{ doc.name }}",
	"message": f"<p>{CASE_SUMMARY}, is a representation about "
	"{{ (doc.policy_concerned or 'a policy') | e }}, and you are named as the policy's owner.</p>"
	"<p>The customer feedback team will share what it says. Tell them your decision, which they record "
	"as the Policy Owner's Decision and pass on to the customer.</p>" + CASE_LINK,
}
ANONYMOUS_REFERRAL = {
	"document_type": "Feedback",
	"recipients": [
		doc_field("service_area_manager", condition=NOT_THE_MANAGER_CONCERNED),
		role("Head of Service", condition="not doc.service_area_manager"),
	],
	"subject": "Anonymous complaint referred to you: {{ doc.name }}",
	"message": f"<p>{CASE_SUMMARY}, is an anonymous complaint. The policy refers anonymous complaints to the "
	"service manager, to agree a course of action, if any: there is no one to reply to.</p>"
	"<p>{% if not doc.service_area_manager %}It has no service area with a manager yet: a Head of "
	"Service decides, or sets the service area.{% endif %}</p>" + CASE_LINK,
}
FOLLOW_UP_NOTIFICATIONS: tuple[dict, ...] = (
	{
		# Sent once, by the case as it records who passed the compliment on and when (case_compliment.py),
		# the platform's "Method" event. "New" would miss a compliment whose praised staff are added later,
		# and "Value Change" misses the insert: either needs a twin to edit alike.
		"name": "Compliment Passed On",
		"document_type": "Feedback",
		"event": "Method",
		"method": "compliment_passed_on",
		"condition": "doc.feedback_type == 'Compliment'",
		"recipients": [
			doc_field("praised_user,praised"),
			doc_field("service_area_manager", condition=NOT_THE_MANAGER_CONCERNED),
			{"cc": SERVICE_AREA_COORDINATORS},
		],
		"subject": "A compliment{% if doc.service_area %} for {{ doc.service_area }}{% endif %}: {{ doc.name }}",
		"message": "<p>A customer has complimented "
		"{% for row in doc.praised %}{{ (row.praised_name or row.team) | e }}{% if not loop.last %}, {% endif %}"
		"{% else %}{{ doc.service_area or 'our staff' }}{% endfor %}"
		"{% if doc.compliment_category %} ({{ doc.compliment_category }}){% endif %}: "
		"compliment {{ doc.name }}, received {{ frappe.utils.format_datetime(doc.received_on) }}.</p>"
		"{% if doc.bulletin_summary %}<p>What they said: {{ doc.bulletin_summary | e }}</p>{% endif %}"
		"<p>Passed on by {{ frappe.get_fullname(doc.passed_on_by) }}. Thank you, from us as well.</p>"
		+ CASE_LINK,
	},
	{
		# A compliment reaches the coordinators as it is passed on (above).
		"name": "New Feedback for the Service Area",
		"event": "New",
		"condition": "doc.service_area and doc.feedback_type != 'Compliment'",
		**NEW_FEEDBACK_FOR_AREA,
	},
	{
		"name": "New Feedback for the Service Area (Set Later)",
		**on_value_change(
			"service_area",
			"doc.service_area and doc.feedback_type != 'Compliment' and doc.status != 'Closed'",
		),
		**NEW_FEEDBACK_FOR_AREA,
	},
	{
		"name": "Representation for the Policy Owner",
		"event": "New",
		"condition": "doc.feedback_type == 'Representation' and doc.policy_owner",
		**REPRESENTATION_FOR_OWNER,
	},
	{
		"name": "Representation for the Policy Owner (Set Later)",
		**on_value_change("policy_owner", "doc.feedback_type == 'Representation' and doc.policy_owner"),
		**REPRESENTATION_FOR_OWNER,
	},
	{
		"name": "Anonymous Complaint for the Service Manager",
		"event": "New",
		"condition": "doc.anonymous_handling == 'Refer to service manager'",
		**ANONYMOUS_REFERRAL,
	},
	{
		"name": "Anonymous Complaint for the Service Manager (Set Later)",
		**on_value_change(
			"service_area_manager",
			"doc.anonymous_handling == 'Refer to service manager' and doc.service_area_manager",
		),
		**ANONYMOUS_REFERRAL,
	},
)

NOTIFICATIONS: tuple[dict, ...] = TIMER_NOTIFICATIONS + ROUTING_NOTIFICATIONS + FOLLOW_UP_NOTIFICATIONS

# To the customer who used the public form (the representative, if they wrote for someone): their reference
# and what happens next, the same words the form showed (customer_feedback.portal.intake.what_happens_next).
RECEIPT_RECIPIENT = "doc.has_representative and doc.representative_email"
# The receipt carries the case's access code for the status look-up, which exists only while the case is
# created: the Notification is "Custom", sent by customer_feedback.portal.intake through
# customer_feedback.mail.send_privately, so the code is not copied to the case's timeline.
ACCESS_CODE_PARAGRAPH = (
	'<p>You can check progress at <a href="{{ frappe.utils.get_url("/feedback/status") }}">'
	'{{ frappe.utils.get_url("/feedback/status") }}</a> with your reference and this access code: '
	"<strong>{{ doc.access_code }}</strong>. Keep it to yourself: anyone with the code and the reference can "
	"see how your feedback is progressing.</p>"
)
RECEIPT_MESSAGE = (
	"<p>Thank you for contacting us. Your reference is <strong>{{ doc.name }}</strong>.</p>"
	"<p>{{ what_happens_next(doc) }}</p>"
	+ ACCESS_CODE_PARAGRAPH
	+ "<p>If you need to tell us anything else, reply to this email and keep the reference in the subject.</p>"
)
RECEIPT_NOTIFICATIONS: tuple[dict, ...] = (
	{
		"name": RECEIPT_NOTIFICATION,
		"document_type": "Feedback",
		"event": "Custom",
		"condition": "doc.channel == 'Web' and not doc.is_anonymous",
		"recipients": [
			doc_field("representative_email", condition=RECEIPT_RECIPIENT),
			doc_field("email", condition=f"not ({RECEIPT_RECIPIENT})"),
		],
		"send_system_notification": 0,
		"subject": "We have your {{ _(doc.feedback_type).lower() }}: reference {{ doc.name }}",
		"message": RECEIPT_MESSAGE,
	},
)

# To the customer, not staff (so no desk bell): the satisfaction survey's one-time link
# (customer_feedback.portal.survey). Only a hash of the link's token is stored, so the link exists only
# while the survey is created: a "Custom" Notification, sent by the survey as it is created
# (customer_feedback.mail.send_privately, off the timeline), reading `doc.survey_url`; its condition keeps
# an edited copy from sending an email without the link.
SURVEY_NOTIFICATIONS: tuple[dict, ...] = (
	{
		"name": SURVEY_INVITATION,
		"document_type": "Feedback Survey",
		"event": "Custom",
		"condition": "doc.survey_url",
		"recipients": [doc_field("email")],
		"send_system_notification": 0,
		"subject": "How did we handle your complaint {{ doc.feedback }}?",
		"message": "<p>Hello,</p>"
		"<p>We have closed your complaint {{ doc.feedback }}. We would like to know how you felt about the way "
		"we handled it, and what we could do better. It takes about two minutes. You can answer once, and you "
		"do not have to answer at all: we will not send a reminder.</p>"
		'<p><a href="{{ doc.survey_url }}">Tell us how we handled your complaint</a></p>'
		"<p>If the link does not work, copy this address into your web browser: {{ doc.survey_url }}</p>"
		"<p>This survey is not a complaint. If you are unhappy with something, you can make a complaint at "
		'<a href="{{ frappe.utils.get_url("/feedback") }}">{{ frappe.utils.get_url("/feedback") }}</a>.</p>',
	},
)


# To staff: a learning action not done by its due day (a row of a Learning record's Actions). The platform's
# "Days After" on the row's own Due On (date-based events are the ones Frappe allows on a child table; the
# email and bell refer to the Learning record): sent once, on the day after, to the action's owner and the
# Feedback Manager; a new Due On arms it again. No stored "reminded" flag: the date is the one fact.
LEARNING_NOTIFICATIONS: tuple[dict, ...] = (
	{
		"name": "Learning Action Overdue",
		"document_type": "Learning Action",
		"event": "Days After",
		"date_changed": "due_on",
		"days_in_advance": 1,
		"condition": "not doc.done_on",
		"recipients": [doc_field("action_owner"), role("Feedback Manager")],
		"subject": "Overdue learning action: {{ doc.parent }}",
		"message": "<p>An action from learning {{ doc.parent }} was due by "
		"{{ frappe.utils.formatdate(doc.due_on) }} and is not recorded as done:</p>"
		"<p>{{ doc.action | e }}</p>"
		"<p>Owner: {{ frappe.get_fullname(doc.action_owner) | e }}. Do it, then record Done On and the "
		"evidence; or agree a new Due On with the Feedback Manager.</p>"
		'<p><a href="{{ frappe.utils.get_url_to_form("Learning", doc.parent) }}">Open {{ doc.parent }}</a></p>',
	},
)


def restriction_review(name: str, days_before: int, when: str) -> dict:
	"""A contact restriction's review reminder (the platform's daily "Days Before" on Review On): to who
	decided it and the Feedback Managers, while it is a restriction that has not ended before its review."""
	return {
		"name": name,
		"document_type": "Contact Restriction",
		"event": "Days Before",
		"date_changed": "review_on",
		"days_in_advance": days_before,
		"condition": "doc.decision == 'Restrict contact' and (not doc.ends_on or doc.ends_on >= doc.review_on)",
		"recipients": [doc_field("decided_by"), role("Feedback Manager")],
		"subject": "Review contact restriction {{ doc.name }} " + when,
		# Not the customer's name (the Contact's): an email leaves the system; the record keeps it.
		"message": "<p>Contact restriction {{ doc.name }} is due for review on "
		"{{ frappe.utils.formatdate(doc.review_on) }}.</p><p>Decide whether to lift it (set Ends On), keep it "
		"(set the next Review On) or change it, record the Review Outcome, and tell the customer.</p>"
		'<p><a href="{{ frappe.utils.get_url_to_form("Contact Restriction", doc.name) }}">Open {{ doc.name }}</a></p>',
	}


# Solihull Appendix A: a restriction is reviewed; its owner is reminded five days before and on the day.
RESTRICTION_NOTIFICATIONS: tuple[dict, ...] = (
	restriction_review(
		"Contact Restriction Review Due", 5, "by {{ frappe.utils.formatdate(doc.review_on) }}"
	),
	restriction_review("Contact Restriction Review Today", 0, "today"),
)

# Every Notification the app creates: to staff (NOTIFICATIONS, with the desk bell) and to customers.
ALL_NOTIFICATIONS: tuple[dict, ...] = (
	NOTIFICATIONS
	+ LEARNING_NOTIFICATIONS
	+ RECEIPT_NOTIFICATIONS
	+ SURVEY_NOTIFICATIONS
	+ RESTRICTION_NOTIFICATIONS
)


def create_notifications() -> None:
	"""Create the Notifications missing by name; an existing one, edited or not, is left as it is."""
	for spec in ALL_NOTIFICATIONS:
		if frappe.db.exists("Notification", spec["name"]):
			continue
		frappe.get_doc(
			{
				"doctype": "Notification",
				"module": MODULE,
				"is_standard": 0,
				"enabled": 1,
				"channel": "Email",
				"send_system_notification": 1,
				"message_type": "HTML",
				**spec,
			}
		).insert(ignore_permissions=True)


def delete_notifications() -> None:
	"""On uninstall. Frappe deletes the Notifications linked to our Module Def, but not an administrator's
	own Notifications or Assignment Rules on our DocTypes, which would be left pointing at dropped tables."""
	for doctype in ("Notification", "Assignment Rule"):
		for name in frappe.get_all(
			doctype, filters={"document_type": ("in", WATCHED_DOCTYPES)}, pluck="name"
		):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	for name in frappe.get_all("Notification", filters={"module": MODULE}, pluck="name"):
		frappe.delete_doc("Notification", name, force=True, ignore_permissions=True)
