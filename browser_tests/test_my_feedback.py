"""My feedback at /my-feedback, in a real browser: a website user signs in and sees their own cases only."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect
from support import TIMEOUT_MS, fill_form, open_form, scroll_width, submit_form, unique, wait_for_receipt

PASSWORD = "Browser-Tests-2026-Feedback!"


@pytest.fixture(scope="module")
def website_user(api) -> str:
	"""A member of the public with an account, made by Administrator over REST."""
	email = f"{unique('customer')}@example.org"
	api.insert(
		"User",
		{
			"email": email,
			"first_name": "Robin",
			"last_name": "Account",
			"user_type": "Website User",
			"send_welcome_email": 0,
			"new_password": PASSWORD,
		},
	)
	return email


@pytest.fixture(scope="module")
def someone_elses_case(api) -> str:
	"""A case from another customer, recorded by staff from a phone call."""
	return api.insert(
		"Feedback",
		{
			"feedback_type": "Complaint",
			"channel": "Telephone",
			"received_on": dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
			"customer_name": "Another Person",
			"email": f"{unique('other')}@example.org",
			"description": "Someone else's complaint: not for Robin's eyes.",
		},
	)["name"]


def sign_in(page, base_url: str, email: str) -> None:
	page.goto(f"{base_url}/login")
	page.locator("#login_email").fill(email)
	page.locator("#login_password").fill(PASSWORD)
	page.locator(".btn-login").first.click()
	page.wait_for_function("() => !location.pathname.startsWith('/login')", timeout=TIMEOUT_MS)


def test_a_signed_in_customer_sees_their_own_feedback_and_not_anothers(
	new_page, base_url, api, website_user, someone_elses_case, shoot, axe
):
	page = new_page()
	sign_in(page, base_url, website_user)
	# Their own: sent through the form while signed in (the form still asks for a way to reply).
	open_form(page, base_url)
	fill_form(
		page,
		{
			"feedback_type": "Suggestion",
			"description": "Signed in: please open the library on Sunday mornings.",
			"customer_name": "Robin Account",
			"email": website_user,
		},
	)
	submit_form(page)
	own = wait_for_receipt(page)
	assert api.get_doc("Feedback", own)["owner"] == website_user

	page.goto(f"{base_url}/my-feedback")
	expect(page.locator("#cf-my-feedback")).to_be_visible()
	mine = page.locator(f"#cf-case-{own}")
	expect(mine).to_be_visible()
	expect(page.locator(f"#cf-case-reference-{own}")).to_have_text(own)
	expect(page.locator(f"#cf-case-type-{own}")).to_have_text("Suggestion")
	expect(page.locator(f"#cf-case-status-{own}")).to_have_text("Received")
	expect(page.locator(f"#cf-case-{someone_elses_case}")).to_have_count(0)
	assert someone_elses_case not in page.content()
	assert "Another Person" not in page.content()
	shoot(page, "my-feedback", readme="my-feedback")
	axe(page, "my feedback")

	narrow = new_page(width=320, height=640)
	narrow.context.add_cookies(page.context.cookies())
	narrow.goto(f"{base_url}/my-feedback")
	expect(narrow.locator(f"#cf-case-{own}")).to_be_visible()
	assert scroll_width(narrow) <= 320, f"My feedback scrolls sideways: {scroll_width(narrow)} px"
	shoot(narrow, "my-feedback-320px")


def test_my_feedback_sends_a_guest_to_sign_in(page, base_url):
	page.goto(f"{base_url}/my-feedback")
	expect(page).to_have_url(re.compile(re.escape(f"{base_url}/login?redirect-to=/my-feedback")))


def test_my_feedback_is_in_the_signed_in_customers_menu(new_page, base_url, website_user):
	page = new_page()
	sign_in(page, base_url, website_user)
	page.goto(f"{base_url}/me")
	expect(page.locator(".web-sidebar a[href='/my-feedback']")).to_be_visible()
