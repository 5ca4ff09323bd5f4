// Copyright (c) 2026, customer_feedback developers and contributors
// For license information, please see license.txt

// Devon's directorate meetings: the learning of a service area over a period, printed from the report's
// menu (Print) as the agenda item.
frappe.query_reports["Learning by Service Area"] = {
	filters: [
		{
			fieldname: "service_area",
			label: __("Service Area"),
			fieldtype: "Link",
			options: "Service Area",
		},
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -1),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
	],
};
