// Copyright (c) 2026, customer_feedback developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Feedback Policy", {
	refresh(frm) {
		if (frm.doc.__onload && frm.doc.__onload.is_default) {
			frm.set_intro(__("This is the default policy: new feedback is handled under it."), "blue");
		}
		if (frm.is_new()) return;
		frm.add_custom_button(__("Preview Deadlines"), () => show_deadline_preview(frm));
		if (!(frm.doc.__onload && frm.doc.__onload.is_default) && !frm.doc.disabled) {
			frm.add_custom_button(__("Make Default"), () =>
				frappe
					.call("frappe.client.set_value", {
						doctype: "Customer Feedback Settings",
						name: "Customer Feedback Settings",
						fieldname: "default_policy",
						value: frm.doc.name,
					})
					.then(() => frm.reload_doc())
			);
		}
	},
});

// The preview uses the saved policy, so it shows exactly what new cases will get.
function show_deadline_preview(frm) {
	const stage_count = (frm.doc.stages || []).length;
	const dialog = new frappe.ui.Dialog({
		title: __("Preview Deadlines: {0}", [frm.doc.name]),
		fields: [
			{
				fieldname: "received_on",
				fieldtype: "Datetime",
				label: __("Received On (or escalation requested on)"),
				default: frappe.datetime.now_datetime(),
				reqd: 1,
			},
			{
				fieldname: "feedback_type",
				fieldtype: "Select",
				label: __("Feedback Type"),
				options: ["Complaint", "Compliment", "Comment", "Suggestion", "Representation", "Service Request"],
				default: "Complaint",
			},
			{ fieldtype: "Column Break" },
			{
				fieldname: "stage",
				fieldtype: "Int",
				label: __("Stage"),
				default: 1,
				description: stage_count ? __("1 to {0}", [stage_count]) : "",
				depends_on: "eval:doc.feedback_type == 'Complaint'",
			},
			{
				fieldname: "complexity",
				fieldtype: "Select",
				label: __("Complexity"),
				options: ["Standard", "Complex"],
				default: "Standard",
				depends_on: "eval:doc.feedback_type == 'Complaint'",
			},
			{ fieldname: "social_care", fieldtype: "Check", label: __("About Social Care") },
			{
				fieldname: "acknowledged_on",
				fieldtype: "Date",
				label: __("Acknowledged On"),
				description: __("Leave empty to count from the acknowledgement deadline."),
			},
			{ fieldtype: "Section Break" },
			{ fieldname: "result", fieldtype: "HTML" },
		],
		primary_action_label: __("Preview"),
		primary_action(values) {
			frappe
				.call({
					method: "customer_feedback.api.preview_deadlines",
					args: { policy: frm.doc.name, ...values },
				})
				.then(({ message }) => {
					const show = (value) =>
						value ? frappe.datetime.str_to_user(value) : __("No target");
					dialog.fields_dict.result.$wrapper.html(`
						<table class="table table-bordered">
							<tr><th>${__("Acknowledge By")}</th><td>${show(message.acknowledge_by)}</td></tr>
							<tr><th>${__("Respond By")}</th><td>${show(message.respond_by)}</td></tr>
						</table>`);
				});
		},
	});
	dialog.show();
}
