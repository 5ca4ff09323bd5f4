"""/my-feedback: the logged-in customer's own cases (sent by them, or carrying their email address), each as
the status page shows it, with the request for the next stage. Guests go to the login page first."""

import frappe
from frappe import _

from customer_feedback.portal.status import my_cases

no_cache = 1
sitemap = 0


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/my-feedback"
		raise frappe.Redirect(302)  # not 301: browsers would keep sending signed-in users to the login page
	context.title = _("My feedback")
	context.no_breadcrumbs = 1
	context.show_sidebar = True
	context.cases = my_cases(frappe.session.user)
