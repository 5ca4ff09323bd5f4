# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class EqualityMonitoring(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		age_band: DF.Literal[
			"",
			"16 to 24",
			"25 to 34",
			"35 to 44",
			"45 to 54",
			"55 to 64",
			"65 to 74",
			"75 or over",
			"Under 16",
			"Prefer not to say",
		]
		disability: DF.Literal["", "Yes", "No", "Prefer not to say"]
		ethnicity: DF.Literal[
			"",
			"Asian or Asian British",
			"Black, Black British, Caribbean or African",
			"Mixed or multiple ethnic groups",
			"White",
			"Other ethnic group",
			"Prefer not to say",
		]
		feedback: DF.Link
		gender_reassignment: DF.Literal["", "Yes", "No", "Prefer not to say"]
		religion: DF.Literal[
			"",
			"No religion",
			"Buddhist",
			"Christian",
			"Hindu",
			"Jewish",
			"Muslim",
			"Sikh",
			"Other religion or belief",
			"Prefer not to say",
		]
		sex: DF.Literal["", "Female", "Male", "Prefer not to say"]
		sexual_orientation: DF.Literal[
			"",
			"Straight or heterosexual",
			"Gay or lesbian",
			"Bisexual",
			"Other sexual orientation",
			"Prefer not to say",
		]
	# end: auto-generated types
	pass
