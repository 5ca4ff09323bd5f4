// Copyright (c) 2026, customer_feedback developers and contributors
// For license information, please see license.txt

// Northamptonshire's weekly bulletin, Bedfordshire's Blue Bulletin: the compliments ticked For the Bulletin,
// printed from the report's menu (Print). The customer is named only where they agreed.
frappe.query_reports["Compliments Bulletin"] = {
	filters: [
		{
			fieldname: "period",
			label: __("Period"),
			fieldtype: "Select",
			options: ["Week", "Month", "Custom"],
			default: "Week",
			reqd: 1,
		},
		{
			fieldname: "date",
			label: __("Week or Month Containing"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			depends_on: "eval:doc.period != 'Custom'",
		},
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			depends_on: "eval:doc.period == 'Custom'",
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			depends_on: "eval:doc.period == 'Custom'",
		},
		{
			fieldname: "service_area",
			label: __("Service Area"),
			fieldtype: "Link",
			options: "Service Area",
		},
	],
};
