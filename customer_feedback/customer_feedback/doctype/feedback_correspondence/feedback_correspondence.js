// Copyright (c) 2026, customer_feedback developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Feedback Correspondence", {
	refresh(frm) {
		if (frm.doc.status !== "Awaiting Review" || frm.doc.written_by === frappe.session.user)
			return;
		const mayReview =
			frm.doc.reviewer === frappe.session.user ||
			frappe.user.has_role(["Feedback Manager", "System Manager"]);
		if (!mayReview) return;
		frm.add_custom_button(__("Approve and Send"), () => review(frm, 1, null)).addClass(
			"btn-primary",
		);
		frm.add_custom_button(__("Return with a Note"), () =>
			frappe.prompt(
				[
					{
						fieldname: "note",
						fieldtype: "Small Text",
						label: __("What to change"),
						reqd: 1,
					},
				],
				(values) => review(frm, 0, values.note),
				__("Return the Letter"),
				__("Return"),
			),
		);
	},
});

function review(frm, approve, note) {
	frappe
		.call("customer_feedback.api.review_letter", {
			correspondence: frm.doc.name,
			approve,
			note,
		})
		.then(() => frm.reload_doc());
}
