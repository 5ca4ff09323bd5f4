"""/feedback/status (hooks: website_route_rules; the web form "feedback" claims /feedback/<name>): look up
a case by its reference and access code, and ask for the next stage. The page only
calls customer_feedback.portal.status, which checks both on every call."""

import frappe
from frappe import _

from customer_feedback.portal.status import LOOKUP_LIMIT, LOOKUP_WINDOW_SECONDS

no_cache = 1
sitemap = 0


def get_context(context):
	context.title = _("Check your feedback")
	context.no_breadcrumbs = 1
	context.lookup_limit = LOOKUP_LIMIT
	context.lookup_minutes = LOOKUP_WINDOW_SECONDS // 60
	context.logged_in = frappe.session.user != "Guest"
