"""App commands: Frappe v15 finds them in this module's `commands` list."""

import click
from frappe.commands import get_site, pass_context


@click.command("customer-feedback-demo")
@pass_context
def customer_feedback_demo(context):
	"""Create demo service areas and staff for every source procedure (idempotent)."""
	import frappe

	from customer_feedback.setup.demo import make_demo_data

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		summary = make_demo_data()
		frappe.db.commit()
	finally:
		frappe.destroy()
	click.echo("\n".join(summary))


commands = [customer_feedback_demo]
