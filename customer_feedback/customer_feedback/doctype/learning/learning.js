// Copyright (c) 2026, customer_feedback developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Learning", {
	setup(frm) {
		// A stage of this case only; the server refuses any other.
		frm.set_query("complaint_stage", () => ({ filters: { feedback: frm.doc.feedback || "" } }));
		frm.set_query("learning_category", () => ({ filters: { disabled: 0 } }));
		frm.set_query("action_owner", "actions", () => ({
			filters: { enabled: 1, user_type: "System User" },
		}));
		frm.set_query("reviewed_by", () => ({
			filters: { enabled: 1, user_type: "System User" },
		}));
	},
	feedback(frm) {
		if (frm.doc.complaint_stage) {
			frm.set_value("complaint_stage", null);
		}
	},
});
