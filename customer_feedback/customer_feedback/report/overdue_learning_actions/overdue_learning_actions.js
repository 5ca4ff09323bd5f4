// Copyright (c) 2026, customer_feedback developers and contributors
// For license information, please see license.txt

frappe.query_reports["Overdue Learning Actions"] = {
	filters: [
		{
			fieldname: "service_area",
			label: __("Service Area"),
			fieldtype: "Link",
			options: "Service Area",
		},
		{
			fieldname: "action_owner",
			label: __("Owner"),
			fieldtype: "Link",
			options: "User",
		},
	],
};
