"""Over real HTTP: two escalations of one case sent at the same moment by a Feedback Coordinator (a double
click, or two coordinators). One opens the next stage (or refers the case to the external body); the other
is refused with a plain EscalationError message, never a server error, and the case has one stage per
number.

The server's requests use their own database connection, so the user and cases are committed in setUpClass
and deleted (and committed) in a class cleanup."""

import threading

import frappe

from customer_feedback.constants import FEEDBACK_COORDINATOR, WITH_EXTERNAL_BODY
from customer_feedback.tests.factories import (
	LiveServerTestCase,
	delete_committed_cases,
	delete_committed_users,
	make_feedback,
	make_user,
	server_messages,
	set_api_keys,
)

COORDINATOR = "cf-race-coordinator@example.org"
ESCALATE = "/api/method/customer_feedback.api.escalate"
# Several cases, so that at least some pairs really overlap on a busy machine.
ROUNDS = 4


class TestSimultaneousEscalation(LiveServerTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.addClassCleanup(cls.clean_up)
		cls.cases = []
		user = make_user(COORDINATOR, ["Feedback User", FEEDBACK_COORDINATOR])
		cls.token = "{}:{}".format(*set_api_keys(user))
		frappe.db.commit()

	@classmethod
	def clean_up(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		delete_committed_cases(cls.cases)
		delete_committed_users([COORDINATOR])
		frappe.db.commit()

	def new_case(self) -> str:
		name = make_feedback().name
		self.cases.append(name)
		frappe.db.commit()
		return name

	def escalate_twice_at_once(self, name: str) -> list:
		"""Two POSTs released together by a barrier; their responses."""
		barrier = threading.Barrier(2)
		responses = [None, None]

		def send(index: int) -> None:
			barrier.wait()
			responses[index] = self.request(
				"POST", ESCALATE, self.token, json={"feedback": name, "reason": f"Not resolved ({index})"}
			)

		threads = [threading.Thread(target=send, args=(index,)) for index in range(2)]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join(timeout=60)
		return responses

	def assertOneWonOneRefused(self, responses) -> None:
		codes = sorted(response.status_code for response in responses)
		detail = [(response.status_code, response.text[:600]) for response in responses]
		self.assertNotIn(500, codes, detail)
		self.assertEqual(codes, [200, 417], detail)
		refused = next(response for response in responses if response.status_code != 200)
		self.assertEqual(refused.json().get("exc_type"), "EscalationError", detail)
		text = " ".join(server_messages(refused))
		self.assertIn("was escalated or changed a moment ago", text)
		for leak in ("Traceback", 'exc"', "Duplicate entry", "modified after you have opened it"):
			self.assertNotIn(leak, refused.text)

	def test_two_escalations_open_one_stage(self):
		for _ in range(ROUNDS):
			name = self.new_case()
			responses = self.escalate_twice_at_once(name)
			self.assertOneWonOneRefused(responses)
			frappe.db.rollback()  # a fresh snapshot: see what the server committed
			self.assertEqual(frappe.db.get_value("Feedback", name, "current_stage"), 2)
			stages = frappe.get_all(
				"Complaint Stage", {"feedback": name}, ["stage_number", "status"], order_by="stage_number"
			)
			self.assertEqual([row.stage_number for row in stages], [1, 2], stages)

	def test_two_referrals_after_the_last_stage_refer_once(self):
		for _ in range(ROUNDS):
			name = self.new_case()
			first = self.request("POST", ESCALATE, self.token, json={"feedback": name, "reason": "Stage 2"})
			self.assertEqual(first.status_code, 200, first.text)
			responses = self.escalate_twice_at_once(name)
			self.assertOneWonOneRefused(responses)
			frappe.db.rollback()
			self.assertEqual(frappe.db.get_value("Feedback", name, "status"), WITH_EXTERNAL_BODY)
			referrals = frappe.db.count(
				"Comment",
				{
					"reference_doctype": "Feedback",
					"reference_name": name,
					"content": ("like", "Referred to %"),
				},
			)
			self.assertEqual(referrals, 1)
