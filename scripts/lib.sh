# Shared by scripts/demo and scripts/test: find the Frappe v15 bench and run its commands as its owner.
# These scripts use a bench; they never build Frappe.
# shellcheck shell=bash

FRAPPE_BENCH=${FRAPPE_BENCH:-/home/frappe/frappe-bench}
CHECKOUT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
APP=customer_feedback
# A MariaDB account allowed to create databases; created below when this script runs as root.
DB_ROOT_USER=${DB_ROOT_USER:-cf_bench_admin}
DB_ROOT_PASSWORD=${DB_ROOT_PASSWORD:-cf_bench_admin}

say() { printf '\n== %s\n' "$*"; }

bench_found() { [ -d "$FRAPPE_BENCH/apps/frappe" ] && [ -x "$FRAPPE_BENCH/env/bin/python" ]; }

bench_owner() { stat -c %U "$FRAPPE_BENCH"; }

# Bench refuses root; run as the bench's owner, keeping only what the command needs.
as_bench_user() {
	local owner
	owner=$(bench_owner)
	if [ "$(id -un)" = "$owner" ]; then
		"$@"
	else
		runuser -u "$owner" -- env HOME="$(getent passwd "$owner" | cut -d: -f6)" \
			PATH="$FRAPPE_BENCH/env/bin:/usr/local/bin:/usr/bin:/bin" LANG=C.UTF-8 ${CI:+CI=$CI} "$@"
	fi
}

# `bench --site SITE cmd` without the bench CLI: the same entry point bench itself calls.
frappe_cli() {
	(cd "$FRAPPE_BENCH/sites" && as_bench_user ../env/bin/python -m frappe.utils.bench_helper frappe "$@")
}

ensure_db_admin() {
	[ "$(id -u)" = 0 ] && command -v mariadb >/dev/null || return 0
	mariadb -uroot -e "
		CREATE USER IF NOT EXISTS '$DB_ROOT_USER'@'localhost' IDENTIFIED BY '$DB_ROOT_PASSWORD';
		CREATE USER IF NOT EXISTS '$DB_ROOT_USER'@'127.0.0.1' IDENTIFIED BY '$DB_ROOT_PASSWORD';
		GRANT ALL PRIVILEGES ON *.* TO '$DB_ROOT_USER'@'localhost' WITH GRANT OPTION;
		GRANT ALL PRIVILEGES ON *.* TO '$DB_ROOT_USER'@'127.0.0.1' WITH GRANT OPTION;" 2>/dev/null || true
}

# Put this checkout into the bench as apps/customer_feedback: a link when the bench's owner can read it
# (so a developer's edits are live), else a copy the owner owns (a CI clone in a private directory).
link_checkout() {
	local source=$CHECKOUT target=$FRAPPE_BENCH/apps/$APP
	if ! as_bench_user test -r "$CHECKOUT/pyproject.toml"; then
		source=$FRAPPE_BENCH/../$APP-checkout
		rsync -a --delete --exclude .git "$CHECKOUT/" "$source/"
		chown -R "$(bench_owner)": "$source"
	fi
	if [ -e "$target" ] && [ ! -L "$target" ]; then
		echo "$target exists and is not a link: move it away first (this script links your checkout there)" >&2
		return 1
	fi
	as_bench_user ln -sfn "$source" "$target"
	grep -qx "$APP" "$FRAPPE_BENCH/sites/apps.txt" || as_bench_user sh -c "printf '\n%s\n' $APP >> '$FRAPPE_BENCH/sites/apps.txt' && sed -i '/^$/d' '$FRAPPE_BENCH/sites/apps.txt'"
	# Editable install: pulls `holidays` in and keeps the import path pointing at the link.
	as_bench_user "$FRAPPE_BENCH/env/bin/python" -m pip install --quiet --disable-pip-version-check -e "$target"
}

# One phase of scripts/lifecycle_check.py ($1 the site, $2 the phase), as the bench's owner, from the copy
# link_checkout put in the bench: the owner may not be able to read this checkout (a CI clone as root).
lifecycle_check() {
	(cd "$FRAPPE_BENCH/sites" && as_bench_user ../env/bin/python "$FRAPPE_BENCH/apps/$APP/scripts/lifecycle_check.py" "$@")
}

# What the Frappe suite needs beyond the app: bench installs dev dependencies only in developer mode.
install_test_requirements() {
	as_bench_user "$FRAPPE_BENCH/env/bin/python" -m pip install --quiet --disable-pip-version-check \
		"freezegun~=1.2.2" "hypothesis>=6.100"
}

# A fresh site with this app installed. $1: site name; $2: 1 for developer mode.
make_site() {
	local site=$1
	ensure_db_admin
	frappe_cli new-site "$site" --force --admin-password admin \
		--db-root-username "$DB_ROOT_USER" --db-root-password "$DB_ROOT_PASSWORD" >/dev/null
	frappe_cli --site "$site" set-config allow_tests true >/dev/null
	# The suite makes a user per role and per case of its own, more than the platform's 60 an hour.
	frappe_cli --site "$site" set-config --parse throttle_user_limit 1000 >/dev/null
	frappe_cli --site "$site" install-app "$APP"
}
