// Copyright (c) 2026, customer_feedback developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Feedback", {
	setup(frm) {
		frm.set_query("policy", () => ({ filters: { disabled: 0 } }));
		frm.set_query("service_area", () => ({ filters: { disabled: 0 } }));
	},

	refresh(frm) {
		show_warnings(frm);
		if (frm.is_new()) return;
		if (frm.doc.current_stage) {
			frm.add_custom_button(
				__("Stage {0}", [frm.doc.current_stage]),
				() =>
					frappe.set_route(
						"Form",
						"Complaint Stage",
						`${frm.doc.name}-${frm.doc.current_stage}`,
					),
				__("View"),
			);
		}
		const open = !["Closed", "With External Body"].includes(frm.doc.status);
		if (frm.doc.feedback_type === "Service Request" && open) {
			frm.add_custom_button(
				__("Turn into a Complaint"),
				() => convert_to_complaint(frm),
				__("Actions"),
			);
		}
		if (frm.doc.current_stage && open) {
			frm.add_custom_button(__("Escalate"), () => escalate(frm), __("Actions"));
			if (frappe.user.has_role(["Head of Service", "Feedback Manager", "System Manager"])) {
				frm.add_custom_button(
					__("Refuse Escalation"),
					() => refuse_escalation(frm),
					__("Actions"),
				);
			}
		}
		if (!frm.doc.is_anonymous && frm.has_perm("write")) {
			frm.add_custom_button(
				__("Issue Access Code"),
				() => issue_access_code(frm),
				__("Actions"),
			);
			if (frm.has_perm("email")) {
				frm.add_custom_button(__("Send Letter"), () => send_letter(frm), __("Actions"));
			}
		}
		if (frappe.user.has_role(["Feedback Manager", "System Manager"])) {
			frm.add_custom_button(
				__("Equality Monitoring"),
				() => open_equality_monitoring(frm),
				__("View"),
			);
		}
	},

	staff_conduct: show_warnings,
	safeguarding: show_warnings,
	is_anonymous: show_warnings,
	contact: check_new_contact,
});

function show_warnings(frm) {
	// One headline holds them all: red where any is red (a contact restriction, staff conduct, safeguarding).
	const red = [];
	const restrictions = (frm.doc.__onload && frm.doc.__onload.contact_restrictions) || [];
	if (restrictions.length) {
		red.push(contact_restriction_banner(restrictions));
	}
	if (frm.doc.staff_conduct) {
		red.push(
			__(
				"About a member of staff's conduct: do not record employees' names in this case; the head of service is informed.",
			),
		);
	}
	if (frm.doc.safeguarding) {
		red.push(
			__(
				"Safeguarding concern: the safeguarding lead is informed at once (the duty officer out of hours).",
			),
		);
	}
	const anonymous_note = frm.doc.__onload && frm.doc.__onload.anonymous_handling_note;
	frm.set_intro("");
	if (red.length) {
		frm.set_intro(red.map((text) => `<p>${text}</p>`).join(""), "red");
	} else if (anonymous_note) {
		frm.set_intro(anonymous_note, "yellow");
	}
}

// The contact's active restrictions (Feedback.onload, from contact_restriction/restrictions.py): what is
// restricted and until when, each linked. Staff see it and decide; it never stops the case being recorded.
function contact_restriction_banner(restrictions) {
	const links = restrictions.map(
		(row) =>
			`<a href="/app/contact-restriction/${encodeURIComponent(row.name)}">${frappe.utils.escape_html(
				row.summary,
			)}</a>`,
	);
	return __("This customer's contact is restricted: {0}. Handle the case, following the restriction.", [
		links.join("; "),
	]);
}

// A contact chosen on a new case: say at once whether a restriction is active (the form shows what after saving).
function check_new_contact(frm) {
	if (!frm.is_new() || !frm.doc.contact || !frappe.model.can_read("Contact Restriction")) return;
	frappe
		.call(
			"customer_feedback.customer_feedback.doctype.contact_restriction.restrictions.restricted_contacts",
			{ contacts: [frm.doc.contact] },
		)
		.then((r) => {
			if ((r.message || []).includes(frm.doc.contact)) {
				frm.set_intro(
					__("{0} has an active contact restriction: see the {1}.", [
						frappe.utils.escape_html(frm.doc.contact),
						`<a href="/app/contact-restriction?contact=${encodeURIComponent(
							frm.doc.contact,
						)}">${__("Contact Restriction list")}</a>`,
					]),
					"red",
				);
			}
		});
}

// Ask for the action's details, call the whitelisted method with them, then show the case as it now is.
function prompt_and_call(frm, method, fields, title, label) {
	frappe.prompt(
		fields,
		(values) =>
			frappe
				.call(method, { feedback: frm.doc.name, ...values })
				.then(() => frm.reload_doc()),
		title,
		label,
	);
}

function escalate(frm) {
	prompt_and_call(
		frm,
		"customer_feedback.api.escalate",
		[
			{
				fieldname: "reason",
				fieldtype: "Small Text",
				label: __("Why the Customer Asked to Escalate"),
			},
			{
				fieldname: "requested_on",
				fieldtype: "Datetime",
				label: __("Requested On"),
				default: frappe.datetime.now_datetime(),
				reqd: 1,
			},
		],
		__("Escalate to the Next Stage"),
		__("Escalate"),
	);
}

function convert_to_complaint(frm) {
	prompt_and_call(
		frm,
		"customer_feedback.api.convert_to_complaint",
		[
			{
				fieldname: "reason",
				fieldtype: "Small Text",
				label: __("What the Customer Is Dissatisfied With"),
			},
		],
		__("Turn into a Complaint"),
		__("Turn into a Complaint"),
	);
}

function send_letter(frm) {
	// Choose the letter, read it filled in from the case, edit it for this case, then email it (a PDF on
	// the case's timeline) or print it for post; a checked stage response goes to its reviewer first.
	const dialog = new frappe.ui.Dialog({
		title: __("Send Letter"),
		size: "extra-large",
		fields: [
			{
				fieldname: "letter",
				fieldtype: "Select",
				label: __("Letter"),
				reqd: 1,
				options: [""].concat(frm.doc.__onload.letters || []),
				change: () => fill(dialog),
			},
			{
				fieldname: "channel",
				fieldtype: "Select",
				label: __("Send By"),
				reqd: 1,
				options: ["Email", "Post"],
			},
			{ fieldname: "sent_to", fieldtype: "Small Text", label: __("To"), read_only: 1 },
			{ fieldname: "review", fieldtype: "HTML" },
			{ fieldname: "subject", fieldtype: "Data", label: __("Subject"), reqd: 1 },
			{ fieldname: "content", fieldtype: "Text Editor", label: __("Letter"), reqd: 1 },
		],
		primary_action_label: __("Send"),
		primary_action(values) {
			frappe
				.call("customer_feedback.api.send_letter", { feedback: frm.doc.name, ...values })
				.then((r) => {
					dialog.hide();
					frappe.show_alert({
						message:
							r.message.status === "Sent"
								? __("Letter sent")
								: __("Letter passed to its reviewer"),
						indicator: "green",
					});
					frm.reload_doc();
				});
		},
	});
	function fill(d) {
		const letter = d.get_value("letter");
		if (!letter) return;
		frappe
			.call("customer_feedback.api.preview_letter", { feedback: frm.doc.name, letter })
			.then(({ message }) => {
				d.set_value("subject", message.subject);
				d.set_value("content", message.content);
				d.set_value("channel", message.email ? "Email" : "Post");
				d.set_value("sent_to", message.email || message.address || "");
				d.fields_dict.review.$wrapper.text(
					message.needs_review
						? __(
								"A stage response under this policy goes to its reviewer to approve before it is sent.",
							)
						: "",
				);
			});
	}
	dialog.show();
}

function issue_access_code(frm) {
	// The code is shown once, to read out or copy into a letter: only its hash is kept.
	frappe.confirm(
		__("Issue a new access code for the status look-up? Any earlier code stops working."),
		() =>
			frappe
				.call("customer_feedback.api.issue_access_code", { feedback: frm.doc.name })
				.then((r) => {
					frappe.msgprint({
						title: __("New access code"),
						message: __(
							"Give the customer this access code with the reference {0}: {1}",
							[
								frappe.utils.escape_html(frm.doc.name),
								`<strong id="cf-issued-access-code">${frappe.utils.escape_html(r.message.access_code)}</strong>`,
							],
						),
					});
					frm.reload_doc();
				}),
	);
}

function refuse_escalation(frm) {
	prompt_and_call(
		frm,
		"customer_feedback.api.refuse_escalation",
		[
			{
				fieldname: "reason",
				fieldtype: "Small Text",
				label: __("Reason (the customer is told)"),
				reqd: 1,
			},
		],
		__("Refuse Escalation"),
		__("Refuse"),
	);
}

function open_equality_monitoring(frm) {
	// Named at random, not after the case: found by its link to the case.
	frappe.db.get_value("Equality Monitoring", { feedback: frm.doc.name }, "name").then((r) => {
		const name = r.message && r.message.name;
		if (name) {
			frappe.set_route("Form", "Equality Monitoring", name);
		} else {
			frappe.new_doc("Equality Monitoring", { feedback: frm.doc.name });
		}
	});
}
