"""The status look-up's access code and whom failed tries count against, without Frappe."""

import re

import pytest

from customer_feedback.access_codes import (
	ALPHABET,
	LENGTH,
	client_network,
	code_hash,
	code_matches,
	new_code,
	normalised,
	shown,
)

SECRET = "site-secret"


def test_a_code_is_ten_characters_without_look_alikes():
	codes = {new_code() for _ in range(200)}
	assert len(codes) == 200
	for code in codes:
		assert len(code) == LENGTH
		assert set(code) <= set(ALPHABET)
	assert not set("0O1IL") & set(ALPHABET)


def test_a_code_is_shown_in_two_groups_and_read_back_however_typed():
	assert shown("ABCDEFGHJK") == "ABCDE-FGHJK"
	assert normalised(" abcde-fghjk ") == "ABCDEFGHJK"
	assert normalised("ABCDE FGHJK") == "ABCDEFGHJK"
	assert normalised(None) == ""


def test_a_code_opens_only_its_own_case_with_the_sites_secret():
	stored = code_hash(SECRET, "FB-2026-00001", "ABCDEFGHJK")
	assert re.fullmatch(r"[0-9a-f]{64}", stored)
	assert code_matches(SECRET, "FB-2026-00001", "abcde-fghjk", stored)
	assert not code_matches(SECRET, "FB-2026-00002", "ABCDEFGHJK", stored)
	assert not code_matches("another-site", "FB-2026-00001", "ABCDEFGHJK", stored)
	assert not code_matches(SECRET, "FB-2026-00001", "ABCDEFGHJM", stored)


@pytest.mark.parametrize("typed, stored", [("", "x" * 64), (None, "x" * 64), ("ABCDEFGHJK", None), ("-", "")])
def test_nothing_matches_an_empty_code_or_a_case_without_one(typed, stored):
	assert not code_matches(SECRET, "FB-2026-00001", typed, stored)


@pytest.mark.parametrize(
	"address, network",
	[
		("203.0.113.7", "203.0.113.7"),
		("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
		("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
		("::ffff:203.0.113.7", "203.0.113.7"),
		("not an address", "unknown"),
		(None, "unknown"),
	],
)
def test_failed_tries_count_against_an_ipv4_address_or_an_ipv6_64(address, network):
	assert client_network(address) == network


def test_two_addresses_in_one_ipv6_64_are_one_network_and_the_next_64_is_another():
	assert client_network("2001:db8:1:2::1") == client_network("2001:db8:1:2:9::9")
	assert client_network("2001:db8:1:2::1") != client_network("2001:db8:1:3::1")
