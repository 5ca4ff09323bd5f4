"""axe-core on every public page and state: no violation of impact serious or critical.

The other tests run axe-core as they reach each state (conftest's `axe` fixture) and record what it found;
this file, collected last, holds one test per state. A state no test reached fails: run the whole folder."""

from __future__ import annotations

import pytest
from conftest import AXE_STATES, SERIOUS, axe_results


@pytest.mark.parametrize("state", AXE_STATES)
def test_no_serious_or_critical_axe_violation(state):
	if state not in axe_results:
		pytest.fail(f"no test reached the state {state!r}, so axe-core did not check it")
	serious = [v for v in axe_results[state] if v["impact"] in SERIOUS]
	assert not serious, "\n".join(
		f"[{v['impact']}] {v['id']}: {v['help']} at {v['nodes']} ({v['url']})" for v in serious
	)
