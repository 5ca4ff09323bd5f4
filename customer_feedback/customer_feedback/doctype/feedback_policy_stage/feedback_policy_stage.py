# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class FeedbackPolicyStage(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		acknowledge_days: DF.Int
		complex_respond_days: DF.Int
		extension_approver_role: DF.Link | None
		handled_by: DF.Data | None
		handler_role: DF.Link | None
		independent_handler: DF.Check
		max_extension_days: DF.Int
		notes: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		respond_days: DF.Int
		respond_from: DF.Literal["Receipt of stage", "Acknowledgement"]
		social_care_respond_days: DF.Int
		stage_name: DF.Data
		stage_number: DF.Int
	# end: auto-generated types
	pass
