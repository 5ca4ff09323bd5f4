"""scripts/test's counting (scripts/counting.sh), in bash, without a bench: a step that does not run, exits
non-zero or prints no result must count as a failure, never vanish from the total."""

import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
PYTHON = sys.executable


def bash(script: str, tmp_path: Path, **env: str) -> tuple[int, int, str]:
	"""Runs `script` with scripts/counting.sh sourced; gives back (passed, failed, everything it printed)."""
	program = f"""set -uo pipefail
		source "{SCRIPTS}/lib.sh"
		source "{SCRIPTS}/counting.sh"
		{script}
		echo "COUNTED $passed $failed"
	"""
	result = subprocess.run(
		["bash", "-c", program],
		cwd=tmp_path,
		env={**os.environ, "T": str(tmp_path), "PY": PYTHON, **env},
		capture_output=True,
		text=True,
		timeout=120,
	)
	output = result.stdout + result.stderr
	found = re.search(r"^COUNTED (\d+) (\d+)$", result.stdout, re.M)
	assert found, output
	return int(found[1]), int(found[2]), output


def step(command: str, tmp_path: Path, how: str = "tally", name: str = "edit-preset") -> tuple[int, int, str]:
	return bash(f'counted {how} {name} "$T/{name}.txt" {command}', tmp_path)


# The life-cycle phases: one count per ok:/FAIL: line, and silence or a crash is a failure.


def test_a_step_printing_nothing_counts_one_failure(tmp_path):
	passed, failed, output = step("true", tmp_path)
	assert (passed, failed) == (0, 1)
	assert "FAIL: edit-preset printed no result" in output


def test_a_step_that_cannot_start_counts_one_failure(tmp_path):
	assert step("no-such-command-here", tmp_path)[:2] == (0, 1)


def test_two_ok_lines_count_two_passes(tmp_path):
	assert step("printf 'ok: one\\nok: two\\n'", tmp_path)[:2] == (2, 0)


def test_a_step_exiting_non_zero_after_ok_lines_counts_a_failure(tmp_path):
	passed, failed, output = step("sh -c 'echo ok: one; echo ok: two; exit 1'", tmp_path)
	assert (passed, failed) == (2, 1)
	assert "FAIL: edit-preset exited 1" in output


def test_fail_lines_are_counted_once_each(tmp_path):
	assert step("sh -c 'echo ok: one; echo FAIL: two; echo FAIL: three; exit 1'", tmp_path)[:2] == (1, 2)


def test_only_lines_that_start_with_ok_or_fail_count(tmp_path):
	assert step('sh -c \'echo "not ok: one"; echo "  FAIL: two"\'', tmp_path)[:2] == (0, 1)


def test_a_traceback_on_stderr_with_no_result_counts_a_failure(tmp_path):
	passed, failed, _ = step('"$PY" -c "import no_such_module_here"', tmp_path)
	assert (passed, failed) == (0, 1)
	assert "ModuleNotFoundError" in Path(tmp_path, "edit-preset.txt").read_text(), "stderr is kept in the log"


def test_a_script_path_that_does_not_exist_counts_a_failure(tmp_path):
	passed, failed, output = step(
		'"$PY" "$T/nowhere/lifecycle_check.py" cf-test.localhost edit-preset', tmp_path
	)
	assert (passed, failed) == (0, 1)
	assert "printed no result (exit status 2)" in output


def test_a_script_the_user_cannot_read_counts_a_failure(tmp_path):
	"""The issue's case: the check is run by a user who cannot read the file (a root-only CI clone)."""
	python = PYTHON
	with tempfile.TemporaryDirectory() as shared:
		# tmp_path is private to its owner; this one is not, but for the directory below.
		shared = Path(shared)
		shared.chmod(0o755)
		private = shared / "private"
		private.mkdir()
		script = private / "lifecycle_check.py"
		script.write_text("print('ok: ran')\n")
		readable = shared / "readable.py"
		readable.write_text("print('ok: ran')\n")
		readable.chmod(0o644)
		if os.geteuid() == 0:
			# root reads everything: run it as another user, as scripts/test runs it as the bench's owner.
			try:
				pwd.getpwnam("nobody")
			except KeyError:
				pytest.skip("no user nobody to run as")
			if not shutil.which("runuser"):
				pytest.skip("no runuser")
			# This test's Python may be in root's private home: the system's, which anyone may run.
			python = shutil.which("python3", path="/usr/local/bin:/usr/bin:/bin")
			if not python:
				pytest.skip("no python3 that another user may run")
			private.chmod(0o700)
			runner = f"runuser -u nobody -- {python}"
		else:
			script.chmod(0)
			runner = python
		# The same runner counts the readable file's line, so the failure below is the unreadable file's.
		assert step(f"{runner} {readable}", tmp_path, name="control")[:2] == (1, 0)
		passed, failed, output = step(f"{runner} {script} cf-test.localhost edit-preset", tmp_path)
	assert (passed, failed) == (0, 1), output
	assert "Permission denied" in output


# pytest's output (the framework-free and browser suites): its closing line is the result.


@pytest.mark.parametrize(
	"output, status, counts",
	[
		("..F.\n", 1, (0, 1)),  # killed before its closing line
		("....\n", 0, (0, 1)),  # no closing line, even with a zero status
		("", 0, (0, 1)),
		("3 passed, 1 warning in 0.12s\n", 0, (3, 0)),
		("1 failed, 2 passed in 0.30s\n", 1, (2, 1)),
		("2 passed, 1 error in 0.30s\n", 1, (2, 1)),
		("2 errors in 0.30s\n", 2, (0, 2)),
		("no tests ran in 0.01s\n", 5, (0, 1)),
		("4 deselected in 0.01s\n", 5, (0, 1)),
		("2 passed in 0.10s\n", 1, (2, 1)),  # all passed but pytest says otherwise
		("==== 1 failed, 12 passed in 75.02s (0:01:15) ====\n", 1, (12, 1)),
		("2 passed in 0.10s\nException ignored in: <function f>\n", 0, (2, 0)),  # noise after the line
	],
)
def test_pytest_output_is_counted_from_its_closing_line(tmp_path, output, status, counts):
	Path(tmp_path, "out.txt").write_text(output)
	command = f"sh -c 'cat \"$T/out.txt\"; exit {status}'"
	passed, failed, printed = step(command, tmp_path, how="pytest_tally", name="browser-tests")
	assert (passed, failed) == counts, printed
	if counts == (0, 1):
		assert "FAIL: browser-tests printed no result" in printed


def test_a_real_pytest_run_is_counted(tmp_path):
	Path(tmp_path, "test_sample.py").write_text(
		"def test_good():\n\tpass\n\n\ndef test_bad():\n\tassert False\n"
	)
	command = '"$PY" -m pytest -q -p no:cacheprovider "$T/test_sample.py"'
	assert step(command, tmp_path, how="pytest_tally")[:2] == (1, 1)


def test_a_pytest_that_cannot_start_counts_a_failure(tmp_path):
	assert step('"$T/no-venv/bin/python" -m pytest -q', tmp_path, how="pytest_tally")[:2] == (0, 1)


# unittest's output (Frappe's run-tests).


def test_a_real_unittest_run_is_counted(tmp_path):
	Path(tmp_path, "test_sample.py").write_text(
		textwrap.dedent(
			"""\
			import unittest

			class T(unittest.TestCase):
				def test_good(self):
					pass

				def test_bad(self):
					self.fail()

				@unittest.skip("not here")
				def test_skipped(self):
					pass
			"""
		)
	)
	command = 'in_dir "$T" "$PY" -m unittest test_sample'
	assert step(command, tmp_path, how="unittest_tally")[:2] == (1, 1)


@pytest.mark.parametrize(
	"output, status, counts",
	[
		("", 1, (0, 1)),
		("Traceback (most recent call last):\nImportError: frappe\n", 1, (0, 1)),
		("Ran 0 tests in 0.000s\n\nOK\n", 0, (0, 1)),
		("Ran 5 tests in 1.2s\n\nOK\n", 0, (5, 0)),
		("Ran 5 tests in 1.2s\n\nOK (skipped=2)\n", 0, (3, 0)),
		("Ran 5 tests in 1.2s\n\nFAILED (failures=1, errors=1, skipped=1)\n", 1, (2, 2)),
		("Ran 5 tests in 1.2s\n\nOK\n", 1, (5, 1)),  # a crash after the run
	],
)
def test_unittest_output_is_counted(tmp_path, output, status, counts):
	Path(tmp_path, "out.txt").write_text(output)
	command = f"sh -c 'cat \"$T/out.txt\"; exit {status}'"
	assert step(command, tmp_path, how="unittest_tally", name="frappe-suite")[:2] == counts


# The last line and the exit status of scripts/test.


@pytest.mark.parametrize(
	"counts, status",
	[("true", 1), ("count 3 0", 0), ("count 3 1", 1), ("count 0 0", 1)],
)
def test_the_last_line_and_status(tmp_path, counts, status):
	result = subprocess.run(
		["bash", "-c", f'source "{SCRIPTS}/counting.sh"; {counts}; report'],
		capture_output=True,
		text=True,
	)
	assert result.returncode == status
	assert re.fullmatch(r"customer_feedback: \d+ passed, \d+ failed", result.stdout.splitlines()[-1])


def test_giving_up_counts_a_failure_and_still_ends_with_the_last_line(tmp_path):
	result = subprocess.run(
		["bash", "-c", f'source "{SCRIPTS}/counting.sh"; count 4 0; give_up "cannot link"; echo after'],
		capture_output=True,
		text=True,
	)
	assert result.returncode == 1
	assert "FAIL: cannot link" in result.stdout
	assert result.stdout.splitlines()[-1] == "customer_feedback: 4 passed, 1 failed"


# The life-cycle checks run from the bench's copy of the app, which its owner can read.


def fake_bench(tmp_path: Path) -> Path:
	"""A bench whose Python, like its owner, can open only files in the bench."""
	bench = tmp_path / "bench"
	(bench / "sites").mkdir(parents=True)
	(bench / "env" / "bin").mkdir(parents=True)
	app_scripts = bench / "apps" / "customer_feedback" / "scripts"
	app_scripts.mkdir(parents=True)
	(app_scripts / "lifecycle_check.py").write_text(
		"import sys\nprint('ok: bench copy ran', *sys.argv[1:])\n"
	)
	python = bench / "env" / "bin" / "python"
	python.write_text(
		textwrap.dedent(
			f"""\
			#!/bin/sh
			case "$1" in
			"{bench}"/*) exec "{PYTHON}" "$@" ;;
			esac
			echo "python: can't open file '$1': [Errno 13] Permission denied" >&2
			exit 2
			"""
		)
	)
	python.chmod(0o755)
	return bench


def test_lifecycle_check_runs_the_bench_copy(tmp_path):
	bench = fake_bench(tmp_path)
	passed, failed, output = bash(
		'counted tally edit-preset "$T/edit.txt" lifecycle_check cf-test.localhost edit-preset',
		tmp_path,
		FRAPPE_BENCH=str(bench),
	)
	assert (passed, failed) == (1, 0), output
	assert "ok: bench copy ran cf-test.localhost edit-preset" in output


def test_the_fake_bench_refuses_the_checkout(tmp_path):
	"""The stand-in above would catch a check run from the checkout: the old, silent, way."""
	bench = fake_bench(tmp_path)
	old_way = 'in_dir "$FRAPPE_BENCH/sites" ../env/bin/python "$CHECKOUT/scripts/lifecycle_check.py" site edit-preset'
	passed, failed, output = bash(
		f'counted tally edit-preset "$T/edit.txt" {old_way}', tmp_path, FRAPPE_BENCH=str(bench)
	)
	assert "Permission denied" in output
	assert (passed, failed) == (0, 1), output


def test_scripts_test_runs_each_phase_through_the_counted_bench_copy():
	text = (SCRIPTS / "test").read_text()
	assert "lifecycle_check.py" not in text, "scripts/test must call lifecycle_check (scripts/lib.sh)"
	for phase in ("edit-preset", "preset-kept", "uninstalled"):
		assert re.search(
			rf'^\s*counted tally {phase} "\$log/\S+" lifecycle_check "\$TEST_SITE" {phase}$', text, re.M
		), phase


def test_scripts_test_counts_with_counting_sh_only():
	"""Its own pipelines or counters would escape the tests above."""
	text = (SCRIPTS / "test").read_text()
	assert re.search(r'^source "\$\(dirname "\$0"\)/counting\.sh"$', text, re.M)
	assert not re.search(r"^\s*(count|number|tally|pytest_tally|unittest_tally|counted)\s*\(\)", text, re.M)
	assert "| tee" not in text and "PIPESTATUS" not in text
	assert text.rstrip().endswith("report")
	for suite in ("pytest_tally", "unittest_tally"):
		assert f"counted {suite} " in text
