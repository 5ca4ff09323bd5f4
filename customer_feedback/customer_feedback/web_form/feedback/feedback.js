// The public feedback form. On top of the platform's web form: errors in the manner of GOV.UK forms (a
// summary at the top linking to each question, and the message by the question), a receipt with the
// reference and dates, a privacy note, limits on attachments, and the spam trap kept out of people's way.
// The platform renders this file with Jinja: the values in double braces come from feedback.py.
{% include "templates/includes/cf_public.js" %}
frappe.init_client_script = () => {
	const form = frappe.web_form;
	const allowedTypes = {{ cf_allowed_extensions | json }};
	const maxAttachmentBytes = {{ cf_max_attachment_bytes | int }};
	const privacyNoticeUrl = {{ (cf_privacy_notice_url or "") | json }};
	const honeypot = {{ cf_honeypot | json }};
	const escape = frappe.utils.escape_html;
	const pageTitle = document.title;

	label_every_input();
	hide_spam_trap();
	add_privacy_note();
	for (const fieldname of ["attachment_1", "attachment_2"]) {
		const control = form.fields_dict[fieldname];
		// The Attach control copies df.options over its own upload options, so these replace its defaults.
		control.df.options = {
			restrictions: { allowed_file_types: allowedTypes, max_file_size: maxAttachmentBytes },
			disable_file_browser: true, // the platform's web form default, dropped by replacing df.options
			// The server answers the public with a handle, never a file_url (customer_feedback.portal.uploads):
			// the field holds the handle, and shows the file's name as text, not as a link.
			on_success: (file) => {
				if (!file || !file.handle) return;
				control.set_value(file.handle).then(() =>
					control.$value.find(".attached-file-link").text(file.file_name).removeAttr("href")
				);
				control.toggle_reload_button();
			},
		};
	}
	show_values_as_text();
	form.save = submit;
	form.set_default_values = set_default_values;

	function show_values_as_text() {
		// The platform copies each field's value into a hidden display area as markup (a Text field's value
		// is taken to be HTML), so markup typed into the form would run in the page: here it is text.
		for (const field of form.fields) {
			const control = form.fields_dict[field.fieldname];
			if (!control || !["Data", "Small Text", "Text", "Long Text"].includes(field.fieldtype)) continue;
			control.set_disp_area = (value) =>
				control.disp_area && $(control.disp_area).text(control.value || value || "");
		}
	}

	function set_default_values() {
		// The platform fills any field from the link's query string, so a crafted link could put words in
		// someone's mouth (or markup in front of them): only the kind of feedback may come from a link
		// (/feedback/new?feedback_type=Compliment), and only as one of the kinds offered.
		const wanted = frappe.utils.get_query_params().feedback_type;
		const kinds = (form.fields_dict.feedback_type.df.options || "").split("\n");
		if (typeof wanted === "string" && kinds.includes(wanted)) form.set_values({ feedback_type: wanted });
	}

	function label_every_input() {
		// Stable ids, each input tied to its label and its hint, for screen readers and for tests.
		for (const field of form.fields) {
			const control = form.fields_dict[field.fieldname];
			if (!control || !control.$input || !field.fieldname) continue;
			const id = `cf-${field.fieldname}`;
			control.$input.attr("id", id);
			control.$wrapper.find("label.control-label").first().attr("for", id);
			const $hint = control.$wrapper.find(".help-box, .frappe-control-description").first();
			if ($hint.length && $hint.text().trim()) {
				$hint.attr("id", `${id}-hint`);
				control.$input.attr("aria-describedby", `${id}-hint`);
			}
		}
	}

	function hide_spam_trap() {
		const control = form.fields_dict[honeypot];
		control.$wrapper.addClass("cf-trap").attr("aria-hidden", "true");
		control.$input.attr({ tabindex: "-1", autocomplete: "off" });
	}

	function add_privacy_note() {
		const link = privacyNoticeUrl
			? `<p><a id="cf-privacy-link" href="${escape(privacyNoticeUrl)}">${__("Read our privacy notice")}</a></p>`
			: "";
		$(".web-form-footer").before(`
			<div class="cf-inset" id="cf-privacy">
				<h2>${__("How we use your information")}</h2>
				<p>${__(
					"We use what you tell us only to deal with your feedback and to improve our services. Only the staff who need to see it will, and we keep it no longer than our records policy allows. We may share it with an external body, such as an ombudsman, if you ask them to look into your complaint."
				)}</p>
				${link}
			</div>`);
	}

	function problems() {
		const values = form.get_values(true) || {};
		const found = [];
		const need = (fieldname, message) => {
			const value = values[fieldname];
			if (value === undefined || value === null || String(value).trim() === "" || value === 0)
				found.push([fieldname, message]);
		};
		need("feedback_type", __("Select what kind of feedback it is"));
		need("description", __("Enter what happened"));
		if (!values.is_anonymous) {
			need("customer_name", __("Enter your full name, or tick that you do not want to give your details"));
			if (!(values.email || values.phone || values.address)) {
				found.push([
					"email",
					__("Enter an email address, telephone number or postal address so we can reply to you"),
				]);
			}
			if (values.has_representative) {
				need("representative_name", __("Enter your name as the person acting for them"));
				need("customer_consent_confirmed", __("Confirm that they have agreed to you acting for them"));
			}
		}
		for (const fieldname of ["email", "representative_email"]) {
			if (values[fieldname] && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values[fieldname])) {
				found.push([fieldname, __("Enter an email address in the correct format, like name@example.com")]);
			}
		}
		for (const field of form.fields) {
			const value = values[field.fieldname];
			if (field.max_length && value && String(value).length > field.max_length) {
				found.push([
					field.fieldname,
					__("{0} must be {1} characters or fewer", [__(field.label), field.max_length.toLocaleString()]),
				]);
			}
		}
		return found;
	}

	function clear_errors() {
		$("#cf-error-summary").remove();
		$(".cf-field-error").remove();
		$(".cf-field--error").removeClass("cf-field--error");
		$("[aria-invalid]").removeAttr("aria-invalid");
		for (const field of form.fields) {
			const control = form.fields_dict[field.fieldname];
			if (control && control.$input) {
				const hint = control.$input.attr("aria-describedby") || "";
				control.$input.attr("aria-describedby", hint.replace(/\s*cf-\S+-error/g, "").trim() || null);
			}
		}
		document.title = pageTitle;
	}

	function show_errors(found, server_messages) {
		const items = found.map(
			([fieldname, message]) => `<li><a href="#cf-${fieldname}">${escape(message)}</a></li>`
		);
		// The server's words as text, never as markup: a message may quote what was typed.
		for (const message of server_messages || []) items.push(`<li>${escape(as_text(message))}</li>`);
		$(".web-form").before(`
			<div class="cf-error-summary" id="cf-error-summary" role="alert" tabindex="-1">
				<h2>${__("There is a problem")}</h2>
				<ul>${items.join("")}</ul>
			</div>`);
		for (const [fieldname, message] of found) {
			const control = form.fields_dict[fieldname];
			if (!control || control.$wrapper.find(".cf-field-error").length) continue;
			const id = `cf-${fieldname}-error`;
			control.$wrapper.addClass("cf-field--error");
			control.$wrapper
				.find(".control-input-wrapper, .control-input")
				.first()
				.before(
					`<p class="cf-field-error" id="${id}"><span class="cf-visually-hidden">${__(
						"Error:"
					)}</span> ${escape(message)}</p>`
				);
			const described = [control.$input.attr("aria-describedby"), id].filter(Boolean).join(" ");
			control.$input.attr({ "aria-invalid": "true", "aria-describedby": described });
		}
		document.title = `${__("Error:")} ${pageTitle}`;
		$("#cf-error-summary").trigger("focus");
		$("#cf-error-summary a").on("click", function (event) {
			event.preventDefault();
			$($(this).attr("href")).trigger("focus");
		});
	}

	function submit() {
		clear_errors();
		const found = problems();
		if (found.length) {
			show_errors(found);
			return false;
		}
		if (window.saving) return false;
		window.saving = true;
		Object.assign(form.doc, form.get_values(true));
		form.doc.doctype = form.doc_type;
		form.doc.web_form_name = form.name;
		// cf.call (a plain fetch): the website's frappe.call shows every server message in its own dialog,
		// as markup, and never reaches an error callback, so the summary would never show the refusal.
		const $button = $(".web-form-footer .submit-btn").prop("disabled", true);
		cf.call(
			"frappe.website.doctype.web_form.web_form.accept",
			{ data: JSON.stringify(form.doc), web_form: form.name },
			__("Your feedback could not be sent. Please try again.")
		)
			.then(show_receipt)
			.catch((error) => show_errors([], [error.message]))
			.finally(() => {
				window.saving = false;
				$button.prop("disabled", false);
			});
		return false;
	}

	function as_text(message) {
		// An inert document: nothing in it loads or runs while its text is read.
		return new DOMParser().parseFromString(String(message), "text/html").body.textContent || "";
	}

	function show_receipt(receipt) {
		frappe.form_dirty = false;
		const sent_to = receipt.email
			? `<p id="cf-receipt-email">${__("We have sent a copy of this to {0}.", [
					`<strong>${escape(receipt.email)}</strong>`,
			  ])}</p>`
			: "";
		const status = receipt.access_code
			? `<div class="cf-panel" id="cf-access-code-panel">
					<p>${__("Your access code is")}</p>
					<strong id="cf-access-code">${escape(receipt.access_code)}</strong>
				</div>
				<p>${__(
					"Keep your reference and access code, and keep the code to yourself. With both you can {0}.",
					[`<a id="cf-status-link" href="/feedback/status">${__("check progress")}</a>`]
				)}</p>`
			: "";
		$(".web-form-container").hide();
		$(".success-page")
			.removeClass("hide")
			.html(
				`<div class="cf-page" id="cf-receipt">
				<div class="cf-panel">
					<h1 id="cf-receipt-title" tabindex="-1">${__("Feedback sent")}</h1>
					<p>${__("Your reference is")}</p>
					<strong id="cf-reference">${escape(receipt.name)}</strong>
				</div>
				<p id="cf-received">${__("We received it on {0}.", [escape(receipt.received_on)])}</p>
				<h2>${__("What happens next")}</h2>
				<p id="cf-what-happens-next">${escape(receipt.what_happens_next)}</p>
				${sent_to}
				${status}
				<p><a id="cf-send-more" href="/feedback/new">${__("Send more feedback")}</a></p>
			</div>`
			);
		document.title = `${__("Feedback sent")}: ${receipt.name}`;
		$("#cf-receipt-title").trigger("focus");
		window.scrollTo(0, 0);
	}
};
