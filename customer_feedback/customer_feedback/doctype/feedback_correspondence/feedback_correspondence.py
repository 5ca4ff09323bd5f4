# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class FeedbackCorrespondence(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		channel: DF.Literal["Email", "Post"]
		communication: DF.Link | None
		complaint_stage: DF.Link | None
		contact_restriction: DF.Link | None
		content: DF.TextEditor | None
		feedback: DF.Link | None
		language: DF.Data | None
		letter: DF.Literal[
			"Acknowledgement",
			"Extension",
			"Delay Notice",
			"Stage Response",
			"Refusal to Accept",
			"Escalation Refused",
			"Compensation Claim",
			"Compliment Thank-you",
			"Suggestion Outcome",
			"Survey Invitation",
			"Contact Restriction",
		]
		recipient: DF.SmallText | None
		review_note: DF.SmallText | None
		reviewed_by: DF.Link | None
		reviewed_on: DF.Datetime | None
		reviewer: DF.Link | None
		sent_by: DF.Link | None
		sent_on: DF.Datetime | None
		status: DF.Literal["Awaiting Review", "Returned", "Sent"]
		subject: DF.Data | None
		written_by: DF.Link | None
	# end: auto-generated types
	# Made and moved only by customer_feedback.letters.sending (the case's Send Letter action and the review),
	# which check who may; no role creates or writes one directly.
	pass
