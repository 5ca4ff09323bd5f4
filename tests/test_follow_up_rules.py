"""After the response, without Frappe: a suggestion's outcome and a representation's decision before the
response, a praised row that names someone, a compliment passed on once, the bulletin's brief, a promised
date not in the past, a letter's facts (customer_feedback.answer_rules), and what the bulletin prints and
for which days (customer_feedback.bulletin)."""

import datetime as dt

import pytest

from customer_feedback.answer_rules import (
	AnswerRuleError,
	Praised,
	bulletin_problem,
	expected_date_problem,
	letter_needs,
	passes_on,
	praised_row_problem,
	response_needs,
)
from customer_feedback.bulletin import BulletinError, bulletin_dates, customer_shown, who_was_praised

THU_19_DEC = dt.date(2024, 12, 19)


def test_a_suggestion_needs_its_outcome_and_a_representation_its_decision_before_the_response():
	assert "Suggestion Outcome is empty" in str(response_needs("Suggestion", "", ""))
	assert response_needs("Suggestion", "We will look into it", "") is None
	assert "Policy Owner's Decision is empty" in str(response_needs("Representation", "", "  "))
	assert response_needs("Representation", "", "Agreed") is None
	assert response_needs("Comment", "", "") is None
	assert response_needs("Compliment", "", "") is None


def test_a_praised_row_must_name_someone():
	rows = [Praised(user="grace@example.org"), Praised(team="Rangers"), Praised(name=" ", team="")]
	problem = praised_row_problem(rows)
	assert isinstance(problem, AnswerRuleError)
	assert "row 3" in str(problem)
	assert praised_row_problem(rows[:2]) is None


def test_a_compliment_is_passed_on_once_when_it_names_someone_or_a_service_area():
	assert passes_on("Compliment", False, 1, "")
	assert passes_on("Compliment", False, 0, "Parks")
	assert not passes_on("Compliment", False, 0, "")
	assert not passes_on("Compliment", True, 2, "Parks")
	assert not passes_on("Suggestion", False, 1, "Parks")


def test_the_bulletin_needs_the_brief_never_the_description():
	assert "The Compliment in Brief is empty" in str(bulletin_problem(True, "  "))
	assert bulletin_problem(True, "Grace found the dog.") is None
	assert bulletin_problem(False, "") is None


def test_a_promised_date_newly_given_may_not_be_past():
	assert "in the past" in str(expected_date_problem(dt.date(2024, 12, 18), THU_19_DEC, changed=True))
	assert expected_date_problem(THU_19_DEC, THU_19_DEC, changed=True) is None
	assert expected_date_problem(dt.date(2024, 12, 18), THU_19_DEC, changed=False) is None
	assert expected_date_problem(None, THU_19_DEC, changed=True) is None


def test_a_letter_is_refused_while_a_fact_it_tells_is_empty_naming_each():
	labels = {"delay_reason": "Why It Is Late", "expected_response_on": "Customer Will Hear By"}
	both = letter_needs("Delay Notice", labels, {"delay_reason": "", "expected_response_on": None}, labels)
	assert "Why It Is Late and Customer Will Hear By, which are empty" in str(both)
	one = letter_needs("Delay Notice", labels, {"delay_reason": "late", "expected_response_on": None}, labels)
	assert "tells the customer Customer Will Hear By, which is empty" in str(one)
	full = {"delay_reason": "late", "expected_response_on": THU_19_DEC}
	assert letter_needs("Delay Notice", labels, full, labels) is None


def test_the_bulletin_covers_a_week_from_monday_a_calendar_month_or_given_days():
	assert bulletin_dates("Week", THU_19_DEC) == (dt.date(2024, 12, 16), dt.date(2024, 12, 22))
	assert bulletin_dates("Month", THU_19_DEC) == (dt.date(2024, 12, 1), dt.date(2024, 12, 31))
	assert bulletin_dates("Month", dt.date(2024, 2, 10)) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
	assert bulletin_dates("Custom", THU_19_DEC, THU_19_DEC, THU_19_DEC) == (THU_19_DEC, THU_19_DEC)
	with pytest.raises(BulletinError, match="From Date is after To Date"):
		bulletin_dates("Custom", THU_19_DEC, THU_19_DEC, dt.date(2024, 12, 1))
	with pytest.raises(BulletinError, match="give both From Date and To Date"):
		bulletin_dates("Custom", THU_19_DEC)
	with pytest.raises(BulletinError, match="choose Week, Month or Custom"):
		bulletin_dates("Fortnight", THU_19_DEC)


def test_the_bulletin_names_the_praised_and_the_customer_only_where_they_agreed():
	rows = [{"praised_name": "Grace", "team": "Rangers"}, {"praised_name": "", "team": "Parks"}, {}]
	assert who_was_praised(rows) == "Grace (Rangers), Parks"
	assert customer_shown(True, False, "Ada Lovelace") == "Ada Lovelace"
	assert customer_shown(False, False, "Ada Lovelace") == ""
	assert customer_shown(True, True, "Ada Lovelace") == ""
