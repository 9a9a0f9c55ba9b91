#!/usr/bin/env bash
# Publishes the app in Release and runs the speed benchmarks on a synthetic data set of 10,000
# incidents, 500,000 timeline events and 100,000 actions (created once under artifacts/bench/,
# then reused), plus one incident of 5,000 events opened in Debian's Chromium.
#   scripts/benchmark.sh --stores   the server-side scenarios on SQLite and on a throwaway
#                                   PostgreSQL (scripts/postgres.sh), side by side in one run
set -euo pipefail
cd "$(dirname "$0")/.."
export UseSharedCompilation=false MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 DOTNET_NOLOGO=1
command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM_PATH:-}" ] || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
if [ "${1:-}" = "--stores" ]; then
  shift
  source scripts/postgres.sh
  trap pg_stop EXIT
  pg_start
  "$(pg_bin)/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres incidentboard_bench
  dotnet run -c Release --project Dashboard.Benchmarks -- --only stores \
    --postgres "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=incidentboard_bench;Command Timeout=600" "$@"
  exit
fi
dotnet publish -c Release Dashboard/Dashboard.csproj -o artifacts/publish -v q -nologo
dotnet run -c Release --project Dashboard.Benchmarks -- --app artifacts/publish/Dashboard.dll "$@"
