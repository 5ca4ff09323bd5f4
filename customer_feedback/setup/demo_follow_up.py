"""Demo data after the response (issue 11), on the demo cases (setup/demo_cases.py): compliments passed on
to the staff praised, some for the bulletin (a few naming the customer, who agreed), Devon's senior
manager's thank-you; suggestions answered with their outcome; comments evaluated; representations with their
policy's owner and decision. Deterministic and safe to run again: a case already followed up is left alone.

Wired in by demo.make_demo_data after the cases: `lines += make_demo_follow_up()`.
"""

import frappe
from frappe.utils import add_days, getdate, nowdate

from customer_feedback.setup import demo
from customer_feedback.setup import policy_presets as presets
from customer_feedback.setup.demo_cases import DEMO_TAG
from customer_feedback.setup.master_data import COMPLIMENT_CATEGORIES

PRAISED = [
	{"praised_user": "jo.richards"},
	{"praised_user": "gareth.evans"},
	{"praised_name": "Sam Keeper", "team": "Watch B"},
	{"team": "Customer Service Centre"},
]
BRIEFS = [
	"Went out of their way to explain the decision clearly and kindly.",
	"Came back the same day to finish the job and tidied up afterwards.",
	"Patient and reassuring on the phone at a difficult time.",
	"The whole team was friendly, quick and helpful.",
]
OUTCOMES = [
	("We will implement it", "We will start from next month and put the details on our website."),
	("We will look into it", "We will consider it at the next review of the service, in the spring."),
	(
		"We are unable to implement it",
		"It would cost more than the service's budget allows, but we have noted it for the future.",
	),
]
POLICIES_CONCERNED = ["Parking charges", "Night-time cover at the station", "Opening hours"]


def make_demo_follow_up() -> list[str]:
	recorder = demo.staff_email("tom.baker")
	user = frappe.session.user
	frappe.set_user(recorder)  # who passes the compliments on
	try:
		compliments = follow_up_compliments()
	finally:
		frappe.set_user(user)
	suggestions = answer_suggestions()
	comments = evaluate_comments()
	representations = route_representations()
	frappe.db.commit()
	return [
		f"Follow-up: {compliments} compliments passed on, {suggestions} suggestions answered, "
		f"{comments} comments evaluated, {representations} representations routed to their policy's owner."
	]


def demo_cases(feedback_type: str, **filters) -> list:
	return frappe.get_all(
		"Feedback",
		filters={"feedback_type": feedback_type, "_user_tags": ("like", f"%{DEMO_TAG}%"), **filters},
		pluck="name",
		order_by="name asc",
	)


def follow_up_compliments() -> int:
	done = 0
	for i, name in enumerate(demo_cases("Compliment", passed_on_on=("is", "not set"))):
		case = frappe.get_doc("Feedback", name)
		praised = dict(PRAISED[i % len(PRAISED)])
		if praised.get("praised_user"):
			praised["praised_user"] = demo.staff_email(praised["praised_user"])
		case.update(
			{
				"compliment_category": COMPLIMENT_CATEGORIES[i % len(COMPLIMENT_CATEGORIES)][0],
				"praised": [praised],
				"bulletin_summary": BRIEFS[i % len(BRIEFS)],
				"for_bulletin": int(i % 2 == 0),
				"named_in_bulletin": int(i % 6 == 0 and not case.is_anonymous),
			}
		)
		if case.policy == presets.DEVON and (case.status == "Closed" or i % 2):
			case.thanked_by = demo.staff_email("mary.oneill")
			case.thanked_on = min(getdate(add_days(case.received_on, 4)), getdate(nowdate()))
		case.flags.ignore_permissions = True
		case.save()
		done += 1
	return done


def answer_suggestions() -> int:
	done = 0
	for i, name in enumerate(demo_cases("Suggestion", suggestion_outcome=("is", "not set"))):
		case = frappe.get_doc("Feedback", name)
		case.suggestion_outcome, case.suggestion_outcome_reason = OUTCOMES[i % len(OUTCOMES)]
		case.flags.ignore_permissions = True
		case.save()
		done += 1
	return done


def evaluate_comments() -> int:
	done = 0
	for name in demo_cases("Comment", comment_evaluation=("is", "not set"), status=("!=", "Open")):
		case = frappe.get_doc("Feedback", name)
		case.comment_evaluation = "Shared with the service area; taken into account at its next review."
		case.flags.ignore_permissions = True
		case.save()
		done += 1
	return done


def route_representations() -> int:
	done = 0
	for i, name in enumerate(demo_cases("Representation", policy_owner=("is", "not set"))):
		case = frappe.get_doc("Feedback", name)
		case.policy_concerned = POLICIES_CONCERNED[i % len(POLICIES_CONCERNED)]
		case.policy_owner = demo.staff_email("david.osei")
		if case.status != "Open":
			case.representation_outcome = "The policy stays as it is for now; it is reviewed next year."
		case.flags.ignore_permissions = True
		case.save()
		done += 1
	return done
