// Copyright (c) 2026, customer_feedback developers and contributors
// For license information, please see license.txt

const RESTRICTIONS = "customer_feedback.customer_feedback.doctype.contact_restriction.restrictions";

frappe.ui.form.on("Contact Restriction", {
	setup(frm) {
		// A Table MultiSelect takes its query on the table field itself.
		frm.set_query("restrictions", () => ({ filters: { disabled: 0 } }));
	},

	refresh(frm) {
		frm.set_intro("");
		if (!frm.is_new() && frm.doc.is_active) {
			frm.set_intro(__("Active now: every case from this contact shows it to staff."), "red");
		}
		const letters = (frm.doc.__onload && frm.doc.__onload.letters) || [];
		if (!frm.is_new() && letters.length && frm.has_perm("write") && frm.has_perm("email")) {
			frm.add_custom_button(__("Send Letter"), () => send_restriction_letter(frm), __("Actions"));
		}
	},
});

function send_restriction_letter(frm) {
	// Read the restriction letter filled in, edit it, then email it (a PDF on this record's timeline) or
	// print it for post; Customer Told On and Told How are set from it.
	const dialog = new frappe.ui.Dialog({
		title: __("Send Contact Restriction Letter"),
		size: "extra-large",
		fields: [
			{
				fieldname: "channel",
				fieldtype: "Select",
				label: __("Send By"),
				reqd: 1,
				options: ["Email", "Post"],
			},
			{ fieldname: "sent_to", fieldtype: "Small Text", label: __("To"), read_only: 1 },
			{ fieldname: "subject", fieldtype: "Data", label: __("Subject"), reqd: 1 },
			{ fieldname: "content", fieldtype: "Text Editor", label: __("Letter"), reqd: 1 },
		],
		primary_action_label: __("Send"),
		primary_action(values) {
			frappe
				.call(`${RESTRICTIONS}.send_restriction_letter`, {
					restriction: frm.doc.name,
					channel: values.channel,
					subject: values.subject,
					content: values.content,
				})
				.then(() => {
					dialog.hide();
					frappe.show_alert({ message: __("Letter sent"), indicator: "green" });
					frm.reload_doc();
				});
		},
	});
	frappe
		.call(`${RESTRICTIONS}.preview_restriction_letter`, { restriction: frm.doc.name })
		.then(({ message }) => {
			dialog.set_value("subject", message.subject);
			dialog.set_value("content", message.content);
			dialog.set_value("channel", message.email ? "Email" : "Post");
			dialog.set_value("sent_to", message.email || message.address || "");
			dialog.show();
		});
}
