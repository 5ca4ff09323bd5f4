# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class SelfAssessmentRequirement(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		commentary: DF.SmallText | None
		complies: DF.Literal["", "Yes", "No"]
		evidence: DF.SmallText | None
		judged_by_app: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reference: DF.Data | None
		requirement: DF.SmallText | None
		section: DF.Data | None
	# end: auto-generated types
	pass
