"""Load test of the public feedback form: many people submitting at once, against a bare web form baseline.

	python benchmarks/load_test.py --site cf-load.localhost [--clients 50] [--duration 60] [--workers N]

Run it as root or as the bench's owner, with any Python 3.10+ that has `requests` (the bench's
env/bin/python, or /root/.cache/cf-venv/bin/python). Use a throwaway site with this app installed
(`source scripts/lib.sh && make_site cf-load.localhost`): the test adds records to it and changes it as below.

What it does, in one run:
1. Prepares the site (idempotent, through the bench's Python as the bench's owner): a minimal custom DocType
   "CF Load Baseline" (custom, one Data field, no Guest permission) and a published guest Web Form
   "cf-load-baseline" on it; and a dummy outgoing Email Account (SMTP to 127.0.0.1 on a port nothing listens
   on, default outgoing) so each submission pays for queueing its emails, as on a real site. Without an
   outgoing account the platform skips the email and logs an Error Log instead, which is a different cost.
   Nothing is sent: `frappe.sendmail` only queues (Email Queue, now=False) and the queue is flushed by the
   scheduler, which is not running for the test. The email queued per submission is the customer's copy of
   the receipt ("Feedback Received (Copy to Customer)"); the staff routing Notifications fire on flags the
   public form cannot set, so they send nothing here.
2. Starts the bench's production web server for the site, `gunicorn -w WORKERS -t 120 frappe.app:application
   --preload` from the sites directory as the bench's owner, on a free loopback port (bench's default
   WORKERS is 2 x cores + 1). Requests carry `Host: SITE`, which is how frappe.app picks the site.
3. For each form in turn, baseline first, CLIENTS threads (one requests.Session each) post for DURATION
   seconds, after an uncounted warm-up, to the same endpoint the browser uses:
   POST /api/method/frappe.website.doctype.web_form.web_form.accept (web_form, data). Our hooks route
   that to customer_feedback.portal.intake.accept for every web form; "feedback" answers with a receipt.
   Ours sends what members of the public send: complaints mostly, with compliments, comments and
   suggestions; names, unique email addresses (each creates a Contact), telephone, postcode, a description
   of a few hundred characters, the desired outcome, equality answers, some anonymous, some on someone's
   behalf. Guests post without a CSRF token: Frappe checks it only when the session holds one, and a guest
   session holds none (a 403 CSRFTokenError would show among the errors).
   Rate limit: Frappe allows `accept` 10 times a minute per IP address and web form, taking the IP from
   X-Forwarded-For when present. Real load is many different people, so each request carries its own
   X-Forwarded-For address; any 429 is still counted and reported apart.
4. Reports, for both: accepted submissions per second (accepted / time until the last request sent in the
   phase is answered, so the drain of the queue at the end counts), latency p50/p95/max as the client sees
   it (under saturation, mostly time queued for a free worker), the server's own time per request
   (gunicorn's access log, %(L)s), errors by kind with a sample message, and the client's CPU per request
   and the machine's busy share (so you can see the client is not the bottleneck). Ratio = baseline
   submissions/s / ours submissions/s (goal <= 1.5), and the p50 latency ratio.
5. Checks, through the bench's Python: every reference returned in a receipt (warm-up included) is a row of
   tabFeedback, no reference was returned twice, and the Feedback rows created during the run are exactly the
   accepted ones (no loss, no phantom: a phantom would be a case saved while its sender saw an error).
   The same count for the baseline, and the Email Queue and Error Log rows created during the run.
Exit status 1 if an accepted submission is missing, a reference is duplicated, or a row is a phantom;
0 otherwise (the 1.5x goal is reported, not enforced: it depends on the machine and what else runs on it).
--wsgi-app and --pythonpath serve a wrapper of frappe.app instead, to measure a change without making it.
The companion benchmarks/profile_submission.py shows where one submission's time goes.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import pwd
import random
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

BENCH = Path(os.environ.get("FRAPPE_BENCH", "/home/frappe/frappe-bench"))
ENDPOINT = "/api/method/frappe.website.doctype.web_form.web_form.accept"
OUR_WEB_FORM = "feedback"
BASELINE_DOCTYPE = "CF Load Baseline"
BASELINE_WEB_FORM = "cf-load-baseline"
DUMMY_EMAIL_ACCOUNT = "CF Load Dummy SMTP"
DUMMY_SMTP_PORT = 2599
GOAL_RATIO = 1.5
PHASE_HEADER = "X-Load-Phase"


# -- inside the bench: setup and verification ------------------------------------------------------------


def inside(command: str, site: str, payload_file: str | None) -> None:
	"""Runs in the bench's Python, in the sites directory, as the bench's owner; prints one JSON line."""
	import frappe

	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		if command == "setup":
			result = inside_setup()
		else:
			result = inside_verify(json.loads(Path(payload_file).read_text()))
		frappe.db.commit()
	finally:
		frappe.destroy()
	print("RESULT " + json.dumps(result, default=str))


def inside_setup() -> dict:
	import frappe
	from frappe.utils import now

	if not frappe.db.exists("DocType", BASELINE_DOCTYPE):
		frappe.get_doc(
			{
				"doctype": "DocType",
				"name": BASELINE_DOCTYPE,
				"module": "Custom",
				"custom": 1,
				"autoname": "hash",
				"fields": [{"fieldname": "message", "fieldtype": "Data", "label": "Message"}],
				"permissions": [{"role": "System Manager", "read": 1, "write": 1, "create": 1, "delete": 1}],
			}
		).insert()
	if not frappe.db.exists("Web Form", BASELINE_WEB_FORM):
		web_form = frappe.get_doc(
			{
				"doctype": "Web Form",
				"title": "CF Load Baseline",
				"route": BASELINE_WEB_FORM,
				"doc_type": BASELINE_DOCTYPE,
				"module": "Custom",
				"is_standard": 0,
				"published": 1,
				"login_required": 0,
				"allow_multiple": 1,
				"web_form_fields": [{"fieldname": "message", "fieldtype": "Data", "label": "Message"}],
			}
		)
		web_form.name = BASELINE_WEB_FORM
		web_form.insert()
	if not frappe.db.exists("Email Account", DUMMY_EMAIL_ACCOUNT):
		account = frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": DUMMY_EMAIL_ACCOUNT,
				"email_id": "noreply@cf-load.invalid",
				"enable_incoming": 0,
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "127.0.0.1",
				"smtp_port": DUMMY_SMTP_PORT,
				"no_smtp_authentication": 1,
			}
		)
		# Saving an account on 127.0.0.1 tries the SMTP connection, which must fail: nothing listens there.
		frappe.flags.in_test = True
		try:
			account.insert(ignore_permissions=True)
		finally:
			frappe.flags.in_test = False
	notifications = frappe.get_all(
		"Notification",
		filters={"document_type": "Feedback", "event": "New", "enabled": 1},
		pluck="name",
	)
	return {
		"server_now": now(),
		"service_areas": frappe.get_all("Service Area", pluck="name", limit=50),
		"new_case_notifications": notifications,
		"web_forms_published": frappe.get_all(
			"Web Form",
			filters={"name": ("in", [OUR_WEB_FORM, BASELINE_WEB_FORM]), "published": 1, "login_required": 0},
			pluck="name",
		),
		"mute_emails": bool(frappe.conf.mute_emails),
	}


def inside_verify(payload: dict) -> dict:
	import frappe

	start, end = payload["start"], payload["end"]
	result = {}
	for key, doctype in (("ours", "Feedback"), ("baseline", BASELINE_DOCTYPE)):
		accepted = payload[key]
		in_window = set(
			frappe.get_all(
				doctype, filters={"creation": ("between", [start, end])}, pluck="name", limit_page_length=0
			)
		)
		unique = set(accepted)
		found = set()
		names = sorted(unique)
		for i in range(0, len(names), 1000):
			found.update(frappe.get_all(doctype, filters={"name": ("in", names[i : i + 1000])}, pluck="name"))
		result[key] = {
			"accepted": len(accepted),
			"duplicates": sorted(name for name, n in Counter(accepted).items() if n > 1),
			"missing": sorted(unique - found),
			"rows_in_window": len(in_window),
			"phantoms": sorted(in_window - unique),
		}
	window = {"creation": ("between", [start, end])}
	result["email_queue_in_window"] = frappe.db.count("Email Queue", window)
	result["email_queue_for_feedback"] = frappe.db.count(
		"Email Queue", {**window, "reference_doctype": "Feedback"}
	)
	result["email_queue_statuses"] = dict(
		frappe.db.sql(
			"select status, count(*) from `tabEmail Queue` where creation between %s and %s group by status",
			(start, end),
		)
	)
	result["error_log_in_window"] = frappe.db.count("Error Log", window)
	result["error_log_methods"] = dict(
		frappe.db.sql(
			"select left(method, 80), count(*) from `tabError Log` where creation between %s and %s "
			"group by left(method, 80) order by 2 desc limit 10",
			(start, end),
		)
	)
	result["contacts_in_window"] = frappe.db.count("Contact", window)
	return result


def run_inside(command: str, site: str, payload: dict | None = None) -> dict:
	"""This script again, in the bench's Python as the bench's owner."""
	payload_file = None
	if payload is not None:
		handle = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
		json.dump(payload, handle)
		handle.close()
		os.chmod(handle.name, 0o644)
		payload_file = handle.name
	cmd = [str(BENCH / "env/bin/python"), str(Path(__file__).resolve()), "--inside", command, "--site", site]
	if payload_file:
		cmd += ["--payload", payload_file]
	try:
		out = subprocess.run(
			as_bench_owner(cmd), cwd=BENCH / "sites", capture_output=True, text=True, check=False
		)
	finally:
		if payload_file:
			os.unlink(payload_file)
	for line in out.stdout.splitlines():
		if line.startswith("RESULT "):
			return json.loads(line[len("RESULT ") :])
	sys.exit(f"{command} failed in the bench:\n{out.stdout}\n{out.stderr}")


def as_bench_owner(cmd: list[str]) -> list[str]:
	owner = pwd.getpwuid(BENCH.stat().st_uid)
	if os.geteuid() == owner.pw_uid:
		return cmd
	return [
		"runuser",
		"-u",
		owner.pw_name,
		"--",
		"env",
		f"HOME={owner.pw_dir}",
		f"PATH={BENCH / 'env/bin'}:/usr/local/bin:/usr/bin:/bin",
		"LANG=C.UTF-8",
		*cmd,
	]


# -- the web server --------------------------------------------------------------------------------------


def free_port() -> int:
	with socket.socket() as sock:
		sock.bind(("127.0.0.1", 0))
		return sock.getsockname()[1]


def port_open(port: int) -> bool:
	with socket.socket() as sock:
		sock.settimeout(0.5)
		return sock.connect_ex(("127.0.0.1", port)) == 0


class Server:
	"""The bench's gunicorn for the site, in its own process group so it stops with everything it forked."""

	def __init__(self, site: str, workers: int, wsgi_app: str, pythonpath: str | None):
		self.site, self.workers, self.port = site, workers, free_port()
		self.wsgi_app, self.pythonpath = wsgi_app, pythonpath
		self.logdir = tempfile.mkdtemp(prefix="cf-load-")
		os.chmod(self.logdir, 0o777)
		self.access_log = Path(self.logdir, "access.log")
		self.error_log = Path(self.logdir, "error.log")
		self.process = None

	def start(self) -> None:
		cmd = [
			str(BENCH / "env/bin/gunicorn"),
			"-b",
			f"127.0.0.1:{self.port}",
			"-w",
			str(self.workers),
			"-t",
			"120",
			self.wsgi_app,
			"--preload",
			*(["--pythonpath", self.pythonpath] if self.pythonpath else []),
			"--access-logfile",
			str(self.access_log),
			"--access-logformat",
			f"%({{{PHASE_HEADER.lower()}}}i)s %(s)s %(L)s",
			"--error-logfile",
			str(self.error_log),
		]
		with open(Path(self.logdir, "server.out"), "wb") as out:
			self.process = subprocess.Popen(
				as_bench_owner(cmd),
				cwd=BENCH / "sites",
				start_new_session=True,
				stdin=subprocess.DEVNULL,
				stdout=out,
				stderr=subprocess.STDOUT,
			)
		import requests

		deadline = time.monotonic() + 90
		while time.monotonic() < deadline:
			if self.process.poll() is not None:
				sys.exit(f"gunicorn exited with {self.process.returncode}:\n{self.tail_error_log()}")
			try:
				response = requests.get(
					f"http://127.0.0.1:{self.port}/api/method/ping", headers={"Host": self.site}, timeout=5
				)
				if response.ok:
					return
			except requests.RequestException:
				pass
			time.sleep(0.5)
		self.stop()
		sys.exit(f"gunicorn did not answer within 90 s:\n{self.tail_error_log()}")

	def stop(self) -> None:
		if self.process and self.process.poll() is None:
			os.killpg(self.process.pid, signal.SIGTERM)
			try:
				self.process.wait(timeout=30)
			except subprocess.TimeoutExpired:
				os.killpg(self.process.pid, signal.SIGKILL)
				self.process.wait()

	def tail_error_log(self) -> str:
		try:
			return "\n".join(self.error_log.read_text().splitlines()[-30:])
		except OSError:
			return ""

	def server_times(self) -> dict[str, list[float]]:
		"""Seconds each request spent in a worker, by phase, from the access log."""
		times: dict[str, list[float]] = {}
		try:
			lines = self.access_log.read_text().splitlines()
		except OSError:
			return times
		for line in lines:
			parts = line.split()
			if len(parts) == 3:
				times.setdefault(parts[0], []).append(float(parts[2]))
		return times


# -- what the public sends -------------------------------------------------------------------------------

FIRST_NAMES = ("Aisha", "Ben", "Catrin", "Dev", "Eilidh", "Femi", "Gareth", "Hannah", "Imran", "Joanne")
LAST_NAMES = ("Ahmed", "Bell", "Collins", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal", "Jones")
POSTCODES = ("NN1 1DE", "NN16 8TL", "CF10 3ND", "M1 1AE", "LS1 5PL", "B1 1BB", "EH1 1YZ", "BT1 5GS")
STORIES = (
	"The bin collection on our street has been missed three weeks running. I reported it online each time "
	"and was told the crew would come back the next day, but nobody came and the bags are now split open.",
	"I waited 45 minutes on the phone to the housing repairs line and was then cut off. The damp in my "
	"daughter's bedroom has been reported four times since October and nobody has come to look at it.",
	"The officer at the library was very helpful and found the documents I needed for my planning appeal. "
	"I want to say thank you; she went out of her way on a busy Saturday morning.",
	"The pavement outside the school on Station Road is broken and my mother tripped there last week. "
	"It needs fixing before someone is badly hurt, and the temporary barrier has blown over.",
	"It would help if the council tax reminders said which instalment is late and by how much. I had to "
	"ring to find out, and the letter could simply have said it.",
)
OUTCOMES = ("An apology and the collection made.", "A date for the repair.", "", "An explanation.")
EQUALITY = {
	"equality_age_band": ("16 to 24", "25 to 34", "35 to 44", "45 to 54", "55 to 64", "65 to 74", ""),
	"equality_disability": ("Yes", "No", "Prefer not to say", ""),
	"equality_sex": ("Female", "Male", "Prefer not to say", ""),
	"equality_gender_reassignment": ("No", "Prefer not to say", ""),
	"equality_ethnicity": ("White", "Asian or Asian British", "Mixed or multiple ethnic groups", ""),
	"equality_religion": ("No religion", "Christian", "Muslim", "Prefer not to say", ""),
	"equality_sexual_orientation": ("Straight or heterosexual", "Gay or lesbian", "Prefer not to say", ""),
}


def our_submission(rng: random.Random, serial: int, run_tag: str, service_areas: list[str]) -> dict:
	first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
	kind = rng.choices(("Complaint", "Compliment", "Comment", "Suggestion"), (70, 10, 10, 10))[0]
	data = {
		"doctype": "Feedback",
		"web_form_name": OUR_WEB_FORM,
		"feedback_type": kind,
		"description": f"{rng.choice(STORIES)}\n\nIt started on {rng.randint(1, 28)} March.",
		"desired_outcome": rng.choice(OUTCOMES),
		"service_area": rng.choice(service_areas) if service_areas and rng.random() < 0.7 else "",
		"website_address": "",
	}
	if rng.random() < 0.1:
		data["is_anonymous"] = 1
	else:
		data.update(
			{
				"is_anonymous": 0,
				"customer_name": f"{first} {last}",
				"email": f"{first}.{last}.{run_tag}.{serial}@example.org".lower(),
				"phone": f"07{rng.randrange(10**9):09d}",
				"postcode": rng.choice(POSTCODES),
				"preferred_contact_method": rng.choice(("Email", "Telephone", "")),
			}
		)
		if rng.random() < 0.1:
			data.update(
				{
					"has_representative": 1,
					"representative_name": "Sam Taylor",
					"representative_relationship": "Daughter",
					"representative_email": f"sam.taylor.{run_tag}.{serial}@example.org",
					"customer_consent_confirmed": 1,
				}
			)
	if rng.random() < 0.8:
		data.update({field: rng.choice(options) for field, options in EQUALITY.items()})
	if rng.random() < 0.1:
		data.update({"needs_large_print": 1, "reasonable_adjustments": "Large print letters, please."})
	return data


def baseline_submission(rng: random.Random, serial: int, run_tag: str, service_areas: list[str]) -> dict:
	return {
		"doctype": BASELINE_DOCTYPE,
		"web_form_name": BASELINE_WEB_FORM,
		"message": f"Load test {run_tag} {serial}",
	}


# -- the clients -----------------------------------------------------------------------------------------


class Phase:
	"""CLIENTS threads posting one form for a fixed time; what each request got back."""

	def __init__(self, name, web_form, make_data, args, service_areas, run_tag, addresses):
		self.name, self.web_form, self.make_data = name, web_form, make_data
		self.args, self.service_areas, self.run_tag = args, service_areas, run_tag
		self.addresses = addresses
		self.serials = itertools.count(1)
		self.lock = threading.Lock()
		self.latencies: list[float] = []
		self.accepted: list[str] = []
		self.errors: Counter = Counter()
		self.samples: dict[str, str] = {}  # the first message of each kind of error
		self.rate_limited = 0
		self.counting = False

	def run(self, url: str, site: str, seconds: float, counting: bool) -> tuple[float, float]:
		"""Post for `seconds`; returns (wall seconds, client CPU seconds)."""
		self.counting = counting
		stop_at = time.monotonic() + seconds
		cpu_before = resource.getrusage(resource.RUSAGE_SELF)
		started = time.monotonic()
		threads = [
			threading.Thread(target=self.client, args=(url, site, stop_at, i), daemon=True)
			for i in range(self.args.clients)
		]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join()
		wall = time.monotonic() - started
		cpu_after = resource.getrusage(resource.RUSAGE_SELF)
		cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
		return wall, cpu

	def client(self, url: str, site: str, stop_at: float, index: int) -> None:
		import requests

		rng = random.Random(f"{self.run_tag}-{self.name}-{index}-{self.counting}")
		session = requests.Session()
		phase = self.name if self.counting else f"{self.name}-warmup"
		while time.monotonic() < stop_at:
			serial = next(self.serials)
			address = next(self.addresses)
			data = self.make_data(rng, serial, self.run_tag, self.service_areas)
			headers = {
				"Host": site,
				# One address per request: many people, not one IP hitting Frappe's per-IP rate limit.
				"X-Forwarded-For": f"10.{address >> 16 & 255}.{address >> 8 & 255}.{address & 255}",
				"Accept": "application/json",
				PHASE_HEADER: phase,
			}
			body = {"web_form": self.web_form, "data": json.dumps(data)}
			began = time.perf_counter()
			try:
				response = session.post(url, data=body, headers=headers, timeout=130)
			except requests.RequestException as error:
				self.record(time.perf_counter() - began, None, type(error).__name__)
				continue
			elapsed = time.perf_counter() - began
			reference, kind = None, None
			if response.status_code == 200:
				try:
					reference = response.json()["message"]["name"]
				except (ValueError, KeyError, TypeError):
					kind = "200 without a reference"
			else:
				try:
					answer = response.json()
				except ValueError:
					answer = {}
				kind = f"{response.status_code} {answer.get('exc_type') or ''}".strip()
				self.samples.setdefault(kind, str(answer.get("exception") or response.text)[:300])
			self.record(elapsed, reference, kind, response.status_code)

	def record(self, elapsed, reference, kind, status=None) -> None:
		with self.lock:
			if reference:
				# Accepted during warm-up too: every accepted submission is checked in the database.
				self.accepted.append(reference)
			if not self.counting:
				return
			self.latencies.append(elapsed)
			if kind:
				self.errors[kind] += 1
			if status == 429:
				self.rate_limited += 1


def percentile(values: list[float], fraction: float) -> float:
	if not values:
		return float("nan")
	ordered = sorted(values)
	return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def cpu_busy() -> tuple[int, int]:
	"""(busy, total) jiffies of the whole machine, from /proc/stat."""
	fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
	idle = fields[3] + fields[4]
	return sum(fields) - idle, sum(fields)


def run_phase(phase: Phase, url: str, args) -> dict:
	if args.warmup:
		phase.run(url, args.site, args.warmup, counting=False)
	warm_accepted = len(phase.accepted)
	busy0, total0 = cpu_busy()
	wall, client_cpu = phase.run(url, args.site, args.duration, counting=True)
	busy1, total1 = cpu_busy()
	accepted = len(phase.accepted) - warm_accepted
	requests_made = len(phase.latencies)
	return {
		"name": phase.name,
		"wall": wall,
		"accepted": accepted,
		"requests": requests_made,
		"rate": accepted / wall,
		"p50": percentile(phase.latencies, 0.50),
		"p95": percentile(phase.latencies, 0.95),
		"max": max(phase.latencies, default=float("nan")),
		"errors": dict(phase.errors),
		"samples": phase.samples,
		"rate_limited": phase.rate_limited,
		"client_cpu_ms_per_request": 1000 * client_cpu / max(1, requests_made),
		"client_cpu_share": client_cpu / wall,
		"machine_busy": (busy1 - busy0) / max(1, total1 - total0),
	}


def print_phase(result: dict, server_times: list[float], cores: int) -> None:
	print(
		f"\n{result['name']}: {result['accepted']} accepted of {result['requests']} in {result['wall']:.1f} s"
	)
	print(f"  submissions/s   {result['rate']:.2f}")
	print(
		f"  latency (client) p50 {result['p50'] * 1000:.0f} ms  p95 {result['p95'] * 1000:.0f} ms  "
		f"max {result['max'] * 1000:.0f} ms"
	)
	if server_times:
		print(
			f"  time in worker   p50 {percentile(server_times, 0.5) * 1000:.0f} ms  "
			f"p95 {percentile(server_times, 0.95) * 1000:.0f} ms  "
			f"mean {statistics.fmean(server_times) * 1000:.0f} ms  ({len(server_times)} requests logged)"
		)
	errors = ", ".join(f"{kind}: {n}" for kind, n in sorted(result["errors"].items())) or "none"
	print(f"  errors          {errors}")
	for kind, sample in sorted(result["samples"].items()):
		print(f"    {kind}: {sample}")
	print(f"  429 rate-limited {result['rate_limited']}")
	print(
		f"  client CPU       {result['client_cpu_ms_per_request']:.2f} ms/request, "
		f"{result['client_cpu_share'] * 100:.0f}% of one core; machine busy "
		f"{result['machine_busy'] * 100:.0f}% of {cores} cores"
	)


def main() -> int:
	parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
	parser.add_argument("--site", default="cf-load.localhost")
	parser.add_argument("--clients", type=int, default=50)
	parser.add_argument("--duration", type=float, default=60, help="seconds per form, counted")
	parser.add_argument("--warmup", type=float, default=5, help="seconds per form before counting")
	parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
	parser.add_argument("--only", choices=("baseline", "ours"), help="run one form only (no ratio)")
	parser.add_argument(
		"--wsgi-app",
		default="frappe.app:application",
		help="for experiments: a module:application wrapping frappe.app (add its directory with --pythonpath)",
	)
	parser.add_argument("--pythonpath", help="for experiments: a directory gunicorn adds to sys.path")
	parser.add_argument("--inside", choices=("setup", "verify"), help=argparse.SUPPRESS)
	parser.add_argument("--payload", help=argparse.SUPPRESS)
	args = parser.parse_args()
	if args.inside:
		inside(args.inside, args.site, args.payload)
		return 0

	if port_open(DUMMY_SMTP_PORT):
		print(f"warning: something listens on 127.0.0.1:{DUMMY_SMTP_PORT}; the dummy Email Account uses it")
	setup = run_inside("setup", args.site)
	missing_forms = {OUR_WEB_FORM, BASELINE_WEB_FORM} - set(setup["web_forms_published"])
	if missing_forms:
		sys.exit(f"web forms not published for guests on {args.site}: {sorted(missing_forms)}")
	run_tag = f"{int(time.time()):x}"
	cores = os.cpu_count() or 1
	print(
		f"site {args.site}: {args.clients} clients, {args.duration:.0f} s per form after {args.warmup:.0f} s "
		f"warm-up, gunicorn {args.workers} sync workers ({args.wsgi_app}), {cores} cores; run {run_tag}; "
		f"load average {os.getloadavg()[0]:.1f}"
	)
	print(f"Notifications on a new Feedback: {', '.join(setup['new_case_notifications']) or 'none'}")
	if setup["mute_emails"]:
		print("note: mute_emails is set on the site: no email is queued")

	server = Server(args.site, args.workers, args.wsgi_app, args.pythonpath)
	server.start()
	url = f"http://127.0.0.1:{server.port}{ENDPOINT}"
	addresses = itertools.count(random.Random(run_tag).randrange(1 << 20))
	phases = {
		"baseline": Phase("baseline", BASELINE_WEB_FORM, baseline_submission, args, [], run_tag, addresses),
		"ours": Phase("ours", OUR_WEB_FORM, our_submission, args, setup["service_areas"], run_tag, addresses),
	}
	names = [args.only] if args.only else ["baseline", "ours"]
	results = {}
	try:
		for name in names:
			results[name] = run_phase(phases[name], url, args)
	finally:
		server.stop()
	server_times = server.server_times()
	for name in names:
		print_phase(results[name], server_times.get(name, []), cores)

	ok = True
	if len(names) == 2:
		base, ours = results["baseline"], results["ours"]
		ratio = base["rate"] / ours["rate"] if ours["rate"] else float("inf")
		print(
			f"\nratio (baseline submissions/s / ours): {ratio:.2f}  goal <= {GOAL_RATIO}  "
			f"{'met' if ratio <= GOAL_RATIO else 'NOT met'}"
		)
		print(f"p50 latency ratio (ours / baseline): {ours['p50'] / base['p50']:.2f}")
		base_times, our_times = server_times.get("baseline"), server_times.get("ours")
		if base_times and our_times:
			print(
				"time-in-worker p50 ratio (ours / baseline): "
				f"{percentile(our_times, 0.5) / percentile(base_times, 0.5):.2f}"
			)

	# Let the last commits land, then look at the database.
	time.sleep(1)
	verify = run_inside(
		"verify",
		args.site,
		{
			"start": setup["server_now"],
			"end": "9999-12-31 23:59:59",
			"ours": phases["ours"].accepted,
			"baseline": phases["baseline"].accepted,
		},
	)
	print("\nverification (warm-up included)")
	for name, label in (("ours", "Feedback"), ("baseline", BASELINE_DOCTYPE)):
		check = verify[name]
		if not check["accepted"] and name not in names:
			continue
		print(
			f"  {label}: {check['accepted']} accepted, {len(check['missing'])} missing, "
			f"{len(check['duplicates'])} duplicate references, {check['rows_in_window']} rows created in the "
			f"run, {len(check['phantoms'])} not acknowledged to a client"
		)
		for kind in ("missing", "duplicates", "phantoms"):
			if check[kind]:
				ok = False
				print(f"    {kind}: {', '.join(check[kind][:20])}{' ...' if len(check[kind]) > 20 else ''}")
	print(
		f"  Email Queue rows created: {verify['email_queue_in_window']} "
		f"({verify['email_queue_for_feedback']} for Feedback; {verify['email_queue_statuses']}); "
		f"Contacts created: {verify['contacts_in_window']}"
	)
	print(f"  Error Log rows created: {verify['error_log_in_window']} {verify['error_log_methods'] or ''}")
	print("\nresult: " + ("no accepted submission lost, no duplicate reference" if ok else "FAILED"))
	return 0 if ok else 1


if __name__ == "__main__":
	sys.exit(main())
