"""Fixtures for the browser tests: the served site, Administrator's REST API, Debian's chromium driven by
Playwright, screenshots and axe-core.

Environment:
  CF_BROWSER_URL        the site as served, e.g. http://cf-browser.localhost:8011 (required; chromium
                        resolves *.localhost to this machine, and the host name is the site's name)
  CF_ADMIN_PASSWORD     Administrator's password (default: admin)
  CF_BROWSER_SITE       the site's name for `bench execute` (default: the URL's host name)
  CF_BROWSER_ARTEFACTS  where screenshots and the axe-core findings go
                        (default: $TMPDIR/customer_feedback-browser-artefacts)
  CF_CHROMIUM           the browser (default: /usr/bin/chromium; never downloaded)
  CF_AXE_JS             axe.min.js (default: ~/.cache/customer_feedback/node/node_modules/axe-core/axe.min.js)
  CF_UPDATE_README_SCREENSHOTS=1  also write the README's screenshots into docs/screenshots/
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import pytest
import requests
from support import AXE_JS, CHECKOUT, CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS, Api, http_session, site_name

SERIOUS = ("serious", "critical")
# Every public page and state axe-core must pass; each test that reaches one records it under this name.
AXE_STATES = (
	"form",
	"form with errors",
	"receipt",
	"status look-up",
	"status look-up with errors",
	"status result",
	"status after escalation",
	"my feedback",
	"survey",
	"survey with errors",
	"survey thanks",
)
# What axe-core found, by state: filled in as the tests reach each state, asserted by test_zz_axe.py.
axe_results: dict[str, list[dict]] = {}
_shots: list[Path] = []


def artefacts_dir() -> Path:
	default = Path(tempfile.gettempdir()) / "customer_feedback-browser-artefacts"
	return Path(os.environ.get("CF_BROWSER_ARTEFACTS") or default)


@pytest.fixture(scope="session")
def base_url() -> str:
	url = os.environ.get("CF_BROWSER_URL", "").rstrip("/")
	if not url:
		pytest.fail("CF_BROWSER_URL is not set: serve a site with the app installed and give its URL")
	session, http_url = http_session(url)
	try:
		session.get(f"{http_url}/api/method/ping", timeout=30).raise_for_status()
	except requests.RequestException as error:
		pytest.fail(f"the site at {url} does not answer: {error}")
	return url


@pytest.fixture(scope="session")
def site(base_url) -> str:
	return site_name(base_url)


@pytest.fixture(scope="session")
def api(base_url) -> Api:
	return Api(base_url, "Administrator", os.environ.get("CF_ADMIN_PASSWORD", "admin"))


@pytest.fixture(scope="session", autouse=True)
def outgoing_email_account(api):
	"""Notifications queue their emails only with an outgoing Email Account. This one points at a port
	nothing listens on, and the scheduler is off, so nothing is sent: the tests read the Email Queue."""
	if api.get_list("Email Account", [["default_outgoing", "=", 1], ["enable_outgoing", "=", 1]]):
		return
	api.insert(
		"Email Account",
		{
			"email_account_name": "Browser tests (never sends)",
			"email_id": "feedback@browser-tests.example.org",
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"enable_incoming": 0,
			"smtp_server": "127.0.0.2",
			"smtp_port": 9,
			"use_tls": 0,
			"use_ssl_for_outgoing": 0,
			"no_smtp_authentication": 1,
		},
	)


@pytest.fixture(scope="session")
def browser():
	if not Path(CHROMIUM).is_file():
		pytest.fail(f"no browser at {CHROMIUM}: install Debian's chromium (the tests never download one)")
	from playwright.sync_api import sync_playwright

	with sync_playwright() as playwright:
		chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
		yield chromium
		chromium.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
	report = yield
	if report.when == "call":
		item.cf_failed = report.failed
	return report


@pytest.fixture
def new_page(request, browser, artefacts):
	"""Pages in fresh browser contexts (no cookies): new_page(width=1280, height=900). A failed test leaves
	a screenshot of each of its pages in the artefacts."""
	contexts = []

	def make(width: int = 1280, height: int = 900):
		context = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
		context.set_default_timeout(TIMEOUT_MS)
		contexts.append(context)
		return context.new_page()

	yield make
	for context in contexts:
		if getattr(request.node, "cf_failed", False):
			for number, failed_page in enumerate(context.pages):
				name = re.sub(r"[^A-Za-z0-9]+", "-", request.node.name).strip("-")
				try:
					failed_page.screenshot(
						path=str(artefacts / f"FAILED-{name}-{number}.png"), full_page=True
					)
				except Exception:
					pass
		context.close()


@pytest.fixture
def page(new_page):
	return new_page()


@pytest.fixture(scope="session")
def artefacts() -> Path:
	path = artefacts_dir()
	path.mkdir(parents=True, exist_ok=True)
	for old in path.glob("*.png"):
		old.unlink()
	return path


@pytest.fixture
def shoot(artefacts):
	"""shoot(page, "name"): a full-page screenshot into the artefacts; readme="name" also writes the visible
	part into docs/screenshots/name.png when CF_UPDATE_README_SCREENSHOTS=1."""

	def take(page, name: str, readme: str | None = None) -> Path:
		path = artefacts / f"{len(_shots) + 1:02d}-{name}.png"
		page.screenshot(path=str(path), full_page=True)
		_shots.append(path)
		if readme and os.environ.get("CF_UPDATE_README_SCREENSHOTS") == "1":
			target = CHECKOUT / "docs" / "screenshots" / f"{readme}.png"
			target.parent.mkdir(parents=True, exist_ok=True)
			page.screenshot(path=str(target), full_page=False)
		return path

	return take


@pytest.fixture
def axe(artefacts):
	"""axe(page, state): run axe-core on the page as it is, and record every violation under the state
	(test_zz_axe.py fails a state with a serious or critical one). Returns the violations."""

	def run(page, state: str) -> list[dict]:
		assert state in AXE_STATES, f"unknown axe state {state!r}"
		if not AXE_JS.is_file():
			pytest.fail(
				f"axe-core is missing at {AXE_JS}: npm install --prefix ~/.cache/customer_feedback/node axe-core@4"
			)
		page.add_script_tag(path=str(AXE_JS))
		result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
		violations = [
			{
				"id": v["id"],
				"impact": v["impact"],
				"help": v["help"],
				"nodes": [n["target"] for n in v["nodes"]][:10],
			}
			for v in result["violations"]
		]
		axe_results.setdefault(state, []).extend({**v, "url": page.url} for v in violations)
		(artefacts / "axe-findings.json").write_text(json.dumps(axe_results, indent=1))
		return violations

	return run


def pytest_terminal_summary(terminalreporter):
	write = terminalreporter.write_line
	if axe_results:
		terminalreporter.section("axe-core findings (every impact)")
		for state in AXE_STATES:
			if state not in axe_results:
				write(f"{state}: not reached")
				continue
			found = axe_results[state]
			write(f"{state}: {len(found)} violation(s)")
			for v in found:
				write(f"  [{v['impact']}] {v['id']}: {v['help']} at {v['nodes']} ({v['url']})")
	terminalreporter.section("browser test artefacts")
	write(f"screenshots and axe-findings.json: {artefacts_dir()} ({len(_shots)} screenshots this run)")
