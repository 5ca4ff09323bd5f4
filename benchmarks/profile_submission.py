"""Where one public form submission spends its time: cProfile and a count of SQL queries, in one process.

	cd /home/frappe/frappe-bench/sites && ../env/bin/python /work/main/benchmarks/profile_submission.py \
		--site cf-load.localhost [--count 20] [--top 40] [--web-form feedback|cf-load-baseline]

Run as the bench's owner, in the sites directory (benchmarks/load_test.py prepares the baseline web form).
It calls the web form `accept` as the public form does (as Guest, through our override, without the HTTP
layer and so without the rate limit), commits each submission, and leaves the cases in the site. The first
submission warms the caches and is not counted.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _no_notifications():
	from frappe.model.document import Document

	Document.run_notifications = lambda self, method: None


def _no_receipt_email():
	from frappe.email.doctype.notification.notification import Notification

	send = Notification.send
	Notification.send = lambda self, doc: (
		None if self.name.endswith("(Copy to Customer)") else send(self, doc)
	)


def _no_workflow_actions():
	from frappe.workflow.doctype.workflow_action import workflow_action

	workflow_action.process_workflow_actions = lambda doc, state: None


def _no_contact():
	from customer_feedback.customer_feedback.doctype.feedback.feedback import Feedback

	Feedback.link_contact = lambda self: None


def _no_equality():
	from customer_feedback.portal import intake

	intake.record_equality_answers = lambda feedback, answers: None


def _no_email_css_inlining():
	from frappe.email import email_body

	email_body.inline_style_in_html = lambda html: html


EXPERIMENTS = {
	"notifications": _no_notifications,
	"receipt-email": _no_receipt_email,
	"workflow-actions": _no_workflow_actions,
	"contact": _no_contact,
	"equality": _no_equality,
	"email-css-inlining": _no_email_css_inlining,
}


def main() -> None:
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", default="cf-load.localhost")
	parser.add_argument("--count", type=int, default=20)
	parser.add_argument("--top", type=int, default=40)
	parser.add_argument("--web-form", default="feedback")
	parser.add_argument("--sort", default="cumulative")
	parser.add_argument("--plain", action="store_true", help="time only: no cProfile, no query counting")
	parser.add_argument(
		"--without",
		action="append",
		default=[],
		choices=sorted(EXPERIMENTS),
		help="an experiment: leave this part out of each submission (in this process only), to see its cost",
	)
	args = parser.parse_args()

	import frappe
	from load_test import BASELINE_WEB_FORM, baseline_submission, our_submission

	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	for name in args.without:
		EXPERIMENTS[name]()
	frappe.set_user("Guest")
	from customer_feedback.portal.intake import accept

	make = baseline_submission if args.web_form == BASELINE_WEB_FORM else our_submission
	service_areas = frappe.get_all("Service Area", pluck="name", limit=50)
	rng = random.Random(1)
	tag = f"p{int(time.time()):x}"

	queries: Counter = Counter()
	query_time: Counter = Counter()
	real_sql = frappe.db.sql
	counting = [False]

	def sql(query, *a, **kw):
		began = time.perf_counter()
		try:
			return real_sql(query, *a, **kw)
		finally:
			if counting[0]:
				shape = re.sub(r"\s+", " ", str(query)).strip()
				shape = re.sub(r"'[^']*'|\b\d+\b", "?", shape)[:140]
				queries[shape] += 1
				query_time[shape] += time.perf_counter() - began

	frappe.db.sql = sql

	def submit(serial):
		frappe.local.form_dict = frappe._dict()
		frappe.flags.in_web_form = False
		accept(web_form=args.web_form, data=json.dumps(make(rng, serial, tag, service_areas)))
		frappe.db.commit()

	submit(0)
	if args.plain:
		frappe.db.sql = real_sql
		began = time.perf_counter()
		for serial in range(1, args.count + 1):
			submit(serial)
		elapsed = time.perf_counter() - began
		without = f" without {', '.join(args.without)}" if args.without else ""
		print(
			f"{args.count} submissions to {args.web_form}{without}: {elapsed / args.count * 1000:.1f} ms each"
		)
		frappe.destroy()
		return
	profiler = cProfile.Profile()
	counting[0] = True
	began = time.perf_counter()
	profiler.enable()
	for serial in range(1, args.count + 1):
		submit(serial)
	profiler.disable()
	elapsed = time.perf_counter() - began
	counting[0] = False

	print(
		f"{args.count} submissions to {args.web_form}: {elapsed / args.count * 1000:.1f} ms each (profiled)"
	)
	total_queries = sum(queries.values())
	print(
		f"{total_queries / args.count:.1f} SQL queries each, "
		f"{sum(query_time.values()) / args.count * 1000:.1f} ms each in SQL"
	)
	print("\nqueries by total time (per submission: count, ms)")
	for shape, seconds in query_time.most_common(25):
		print(f"  {queries[shape] / args.count:5.1f}  {seconds / args.count * 1000:6.2f}  {shape}")
	out = io.StringIO()
	pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.top)
	print(out.getvalue())
	frappe.destroy()


if __name__ == "__main__":
	main()
