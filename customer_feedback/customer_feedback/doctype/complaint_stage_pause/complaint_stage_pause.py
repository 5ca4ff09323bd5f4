# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ComplaintStagePause(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		notes: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		paused_from: DF.Date
		paused_until: DF.Date | None
		reason: DF.Literal[
			"Mediation",
			"Conciliation",
			"Waiting for the customer",
			"Internal (HR, audit or information governance) enquiry",
			"Other",
		]
	# end: auto-generated types
	pass
