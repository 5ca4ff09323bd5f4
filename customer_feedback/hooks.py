app_name = "customer_feedback"
app_title = "Customer Feedback"
app_publisher = "customer_feedback developers"
app_description = "Complaints, compliments, comments, suggestions and representations for UK public bodies"
app_email = "developers@example.org"
app_license = "mit"

# Generate the typed `# begin: auto-generated types` block in controllers when a DocType is saved.
export_python_type_annotations = True
# `require_type_annotated_api_methods` is not read by Frappe 15.44.2 (it came later); our whitelisted
# methods are typed all the same, and v15 checks those types when they are called.

# Installation
# ------------
# Presets, the default policy and the site's time zone are created once, as ordinary records that
# administrators may edit: fixtures would be re-imported over their edits on every migrate.
after_install = "customer_feedback.setup.install.after_install"
before_uninstall = "customer_feedback.setup.install.before_uninstall"

# CLI commands (`bench --site SITE customer-feedback-demo`) are the `commands` list of
# customer_feedback/commands.py: that module, not a hook, is where Frappe v15 looks for them.

# Scheduled Tasks
# ---------------
# The sweep (customer_feedback/sweep.py) is idempotent and set-based, so it runs every hour rather than
# once a day: the first run after midnight moves the day's statuses, and later runs cost a few scans and
# change nothing unless an earlier run was missed or cut short (a worker down at midnight, a restart).
# "Long": the long queue (25-minute timeout, workers apart from user-facing jobs), because a run's length
# grows with the day's changes, each going through its document and Notifications; the sweep commits as it
# goes, so even a run cut short keeps its work. Frappe spreads long hourly jobs over the hour's first ten
# minutes; times are the site's time zone (Europe/London).
# The satisfaction survey (customer_feedback/portal/survey.py) is due by the day, so daily; it is
# idempotent too (one survey per case, a fixed sample), so a missed day is caught up by the next run.
scheduler_events = {
	"hourly_long": ["customer_feedback.sweep.run"],
	# The public's uploads no submission claimed within a day (customer_feedback/portal/uploads.py).
	"daily": ["customer_feedback.portal.uploads.remove_unclaimed_uploads"],
	"daily_long": [
		"customer_feedback.portal.survey.send_surveys",
		# Retention (customer_feedback/personal_data.py): closed cases past their policy's years lose who
		# sent them; idempotent, so a missed day is caught up by the next run.
		"customer_feedback.personal_data.anonymise_expired_cases",
	],
}

# The public feedback form
# ------------------------
# The Web Form "feedback" (customer_feedback/customer_feedback/web_form/feedback) inserts cases through the
# platform's `accept`; ours wraps it to answer with a receipt rather than the whole saved case.
override_whitelisted_methods = {
	"frappe.website.doctype.web_form.web_form.accept": "customer_feedback.portal.intake.accept",
	"frappe.website.doctype.web_form.web_form.get_form_data": "customer_feedback.portal.intake.get_form_data",
	# The public uploads new files only, private and attached to nothing (customer_feedback/portal/uploads.py).
	"upload_file": "customer_feedback.portal.uploads.upload_file",
	"frappe.handler.upload_file": "customer_feedback.portal.uploads.upload_file",
	"uploadfile": "customer_feedback.portal.uploads.uploadfile",
	"frappe.handler.uploadfile": "customer_feedback.portal.uploads.uploadfile",
}
# REST API v2 routes upload_file to the platform's function, past the overrides above: refused to the public
# once the request's user is known (auth_hooks run after session and API-key sign-in).
auth_hooks = ["customer_feedback.portal.uploads.refuse_public_upload_elsewhere"]
# The form's own steps join the case's insert here, so the Feedback controller never imports the portal.
doc_events = {
	"Feedback": {
		"before_insert": "customer_feedback.portal.intake.before_insert",
		"after_insert": "customer_feedback.portal.intake.after_insert",
	},
	"File": {"before_insert": "customer_feedback.portal.uploads.check_public_upload"},
	# The Contact form's restriction banner (customer_feedback/.../contact_restriction/restrictions.py).
	"Contact": {
		"onload": "customer_feedback.customer_feedback.doctype.contact_restriction.restrictions.contact_onload"
	},
	# An email received on a case: the customer's reply, or the email a new case was made from.
	"Communication": {
		"after_insert": "customer_feedback.customer_feedback.doctype.feedback.case_email.on_communication_insert"
	},
}
# For Notification templates: the same "what happens next" the form's receipt shows; for the letters' Print
# Formats, the letter filled in from the case (customer_feedback/letters).
jinja = {
	"methods": [
		"customer_feedback.portal.intake.what_happens_next",
		"customer_feedback.letters.feedback_letter_html",
	]
}

# The satisfaction survey's page. The Web Form at /feedback claims /feedback/<name> for its records, so this
# rule sends /feedback/survey to our www page (customer_feedback/www/feedback_survey) first.
website_route_rules = [
	{"from_route": "/feedback/survey", "to_route": "feedback_survey"},
	# The status look-up (customer_feedback/www/feedback_status), for the same reason.
	{"from_route": "/feedback/status", "to_route": "feedback_status"},
]

# Contact restrictions (customer_feedback/customer_feedback/doctype/contact_restriction): the platform's Contact
# form shows an active one in a banner, and lists the contact's restrictions and cases in its Connections.
doctype_js = {"Contact": "public/js/contact.js"}
override_doctype_dashboards = {
	"Contact": "customer_feedback.customer_feedback.doctype.contact_restriction.restrictions.contact_dashboard"
}

# My feedback (customer_feedback/www/my_feedback) in the portal menu, for logged-in website users.
standard_portal_menu_items = [
	# A reference_doctype, or the platform's Portal Settings sync drops the item.
	{"title": "My feedback", "route": "/my-feedback", "reference_doctype": "Feedback"},
]
# Which cases each role reads (customer_feedback/permissions.py): routed roles only those flagged for them,
# nobody a case about themselves, and a complaint's stages, letters and lessons as their case.
permission_query_conditions = {
	"Feedback": "customer_feedback.permissions.feedback_conditions",
	"Complaint Stage": "customer_feedback.permissions.complaint_stage_conditions",
	"Feedback Correspondence": "customer_feedback.permissions.correspondence_conditions",
	"Learning": "customer_feedback.permissions.learning_conditions",
}
has_permission = {
	"Feedback": "customer_feedback.permissions.has_feedback_permission",
	"Complaint Stage": "customer_feedback.permissions.has_complaint_stage_permission",
	"Feedback Correspondence": "customer_feedback.permissions.has_correspondence_permission",
	"Learning": "customer_feedback.permissions.has_learning_permission",
	"File": "customer_feedback.portal.uploads.file_permission",
}

# No has_website_permission for Feedback: customers see their cases through public_view
# (customer_feedback/portal/status.py), never the case document, which holds staff-only fields.

# Personal data (UK GDPR), customer_feedback/personal_data.py. The platform's download and deletion requests
# find records by a field holding the person's address: these entries put the cases in the request's steps,
# and the override classes add what only the case leads to (stages, survey, equality answers), replace the
# whole rows in the download by what a customer may see, and anonymise the cases before the platform's steps.
user_data_fields = [
	# With redact_fields: the platform's other way (a REPLACE over every text field) names the case's virtual
	# fields, which have no column. Ours has emptied these fields first; they are the fallback.
	{"doctype": "Feedback", "filter_by": "email", "redact_fields": ["customer_name", "address", "postcode"]},
	{"doctype": "Feedback", "filter_by": "representative_email", "redact_fields": ["representative_name"]},
	{"doctype": "Feedback Survey", "filter_by": "email"},
]
override_doctype_class = {
	"Personal Data Download Request": "customer_feedback.overrides.personal_data_download_request.CaseDataDownloadRequest",
	"Personal Data Deletion Request": "customer_feedback.overrides.personal_data_deletion_request.CaseDataDeletionRequest",
}
