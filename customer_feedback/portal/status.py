"""What a customer can see of their case, and their request for the next complaint stage.

Three ways in, one view (`public_view`):
- the status look-up at /feedback/status (www/feedback_status): a guest gives the reference and the access
  code from their receipt or acknowledgement (`look_up`, `request_next_stage`);
- My feedback at /my-feedback (www/my_feedback): a logged-in website user sees the cases they sent or that
  carry their email address (`my_cases`, `request_next_stage_as_owner`).
The web form's own per-case view never shows the case: the form needs no login, so the platform sends
/feedback/<name> to /feedback/new, and the form's data call answers with its own fields only
(customer_feedback.portal.intake.get_form_data).

When a customer may ask for the next stage is case_rules.escalation_block's rule (the same one staff
escalation follows); `escalation_unavailable` turns its reason into what the customer reads, saying when
they will hear or what they can do. After the last stage the customer goes to the external body
themselves, so the pages give its contact details instead of a button.
"""

from __future__ import annotations

import re
from functools import wraps

import frappe
from frappe import _
from frappe.utils import cstr, getdate, now_datetime, nowdate

from customer_feedback import case_rules
from customer_feedback.access_codes import FAILURES_PER_REFERENCE_PER_DAY
from customer_feedback.constants import ACKNOWLEDGED, CLOSED, OPEN, RESPONDED, WITH_EXTERNAL_BODY
from customer_feedback.customer_feedback.doctype.feedback.access_code import opens as code_opens_case
from customer_feedback.customer_feedback.doctype.feedback_policy.feedback_policy import (
	external_body_name,
	get_rules,
)
from customer_feedback.exceptions import (
	EscalationError,
	EscalationReasonRequiredError,
	LookupInputError,
	LookupRefusedError,
	TooManyLookupsError,
)
from customer_feedback.portal import format_day
from customer_feedback.portal.tries import count_try, count_try_from_network
from customer_feedback.wording import stage_text

# Tries per network (an IPv4 address, or an IPv6 /64: customer_feedback.access_codes.client_network), for
# each method: someone checking their own case, or mistyping a few times, stays well inside 10 tries in 10
# minutes. Wrong codes are counted per reference as well (FAILURES_PER_REFERENCE_PER_DAY), so spreading the
# guesses over many networks does not help either.
LOOKUP_LIMIT = 10
LOOKUP_WINDOW_SECONDS = 10 * 60
REASON_LIMIT = 3000  # characters: a full explanation, not a pasted document
DEFAULT_HANDLED_BY = "a member of our staff"
TRIES_KEY = "customer_feedback:lookup"

# The case's status in the words the public pages use.
PUBLIC_STATUS = {
	OPEN: "Received",
	ACKNOWLEDGED: "Being looked into",
	RESPONDED: "We have responded",
	WITH_EXTERNAL_BODY: "With {0}",
	CLOSED: "Closed",
}


def per_network_limit(fn):
	"""A limit on tries per network and method over HTTP (customer_feedback.portal.tries), refused with
	HTTP 429 and a message saying how long to wait."""

	@wraps(fn)
	def wrapper(*args, **kwargs):
		if frappe.request:
			tries = count_try_from_network(f"{TRIES_KEY}:network:{fn.__name__}", LOOKUP_WINDOW_SECONDS)
			if tries > LOOKUP_LIMIT:
				frappe.throw(
					_(
						"You have tried {0} times in {1} minutes, which is our limit: wait {1} minutes and try again, or contact us and quote your reference."
					).format(LOOKUP_LIMIT, LOOKUP_WINDOW_SECONDS // 60),
					TooManyLookupsError,
					title=_("Too many tries"),
				)
		return fn(*args, **kwargs)

	return wrapper


def reference_failures_key(reference: str) -> str:
	return f"{TRIES_KEY}:reference:{reference}:{nowdate()}"


def refuse_if_locked(reference: str) -> None:
	"""After FAILURES_PER_REFERENCE_PER_DAY wrong codes, the reference is shut for the rest of the day, right
	code or not: otherwise guessing would only need more networks. The customer can still contact us."""
	failures = frappe.cache.get(frappe.cache.make_key(reference_failures_key(reference)))
	if int(failures or 0) >= FAILURES_PER_REFERENCE_PER_DAY:
		frappe.throw(
			_(
				"The access code for this reference has been entered wrongly {0} times today, so we have stopped look-ups for it until tomorrow to keep it safe. Try again tomorrow, or contact us and quote your reference."
			).format(FAILURES_PER_REFERENCE_PER_DAY),
			TooManyLookupsError,
			title=_("Too many tries"),
		)


def forget_failed_tries() -> None:
	"""Clear every count of tries (for tests, and for an administrator helping a locked-out customer)."""
	frappe.cache.delete_keys(f"{TRIES_KEY}:")


# -- the public view of a case -----------------------------------------------------------------------------


def public_view(doc) -> dict:
	"""Everything a customer may see of their case, in plain words: never a staff name (unless the policy
	shows handlers' names), internal notes, flags or routing."""
	policy = get_rules(doc.policy)
	stage_rule = policy.stage_or_none(doc.current_stage) if doc.has_stages else None
	block = escalation_block(doc, policy)
	next_rule = policy.stage_or_none(doc.current_stage + 1) if stage_rule else None
	at_last_stage = bool(stage_rule) and doc.current_stage >= policy.last_stage_number
	view = {
		"reference": doc.name,
		"feedback_type": _(doc.feedback_type),
		"received_on": format_day(doc.received_on),
		"status": public_status(doc, policy),
		"stage": stage_text(stage_rule, policy) if stage_rule else None,
		"handled_by": handled_by(doc, policy, stage_rule),
		"next_date_label": None,
		"next_date": None,
		"next_step": next_step(doc, policy, block, next_rule, at_last_stage),
		"can_escalate": block is None,
		"next_stage": stage_text(next_rule, policy) if next_rule else None,
		"next_stage_number": next_rule.stage_number if next_rule else None,
		"escalation_reason_required": bool(policy.escalation_reason_required),
		# Said only where a stage could follow: why the customer cannot ask now, and when they can.
		"escalation_unavailable": block if stage_rule and next_rule and doc.status != CLOSED else None,
		"external_body": external_body(policy) if at_last_stage or doc.status == WITH_EXTERNAL_BODY else None,
		"is_closed": doc.status == CLOSED,
	}
	if doc.status in (OPEN, ACKNOWLEDGED) and not doc.responded_on:
		# A date already passed is owned up to, not promised.
		if doc.acknowledge_by and not doc.acknowledged_on:
			view["next_date_label"] = (
				_("We should have acknowledged it by")
				if is_past(doc.acknowledge_by)
				else _("We will acknowledge it by")
			)
			view["next_date"] = format_day(doc.acknowledge_by)
		elif doc.respond_by:
			view["next_date_label"] = (
				_("We should have responded by") if is_past(doc.respond_by) else _("We will respond by")
			)
			view["next_date"] = format_day(doc.respond_by)
	return view


def is_past(day) -> bool:
	return getdate(day) < getdate(nowdate())


def public_status(doc, policy) -> str:
	if doc.status == WITH_EXTERNAL_BODY:
		return _(PUBLIC_STATUS[doc.status]).format(external_body_name(policy))
	if doc.status == CLOSED:
		return _(PUBLIC_STATUS[CLOSED])
	# Staff may record the dates without moving the workflow: the dates say how far the case has got.
	if doc.responded_on:
		return _(PUBLIC_STATUS[RESPONDED])
	if doc.acknowledged_on:
		return _(PUBLIC_STATUS[ACKNOWLEDGED])
	return _(PUBLIC_STATUS[OPEN])


def handled_by(doc, policy, stage_rule) -> str:
	"""A role as the public sees it; the handler's name only where the policy says to show it."""
	if doc.status == WITH_EXTERNAL_BODY:
		return external_body_name(policy)
	if stage_rule:
		role = stage_rule.handled_by or _(DEFAULT_HANDLED_BY)
		if policy.show_handler_name:
			handler = frappe.db.get_value(
				"Complaint Stage", {"feedback": doc.name, "stage_number": doc.current_stage}, "handler"
			)
			name = handler and frappe.db.get_value("User", handler, "full_name")
			if name:
				return f"{name} ({role})"
		return role
	if doc.service_area:
		return _("the {0} service").format(doc.service_area)
	return _("our customer feedback team")


def external_body(policy) -> dict | None:
	return policy.external_body.as_dict() if policy.external_body else None


def next_step(doc, policy, block, next_rule, at_last_stage) -> str:
	"""One or two plain sentences on what happens next."""
	kind = _(doc.feedback_type).lower()
	if doc.status == CLOSED:
		return _(
			"Your {0} is closed. If you need to tell us more, or you are not satisfied, contact us and quote your reference {1}."
		).format(kind, doc.name)
	if doc.status == WITH_EXTERNAL_BODY:
		return _("{0} is looking at your complaint and will contact you about it.").format(
			external_body_name(policy, capitalised=True)
		)
	if not doc.responded_on:
		parts = []
		if doc.acknowledge_by and not doc.acknowledged_on and not is_past(doc.acknowledge_by):
			parts.append(
				_(
					"We will contact you by {0} to confirm we have your {1} and who is looking into it."
				).format(format_day(doc.acknowledge_by), kind)
			)
		if doc.respond_by:
			if is_past(doc.respond_by):
				parts.append(
					_("We should have responded by {0}, and we are sorry we have not.").format(
						format_day(doc.respond_by)
					)
				)
			else:
				parts.append(_("We aim to respond by {0}.").format(format_day(doc.respond_by)))
		if block is None and next_rule:
			parts.append(_("You can ask for the next stage now."))
		return " ".join(parts) or _("We will look at what you have told us.")
	if block is None and next_rule:
		text = _("If you are not satisfied with our response, you can ask for {0}.").format(
			stage_text(next_rule, policy)
		)
	elif at_last_stage and policy.external_body:
		text = _(
			"This is the last stage of our procedure. If you are not satisfied with our response, you can ask {0} to look at your complaint."
		).format(policy.external_body.name)
	else:
		text = _("We have responded to your {0}.").format(kind)
	if doc.closes_for_no_reply_on:
		text += " " + _("If we do not hear from you by {0}, we will close it.").format(
			format_day(doc.closes_for_no_reply_on)
		)
	return text


# -- when a customer may ask for the next stage ------------------------------------------------------------


def escalation_block(doc, policy) -> str | None:
	"""Why the customer cannot ask for the next stage now (a message saying what they can do), or None if
	they can: case_rules.escalation_block's reason, in the customer's words."""
	facts = doc.escalation_facts(policy)
	block = case_rules.escalation_block(facts, getdate(nowdate()), by_customer=True)
	if block is None:
		return None
	kind = _(doc.feedback_type).lower()
	external = external_body_name(policy)
	if block == case_rules.CASE_FINISHED and doc.status == CLOSED:
		return _(
			"Your {0} {1} is closed. If you are not satisfied, contact us and quote {1}: we can reopen it."
		).format(kind, doc.name)
	if block == case_rules.CASE_FINISHED:
		return _("Your complaint is with {0}: contact them about it.").format(external)
	if block == case_rules.NOT_IN_PROCEDURE:
		return _(
			"Only complaints go through our complaint stages, and this is a {0}. If you are unhappy with how we dealt with it, you can make a complaint."
		).format(kind)
	if block == case_rules.COMPENSATION_CLAIM:
		return _(
			"This is a claim for compensation: our insurance team deals with it, so it stays at stage 1. They will contact you."
		)
	if block == case_rules.REFUSED:
		refusal = frappe.db.get_value(
			"Complaint Stage",
			{"feedback": doc.name, "stage_number": doc.current_stage},
			["escalation_refused_on", "escalation_refusal_reason"],
			as_dict=True,
		)
		return _(
			"On {0} we decided not to take your complaint to the next stage: {1} If you are still not satisfied, you can contact {2}."
		).format(format_day(refusal.escalation_refused_on), cstr(refusal.escalation_refusal_reason), external)
	if block == case_rules.LAST_STAGE:
		return _(
			"Stage {0} is the last stage of our procedure. If you are not satisfied with our response, contact {1}."
		).format(doc.current_stage, external)
	if doc.respond_by:
		return _(
			"You can ask for stage {0} once we have sent our stage {1} response, or if we have not sent it by {2}. We will respond by {2}."
		).format(doc.current_stage + 1, doc.current_stage, format_day(doc.respond_by))
	return _("You can ask for stage {0} once we have sent our stage {1} response.").format(
		doc.current_stage + 1, doc.current_stage
	)


def escalate_for_customer(doc, reason: str | None, via: str) -> dict:
	"""Open the next stage at the customer's request, exactly as staff escalation does (Feedback.escalate).
	Callers have checked who is asking; only then are the case's permissions set aside."""
	policy = get_rules(doc.policy)
	block = escalation_block(doc, policy)
	if block:
		frappe.throw(block, EscalationError, title=_("You cannot ask for the next stage now"))
	reason = cstr(reason).strip()
	if policy.escalation_reason_required and not reason:
		frappe.throw(
			_(
				"Why you are not satisfied is empty: tell us what we got wrong or did not answer at stage {0}. We need your reason before stage {1} can start."
			).format(doc.current_stage, doc.current_stage + 1),
			EscalationReasonRequiredError,
		)
	if len(reason) > REASON_LIMIT:
		frappe.throw(
			_("Why you are not satisfied is {0} characters long; it can be up to {1}. Shorten it.").format(
				f"{len(reason):,}", f"{REASON_LIMIT:,}"
			),
			EscalationReasonRequiredError,
		)
	doc.flags.ignore_permissions = True
	doc.escalate(reason or None, now_datetime())
	doc.add_comment("Info", _("The customer asked for stage {0} through {1}.").format(doc.current_stage, via))
	view = public_view(doc)
	return {
		"message": _("We have started {0}. We will contact you by {1} and aim to respond by {2}.").format(
			view["stage"],
			format_day(doc.acknowledge_by) or _("soon"),
			format_day(doc.respond_by) or _("as soon as we can"),
		),
		"acknowledge_by": format_day(doc.acknowledge_by),
		"respond_by": format_day(doc.respond_by),
		"case": view,
	}


# -- finding the case: by reference and access code, or as its owner --------------------------------------


def compact(text: str | None) -> str:
	"""A reference as typed, compared without spaces and case: " fb-2025-00042"."""
	return re.sub(r"\s+", "", cstr(text)).upper()


def check_lookup_input(reference: str | None, code: str | None) -> None:
	if not compact(reference):
		frappe.throw(
			_("Reference is empty: enter the reference from our acknowledgement, like FB-2025-00042."),
			LookupInputError,
		)
	if not cstr(code).strip():
		frappe.throw(
			_(
				"Access code is empty: enter the access code from your receipt or our acknowledgement, like ABCDE-FGHJK."
			),
			LookupInputError,
		)


def case_for(reference: str, code: str):
	"""The case with this reference, if the access code is its own. A missing case, a wrong code, a case with
	no code and an anonymous case get the same refusal, from the same single query; a wrong code counts
	against the reference."""
	check_lookup_input(reference, code)
	name = compact(reference)
	refuse_if_locked(name)
	row = frappe.db.get_value("Feedback", name, ["name", "access_code_hash", "is_anonymous"], as_dict=True)
	if not (row and not row.is_anonymous and code_opens_case(row.name, row.access_code_hash, code)):
		count_try(reference_failures_key(name), 2 * 24 * 60 * 60)
		refuse()
	return frappe.get_doc("Feedback", row.name)


def refuse():
	frappe.throw(
		_(
			"We cannot find feedback with that reference and access code. Check both against your receipt or our acknowledgement: the reference looks like FB-2025-00042 and the access code like ABCDE-FGHJK. If you have lost the code, contact us and we will give you a new one."
		),
		LookupRefusedError,
		title=_("Not found"),
	)


def is_website_user(user: str | None) -> bool:
	"""A signed-in customer: staff (System Users, with desk access) are never served as the customer, so a
	member of staff who recorded a case cannot ask for its next stage in the customer's name."""
	if not user or user == "Guest":
		return False
	return frappe.get_cached_value("User", user, "user_type") == "Website User"


def customer_emails(user: str) -> str:
	return cstr(frappe.db.get_value("User", user, "email")).strip()


def is_customer_of(doc, user: str) -> bool:
	"""A website user whose email is the case's email or its representative's. Not by owner (staff own the
	cases they record) and not by the linked Contact's emails (a Contact may be matched by phone, and is
	edited by staff): only an address the customer gave for this case."""
	if not is_website_user(user):
		return False
	email = customer_emails(user).casefold()
	given = {cstr(doc.email).strip().casefold(), cstr(doc.representative_email).strip().casefold()}
	return bool(email) and not doc.is_anonymous and email in given - {""}


def my_cases(user: str | None = None) -> list[dict]:
	"""The public view of each case carrying the website user's email address (theirs or as representative),
	newest first; nothing for staff or guests."""
	user = user or frappe.session.user
	if not is_website_user(user):
		return []
	email = customer_emails(user)
	if not email:
		return []
	names = frappe.get_all(
		"Feedback",
		or_filters=[["email", "=", email], ["representative_email", "=", email]],
		filters={"is_anonymous": 0},
		order_by="received_on desc",
		pluck="name",
	)
	return [public_view(frappe.get_doc("Feedback", name)) for name in names]


def own_case(reference: str):
	name = compact(reference)
	doc = frappe.get_doc("Feedback", name) if name and frappe.db.exists("Feedback", name) else None
	if not (doc and is_customer_of(doc, frappe.session.user)):
		refuse()
	return doc


# -- whitelisted -----------------------------------------------------------------------------------------


@frappe.whitelist(allow_guest=True, methods=["POST"])
@per_network_limit
def look_up(reference: str | None = None, access_code: str | None = None) -> dict:
	"""The public view of a case, given its reference and its access code."""
	return public_view(case_for(reference, access_code))


@frappe.whitelist(allow_guest=True, methods=["POST"])
@per_network_limit
def request_next_stage(
	reference: str | None = None, access_code: str | None = None, reason: str | None = None
) -> dict:
	"""The customer asks for the next complaint stage from the status page (the code checked again here)."""
	doc = case_for(reference, access_code)
	return escalate_for_customer(doc, reason, _("the status page"))


@frappe.whitelist(methods=["POST"])
def request_next_stage_as_owner(reference: str | None = None, reason: str | None = None) -> dict:
	"""The logged-in customer asks for the next complaint stage from My feedback."""
	if not is_website_user(frappe.session.user):
		frappe.throw(
			_(
				"My feedback is for customers signed in to the website. Staff escalate a case from the desk, with the case's Escalate action."
			),
			frappe.PermissionError,
		)
	return escalate_for_customer(own_case(reference), reason, _("My feedback"))
