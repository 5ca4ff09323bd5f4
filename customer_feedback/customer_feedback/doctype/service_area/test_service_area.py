# Copyright (c) 2026, customer_feedback developers and Contributors
# See license.txt

# import frappe
from frappe.tests.utils import FrappeTestCase


class TestServiceArea(FrappeTestCase):
	pass
