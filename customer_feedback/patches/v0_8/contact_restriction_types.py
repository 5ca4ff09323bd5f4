"""Sites installed before contact restrictions get the default kinds of restriction, the review reminders
and the restriction letter's wording, once (new sites get them on install); each is created only where
missing, so an administrator's edits stay."""

from customer_feedback.setup.letters import create_default_letters
from customer_feedback.setup.notifications import create_notifications
from customer_feedback.setup.restrictions import create_restriction_types


def execute():
	create_restriction_types()
	create_notifications()
	create_default_letters()
