// The filters every Customer Feedback report shares (period, policy, service area, channel), included by
// each report's JS with {% include %}: the periods are read on the server (customer_feedback/report_filters.py).
window.customer_feedback = window.customer_feedback || {};
customer_feedback.report_filters = function (extra = []) {
	const custom = "eval:doc.period == 'Custom'";
	return [
		{
			fieldname: "period",
			label: __("Period"),
			fieldtype: "Select",
			options: ["Financial year", "Half year", "Quarter", "Month", "Custom"],
			default: "Financial year",
			reqd: 1,
		},
		{
			fieldname: "date",
			label: __("Period Containing"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			depends_on: "eval:doc.period != 'Custom'",
		},
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", depends_on: custom },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", depends_on: custom },
		{ fieldname: "policy", label: __("Policy"), fieldtype: "Link", options: "Feedback Policy" },
		{ fieldname: "service_area", label: __("Service Area"), fieldtype: "Link", options: "Service Area" },
		{
			fieldname: "channel",
			label: __("Channel"),
			fieldtype: "Select",
			options: [
				"",
				"Web",
				"Email",
				"Letter",
				"Telephone",
				"In person",
				"Fax",
				"Minicom or text relay",
				"SMS",
				"Social media",
				"Public consultation",
				"Elected member on behalf of a constituent",
			],
		},
		...extra,
	];
};
