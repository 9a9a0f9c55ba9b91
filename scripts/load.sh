#!/usr/bin/env bash
# Pages under concurrent load (see docs/development.md, "Speed under load"): publishes the app, then on the synthetic
# data set of 10,000 incidents runs wrk (16 connections) against each page with /status as the
# yardstick in the same run, and prints the ratio table. Installs Debian's wrk and chromium when missing.
# scripts/load.sh --telemetry instead measures /incidents with OTLP export off and on (to a local OTLP/HTTP
# sink), alternating in the same run, and prints the on/off ratio.
# scripts/load.sh --status-pages floods a public status page with wrk -c256 against a static file of about its size,
# at rest and while the incident is updated every second, and then (on a throwaway PostgreSQL from scripts/postgres.sh)
# with the app's database stopped.
# scripts/load.sh --mail publishes status updates to a public page with 10,000 confirmed subscribers and times the
# page, its JSON and feed, and the mail handed to a real SMTP server (Debian's python3-aiosmtpd) against MailKit alone.
set -euo pipefail
cd "$(dirname "$0")/.."
export UseSharedCompilation=false MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 DOTNET_NOLOGO=1
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM_PATH:-}" ] || missing+=(chromium)
/usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
dotnet publish -c Release Dashboard/Dashboard.csproj -o artifacts/publish -v q -nologo
only=load
if [ "${1:-}" = "--telemetry" ]; then only=telemetry; shift; fi
if [ "${1:-}" = "--status-pages" ]; then only=status; shift; fi
if [ "${1:-}" = "--mail" ]; then only=mail; shift; fi
extra=()
if [ "$only" = status ]; then
  source scripts/postgres.sh
  pg_start >/dev/null
  trap pg_stop EXIT
  extra=(--postgres "$PG_CONNECTION")
fi
dotnet run -c Release --project Dashboard.Benchmarks -- --app artifacts/publish/Dashboard.dll --only "$only" "${extra[@]}" "$@"
