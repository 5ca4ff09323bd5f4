# How scripts/test counts its steps, apart so tests/test_harness.py can check it without a bench.
# A step that exits non-zero or prints no result is a failure: a step that did not run must never vanish.
# shellcheck shell=bash

passed=${passed:-0}
failed=${failed:-0}

count() { passed=$((passed + ${1:-0})); failed=$((failed + ${2:-0})); }

# The sum of the numbers just before WORD in TEXT: `number failed "1 failed, 3 passed"` is 1.
number() { grep -o "[0-9][0-9]* $1" <<<"$2" | cut -d' ' -f1 | awk '{s += $1} END {print s + 0}'; }

# The matching lines of a file, 0 when there are none or no file.
lines() {
	local n
	n=$(grep -c "$1" "$2" 2>/dev/null)
	echo "${n:-0}"
}

# $1 the step, $2 its output, $3 its exit status: one count per "ok:" or "FAIL:" line.
tally() {
	local step=$1 file=$2 rc=${3:-0} oks fails
	oks=$(lines '^ok:' "$file")
	fails=$(lines '^FAIL:' "$file")
	if [ "$((oks + fails))" = 0 ]; then
		count 0 1
		echo "FAIL: $step printed no result (exit status $rc)"
		return
	fi
	count "$oks" "$fails"
	# A crash after some checks: the ones it never reached are not a pass.
	if [ "$rc" != 0 ] && [ "$fails" = 0 ]; then count 0 1; echo "FAIL: $step exited $rc"; fi
}

# pytest's closing line ("1 failed, 3 passed, 1 warning in 0.25s"), the last one in the file, or nothing.
pytest_summary() {
	grep -E '[0-9]+ (passed|failed|errors?)\b.* in [0-9.]+s' "$1" 2>/dev/null | tail -n 1
}

# Like tally, for pytest's output.
pytest_tally() {
	local step=$1 file=$2 rc=${3:-0} summary good bad
	summary=$(pytest_summary "$file")
	good=$(number passed "$summary")
	bad=$(($(number failed "$summary") + $(number error "$summary")))
	# "no tests ran", or pytest killed or unable to start before its closing line.
	if [ -z "$summary" ] || [ "$((good + bad))" = 0 ]; then
		count 0 1
		echo "FAIL: $step printed no result (exit status $rc)"
		return
	fi
	count "$good" "$bad"
	if [ "$rc" != 0 ] && [ "$bad" = 0 ]; then count 0 1; echo "FAIL: $step exited $rc"; fi
}

# Like tally, for unittest's output as Frappe's run-tests prints it: "Ran 12 tests in 3.1s", then "OK",
# "OK (skipped=1)" or "FAILED (failures=1, errors=2, skipped=3)". A skipped test is neither a pass nor a failure.
unittest_tally() {
	local step=$1 file=$2 rc=${3:-0} ran bad skipped
	ran=$(sed -n 's/^Ran \([0-9]*\) tests\{0,1\}.*/\1/p' "$file" 2>/dev/null | awk '{s += $1} END {print s + 0}')
	bad=$(outcome 'failures|errors|unexpected successes' "$file")
	skipped=$(outcome skipped "$file")
	if [ "$ran" = 0 ]; then
		count 0 1
		echo "FAIL: $step printed no result: no \"Ran N tests\" (exit status $rc)"
		return
	fi
	# Errors in setUpClass are counted but are not among the tests ran.
	count "$((ran > bad + skipped ? ran - bad - skipped : 0))" "$bad"
	if [ "$rc" != 0 ] && [ "$bad" = 0 ]; then count 0 1; echo "FAIL: $step exited $rc"; fi
}

# The sum of unittest's closing counts named by the extended regex $1 ("failures|errors") in file $2.
outcome() {
	sed -n 's/^\(OK\|FAILED\) (\(.*\))[[:space:]]*$/\2/p' "$2" 2>/dev/null | grep -oE "($1)=[0-9]+" | cut -d= -f2 \
		| awk '{s += $1} END {print s + 0}'
}

# Run a step and count it: $1 how (tally, pytest_tally or unittest_tally), $2 its name, $3 the file its output
# (stdout and stderr) is kept in as it is shown, then the command.
counted() {
	local how=$1 step=$2 file=$3 rc
	shift 3
	"$@" 2>&1 | tee "$file"
	rc=${PIPESTATUS[0]}
	"$how" "$step" "$file" "$rc"
}

# A command run in a directory, without changing the caller's.
in_dir() { (cd "$1" || exit; shift; "$@"); }

# The last line of scripts/test and its status: non-zero on any failure or if nothing ran.
report() {
	echo
	echo "customer_feedback: $passed passed, $failed failed"
	[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
}

# A step the rest depends on did not run: count it, say so, and end with the usual last line.
give_up() {
	count 0 1
	echo "FAIL: $*"
	report
	exit 1
}
