"""The public feedback form at /feedback, in a real browser: each type recorded, errors, keyboard alone,
320 px wide, anonymous feedback, attachments, and markup typed in or put in a link showing as text."""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect
from support import (
	LONG_DATE,
	TIMEOUT_MS,
	fill_form,
	http_session,
	open_form,
	scroll_width,
	submit_form,
	unique,
	wait_for_receipt,
	wait_for_submission_slot,
)

PUBLIC_TYPES = ("Complaint", "Compliment", "Comment", "Suggestion")


def pdf(note: str) -> bytes:
	"""A one-page PDF; the note makes its content (and so the platform's file de-duplication) its own."""
	return (
		b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
		b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n"
		+ f"% {note}\n%%EOF\n".encode()
	)


@pytest.mark.parametrize("feedback_type", PUBLIC_TYPES)
def test_each_type_is_recorded_with_a_receipt(page, base_url, api, shoot, axe, feedback_type):
	slug = feedback_type.lower()
	email = f"{unique(slug)}@example.org"
	description = f"{feedback_type} from the browser test: the recycling was not collected on Tuesday."
	open_form(page, base_url)
	fill_form(
		page,
		{
			"feedback_type": feedback_type,
			"description": description,
			"desired_outcome": "Collect it this week.",
			"customer_name": "Pat Example",
			"email": email,
			"phone": "01632 960001",
			"postcode": "NN1 1AA",
			"preferred_contact_method": "Email",
			"needs_large_print": True,
			"equality_age_band": "35 to 44",
			"equality_sexual_orientation": "Bisexual",
		},
	)
	if feedback_type == "Complaint":
		page.evaluate("window.scrollTo(0, 0)")
		shoot(page, "form-filled", readme="public-form")
		axe(page, "form")
	submit_form(page)
	reference = wait_for_receipt(page)
	receipt = page.locator("#cf-receipt")
	expect(page.locator("#cf-receipt-title")).to_be_focused()
	assert LONG_DATE.search(receipt.inner_text()), (
		f"the receipt shows no date, neither when it was received nor when to expect a reply: {receipt.inner_text()!r}"
	)
	expect(page.locator("#cf-what-happens-next")).not_to_be_empty()
	expect(page.locator("#cf-receipt-email")).to_contain_text(email)
	expect(page.locator("#cf-status-link")).to_have_attribute("href", "/feedback/status")
	expect(page.locator("#cf-access-code")).to_have_text(re.compile(r"^[A-Z2-9]{5}-[A-Z2-9]{5}$"))
	shoot(page, f"receipt-{slug}", readme="public-form-receipt" if feedback_type == "Complaint" else None)
	axe(page, "receipt")

	case = api.get_doc("Feedback", reference)
	assert case["feedback_type"] == feedback_type
	assert case["channel"] == "Web"
	assert case["status"] == "Open"
	assert case["customer_name"] == "Pat Example"
	assert case["email"] == email
	assert case["phone"] == "01632 960001"
	assert case["postcode"] == "NN1 1AA"
	assert case["preferred_contact_method"] == "Email"
	assert case["needs_large_print"] == 1
	assert "recycling was not collected" in case["description"]
	assert case["desired_outcome"] == "Collect it this week."
	assert case["received_on"][:10] == dt.date.today().isoformat()
	# Equality answers are kept apart: in Equality Monitoring, and nowhere on the case.
	equality = api.get_list("Equality Monitoring", [["feedback", "=", reference]], fields=("*",))
	assert len(equality) == 1, equality
	assert equality[0]["age_band"] == "35 to 44"
	assert equality[0]["sexual_orientation"] == "Bisexual"
	case_text = json.dumps(case)
	assert "35 to 44" not in case_text and "Bisexual" not in case_text
	# The copy to the customer waits in the Email Queue (the scheduler is off, so it is never sent).
	emails = api.emails_about("Feedback", reference)
	copies = [e for e in emails if email in e["recipient_list"]]
	assert copies, f"no email queued to {email}: {[(e['recipient_list'], e.get('status')) for e in emails]}"
	assert reference in copies[0]["body"]


def test_empty_form_shows_each_error_by_its_question_and_in_a_summary(page, base_url, shoot, axe):
	open_form(page, base_url)
	page.locator(".web-form-footer .submit-btn").click()
	summary = page.locator("#cf-error-summary")
	expect(summary).to_be_visible()
	expect(summary).to_be_focused()
	expect(summary).to_have_attribute("role", "alert")
	assert page.title().startswith("Error:")
	links = summary.locator("a")
	targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
	# Type, what happened, name and a way to reply are needed.
	for target in ("#cf-feedback_type", "#cf-description", "#cf-customer_name", "#cf-email"):
		assert target in targets, targets
	for i, target in enumerate(targets):
		fieldname = target.removeprefix("#cf-")
		message = links.nth(i).inner_text().strip()
		error = page.locator(f"#cf-{fieldname}-error")
		expect(error).to_be_visible()
		expect(error).to_contain_text(message)
		field = page.locator(target)
		expect(field).to_have_attribute("aria-invalid", "true")
		assert f"cf-{fieldname}-error" in field.get_attribute("aria-describedby").split()
		# The message is next to its question: in the same control, just above the input.
		same_control = page.evaluate(
			"([f, e]) => document.querySelector(f).closest('.frappe-control')"
			" .contains(document.querySelector(e))",
			[target, f"#cf-{fieldname}-error"],
		)
		assert same_control, f"{fieldname}'s error is not by its question"
	page.evaluate("window.scrollTo(0, 0)")
	shoot(page, "form-errors", readme="public-form-errors")
	axe(page, "form with errors")
	# Following a link in the summary (by keyboard) puts the cursor in that question.
	for i, target in enumerate(targets):
		links.nth(i).focus()
		page.keyboard.press("Enter")
		expect(page.locator(target)).to_be_focused()
	# A click does too.
	links.nth(0).click()
	expect(page.locator(targets[0])).to_be_focused()


def test_every_field_is_labelled_for_screen_readers(page, base_url):
	open_form(page, base_url)
	controls = page.locator(".web-form [id^='cf-']:is(input, select, textarea, button)")
	assert controls.count() >= 30
	unlabelled = []
	for i in range(controls.count()):
		control = controls.nth(i)
		if not control.is_visible() or control.evaluate("el => !!el.closest('[aria-hidden=true]')"):
			continue
		control_id = control.get_attribute("id")
		# The label tied to it (by for=, or wrapped round it, as the platform does with checkboxes).
		label = control.evaluate("el => el.labels && el.labels.length ? el.labels[0].innerText.trim() : ''")
		if not label:
			unlabelled.append(control_id)
			continue
		expect(control).to_have_accessible_name(re.compile("^" + re.escape(label)))
	assert not unlabelled, f"no label for {unlabelled}"


FOCUS_STYLE = """el => {
	const s = getComputedStyle(el);
	return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor, s.backgroundColor].join("|");
}"""


def describe(page) -> dict | None:
	return page.evaluate(
		"""() => {
		const el = document.activeElement;
		if (!el || el === document.body) return null;
		const s = getComputedStyle(el);
		return {
			key: el.id || (el.tagName + ':' + (el.getAttribute('href') || el.className) + ':' + el.innerText.slice(0, 30)),
			id: el.id, tag: el.tagName.toLowerCase(), type: el.type || '',
			outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 ? s.outlineStyle + ' ' + s.outlineWidth : '',
			shadow: s.boxShadow === 'none' ? '' : s.boxShadow,
		};
	}"""
	)


def test_form_can_be_completed_and_sent_by_keyboard_alone(page, base_url, api):
	"""Tab, typing, Space, arrows and Enter only: no mouse click. Every stop shows where the focus is."""
	open_form(page, base_url)
	email = f"{unique('keyboard')}@example.org"
	typed = {
		"cf-description": "Sent by keyboard alone: the library lift has been broken for a month.",
		"cf-customer_name": "Kim Keys",
		"cf-email": email,
	}
	stops, no_focus_style = [], []
	for _ in range(150):
		page.keyboard.press("Tab")
		now = describe(page)
		if now is None or (stops and now["key"] == stops[0]):
			break
		stops.append(now["key"])
		if not (now["outline"] or now["shadow"]):
			no_focus_style.append(now["key"])
		if now["id"] == "cf-feedback_type":
			page.keyboard.press("ArrowDown")  # the first choice, Complaint
		elif now["id"] in typed:
			page.keyboard.type(typed[now["id"]])
		elif now["id"] == "cf-needs_large_print":
			page.keyboard.press("Space")
		elif now["id"] == "cf-is_anonymous":
			assert not page.locator("#cf-is_anonymous").is_checked()
	assert "cf-feedback_type" in stops and "cf-customer_name" in stops, stops
	assert any("submit-btn" in stop for stop in stops), stops
	assert "cf-website_address" not in stops, "the spam trap takes the focus"
	assert not no_focus_style, f"no visible focus style on {no_focus_style}"
	expect(page.locator("#cf-feedback_type")).to_have_value("Complaint")
	expect(page.locator("#cf-needs_large_print")).to_be_checked()
	# Back to the send button and press Enter.
	page.locator("#cf-feedback_type").focus()  # a fresh start; the walk above ended past the form
	for _ in range(150):
		page.keyboard.press("Tab")
		if page.evaluate("document.activeElement.classList.contains('submit-btn')"):
			break
	else:
		raise AssertionError("Tab never reached the Send feedback button")
	wait_for_submission_slot()
	page.keyboard.press("Enter")
	reference = page.wait_for_selector("#cf-reference", timeout=TIMEOUT_MS).inner_text().strip()
	case = api.get_doc("Feedback", reference)
	assert case["feedback_type"] == "Complaint" and case["email"] == email and case["needs_large_print"] == 1


def test_form_at_320px_has_no_sideways_scrolling_and_can_be_sent_anonymously(new_page, base_url, api, shoot):
	"""Anonymous: no name needed, and the receipt says what that means. All at 320 px wide."""
	page = new_page(width=320, height=640)
	open_form(page, base_url)
	assert scroll_width(page) <= 320, f"the form scrolls sideways: {scroll_width(page)} px"
	shoot(page, "form-320px", readme="public-form-320px")
	page.locator(".web-form-footer .submit-btn").click()
	expect(page.locator("#cf-error-summary")).to_be_visible()
	assert scroll_width(page) <= 320, f"the form with errors scrolls sideways: {scroll_width(page)} px"
	shoot(page, "form-errors-320px")

	page.locator("#cf-is_anonymous").check()
	expect(page.locator("#cf-customer_name")).to_be_hidden()
	fill_form(
		page,
		{"feedback_type": "Complaint", "description": "Anonymous, from a phone: the underpass light is out."},
	)
	submit_form(page)
	reference = wait_for_receipt(page)
	assert scroll_width(page) <= 320, f"the receipt scrolls sideways: {scroll_width(page)} px"
	shoot(page, "receipt-anonymous-320px")
	what_next = page.locator("#cf-what-happens-next")
	expect(what_next).to_contain_text("You did not give your details, so we cannot reply to you.")
	expect(page.locator("#cf-receipt-email")).to_have_count(0)
	expect(page.locator("#cf-status-link")).to_have_count(0)
	case = api.get_doc("Feedback", reference)
	assert case["is_anonymous"] == 1
	assert not case.get("customer_name") and not case.get("email")
	# The case keeps the policy's key; the receipt says what it means.
	assert case["anonymous_handling"] == "Handle as complaint"
	assert "Handled as a complaint" in what_next.inner_text()


def attach(page, fieldname: str, name: str, content: bytes, mime: str) -> None:
	"""Use the platform's upload dialog as a person does: the Attach button, then My Device."""
	page.locator(f"#cf-{fieldname}").click()
	dialog = page.locator(".modal.show .file-uploader, .modal:visible .file-uploader").first
	expect(dialog).to_be_visible()
	with page.expect_file_chooser() as chooser:
		dialog.locator("button.btn-file-upload").first.click()
	chooser.value.set_files(files=[{"name": name, "mimeType": mime, "buffer": content}])


def test_a_pdf_is_attached_to_the_case_and_other_types_are_refused(page, base_url, api, shoot):
	open_form(page, base_url)
	fill_form(
		page,
		{
			"feedback_type": "Complaint",
			"description": "With a photo of the letter, as a PDF.",
			"customer_name": "Alex Attach",
			"email": f"{unique('attach')}@example.org",
		},
	)
	# A web page is refused, with a message naming the file.
	attach(page, "attachment_2", "page.html", b"<html><script>alert(1)</script></html>", "text/html")
	alert = page.locator("#alert-container, .alert-container").filter(has_text="page.html")
	expect(alert).to_be_visible()
	expect(alert).to_contain_text("invalid file type")
	shoot(page, "attachment-refused")
	page.keyboard.press("Escape")
	expect(page.locator(".modal.show")).to_have_count(0)

	attach(page, "attachment_1", "letter.pdf", pdf(unique("letter")), "application/pdf")
	page.locator(".modal.show .modal-footer .btn-primary").click()
	control = page.locator(".frappe-control[data-fieldname='attachment_1']")
	expect(control.locator(".attached-file-link")).to_contain_text("letter", timeout=TIMEOUT_MS)
	submit_form(page)
	reference = wait_for_receipt(page)
	case = api.get_doc("Feedback", reference)
	assert case["attachment_1"] and case["attachment_1"].endswith(".pdf"), case["attachment_1"]
	files = api.get_list(
		"File",
		[["attached_to_doctype", "=", "Feedback"], ["attached_to_name", "=", reference]],
		fields=("file_url", "attached_to_field"),
	)
	assert [(f["file_url"], f["attached_to_field"]) for f in files] == [
		(case["attachment_1"], "attachment_1")
	]


def test_an_upload_abandoned_by_one_visitor_is_not_attached_to_anothers_case(page, base_url, api):
	"""Two members of the public upload the same file (the platform then gives both uploads one file URL);
	the first abandons the form. The second's case must get the second's upload only."""
	content = pdf(unique("shared"))
	session, url = http_session(base_url)
	abandoned = session.post(
		f"{url}/api/method/upload_file",
		files={"file": ("first-visitors-scan.pdf", content, "application/pdf")},
		data={"is_private": "1"},
		timeout=60,
	)
	assert abandoned.status_code == 200, abandoned.text[:300]
	open_form(page, base_url)
	fill_form(
		page,
		{
			"feedback_type": "Comment",
			"description": "Second visitor, same leaflet scanned.",
			"customer_name": "Second Visitor",
			"email": f"{unique('second')}@example.org",
		},
	)
	attach(page, "attachment_1", "leaflet.pdf", content, "application/pdf")
	page.locator(".modal.show .modal-footer .btn-primary").click()
	control = page.locator(".frappe-control[data-fieldname='attachment_1']")
	expect(control.locator(".attached-file-link")).not_to_be_empty(timeout=TIMEOUT_MS)
	submit_form(page)
	reference = wait_for_receipt(page)
	files = api.get_list(
		"File",
		[["attached_to_doctype", "=", "Feedback"], ["attached_to_name", "=", reference]],
		fields=("file_name", "file_url"),
	)
	assert [f["file_name"] for f in files] == ["leaflet.pdf"], files


@pytest.mark.parametrize(
	"name, mime, says",
	[
		# Refused by the platform for every guest, naming the types it takes.
		("setup.exe", "application/octet-stream", "PDF"),
		# Taken by the platform from guests, refused by the app's narrower list, naming the file.
		("figures.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "figures.xlsx"),
	],
)
def test_the_server_refuses_a_refused_type_from_the_public(base_url, name, mime, says):
	"""The browser's check can be skipped; the server's cannot. A guest uploading one is told why."""
	session, url = http_session(base_url)
	response = session.post(
		f"{url}/api/method/upload_file",
		files={"file": (name, b"PK\x03\x04 not really a document", mime)},
		data={"is_private": "1", "doctype": "Feedback", "fieldname": "attachment_1"},
		timeout=60,
	)
	assert response.status_code >= 400, response.text[:500]
	messages = response.json().get("_server_messages", "")
	assert says in messages, messages[:500]


def test_every_text_box_and_drop_down_has_a_visible_border(page, base_url):
	"""WCAG 1.4.11: where to type must be visible; the inputs are pale grey on white, so their border shows
	them (axe-core does not check this)."""
	open_form(page, base_url)
	borderless = page.evaluate(
		"""() => [...document.querySelectorAll('.web-form [id^="cf-"]:is(input:not([type=checkbox]), select, textarea)')]
		.filter(el => el.offsetParent !== null && !el.closest('[aria-hidden=true]'))
		.filter(el => { const s = getComputedStyle(el); return s.borderTopStyle === 'none' || parseFloat(s.borderTopWidth) < 1; })
		.map(el => el.id)"""
	)
	assert not borderless, f"no visible border on {borderless}"


MARKUP = '<img src=x onerror="window.cfInjected=1"><script>window.cfInjected=2</script>'


def test_markup_typed_in_or_put_in_the_link_shows_as_text_and_never_runs(page, base_url):
	# A crafted link: the platform would fill any field from it; only the kind of feedback is taken.
	query = urlencode({"feedback_type": "Compliment", "description": MARKUP, "phone": MARKUP, "email": MARKUP})
	page.goto(f"{base_url}/feedback/new?{query}")
	page.wait_for_selector("#cf-privacy", timeout=TIMEOUT_MS)
	expect(page.locator("#cf-feedback_type")).to_have_value("Compliment")
	for fieldname in ("description", "phone", "email"):
		expect(page.locator(f"#cf-{fieldname}")).to_have_value("")
	# Typed in: the server refuses the telephone number, naming the field, and quotes nothing back.
	fill_form(page, {"description": MARKUP, "customer_name": "Mark Upton", "phone": MARKUP})
	submit_form(page)
	summary = page.locator("#cf-error-summary")
	expect(summary).to_be_visible(timeout=TIMEOUT_MS)
	expect(summary).to_contain_text("Phone is not a telephone number")
	assert summary.locator("img, script").count() == 0
	expect(page.locator("#cf-phone")).to_have_value(MARKUP)  # kept as typed, as text
	assert page.evaluate("window.cfInjected") is None
