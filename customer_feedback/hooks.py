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
