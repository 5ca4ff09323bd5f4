"""The satisfaction survey at /feedback/survey?token=..., in a real browser: a complaint closed weeks ago, the
daily survey job run, the one-time link taken from the queued invitation, the survey answered once."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect
from support import (
	bench_execute,
	fill_form,
	http_session,
	open_form,
	scroll_width,
	submit_form,
	unique,
	wait_for_receipt,
)

SURVEY_LINK = re.compile(r"""https?://[^\s"'<>]+/feedback/survey\?token=[A-Za-z0-9]+""")


@pytest.fixture(scope="module")
def survey_link(browser, base_url, api, site) -> dict:
	"""A complaint sent through the form, answered and closed by staff, surveyed by the daily job."""
	email = f"{unique('survey')}@example.org"
	context = browser.new_context()
	try:
		page = context.new_page()
		open_form(page, base_url)
		fill_form(
			page,
			{
				"feedback_type": "Complaint",
				"description": "For the survey: the bus pass renewal took eleven weeks.",
				"customer_name": "Jo Survey",
				"email": email,
			},
		)
		submit_form(page)
		reference = wait_for_receipt(page)
	finally:
		context.close()
	api.apply_workflow(reference, "Acknowledge", "Send Response", "Close")
	case = api.get_doc("Feedback", reference)
	assert case["status"] == "Closed"
	# The policy surveys every complainant a week after closing; this one closed eight days ago.
	api.update(
		"Feedback Policy", case["policy"], {"survey_weeks_after_closure": 1, "survey_sample_percent": 100}
	)
	api.update("Feedback", reference, {"closed_on": (dt.date.today() - dt.timedelta(days=8)).isoformat()})

	bench_execute(site, "customer_feedback.portal.survey.send_surveys")
	surveys = api.get_list(
		"Feedback Survey", [["feedback", "=", reference]], fields=("name", "status", "email")
	)
	assert len(surveys) == 1, surveys
	assert surveys[0]["status"] == "Sent" and surveys[0]["email"] == email
	invitations = [
		e for e in api.emails_about("Feedback Survey", surveys[0]["name"]) if email in e["recipient_list"]
	]
	assert len(invitations) == 1, "no survey invitation in the Email Queue"
	links = set(SURVEY_LINK.findall(invitations[0]["body"]))
	assert len(links) == 1, links
	link = urlparse(links.pop())
	# The link as emailed names the site by its configured host; here it is opened on the served site.
	return {
		"reference": reference,
		"survey": surveys[0]["name"],
		"url": f"{base_url}{link.path}?{link.query}",
		"token": parse_qs(link.query)["token"][0],
	}


def test_survey_from_the_emailed_link_is_answered_once(new_page, base_url, api, survey_link, shoot, axe):
	# Only a hash of the token is stored: the plain token is nowhere in the survey's record.
	assert survey_link["token"] not in str(api.get_doc("Feedback Survey", survey_link["survey"]))

	narrow = new_page(width=320, height=640)
	narrow.goto(survey_link["url"])
	expect(narrow.locator("#survey-form")).to_be_visible()
	assert scroll_width(narrow) <= 320, f"the survey scrolls sideways: {scroll_width(narrow)} px"
	shoot(narrow, "survey-320px")

	page = new_page()
	page.goto(survey_link["url"])
	expect(page.locator("#survey-form")).to_be_visible()
	expect(page.locator("main")).to_contain_text(survey_link["reference"])
	shoot(page, "survey", readme="survey")
	axe(page, "survey")

	# Sent without the one required answer: the problem by its question and in a summary.
	page.locator("#survey-submit").click()
	summary = page.locator("#error-summary")
	expect(summary).to_be_visible()
	expect(summary).to_be_focused()
	expect(page.locator("#handling_satisfaction-error")).to_be_visible()
	link = summary.locator("a").first
	target = link.get_attribute("href")
	link.click()
	expect(page.locator(target)).to_be_focused()
	shoot(page, "survey-errors")
	axe(page, "survey with errors")

	page.get_by_label("Satisfied", exact=True).check()
	page.locator("#what_could_be_better").fill("Tell me sooner when it will take longer.")
	page.locator("#age_band-fieldset").get_by_label("45 to 54").check()
	page.locator("#survey-submit").click()
	expect(page.locator("#survey-thanks")).to_be_visible()
	shoot(page, "survey-thanks", readme="survey-thanks")
	axe(page, "survey thanks")

	survey = api.get_doc("Feedback Survey", survey_link["survey"])
	assert survey["status"] == "Answered"
	assert survey["handling_satisfaction"] == "Satisfied"
	assert survey["what_could_be_better"] == "Tell me sooner when it will take longer."
	equality = api.get_list(
		"Equality Monitoring", [["feedback", "=", survey_link["reference"]]], fields=("age_band",)
	)
	assert [e["age_band"] for e in equality] == ["45 to 54"]

	# The link again: already answered, nothing more kept.
	page.goto(survey_link["url"])
	expect(page.locator("#survey-answered")).to_be_visible()
	expect(page.locator("#survey-form")).to_have_count(0)
	shoot(page, "survey-already-answered")
	# And a second answer sent straight to the API is refused.
	session, url = http_session(base_url)
	response = session.post(
		f"{url}/api/method/customer_feedback.portal.survey.answer_survey",
		data={"token": survey_link["token"], "handling_satisfaction": "Very dissatisfied"},
		timeout=60,
	)
	assert response.status_code == 409, (response.status_code, response.text[:300])
	assert api.get_doc("Feedback Survey", survey_link["survey"])["handling_satisfaction"] == "Satisfied"


def test_a_wrong_survey_token_is_not_found(page, base_url):
	response = page.goto(f"{base_url}/feedback/survey?token=not-a-real-token")
	assert response.status == 404
	expect(page.locator("#survey-not-found")).to_be_visible()
