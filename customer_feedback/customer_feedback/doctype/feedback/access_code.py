"""A case's access code for the status look-up: issued to whoever sent the feedback, kept only as an HMAC
(customer_feedback.access_codes holds the rules; this module reads and writes the case)."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils.password import get_encryption_key

from customer_feedback import access_codes


def issue(doc, by_staff: bool = False) -> str:
	"""A new code for the case, shown as 'ABCDE-FGHJK'; any earlier code stops working. Returned once and
	never stored: only its HMAC, bound to the case, is written."""
	code = access_codes.new_code()
	doc.db_set(
		"access_code_hash",
		access_codes.code_hash(get_encryption_key(), doc.name, code),
		update_modified=False,
	)
	if by_staff:
		doc.add_comment(
			"Info",
			_(
				"{0} issued a new access code for the status look-up; the earlier code no longer works."
			).format(frappe.utils.get_fullname(frappe.session.user)),
		)
	# Held on the document for this request only, for the receipt and the acknowledgement email.
	doc.access_code = access_codes.shown(code)
	return doc.access_code


def opens(reference: str, stored_hash: str | None, typed: str | None) -> bool:
	return access_codes.code_matches(get_encryption_key(), reference, typed, stored_hash)
