"""A few hundred realistic demo cases across every procedure, type, channel and state.

Deterministic (case i always comes out the same) and idempotent: running again only adds the missing ones.
Seeding moves cases by rule rather than by workflow actions, so it can place a case straight into any
state with the dates a real case would have.
"""

import datetime as dt
import random

import frappe
from frappe.utils import add_days, getdate, now_datetime

from customer_feedback.customer_feedback.doctype.complaint_stage.complaint_stage import RECORDED_FIELDS
from customer_feedback.setup import demo
from customer_feedback.setup import policy_presets as presets

DEMO_CASE_COUNT = 300
CUSTOMER_DOMAIN = "customers.example.org"
DEMO_TAG = "demo"  # Frappe's own tags mark demo cases, so they can be filtered out or deleted

FIRST_NAMES = [
	"Amira",
	"Ben",
	"Chloe",
	"Dylan",
	"Eleri",
	"Farah",
	"George",
	"Hannah",
	"Imran",
	"Jess",
	"Kofi",
	"Lowri",
	"Mohammed",
	"Niamh",
	"Oliver",
	"Priya",
	"Rhys",
	"Sofia",
	"Tariq",
	"Una",
	"Wiktoria",
	"Yusuf",
]
LAST_NAMES = [
	"Ahmed",
	"Brown",
	"Campbell",
	"Davies",
	"Evans",
	"Friedman",
	"Green",
	"Hughes",
	"Iqbal",
	"Jones",
	"Kowalski",
	"Lewis",
	"Morgan",
	"Nowak",
	"Okafor",
	"Patel",
	"Roberts",
	"Singh",
	"Thomas",
	"Williams",
]
TYPES = [
	("Complaint", 50),
	("Compliment", 20),
	("Comment", 10),
	("Suggestion", 10),
	("Representation", 5),
	("Service Request", 5),
]
CHANNELS = [
	("Web", 30),
	("Email", 25),
	("Telephone", 20),
	("Letter", 8),
	("In person", 6),
	("Social media", 4),
	("SMS", 2),
	("Minicom or text relay", 1),
	("Fax", 1),
	("Public consultation", 2),
	("Elected member on behalf of a constituent", 1),
]
WHAT_HAPPENED = {
	"Complaint": [
		"The crew arrived much later than we were told and nobody explained why.",
		"I asked three times for a call back and nobody rang me.",
		"The officer who visited was rude to my elderly mother.",
		"My letter was sent to the wrong address with my personal details in it.",
		"The charge for the service went up without any notice.",
		"The fire engine damaged my front wall while turning in the lane.",
	],
	"Compliment": [
		"The firefighters who fitted our smoke alarms were patient and kind.",
		"Thank you to the team at the library for helping my son with his application.",
		"The crew went the extra mile after the kitchen fire: thank you.",
	],
	"Comment": [
		"The website is hard to use on a phone.",
		"It would help if collection days were printed on the bin.",
	],
	"Suggestion": [
		"Could you run home safety visits in the evenings for people who work?",
		"Put the opening hours on the front door of the office.",
	],
	"Representation": [
		"I object to the plan to close the station at night.",
		"The new parking charges are unfair to carers.",
	],
	"Service Request": [
		"Please come and check the smoke alarm you fitted: it keeps beeping.",
		"The streetlight outside number 12 has been out for two weeks.",
	],
}


def make_demo_cases(count: int = DEMO_CASE_COUNT) -> int:
	"""Create the missing demo cases; returns how many were created."""
	existing = frappe.db.count("Feedback", {"_user_tags": ("like", f"%{DEMO_TAG}%")})
	for index in range(existing, count):
		make_case(index)
		if index % 50 == 0:
			frappe.db.commit()
	return max(count - existing, 0)


def pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
	return rng.choices([value for value, _ in weighted], [weight for _, weight in weighted])[0]


def make_case(index: int) -> None:
	rng = random.Random(20261123 + index)
	policy = rng.choice(list(demo.SERVICE_AREAS))
	feedback_type = pick(rng, TYPES)
	first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
	anonymous = rng.random() < 0.03
	received_on = working_hours_before(now_datetime(), rng.randint(0, 180), rng)
	channel = pick(rng, CHANNELS)
	case = frappe.get_doc(
		{
			"doctype": "Feedback",
			"feedback_type": feedback_type,
			"channel": channel,
			"received_on": received_on,
			"policy": policy,
			"service_area": f"{demo.AREA_PREFIX[policy]}: {rng.choice(demo.SERVICE_AREAS[policy])}",
			"is_anonymous": int(anonymous),
			"customer_name": None if anonymous else f"{first} {last}",
			"email": None if anonymous else f"{first}.{last}{index}@{CUSTOMER_DOMAIN}".lower(),
			"phone": None if anonymous or rng.random() < 0.5 else f"07700 9{index:05d}",
			"preferred_contact_method": rng.choice(["Email", "Telephone", "Letter"]),
			"needs_interpreter": int(rng.random() < 0.04),
			"reasonable_adjustments": "Large print letters, please." if rng.random() < 0.05 else None,
			"description": rng.choice(WHAT_HAPPENED[feedback_type]),
			"desired_outcome": "An apology and an explanation." if feedback_type == "Complaint" else None,
			"safeguarding": int(rng.random() < 0.03),
			"hate_crime": int(rng.random() < 0.01),
			"staff_conduct": int(feedback_type == "Complaint" and rng.random() < 0.08),
			"compensation_claim": int(feedback_type == "Complaint" and rng.random() < 0.04),
			"data_protection": int(rng.random() < 0.03),
			"social_care": int(policy == presets.DEVON and rng.random() < 0.25),
			"complexity": "Complex" if rng.random() < 0.15 else "Standard",
			"elected_member": int(channel == "Elected member on behalf of a constituent"),
			"elected_member_name": "Cllr Sam Reed"
			if channel == "Elected member on behalf of a constituent"
			else None,
		}
	)
	if feedback_type == "Complaint" and rng.random() < 0.12:
		case.update(
			{
				"resolved_at_first_contact": 1,
				"first_contact_actions": "Apologised and rebooked the visit while the customer was on the phone.",
				"first_contact_outcome": "The customer was happy to leave it there.",
			}
		)
	case.insert(ignore_permissions=True)
	frappe.db.set_value("Feedback", case.name, "_user_tags", f",{DEMO_TAG}", update_modified=False)
	if case.status == "Closed":
		return
	progress(case, received_on, rng)


def working_hours_before(now: dt.datetime, days_ago: int, rng: random.Random) -> dt.datetime:
	day = add_days(now, -days_ago)
	received = dt.datetime.combine(getdate(day), dt.time(rng.randint(8, 19), rng.randint(0, 59)))
	return min(received, now - dt.timedelta(minutes=5))


def progress(case, received_on: dt.datetime, rng: random.Random) -> None:
	"""Move an older case along as staff would have: acknowledge, respond, escalate, close."""
	age = (now_datetime() - received_on).days
	today = getdate(now_datetime())
	if age < 2 or rng.random() < 0.1:
		return  # new, or not yet acknowledged (some of these are overdue: that is realistic too)
	acknowledged = getdate(add_days(received_on, rng.randint(1, 4)))
	if case.current_stage:
		assign_stage(case, 1)
	move(case, "Acknowledged", acknowledged_on=min(acknowledged, today))
	if age < 12 or rng.random() < 0.15:
		return
	responded = min(getdate(add_days(received_on, rng.randint(8, 20))), today)
	move(
		case,
		"Responded",
		responded_on=responded,
		outcome=rng.choice(["Upheld", "Partly upheld", "Not upheld"])
		if case.feedback_type == "Complaint"
		else None,
	)
	# A claim for compensation stays a stage 1 complaint: it goes to the insurance contact instead.
	if case.current_stage and not case.compensation_claim and age > 40 and rng.random() < 0.3:
		requested = min(getdate(add_days(responded, rng.randint(3, 10))), today)
		case.escalate("The response did not answer all my points.", requested)
		assign_stage(case, case.current_stage)
		if age > 70 and rng.random() < 0.6:
			move(case, "Acknowledged", acknowledged_on=getdate(add_days(requested, 2)))
			move(case, "Responded", responded_on=min(getdate(add_days(requested, 15)), today))
			if age > 90 and rng.random() < 0.5:
				# Still dissatisfied: the next stage, or the external body after the last one.
				case.escalate(
					"Still dissatisfied after the review.", min(getdate(add_days(requested, 25)), today)
				)
		return
	if age > 50:
		meet_closing_rules(case, rng)
		move(case, "Closed")


def meet_closing_rules(case, rng: random.Random) -> None:
	"""What the case's policy asks before it closes, recorded as staff would: a lesson (or why there is
	none), a comment's evaluation, a senior manager's thank-you for a compliment."""
	from customer_feedback.closing_rules import needs_learning
	from customer_feedback.customer_feedback.doctype.feedback_policy.feedback_policy import get_rules
	from customer_feedback.setup.demo_learning import learn_from

	closing = get_rules(case.policy).closing
	if needs_learning(closing, case.feedback_type) and case.outcome != "Withdrawn":
		if case.feedback_type == "Complaint" or rng.random() < 0.3:
			learn_from(case, rng)
		else:
			case.no_learning_reason = "Reviewed at the directorate meeting: nothing to change this time."
	if closing.evaluate_comments and case.feedback_type == "Comment":
		case.comment_evaluation = "Shared with the station manager; to be considered at the next review."
	if closing.senior_thank_you and case.feedback_type == "Compliment":
		case.thanked_by = demo.staff_email("mary.oneill")
		case.thanked_on = min(getdate(add_days(case.received_on, 5)), getdate(now_datetime()))


def assign_stage(case, number: int) -> None:
	"""Different people at each stage, as policies needing independence require."""
	handlers = ["aisha.khan", "gareth.evans", "helen.carter"]
	reviewers = ["mary.oneill", "david.osei", "priya.shah"]
	stage = frappe.get_doc("Complaint Stage", f"{case.name}-{number}")
	stage.handler = demo.staff_email(handlers[(number - 1) % 3])
	stage.reviewer = demo.staff_email(reviewers[(number - 1) % 3])
	stage.save(ignore_permissions=True)
	case.reload()


def move(case, status: str, **values) -> None:
	"""Record a step as staff would: a complaint's dates on its current stage, then the case's status (by
	rule, as the demo steps past the workflow's one-a-day actions)."""
	values = {key: value for key, value in values.items() if value is not None}
	on_stage = {field: values.pop(field) for field in RECORDED_FIELDS if field in values}
	if case.current_stage and on_stage:
		stage = frappe.get_doc("Complaint Stage", f"{case.name}-{case.current_stage}")
		stage.update(on_stage)
		stage.save(ignore_permissions=True)
		case.reload()
	else:
		values.update(on_stage)
	case.update(values)
	case.flags.ignore_permissions = True
	case.move_by_rule(status)
