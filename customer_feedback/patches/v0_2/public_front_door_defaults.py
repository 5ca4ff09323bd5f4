"""Sites installed before the public front door get its defaults: the customer-facing Notifications (created
only where missing by name, so nothing an administrator edited is touched) and guest uploads for the form's
attachments. New sites get the same from after_install."""

from customer_feedback.setup.install import allow_public_attachments
from customer_feedback.setup.notifications import create_notifications


def execute():
	create_notifications()
	allow_public_attachments()
