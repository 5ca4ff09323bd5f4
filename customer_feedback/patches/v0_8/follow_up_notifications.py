"""Sites installed earlier get the follow-up Notifications (compliments passed on, new feedback for the
service area's coordinators, a representation for its policy owner, an anonymous complaint for the service
manager): each created where none has its name. Existing Notifications are left as they are, edited or not,
so the staff reminders' new pointer to the Delay Notice letter reaches new sites only."""

from customer_feedback.setup.notifications import create_notifications


def execute():
	create_notifications()
