# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class FeedbackPolicyTimescale(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		acknowledge_days: DF.Int
		feedback_type: DF.Literal[
			"Complaint", "Compliment", "Comment", "Suggestion", "Representation", "Service Request"
		]
		notes: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		respond_days: DF.Int
		social_care_respond_days: DF.Int
	# end: auto-generated types
	pass
