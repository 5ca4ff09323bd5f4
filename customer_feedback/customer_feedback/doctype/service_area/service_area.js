// Copyright (c) 2026, customer_feedback developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Service Area", {
	setup(frm) {
		// Managers and coordinators are staff: enabled desk users only.
		const staff = () => ({ filters: { user_type: "System User", enabled: 1 } });
		frm.set_query("manager", staff);
		frm.set_query("coordinators", staff);
	},
});
