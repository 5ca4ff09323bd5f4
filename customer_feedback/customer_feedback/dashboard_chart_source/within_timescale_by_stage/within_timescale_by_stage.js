frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Within Timescale by Stage"] = {
	method: "customer_feedback.customer_feedback.dashboard_chart_source.within_timescale_by_stage.within_timescale_by_stage.get",
	filters: [],
};
