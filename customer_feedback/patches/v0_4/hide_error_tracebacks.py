"""Sites installed before v0.4 answer failed requests, guests' included, with a traceback."""

from customer_feedback.setup.install import hide_error_tracebacks


def execute():
	hide_error_tracebacks()
