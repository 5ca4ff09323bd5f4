"""What the browser tests share: the site's REST API as Administrator (staff actions and checks on the
database), the bench's CLI for the scheduled jobs, and the public form driven like a person would.

Nothing here reaches into the browser's DOM to change data: the browser only does what a member of the public
does; staff actions go through the same REST API the desk uses."""

from __future__ import annotations

import email
import json
import os
import re
import shlex
import subprocess
import time
from pathlib import Path
from urllib.parse import urlparse

import requests

CHECKOUT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CF_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
	"--no-first-run",
]
AXE_JS = Path(
	os.environ.get(
		"CF_AXE_JS",
		Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
		/ "customer_feedback/node/node_modules/axe-core/axe.min.js",
	)
)
REFERENCE = re.compile(r"^FB-\d{4}-\d{3,}$")
# A date as the public pages write it: "Thursday 2 January 2025".
LONG_DATE = re.compile(
	r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} "
	r"(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b"
)
TIMEOUT_MS = 20_000


class ApiError(AssertionError):
	pass


def http_session(base_url: str) -> tuple[requests.Session, str]:
	"""A requests session for the site and the URL to send it to. Chromium resolves *.localhost to this
	machine by itself; Python does not, so those go to 127.0.0.1 with the site's name as the Host header."""
	session = requests.Session()
	session.headers["Accept"] = "application/json"
	parts = urlparse(base_url.rstrip("/"))
	if parts.hostname == "localhost" or (parts.hostname or "").endswith(".localhost"):
		session.headers["Host"] = parts.netloc
		return session, parts._replace(netloc=f"127.0.0.1:{parts.port or 80}").geturl()
	return session, base_url.rstrip("/")


class Api:
	"""The site's REST API, logged in as Administrator: what staff do in the desk, and reading the database."""

	def __init__(self, base_url: str, user: str = "Administrator", password: str = "admin"):
		self.session, self.base_url = http_session(base_url)
		response = self.session.post(
			f"{self.base_url}/api/method/login", data={"usr": user, "pwd": password}, timeout=60
		)
		if response.status_code != 200:
			raise ApiError(
				f"cannot log in to {self.base_url} as {user}: {response.status_code} {response.text[:300]}"
			)

	def _answer(self, response: requests.Response):
		if response.status_code >= 400:
			raise ApiError(
				f"{response.request.method} {response.url}: {response.status_code} {response.text[:1500]}"
			)
		data = response.json()
		return data.get("data", data.get("message"))

	def get_doc(self, doctype: str, name: str) -> dict:
		return self._answer(self.session.get(f"{self.base_url}/api/resource/{doctype}/{name}", timeout=60))

	def get_list(self, doctype: str, filters=None, fields=("name",), order_by=None, limit: int = 100) -> list:
		params = {
			"filters": json.dumps(filters or []),
			"fields": json.dumps(list(fields)),
			"limit_page_length": limit,
		}
		if order_by:
			params["order_by"] = order_by
		return self._answer(
			self.session.get(f"{self.base_url}/api/resource/{doctype}", params=params, timeout=60)
		)

	def insert(self, doctype: str, values: dict) -> dict:
		return self._answer(
			self.session.post(f"{self.base_url}/api/resource/{doctype}", json=values, timeout=60)
		)

	def update(self, doctype: str, name: str, values: dict) -> dict:
		return self._answer(
			self.session.put(f"{self.base_url}/api/resource/{doctype}/{name}", json=values, timeout=60)
		)

	def call(self, method: str, **kwargs):
		return self._answer(
			self.session.post(f"{self.base_url}/api/method/{method}", json=kwargs, timeout=120)
		)

	def apply_workflow(self, name: str, *actions: str) -> dict:
		"""Move a case through the Feedback Workflow as staff do (the desk's action buttons)."""
		doc = None
		for action in actions:
			doc = self.get_doc("Feedback", name)
			doc = self.call("frappe.model.workflow.apply_workflow", doc=json.dumps(doc), action=action)
		return doc

	def emails_about(self, doctype: str, name: str) -> list[dict]:
		"""The Email Queue entries for one document, each with its recipients and decoded HTML body."""
		rows = self.get_list(
			"Email Queue",
			[["reference_doctype", "=", doctype], ["reference_name", "=", name]],
			fields=("name",),
			order_by="creation asc",
		)
		emails = []
		for row in rows:
			queued = self.get_doc("Email Queue", row["name"])
			queued["recipient_list"] = [r["recipient"] for r in queued.get("recipients", [])]
			queued["body"] = decoded_body(queued.get("message") or "")
			emails.append(queued)
		return emails


def decoded_body(raw: str) -> str:
	"""The text of a queued MIME message (quoted-printable or base64 parts decoded)."""
	message = email.message_from_string(raw)
	parts = []
	for part in message.walk():
		if part.get_content_maintype() == "text":
			payload = part.get_payload(decode=True)
			if payload:
				parts.append(payload.decode(part.get_content_charset() or "utf-8", "replace"))
	return "\n".join(parts) or raw


def site_name(base_url: str) -> str:
	return os.environ.get("CF_BROWSER_SITE") or urlparse(base_url).hostname


def bench_execute(site: str, method: str, **kwargs):
	"""`bench --site SITE execute METHOD --kwargs ...` through scripts/lib.sh (as the bench's owner): for what
	only the scheduler runs, such as the daily survey job, while the tests keep the scheduler off."""
	command = (
		f"source {shlex.quote(str(CHECKOUT / 'scripts/lib.sh'))} && frappe_cli --site {shlex.quote(site)} "
		f"execute {shlex.quote(method)} --kwargs {shlex.quote(json.dumps(kwargs))}"
	)
	done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=300)
	if done.returncode != 0:
		raise ApiError(f"bench execute {method} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
	out = done.stdout.strip().splitlines()
	try:
		return json.loads(out[-1]) if out else None
	except ValueError:
		return out[-1]


# -- the public form -----------------------------------------------------------------------------------------

# Frappe limits the web form's `accept` to 10 a minute per IP address (a fixed window from the first call);
# every test submits from 127.0.0.1, so submissions wait their turn rather than being refused.
ACCEPT_LIMIT, ACCEPT_WINDOW = 10, 62.0
_submissions: list[float] = []


def wait_for_submission_slot() -> None:
	now = time.monotonic()
	recent = [t for t in _submissions if now - t < ACCEPT_WINDOW]
	if len(recent) >= ACCEPT_LIMIT - 1:
		time.sleep(ACCEPT_WINDOW - (now - recent[0]) + 0.5)
	_submissions[:] = [t for t in _submissions if time.monotonic() - t < ACCEPT_WINDOW]
	_submissions.append(time.monotonic())


def open_form(page, base_url: str) -> None:
	page.goto(f"{base_url}/feedback/new")
	# The form's script has run once its inputs carry their cf- ids and the privacy note is in.
	page.wait_for_selector("#cf-privacy", timeout=TIMEOUT_MS)
	page.wait_for_selector("#cf-feedback_type", timeout=TIMEOUT_MS)


# The platform's form refreshes its fields (depends_on, mandatory_depends_on) after each change, from its
# model; a field typed within a few milliseconds of the previous field's change can be reset to the model's
# empty value. People take longer than this between fields; the tests pause for it.
BETWEEN_FIELDS_MS = 250


def fill_form(page, values: dict) -> None:
	"""Fill the public form by its inputs' ids (cf-<fieldname>), in the given order, as a person would."""
	for fieldname, value in values.items():
		page.wait_for_timeout(BETWEEN_FIELDS_MS)
		locator = page.locator(f"#cf-{fieldname}")
		tag = locator.evaluate("el => el.tagName.toLowerCase() + ':' + (el.type || '')")
		if tag.startswith("select"):
			locator.select_option(value)  # by value or by the label shown
		elif tag == "input:checkbox":
			locator.set_checked(bool(value))
		else:
			locator.fill(value)


def submit_form(page) -> None:
	wait_for_submission_slot()
	page.locator(".web-form-footer .submit-btn").click()


def wait_for_receipt(page) -> str:
	try:
		page.wait_for_selector("#cf-receipt, #cf-error-summary", timeout=TIMEOUT_MS)
	except Exception as error:
		raise AssertionError(f"no receipt and no error after sending the form ({page.url})") from error
	if not page.locator("#cf-receipt").count():
		raise AssertionError(f"the form was refused: {page.locator('#cf-error-summary').inner_text()!r}")
	reference = page.locator("#cf-reference").inner_text().strip()
	assert REFERENCE.match(reference), f"receipt reference {reference!r}"
	return reference


def unique(label: str) -> str:
	return f"{label}-{time.time_ns() % 10**10}"


def scroll_width(page) -> int:
	return page.evaluate("document.documentElement.scrollWidth")
