"""Words shared by what the public reads (the portal's pages and emails) and by letters: dates written out
in full, and a complaint stage named as the customer reads it. Imports point down: the portal and the
letters import this, never the other way."""

from __future__ import annotations

import re

from babel.dates import format_date
from frappe import _
from frappe.utils import formatdate, getdate

DATE_FORMAT = "EEEE d MMMM yyyy"  # Thursday 2 January 2025, as GOV.UK writes dates
# Babel's locale for each letter language other than the site's own (English dates use the user's locale).
DATE_LOCALES = {"Welsh": "cy"}


def format_day(value, language: str | None = None) -> str | None:
	"""A date (or datetime) as the public pages and letters write it; None for no date. In Welsh it reads
	"dydd Llun 30 Rhagfyr 2024"."""
	if not value:
		return None
	if language in DATE_LOCALES:
		text = format_date(getdate(value), DATE_FORMAT, locale=DATE_LOCALES[language])
		return text[:1].lower() + text[1:]  # "dydd Llun", as Welsh writes it in a sentence
	return formatdate(getdate(value), DATE_FORMAT)


def stage_text(rule, policy, stage_words: str | None = None) -> str:
	"""'Stage 2 of 3: Service Investigation'; a name that already starts 'Stage 2' is not repeated.
	`stage_words` replaces "Stage {0} of {1}" (a letter's own language)."""
	name = re.sub(
		rf"^\s*stage\s*{rule.stage_number}\b\s*[:\-\u2013]?\s*", "", rule.stage_name or "", flags=re.I
	)
	text = (stage_words or _("Stage {0} of {1}")).format(rule.stage_number, policy.last_stage_number)
	return f"{text}: {name}" if name else text
