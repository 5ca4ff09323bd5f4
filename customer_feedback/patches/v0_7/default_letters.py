"""Sites installed before letters get the default wording once (new sites get it on install)."""

from customer_feedback.setup.letters import create_default_letters


def execute():
	create_default_letters()
