# Copyright (c) 2026, customer_feedback developers and Contributors
# See license.txt

import frappe

from customer_feedback.setup.master_data import REMEDY_TYPES
from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import make_feedback


class TestRemedyType(FeedbackTestCase):
	def test_the_remedies_of_the_procedures_are_installed(self):
		self.assertEqual(sorted(frappe.get_all("Remedy Type", pluck="name")), sorted(REMEDY_TYPES))

	def test_a_case_records_several_remedies(self):
		case = make_feedback(
			remedies=[{"remedy_type": "Apology"}, {"remedy_type": "Refund"}], outcome="Upheld"
		)
		case.reload()
		self.assertEqual([row.remedy_type for row in case.remedies], ["Apology", "Refund"])
