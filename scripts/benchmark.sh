#!/usr/bin/env bash
# Publishes the app in Release and runs the speed benchmarks on a synthetic data set of 10,000
# incidents, 500,000 timeline events and 100,000 actions (created once under artifacts/bench/,
# then reused), plus one incident of 5,000 events opened in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export UseSharedCompilation=false MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 DOTNET_NOLOGO=1
command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM_PATH:-}" ] || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
dotnet publish -c Release Dashboard/Dashboard.csproj -o artifacts/publish -v q -nologo
dotnet run -c Release --project Dashboard.Benchmarks -- --app artifacts/publish/Dashboard.dll "$@"
