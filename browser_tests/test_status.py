"""The status look-up at /feedback/status, in a real browser: by reference with the access code from the
receipt, the same refusal for a wrong code as for a missing case, and asking for the next stage.

The look-up allows 10 tries per address in 10 minutes and 5 wrong codes per reference a day: these tests
make seven look-ups, two of them with wrong codes for one reference."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from support import LONG_DATE, fill_form, open_form, scroll_width, submit_form, unique, wait_for_receipt


def send_complaint(page, base_url: str, postcode: str = "NN1 1AA") -> dict:
	email = f"{unique('status')}@example.org"
	open_form(page, base_url)
	fill_form(
		page,
		{
			"feedback_type": "Complaint",
			"description": "For the status page: the pothole outside number 4 was reported twice.",
			"customer_name": "Sam Status",
			"email": email,
			"postcode": postcode,
		},
	)
	submit_form(page)
	reference = wait_for_receipt(page)
	code = page.locator("#cf-access-code").inner_text().strip()
	assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code), f"the receipt's access code {code!r}"
	return {"reference": reference, "code": code, "email": email, "postcode": postcode}


@pytest.fixture(scope="module")
def complaint(browser, base_url):
	context = browser.new_context()
	try:
		return send_complaint(context.new_page(), base_url)
	finally:
		context.close()


def look_up(page, base_url: str, reference: str, code: str) -> None:
	page.goto(f"{base_url}/feedback/status")
	page.locator("#cf-reference").fill(reference)
	page.locator("#cf-access-code").fill(code)
	page.locator("#cf-look-up").click()


def test_status_page_shows_status_stage_and_next_date_by_reference_and_access_code(
	page, base_url, complaint, shoot, axe
):
	page.goto(f"{base_url}/feedback/status")
	shoot(page, "status-look-up")
	axe(page, "status look-up")
	look_up(page, base_url, complaint["reference"], complaint["code"])
	expect(page.locator("#cf-case-summary")).to_be_visible()
	expect(page.locator("#cf-result-heading")).to_be_focused()
	expect(page.locator("#cf-case-reference")).to_have_text(complaint["reference"])
	expect(page.locator("#cf-case-type")).to_have_text("Complaint")
	expect(page.locator("#cf-case-status")).to_have_text("Received")
	expect(page.locator("#cf-case-stage")).to_contain_text("Stage 1 of")
	assert LONG_DATE.search(page.locator("#cf-case-next-date").inner_text())
	assert LONG_DATE.search(page.locator("#cf-case-received").inner_text())
	expect(page.locator("#cf-case-next-step")).not_to_be_empty()
	# Not answered yet, and not late: the page says when the next stage can be asked for.
	expect(page.locator("#cf-escalate-form")).to_have_count(0)
	expect(page.locator("#cf-escalate-unavailable")).to_be_visible()
	shoot(page, "status-result", readme="status-result")
	axe(page, "status result")


def test_status_page_finds_the_case_however_the_reference_and_code_are_typed(page, base_url, complaint):
	# Spaces and case as people type them.
	typed = complaint["code"].lower().replace("-", " ")
	look_up(page, base_url, f" {complaint['reference'].lower()} ", typed)
	expect(page.locator("#cf-case-reference")).to_have_text(complaint["reference"])
	expect(page.locator("#cf-case-status")).to_have_text("Received")
	expect(page.locator("#cf-case-stage")).to_contain_text("Stage 1 of")
	assert LONG_DATE.search(page.locator("#cf-case-next-date").inner_text())


def refusal(page) -> str:
	summary = page.locator("#cf-error-summary")
	expect(summary).to_be_visible()
	expect(summary).to_be_focused()
	expect(page.locator("#cf-case-summary")).to_have_count(0)
	return page.locator("#cf-error-list").inner_text().strip()


def test_a_wrong_code_gets_the_same_message_as_a_missing_reference(page, base_url, complaint):
	look_up(page, base_url, complaint["reference"], "ABCDE-FGHJK")
	wrong_code = refusal(page)
	# What the look-up asked for before access codes opens nothing.
	look_up(page, base_url, complaint["reference"], complaint["email"])
	by_email = refusal(page)
	look_up(page, base_url, "FB-1999-99999", complaint["code"])
	missing = refusal(page)
	assert wrong_code == by_email == missing, (wrong_code, by_email, missing)
	assert "access code" in wrong_code
	# The message is also next to the reference, and the reference field says it is in error.
	expect(page.locator("#cf-reference-error")).to_be_visible()
	expect(page.locator("#cf-reference")).to_have_attribute("aria-invalid", "true")


def test_an_empty_look_up_shows_each_error_by_its_field(page, base_url, shoot, axe):
	page.goto(f"{base_url}/feedback/status")
	page.locator("#cf-look-up").click()
	summary = page.locator("#cf-error-summary")
	expect(summary).to_be_visible()
	expect(summary).to_be_focused()
	for field in ("cf-reference", "cf-access-code"):
		link = summary.locator(f"a[href='#{field}']")
		expect(link).to_have_count(1)
		expect(page.locator(f"#{field}-error")).to_have_text(link.inner_text())
		expect(page.locator(f"#{field}")).to_have_attribute("aria-invalid", "true")
	summary.locator("a[href='#cf-access-code']").click()
	expect(page.locator("#cf-access-code")).to_be_focused()
	shoot(page, "status-look-up-errors")
	axe(page, "status look-up with errors")


def test_customer_asks_for_the_next_stage_of_a_responded_complaint(page, base_url, api, shoot, axe):
	case = send_complaint(page, base_url, postcode="SW1A 2AA")
	reference = case["reference"]
	# Staff acknowledge and respond at stage 1, through the workflow as in the desk.
	api.apply_workflow(reference, "Acknowledge", "Send Response")
	assert api.get_doc("Feedback", reference)["status"] == "Responded"

	look_up(page, base_url, reference, case["code"])
	expect(page.locator("#cf-case-status")).to_have_text("We have responded")
	form = page.locator("#cf-escalate-form")
	expect(form).to_be_visible()
	reason = "You did not answer why the pothole was left for six weeks after my second report."
	page.locator("#cf-escalate-reason").fill(reason)
	page.locator("#cf-escalate-button").click()
	panel = page.locator("#cf-escalated-panel")
	expect(panel).to_be_visible()
	expect(panel).to_be_focused()
	assert LONG_DATE.search(page.locator("#cf-escalated-message").inner_text())
	expect(page.locator("#cf-case-stage")).to_contain_text("Stage 2 of")
	expect(page.locator("#cf-case-status")).to_have_text("Received")
	assert LONG_DATE.search(page.locator("#cf-case-next-date").inner_text())
	shoot(page, "status-after-escalation", readme="status-escalated")
	axe(page, "status after escalation")

	doc = api.get_doc("Feedback", reference)
	assert doc["current_stage"] == 2
	assert doc["status"] == "Open"
	stages = api.get_list(
		"Complaint Stage",
		[["feedback", "=", reference]],
		fields=("stage_number", "status", "escalation_reason"),
		order_by="stage_number asc",
	)
	assert [s["stage_number"] for s in stages] == [1, 2]
	assert stages[0]["status"] == "Closed"
	assert stages[1]["escalation_reason"] == reason


@pytest.mark.parametrize("with_result", [False, True], ids=["look-up", "result"])
def test_status_page_at_320px_has_no_sideways_scrolling(new_page, base_url, complaint, shoot, with_result):
	page = new_page(width=320, height=640)
	page.goto(f"{base_url}/feedback/status")
	if with_result:
		look_up(page, base_url, complaint["reference"], complaint["code"])
		expect(page.locator("#cf-case-summary")).to_be_visible()
	assert scroll_width(page) <= 320, f"scrolls sideways: {scroll_width(page)} px"
	shoot(page, f"status-{'result' if with_result else 'look-up'}-320px")
