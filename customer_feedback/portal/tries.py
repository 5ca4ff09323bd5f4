"""Counting the public's tries in the cache, for the limits of the status look-up and of uploads. Not the
platform's rate_limit: it counts per exact address and per method name, and IPv6 gives one person billions
of addresses, so ours count per network (customer_feedback.access_codes.client_network)."""

from __future__ import annotations

import time

import frappe

from customer_feedback.access_codes import client_network


def count_try(key: str, seconds: int) -> int:
	"""One more try under `key`, forgotten `seconds` after the first; returns the tries so far."""
	key = frappe.cache.make_key(key)
	tries = frappe.cache.incrby(key, 1)
	if tries == 1:
		frappe.cache.expire(key, seconds)
	return tries


def count_try_from_network(prefix: str, seconds: int) -> int:
	"""One more try from the request's network in the current window of `seconds`."""
	network = client_network(frappe.local.request_ip)
	return count_try(f"{prefix}:{network}:{int(time.time()) // seconds}", seconds)
