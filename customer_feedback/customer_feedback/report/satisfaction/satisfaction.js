// Copyright (c) 2026, customer_feedback developers and contributors
// For license information, please see license.txt

{% include "customer_feedback/customer_feedback/report/report_filters.js" %}

frappe.query_reports["Satisfaction"] = {
	filters: customer_feedback.report_filters([
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: ["Policy", "Service area"],
			default: "Policy",
		},
	]).filter((filter) => filter.fieldname != "channel"),
};
