"""Who sent the case (Feedback's mixin): the details a case must have, an anonymous sender forgotten, and
the customer as a platform Contact."""

import frappe
from frappe import _

# Who sent it: cleared on an anonymous case.
SENDER_FIELDS = (
	"contact",
	"customer_name",
	"email",
	"phone",
	"address",
	"postcode",
	"preferred_contact_method",
	"has_representative",
	"representative_name",
	"representative_relationship",
	"representative_email",
	"representative_phone",
	"customer_consent_confirmed",
)


class CaseCustomer:
	def validate_customer(self):
		# The form's mandatory_depends_on rules are not enforced for REST calls and imports.
		if not (self.customer_name or "").strip():
			frappe.throw(
				_("Customer Name is empty: give the customer's name, or tick Anonymous."),
				frappe.MandatoryError,
			)
		if self.has_representative and not (self.representative_name or "").strip():
			frappe.throw(
				_("Representative Name is empty: give the name, or untick Made by a Representative."),
				frappe.MandatoryError,
			)
		if self.elected_member and not (self.elected_member_name or "").strip():
			frappe.throw(
				_("Elected Member is empty: give their name, or untick From an Elected Member."),
				frappe.MandatoryError,
			)
		if self.resolved_at_first_contact and not (
			(self.first_contact_actions or "").strip() and (self.first_contact_outcome or "").strip()
		):
			frappe.throw(
				_(
					"Resolved at First Contact needs the Actions Taken and the Outcome: fill both, or untick it."
				),
				frappe.MandatoryError,
			)

	def forget_sender(self):
		"""An anonymous case keeps nothing that identifies who sent it: whatever the channel or the form sent,
		and, from the public form, the signed-in website user who sent it."""
		self.update({field: None for field in SENDER_FIELDS})
		if self.is_new() and self.flags.public_submission and frappe.session.user != "Guest":
			self.owner = self.modified_by = "Guest"

	def link_contact(self):
		"""The customer as a platform Contact: found by email or phone, else created."""
		if self.contact or not self.customer_name:
			return
		contact = None
		if self.email:
			contact = frappe.db.get_value(
				"Contact Email", {"email_id": self.email, "parenttype": "Contact"}, "parent"
			)
		if not contact and self.phone:
			contact = frappe.db.get_value(
				"Contact Phone", {"phone": self.phone, "parenttype": "Contact"}, "parent"
			)
		if not contact:
			contact = self.create_contact()
		self.contact = contact

	def create_contact(self) -> str:
		"""The platform names a Contact after the person and numbers a second of the same name ("-1") from a
		read that takes no lock, so two people of the same name sending the form at once collide on the name
		(DuplicateEntryError, found by benchmarks/load_test.py): the second is then named apart."""
		first_name, _space, last_name = self.customer_name.strip().partition(" ")

		def new_contact():
			doc = frappe.get_doc({"doctype": "Contact", "first_name": first_name, "last_name": last_name})
			if self.email:
				doc.add_email(self.email, is_primary=1)
			if self.phone:
				doc.add_phone(self.phone, is_primary_phone=1)
			return doc

		frappe.db.savepoint("cf_new_contact")
		try:
			return new_contact().insert(ignore_permissions=True).name
		except frappe.DuplicateEntryError:
			frappe.db.rollback(save_point="cf_new_contact")
			apart = f"{self.customer_name.strip()}-{frappe.generate_hash(length=5)}"
			return new_contact().insert(ignore_permissions=True, set_name=apart).name
