"""Test helpers: users, minimal Feedback Policies and a clean rollback. The only helper module the tests use."""

from __future__ import annotations

import datetime as dt
import json
import threading
from contextlib import contextmanager
from typing import Any
from unittest.mock import patch

import frappe
import requests
from frappe.tests.utils import FrappeTestCase
from werkzeug.serving import WSGIRequestHandler, make_server

TEST_POLICY_PREFIX = "_Test CF "


def make_user(email: str, roles: tuple[str, ...] | list[str] = (), first_name: str | None = None):
	"""The User `email` with (at least) `roles`, created if missing; no welcome email is sent."""
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
		missing = [role for role in roles if role not in {row.role for row in user.roles}]
		if missing:
			user.add_roles(*missing)
		return user
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": first_name or email.split("@", 1)[0],
			"send_welcome_email": 0,
			"enabled": 1,
			"roles": [{"role": role} for role in roles],
		}
	)
	user.flags.no_welcome_mail = True
	user.insert(ignore_permissions=True)
	return user


def set_api_keys(user) -> tuple[str, str]:
	"""Give `user` a fresh API key and secret (saved, not committed) and return them."""
	api_key, api_secret = frappe.generate_hash(length=15), frappe.generate_hash(length=15)
	user.api_key = api_key
	user.api_secret = api_secret
	user.save(ignore_permissions=True)
	return api_key, api_secret


def api_tokens(roles: dict[str, list[str]]) -> dict[str, str]:
	"""{email: "key:secret"} for each user, made with its roles: a live-server test's Authorization tokens."""
	return {email: "{}:{}".format(*set_api_keys(make_user(email, given))) for email, given in roles.items()}


def delete_committed_users(emails) -> None:
	"""A live-server test's cleanup of the users it committed. Not delete_user: User.on_trash wants a System
	Manager other than Administrator, which a fresh site running one module alone does not have."""
	for email in emails:
		frappe.db.delete("Has Role", {"parent": email})
		frappe.db.delete("User", {"name": email})


def delete_user(email: str) -> None:
	if frappe.db.exists("User", email):
		frappe.delete_doc("User", email, force=True, ignore_permissions=True)


def stage_row(number: int, **figures: Any) -> dict[str, Any]:
	"""A Feedback Policy Stage row: acknowledge 5, respond 10 from receipt, no extension, unless given."""
	row = {
		"stage_number": number,
		"stage_name": f"Stage {number}",
		"acknowledge_days": 5,
		"respond_days": 10,
		"respond_from": "Receipt of stage",
		"complex_respond_days": 0,
		"social_care_respond_days": 0,
		"max_extension_days": 0,
		"extension_approver_role": None,
		"independent_handler": 0,
	}
	row.update(figures)
	return row


def policy_dict(name: str, **overrides: Any) -> dict[str, Any]:
	"""A minimal valid Feedback Policy: England, Monday to Friday, two complaint stages (5/10 then 5/20)."""
	doc = {
		"doctype": "Feedback Policy",
		"policy_name": name,
		"bank_holidays": "England",
		"monday": 1,
		"tuesday": 1,
		"wednesday": 1,
		"thursday": 1,
		"friday": 1,
		"saturday": 0,
		"sunday": 0,
		"cutoff_time": None,
		"calendar_dates": [],
		"timescales": [],
		"stages": [stage_row(1), stage_row(2, respond_days=20, independent_handler=1)],
		"progress_update_days": 0,
		"close_after_no_reply_days": 0,
		"survey_weeks_after_closure": 0,
		"survey_sample_percent": 0,
		"anonymous_complaints": "Handle as complaint",
	}
	doc.update(overrides)
	return doc


def make_policy(name: str, **overrides: Any):
	"""Insert and return a minimal valid Feedback Policy (see `policy_dict`) with `overrides` applied."""
	return frappe.get_doc(policy_dict(name, **overrides)).insert()


def reset_db() -> None:
	"""Roll back this test's writes, and forget the single values the connection cached during it
	(frappe.db.value_cache survives a rollback, so a rolled-back default policy would linger)."""
	frappe.db.rollback()
	frappe.db.value_cache.clear()
	frappe.local.message_log = []


def server_messages(response) -> list[str]:
	"""The messages (frappe.throw / msgprint) of a JSON API response, as plain strings."""
	raw = response.json().get("_server_messages")
	if not raw:
		return []
	messages = []
	for item in json.loads(raw):
		try:
			messages.append(json.loads(item).get("message", item))
		except (TypeError, ValueError):
			messages.append(item)
	return messages


def d(text: str) -> dt.date:
	"""dt.date from YYYY-MM-DD, to keep expected dates readable."""
	return dt.date.fromisoformat(text)


def set_default_policy(name: str | None) -> None:
	"""Point Customer Feedback Settings at `name` (saved, not committed)."""
	settings = frappe.get_single("Customer Feedback Settings")
	settings.default_policy = name
	settings.save()


def make_feedback(**overrides: Any):
	"""A saved Feedback: by default a complaint received Thu 19 Dec 2024 at 10:00 under the Code."""
	doc = frappe.get_doc(
		{
			"doctype": "Feedback",
			"feedback_type": "Complaint",
			"channel": "Email",
			"received_on": "2024-12-19 10:00:00",
			"policy": "Complaint Handling Code",
			"customer_name": "Ada Lovelace",
			"email": "ada.lovelace@example.org",
			"description": "The bin was not collected three weeks running.",
			**overrides,
		}
	)
	return doc.insert()


def stage_of(feedback: str, number: int):
	return frappe.get_doc("Complaint Stage", {"feedback": feedback, "stage_number": number})


class QuietRequestHandler(WSGIRequestHandler):
	def log_request(self, *args, **kwargs):
		pass


class LiveServerTestCase(FrappeTestCase):
	"""This site over real HTTP for the test class: a werkzeug server on 127.0.0.1 serving
	frappe.app.application in a background thread. Its requests use their own database connection, so
	what they must see has to be committed (and cleaned up, committed, afterwards)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		import frappe.app

		# Every request reaches this site whatever its Host header (127.0.0.1:port).
		cls.site_patch = patch("frappe.app.get_site_name", return_value=frappe.local.site)
		cls.site_patch.start()
		cls.addClassCleanup(cls.site_patch.stop)
		cls.server = make_server(
			"127.0.0.1", 0, frappe.app.application, threaded=True, request_handler=QuietRequestHandler
		)
		cls.base_url = f"http://127.0.0.1:{cls.server.server_port}"
		cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
		cls.thread.start()
		cls.addClassCleanup(cls.stop_server)

	@classmethod
	def stop_server(cls):
		cls.server.shutdown()
		cls.server.server_close()
		cls.thread.join(timeout=10)

	def request(self, method: str, path: str, token: str | None = None, **kwargs):
		headers = {"Accept": "application/json", **kwargs.pop("headers", {})}
		if token:
			headers["Authorization"] = f"token {token}"
		return requests.request(method, self.base_url + path, headers=headers, timeout=30, **kwargs)


@contextmanager
def counting_queries():
	"""Collect every statement sent through frappe.db.sql (documents and the query builder use it too)."""
	statements = []
	original = frappe.db.__class__.sql

	def counted(self, query, *args, **kwargs):
		statements.append(query)
		return original(self, query, *args, **kwargs)

	frappe.db.__class__.sql = counted
	try:
		yield statements
	finally:
		frappe.db.__class__.sql = original


def record_on_stage(case, **values: Any):
	"""Record dates or complexity on the complaint's current stage, as staff do (the stage owns them), and
	return the case reloaded to show them."""
	stage = stage_of(case.name, case.current_stage)
	stage.update(values)
	stage.save()
	case.reload()
	return case


def move_case(case, status: str):
	"""Move `case` to `status` as the procedure's code does (Feedback.move_by_rule): a test's shortcut past the
	workflow's actions, which a user's direct write of `status` may not take. Returns the case."""
	case.move_by_rule(status)
	return case


def delete_committed_cases(names: list[str]) -> None:
	"""Delete, for a live-server test's cleanup, the cases it committed: their stages, timeline, emails, and
	their Contact when no other case uses it."""
	for name in names:
		contact = frappe.db.get_value("Feedback", name, "contact")
		frappe.db.delete("Complaint Stage", {"feedback": name})
		for doctype in ("Communication", "Comment", "Email Queue"):
			frappe.db.delete(doctype, {"reference_doctype": "Feedback", "reference_name": name})
		frappe.db.delete("Version", {"ref_doctype": "Feedback", "docname": name})
		frappe.db.delete("Feedback", {"name": name})
		if contact and not frappe.db.exists("Feedback", {"contact": contact}):
			frappe.delete_doc_if_exists("Contact", contact, force=True)
