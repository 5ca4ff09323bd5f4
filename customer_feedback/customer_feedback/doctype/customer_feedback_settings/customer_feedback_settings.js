// Copyright (c) 2026, customer_feedback developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Customer Feedback Settings", {
	setup(frm) {
		frm.set_query("default_policy", () => ({ filters: { disabled: 0 } }));
	},
});
