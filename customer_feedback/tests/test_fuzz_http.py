"""Fuzz over real HTTP: the public form's `accept` and the status look-up, sent thousands of generated inputs
(long strings, control characters, markup, wrong types, form fields left out or added). Every answer is a
clear refusal or a receipt, never a server error or a traceback, and every receipt's case is in the
database.

Not fuzzed, because the platform answers them with a server error before this app's code runs: a method's
parameter left out (TypeError), a form name that is not text (the rate limiter joins it to the address), data
that is not a JSON object (json.loads), and a list or object for a Link field (Document.insert checks links
before before_insert).

Hypothesis runs derandomized (the same inputs every run) and keeps no example database. Each request comes
from its own address (X-Forwarded-For, which Frappe takes as the request's IP), so the per-address limits on
the form and the look-up do not turn the run into a run of 429s. The server commits the cases it accepts; a
class cleanup deletes them (and commits)."""

from __future__ import annotations

import inspect
import itertools
import json
from pathlib import Path

import frappe
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from customer_feedback.portal import intake, status
from customer_feedback.portal.test_intake import ACCEPT, form_data
from customer_feedback.tests.factories import LiveServerTestCase, delete_committed_cases, make_feedback

LOOK_UP = "/api/method/customer_feedback.portal.status.look_up"
# Thousands of inputs (a submission carries up to five fuzzed fields beside the valid ones) in about a minute:
# a case accepted takes a second or so, a refusal a tenth of that.
SUBMISSIONS = 120
LOOK_UPS = 350
FUZZ = settings(
	derandomize=True,
	database=None,
	deadline=None,
	suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

# A site in service sends email: the case's emails are queued (the scheduler is off, so nothing is sent).
OUTGOING_EMAIL = {
	"doctype": "Email Account",
	"email_account_name": "_Test CF Fuzz Outgoing",
	"email_id": "fuzz-feedback@example.org",
	"enable_outgoing": 1,
	"default_outgoing": 1,
	"smtp_server": "localhost",
}
WEB_FORM_FIELDS = [
	field
	for field in json.loads(
		(
			Path(intake.__file__).parent.parent / "customer_feedback/web_form/feedback/feedback.json"
		).read_text()
	)["web_form_fields"]
	if field.get("fieldname")
]
FORM_FIELDS = sorted(field["fieldname"] for field in WEB_FORM_FIELDS)
# Given scalars only (see the module's docstring).
LINK_FIELDS = {field["fieldname"] for field in WEB_FORM_FIELDS if field["fieldtype"] == "Link"}
# Keys the form does not offer, that a crafted submission may still send.
NOT_ON_THE_FORM = [
	"name",
	"doctype",
	"owner",
	"docstatus",
	"status",
	"policy",
	"channel",
	"contact",
	"__islocal",
]

MARKUP = st.sampled_from(
	[
		"<script>alert(1)</script>",
		'"><img src=x onerror=alert(1)>',
		"<b>bold</b><!--",
		"{{ frappe.session.user }}",
		"{% for x in range(9) %}x{% endfor %}",
		"'; DROP TABLE `tabFeedback`; --",
		"%s %(name)s {0} {}",
		"../../../../etc/passwd",
		"javascript:alert(1)",
		"\u202eevil\u202c",
		"\ufeff\u200b",
		"ℌ𝔢𝔩𝔩𝔬 😀 ﷽",
		"Complaint\x00",
		"FB-2024-00001",
	]
)
CONTROL = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=31), min_size=1, max_size=20)
LONG = st.one_of(
	st.builds(
		lambda piece, times: piece * times, st.sampled_from(["x", "é", "😀", "\n"]), st.integers(1, 20000)
	),
	# Nested tags kept to a few thousand: the platform sanitizes a guest's parameters with bleach, which takes
	# time that grows with the square of the nesting (60,000 characters of "<b>": some 20 seconds).
	st.builds(lambda times: "<b>" * times, st.integers(1, 2000)),
)
TEXT = st.one_of(st.text(max_size=40), CONTROL, MARKUP, LONG)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.floats())
WRONG_TYPES = st.one_of(
	SCALARS,
	st.lists(st.one_of(st.integers(), st.text(max_size=5)), max_size=3),
	st.dictionaries(st.text(max_size=5), st.one_of(st.integers(), st.text(max_size=5)), max_size=3),
)
ANY_VALUE = st.one_of(TEXT, WRONG_TYPES)


@st.composite
def submissions(draw) -> dict:
	"""A valid submission with some keys dropped and some values replaced or added."""
	data = form_data()
	for key in draw(st.lists(st.sampled_from(sorted(data)), unique=True, max_size=4)):
		del data[key]
	for key in draw(st.lists(st.sampled_from(FORM_FIELDS + NOT_ON_THE_FORM), unique=True, max_size=5)):
		data[key] = draw(st.one_of(TEXT, SCALARS) if key in LINK_FIELDS else ANY_VALUE)
	return data


@st.composite
def accept_requests(draw) -> tuple[str, dict]:
	"""How the form is posted ("form": form-encoded, as the browser does; "json": a JSON body) and what: the
	form's name, now and then any text, and its data, a JSON object of fuzzed fields."""
	shape = draw(st.sampled_from(["form", "json"]))
	web_form = draw(
		st.one_of(st.just(intake.WEB_FORM), st.just(intake.WEB_FORM), st.just(intake.WEB_FORM), TEXT)
	)
	return shape, {"web_form": web_form, "data": json.dumps(draw(submissions()))}


def look_up_parameters() -> list[str]:
	# Read when the test runs: the look-up's parameters change as the look-up does.
	return [
		name
		for name, parameter in inspect.signature(status.look_up).parameters.items()
		if parameter.kind in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY)
	]


@st.composite
def look_up_requests(draw, real_reference: str) -> tuple[str, dict]:
	reference_like = st.sampled_from(
		[real_reference, real_reference.lower(), f" {real_reference} ", "FB-1999-99999", "FB-", ""]
	)
	params = {name: draw(st.one_of(reference_like, ANY_VALUE)) for name in look_up_parameters()}
	if draw(st.booleans()):
		return "json", params
	# Form-encoded: strings only.
	return "form", {
		name: value if isinstance(value, str) else json.dumps(value) for name, value in params.items()
	}


class TestFuzzOverHTTP(LiveServerTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.created: list[str] = []
		cls.addClassCleanup(cls.clean_up)
		cls.addresses = (f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}" for n in itertools.count(1))
		frappe.get_doc(OUTGOING_EMAIL).insert(ignore_permissions=True)
		cls.case = make_feedback(email="cf-fuzz@example.org", postcode="NN1 1AA").name
		cls.created.append(cls.case)
		frappe.db.commit()
		cls.forget_tries()

	@classmethod
	def forget_tries(cls):
		frappe.cache.delete_keys("rl:")
		forget = getattr(status, "forget_failed_tries", None)
		if forget:
			forget()

	@classmethod
	def clean_up(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		for name in cls.created:
			frappe.db.delete("Equality Monitoring", {"feedback": name})
		delete_committed_cases(cls.created)
		frappe.delete_doc_if_exists("Email Account", OUTGOING_EMAIL["email_account_name"], force=True)
		frappe.db.commit()
		cls.forget_tries()

	def send(self, path: str, shape: str, params: dict):
		headers = {"X-Forwarded-For": next(self.addresses)}
		if shape == "json":
			# Python's own JSON, not requests': NaN and Infinity go through as a crafted body may send them.
			headers["Content-Type"] = "application/json"
			return self.request("POST", path, data=json.dumps(params), headers=headers)
		return self.request("POST", path, data=params, headers=headers)

	def assertClearAnswer(self, response) -> dict:
		"""Not a server error, no traceback, a JSON body; a refusal says why. Returns the body."""
		detail = f"HTTP {response.status_code}: {response.text[:800]}"
		self.assertLess(response.status_code, 500, detail)
		self.assertNotIn("Traceback", response.text, detail)
		try:
			body = response.json()
		except ValueError:
			self.fail(f"not JSON: {detail}")
		self.assertIsInstance(body, dict, detail)
		if response.status_code != 200:
			self.assertTrue(
				body.get("_server_messages") or body.get("exception") or body.get("exc_type"),
				f"a refusal without a message: {detail}",
			)
		return body

	@settings(FUZZ, max_examples=SUBMISSIONS)
	@given(request=accept_requests())
	# Found by this test: a number or true where the form sends text was a server error in the case's checks
	# and in its version history.
	@example(request=("form", {"web_form": intake.WEB_FORM, "data": json.dumps(form_data(address=True))}))
	@example(request=("json", {"web_form": intake.WEB_FORM, "data": json.dumps(form_data(customer_name=5))}))
	def test_the_public_form_answers_a_receipt_or_a_clear_refusal(self, request):
		response = self.send(ACCEPT, *request)
		body = self.assertClearAnswer(response)
		if response.status_code != 200:
			return
		receipt = body.get("message")
		self.assertIsInstance(receipt, dict, response.text[:800])
		self.assertEqual(receipt.get("doctype"), "Feedback", response.text[:800])
		self.assertNotIn("contact", receipt, "a receipt, not the saved case")
		self.created.append(receipt["name"])
		frappe.db.rollback()  # a fresh snapshot: see what the server committed
		self.assertTrue(frappe.db.exists("Feedback", receipt["name"]), receipt)

	@settings(FUZZ, max_examples=LOOK_UPS)
	@given(data=st.data())
	def test_the_status_look_up_answers_a_clear_refusal(self, data):
		response = self.send(LOOK_UP, *data.draw(look_up_requests(self.case)))
		body = self.assertClearAnswer(response)
		if response.status_code == 200:  # only the case's own code opens it, and the fuzz never has that
			self.assertEqual(body["message"]["reference"], self.case)
