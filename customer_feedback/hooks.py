app_name = "customer_feedback"
app_title = "Customer Feedback"
app_publisher = "customer_feedback developers"
app_description = "Complaints, compliments, comments, suggestions and representations for UK public bodies"
app_email = "developers@example.org"
app_license = "mit"

# Generate the typed `# begin: auto-generated types` block in controllers when a DocType is saved.
export_python_type_annotations = True

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
scheduler_events = {
	"hourly_long": ["customer_feedback.sweep.run"],
}
