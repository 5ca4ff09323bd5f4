// Copyright (c) 2026, customer_feedback developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Complaint Stage", {
	setup(frm) {
		const staff = () => ({ filters: { user_type: "System User", enabled: 1 } });
		for (const field of ["handler", "reviewer", "extension_approved_by"]) {
			frm.set_query(field, staff);
		}
	},

	refresh(frm) {
		if (frm.doc.feedback) {
			frm.add_custom_button(__("Case {0}", [frm.doc.feedback]), () =>
				frappe.set_route("Form", "Feedback", frm.doc.feedback)
			);
		}
	},
});
