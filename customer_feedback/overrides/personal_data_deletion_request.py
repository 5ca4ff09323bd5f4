"""The platform's Personal Data Deletion Request, anonymising the customer's cases before its own steps."""

from frappe import _
from frappe.website.doctype.personal_data_deletion_request.personal_data_deletion_request import (
	PersonalDataDeletionRequest,
)

from customer_feedback.personal_data import anonymise_cases_of


class CaseDataDeletionRequest(PersonalDataDeletionRequest):
	def _anonymize_data(self, email=None, anon=None, set_data=True, commit=False):
		# First, while the cases still hold the address: the platform's steps then find nothing of them left.
		anonymise_cases_of(email or self.email, _("Personal Data Deletion Request {0}").format(self.name))
		super()._anonymize_data(email=email, anon=anon, set_data=set_data, commit=commit)
