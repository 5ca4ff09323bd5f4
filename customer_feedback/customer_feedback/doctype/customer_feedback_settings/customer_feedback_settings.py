# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from customer_feedback.exceptions import DefaultPolicyError


class CustomerFeedbackSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		default_policy: DF.Link
		max_attachment_mb: DF.Int
		privacy_notice_url: DF.Data | None

	# end: auto-generated types
	def validate(self):
		# One Link field holds the default, so there can never be two; it must point at a usable policy.
		if self.default_policy and frappe.db.get_value("Feedback Policy", self.default_policy, "disabled"):
			frappe.throw(
				_("Default Policy: {0} is disabled; enable it or choose another policy.").format(
					frappe.bold(self.default_policy)
				),
				DefaultPolicyError,
			)
