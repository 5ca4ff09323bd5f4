// Copyright (c) 2026, customer_feedback developers and contributors
// For license information, please see license.txt

// The platform's Contact form (hooks.py doctype_js): a red banner while the contact's contact with us is
// restricted, from Contact's onload (customer_feedback/.../contact_restriction/restrictions.py).
frappe.ui.form.on("Contact", {
	refresh(frm) {
		const restrictions = (frm.doc.__onload && frm.doc.__onload.contact_restrictions) || [];
		if (!restrictions.length) return;
		const links = restrictions.map(
			(row) =>
				`<a href="/app/contact-restriction/${encodeURIComponent(row.name)}">${frappe.utils.escape_html(
					row.summary,
				)}</a>`,
		);
		frm.dashboard.set_headline_alert(
			__("Contact restricted: {0}. Every case from this contact shows it to staff.", [
				links.join("; "),
			]),
			"red",
		);
	},
});
