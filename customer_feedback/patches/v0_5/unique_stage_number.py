"""Sites installed before v0.5 have no database constraint of one stage per number per case: a DocType's
on_doctype_update runs only when its DocType is imported, which a migrate skips when its JSON is unchanged."""

from customer_feedback.customer_feedback.doctype.complaint_stage.complaint_stage import on_doctype_update


def execute():
	on_doctype_update()
