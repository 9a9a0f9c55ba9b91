#!/usr/bin/env bash
# Runs every test (domain, data, component, app host and real-browser) and ends with the line
#   tests: N passed, N failed[, N skipped]
# The data and app-host tests run on SQLite and again on PostgreSQL: this script starts a throwaway
# PostgreSQL (scripts/postgres.sh) for the run and removes it at the end.
# On a fresh Debian machine it first installs the Debian packages the tests run for real (below), and
# scripts/postgres.sh installs postgresql.
set -uo pipefail
cd "$(dirname "$0")/.."

export UseSharedCompilation=false MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Installs a Debian package, or ends the run with a failed summary.
install() { # install PACKAGE WHY
  echo "installing Debian's $1 for $2"
  local sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  { [ -n "${apt_updated:-}" ] || $sudo_cmd apt-get update -qq; } && apt_updated=1 \
    && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$1" >/dev/null \
    || { echo "could not install $1"; echo "tests: 0 passed, 1 failed"; exit 1; }
}
need() { # need COMMAND PACKAGE WHY: installs PACKAGE when COMMAND is missing
  command -v "$1" >/dev/null 2>&1 || install "$2" "$3"
}
[ -n "${CHROMIUM_PATH:-}" ] || need chromium chromium "the browser tests"
# The Alertmanager end-to-end test runs Debian's prometheus-alertmanager on a loopback port.
command -v alertmanager >/dev/null 2>&1 || need prometheus-alertmanager prometheus-alertmanager "the alert ingest test"
# The metrics end-to-end test runs Debian's prometheus on a loopback port, scraping the app's /metrics.
need prometheus prometheus "the metrics scrape test"
# The container test builds the image on a local Debian base (scripts/container-image.sh) and runs it.
need podman podman "the container image test"
need skopeo skopeo "the container image test"
need runc runc "the container image test"
need debootstrap debootstrap "the container image test"
need docker-registry docker-registry "the container image test"
# The mail tests run Debian's python3-aiosmtpd as a real SMTP server on a loopback port.
/usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || install python3-aiosmtpd "the mail tests"

source scripts/postgres.sh
trap pg_stop EXIT
pg_start || { echo "could not start PostgreSQL for the tests"; echo "tests: 0 passed, 1 failed"; exit 1; }
export IB_TEST_POSTGRES="$PG_CONNECTION"

results="$(pwd)/TestResults"
rm -rf "$results"
dotnet test IncidentBoard.sln -c Release --logger "trx;LogFileName=results.trx" --results-directory "$results"
status=$?

trx="$results/results.trx"
if [ ! -f "$trx" ]; then
  echo "no test results were written (the build probably failed)"
  echo "tests: 0 passed, 1 failed"
  exit 1
fi
counter() { grep -o "<Counters [^>]*" "$trx" | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*"; }
passed=$(counter passed); failed=$(counter failed); total=$(counter total); executed=$(counter executed)
skipped=$(( total - executed ))
summary="tests: ${passed} passed, ${failed} failed"
[ "$skipped" -gt 0 ] && summary="${summary}, ${skipped} skipped"
echo "$summary"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
