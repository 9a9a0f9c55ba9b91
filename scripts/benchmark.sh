#!/usr/bin/env bash
# Builds in Release and runs the speed benchmarks on a synthetic data set of 10,000 incidents,
# 500,000 timeline events and 100,000 actions (created once under artifacts/bench/, then reused).
set -euo pipefail
cd "$(dirname "$0")/.."
export UseSharedCompilation=false MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 DOTNET_NOLOGO=1
dotnet build -c Release Dashboard/Dashboard.csproj -v q -nologo
dotnet run -c Release --project Dashboard.Benchmarks -- --app Dashboard/bin/Release/net10.0/Dashboard.dll "$@"
