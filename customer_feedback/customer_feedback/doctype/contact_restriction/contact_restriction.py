# Copyright (c) 2026, customer_feedback developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, getdate, nowdate

from customer_feedback.constants import FEEDBACK_MANAGER, HEAD_OF_SERVICE
from customer_feedback.customer_feedback.doctype.contact_restriction.restrictions import (
	restriction_is_active,
)
from customer_feedback.customer_feedback.doctype.feedback_policy.feedback_policy import (
	get_default_policy_name,
)
from customer_feedback.exceptions import ContactRestrictionError, rule_message
from customer_feedback.restriction_rules import RESTRICT, check_restriction, default_review_on
from customer_feedback.rule_errors import RuleError

DECIDERS = (HEAD_OF_SERVICE, FEEDBACK_MANAGER)


def day(value):
	return getdate(value) if value else None


class ContactRestriction(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from customer_feedback.customer_feedback.doctype.contact_restriction_chosen_type.contact_restriction_chosen_type import (
			ContactRestrictionChosenType,
		)

		behaviour: DF.Text
		circumstances_considered: DF.SmallText | None
		contact: DF.Link
		customer_told_on: DF.Date | None
		decided_by: DF.Link
		decided_on: DF.Date
		decision: DF.Literal["Restrict contact", "Decided not to restrict"]
		details: DF.SmallText | None
		ends_on: DF.Date | None
		feedback: DF.Link | None
		how_to_challenge: DF.SmallText | None
		is_active: DF.Check
		policy: DF.Link | None
		restrictions: DF.TableMultiSelect[ContactRestrictionChosenType]
		review_on: DF.Date | None
		review_outcome: DF.SmallText | None
		single_point_of_contact: DF.Link | None
		starts_on: DF.Date | None
		told_how: DF.Literal["", "Letter by email", "Letter by post", "In person", "Telephone"]
		warned_on: DF.Date | None
	# end: auto-generated types

	@property
	def is_active(self) -> int:
		"""Worked out when read, never stored: see restrictions.py."""
		return int(restriction_is_active(self))

	def onload(self):
		from customer_feedback.letters import letters_for

		self.set_onload("letters", letters_for(self))

	def before_validate(self):
		if self.feedback and not self.contact:
			self.contact = frappe.db.get_value("Feedback", self.feedback, "contact")

	def validate(self):
		self.validate_case()
		if not self.policy:
			case_policy = frappe.db.get_value("Feedback", self.feedback, "policy") if self.feedback else None
			self.policy = case_policy or get_default_policy_name()
		self.validate_decider()
		policy = frappe.db.get_value(
			"Feedback Policy",
			self.policy,
			["warn_before_restricting", "restriction_review_months"],
			as_dict=True,
		)
		if self.decision == RESTRICT and self.starts_on and not self.review_on:
			self.review_on = default_review_on(
				getdate(self.starts_on), cint(policy.restriction_review_months)
			)
		try:
			check_restriction(
				decision=self.decision,
				decided_on=getdate(self.decided_on),
				today=getdate(nowdate()),
				warning_required=bool(policy.warn_before_restricting),
				warned_on=day(self.warned_on),
				starts_on=day(self.starts_on),
				ends_on=day(self.ends_on),
				review_on=day(self.review_on),
				customer_told_on=day(self.customer_told_on),
				has_restrictions=bool(self.restrictions),
			)
		except RuleError as error:
			frappe.throw(rule_message(error), ContactRestrictionError)

	def validate_case(self):
		if not self.feedback:
			return
		case_contact = frappe.db.get_value("Feedback", self.feedback, "contact")
		if case_contact and case_contact != self.contact:
			frappe.throw(
				_(
					"Feedback {0} is from Contact {1}, not {2}: choose that case's contact, or clear Feedback."
				).format(self.feedback, frappe.bold(case_contact), frappe.bold(self.contact)),
				ContactRestrictionError,
			)

	def validate_decider(self):
		"""Solihull: the decision is taken with the agreement of the Head of Service."""
		if not set(frappe.get_roles(self.decided_by)) & set(DECIDERS):
			frappe.throw(
				_(
					"Decided By: {0} is not a Head of Service or Feedback Manager. Choose the Head of Service who agreed the decision."
				).format(frappe.bold(self.decided_by)),
				ContactRestrictionError,
			)
