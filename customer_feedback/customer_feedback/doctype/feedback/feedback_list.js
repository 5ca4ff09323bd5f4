// Copyright (c) 2026, customer_feedback developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Feedback"] = Object.assign(frappe.listview_settings["Feedback"] || {}, {
	add_fields: ["contact"],

	// A case whose customer's contact is restricted now carries a red "Contact restricted" badge, for
	// the staff who read restrictions (customer_feedback/.../contact_restriction/restrictions.py).
	refresh(listview) {
		flag_restricted_contacts(listview);
	},
});

function flag_restricted_contacts(listview) {
	if (!frappe.model.can_read("Contact Restriction")) return;
	const contacts = [...new Set(listview.data.map((doc) => doc.contact).filter(Boolean))];
	if (!contacts.length) return;
	frappe
		.call({
			method: "customer_feedback.customer_feedback.doctype.contact_restriction.restrictions.restricted_contacts",
			args: { contacts },
			type: "POST",
		})
		.then((r) => {
			const restricted = new Set(r.message || []);
			const by_name = new Map(listview.data.map((doc) => [doc.name, doc]));
			listview.$result.find(".list-row-checkbox").each((_i, checkbox) => {
				const doc = by_name.get(decodeURIComponent($(checkbox).attr("data-name") || ""));
				const row = $(checkbox).closest(".list-row");
				row.find(".cf-contact-restricted").remove();
				if (doc && restricted.has(doc.contact)) {
					// In the row's right-hand side, which has room: the subject column clips what follows the name.
					row.find(".level-right").prepend(
						`<span class="cf-contact-restricted indicator-pill red mr-2" title="${__(
							"This customer's contact is restricted: open the case to see how.",
						)}">${__("Contact restricted")}</span>`,
					);
				}
			});
		});
}
