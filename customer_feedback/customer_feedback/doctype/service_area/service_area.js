// Copyright (c) 2026, customer_feedback developers and contributors
// For license information, please see license.txt

// frappe.ui.form.on("Service Area", {
// 	refresh(frm) {

// 	},
// });
