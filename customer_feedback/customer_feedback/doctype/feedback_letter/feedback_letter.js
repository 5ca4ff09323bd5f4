// Copyright (c) 2026, customer_feedback developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Feedback Letter", {
	refresh(frm) {
		frm.set_intro(
			__(
				"This wording is used for the letter chosen above, for the policy and feedback type chosen (blank means every one). The most specific enabled wording wins; disable one to fall back to the general wording."
			)
		);
	},
});
