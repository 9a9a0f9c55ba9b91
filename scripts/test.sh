#!/usr/bin/env bash
# Runs every test (domain, data, component, app host and real-browser) and ends with the line
#   tests: N passed, N failed[, N skipped]
# The data and app-host tests run on SQLite and again on PostgreSQL: this script starts a throwaway
# PostgreSQL (scripts/postgres.sh) for the run and removes it at the end.
# On a fresh Debian machine it first installs what the tests need (Debian's chromium, postgresql and
# prometheus-alertmanager, for the alert ingest end-to-end test, prometheus, for the metrics scrape test, and python3-aiosmtpd, for the mail tests).
set -uo pipefail
cd "$(dirname "$0")/.."

export UseSharedCompilation=false MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "chromium not found: installing Debian's chromium for the browser tests"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null \
    || { echo "could not install chromium"; echo "tests: 0 passed, 1 failed"; exit 1; }
fi

# The Alertmanager end-to-end test runs Debian's prometheus-alertmanager on a loopback port.
if ! command -v prometheus-alertmanager >/dev/null 2>&1 && ! command -v alertmanager >/dev/null 2>&1; then
  echo "prometheus-alertmanager not found: installing Debian's prometheus-alertmanager for the alert ingest test"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq prometheus-alertmanager >/dev/null \
    || { echo "could not install prometheus-alertmanager"; echo "tests: 0 passed, 1 failed"; exit 1; }
fi

# The metrics end-to-end test runs Debian's prometheus on a loopback port, scraping the app's /metrics.
if ! command -v prometheus >/dev/null 2>&1; then
  echo "prometheus not found: installing Debian's prometheus for the metrics scrape test"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq prometheus >/dev/null \
    || { echo "could not install prometheus"; echo "tests: 0 passed, 1 failed"; exit 1; }
fi

# The mail tests run Debian's python3-aiosmtpd as a real SMTP server on a loopback port.
if ! /usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1; then
  echo "aiosmtpd not found: installing Debian's python3-aiosmtpd for the mail tests"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq python3-aiosmtpd >/dev/null \
    || { echo "could not install python3-aiosmtpd"; echo "tests: 0 passed, 1 failed"; exit 1; }
fi

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
