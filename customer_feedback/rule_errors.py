"""The error every framework-free rule raises, with no Frappe import.

A rule's message is English with numbered places ("Extension Days is {0}: ..."), kept apart from its values,
so the Frappe side can translate the sentence before filling it in (customer_feedback.exceptions.rule_message).
`_` only marks a sentence for Frappe's translation extractor; it translates nothing here.
"""

from __future__ import annotations


def _(message: str) -> str:
	return message


class RuleError(ValueError):
	"""Bad input to a rule; the message names the value and the fix."""

	def __init__(self, template: str, *params: object):
		super().__init__(template.format(*params))
		self.template = template
		self.params = params
