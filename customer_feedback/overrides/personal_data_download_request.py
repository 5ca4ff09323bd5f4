"""The platform's Personal Data Download Request, with the customer's cases found through the case."""

from frappe.website.doctype.personal_data_download_request.personal_data_download_request import (
	PersonalDataDownloadRequest,
)

from customer_feedback.personal_data import with_case_records


class CaseDataDownloadRequest(PersonalDataDownloadRequest):
	def generate_file_and_send_mail(self, personal_data):
		super().generate_file_and_send_mail(with_case_records(personal_data, self.user))
