"""The status look-up's access code, and how failed tries are counted: framework-free (tests/test_access_codes.py).

A reference is sequential and a postcode or email address is known to neighbours, colleagues and the person
complained about, so the look-up asks for a random code instead, given only to whoever sent the feedback
(on the form's receipt and in the acknowledgement). Only an HMAC of it is kept (keyed with the site's
secret and bound to the case), so the case table, its API, exports and backups hold no working code.

Ten characters from an alphabet without look-alikes (no 0/O, 1/I/L) carry 49 bits: with five wrong tries a
day allowed per reference, guessing one case's code takes longer than the case is kept.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 10
GROUP = 5  # shown as two groups of five, "ABCDE-FGHJK", easier to read out and type
# Wrong codes allowed per reference per day: a customer mistyping a few times gets through; guessing does not.
FAILURES_PER_REFERENCE_PER_DAY = 5
# IPv6 hands each home or phone a /64, so one person holds billions of addresses: counted per /64.
IPV6_PREFIX = 64


def new_code() -> str:
	return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def shown(code: str) -> str:
	"""'ABCDEFGHJK' as 'ABCDE-FGHJK'."""
	return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalised(typed: str | None) -> str:
	"""A code as typed ('abcde fghjk', 'ABCDE-FGHJK'): capitals, without spaces or dashes."""
	return re.sub(r"[\s\-]+", "", typed or "").upper()


def code_hash(secret: str, reference: str, code: str) -> str:
	"""HMAC-SHA256 of the code bound to its case: a code copied onto another case does not open it."""
	message = f"customer_feedback.access_code:{reference}:{normalised(code)}".encode()
	return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def code_matches(secret: str, reference: str, typed: str | None, stored_hash: str | None) -> bool:
	if not (stored_hash and normalised(typed)):
		return False
	return hmac.compare_digest(code_hash(secret, reference, typed or ""), stored_hash)


def client_network(address: str | None) -> str:
	"""Whom failed tries are counted against: an IPv4 address as it is, an IPv6 address by its /64 (an
	IPv4-mapped IPv6 address as the IPv4 address). Anything unreadable counts as one shared 'unknown'."""
	try:
		ip = ipaddress.ip_address((address or "").strip())
	except ValueError:
		return "unknown"
	if ip.version == 6 and ip.ipv4_mapped:
		return str(ip.ipv4_mapped)
	if ip.version == 6:
		return str(ipaddress.ip_network(f"{ip}/{IPV6_PREFIX}", strict=False))
	return str(ip)
