#!/usr/bin/env bash
# Tries the multi-instance set-up on one machine, all on loopback: a throwaway PostgreSQL, two app
# instances on it and nginx in front (deploy/nginx.conf: sticky ip_hash, WebSocket upgrade).
# It prints the URL and the owner's sign-in; Ctrl+C stops everything and removes the data.
# PostgreSQL and nginx come from Debian's packages and are installed when missing.
set -uo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
export UseSharedCompilation=false MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
source scripts/postgres.sh

work="$(mktemp -d /tmp/ib-cluster.XXXXXX)"
apps=()
cleanup() {
  trap - EXIT INT TERM
  echo "stopping"
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
  for pid in "${apps[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${apps[@]}"; do wait "$pid" 2>/dev/null; done
  pg_stop
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "nginx not found: installing Debian's nginx-light"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq nginx-light >/dev/null || { echo "could not install nginx"; exit 1; }
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

pg_start || exit 1
"$(pg_bin)/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres incidentboard || exit 1
database="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=incidentboard"

dotnet build -c Release Dashboard 2>&1 | grep -E " error |Elapsed" | sort -u
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "the build failed"; exit 1; }

password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=' | head -c 20)"
ports=()
for n in 1 2; do
  port="$(pg_free_port)"; ports+=("$port")
  # Both start at once on the empty database: one migrates and seeds, the other waits and finds it done.
  ASPNETCORE_ENVIRONMENT=Development Database__Provider=PostgreSQL ConnectionStrings__IncidentBoard="$database" \
  Bootstrap__OwnerEmail=owner@example.com Bootstrap__OwnerPassword="$password" Bootstrap__OwnerName="Olivia Owner" \
    dotnet "$root/Dashboard/bin/Release/net10.0/Dashboard.dll" --contentRoot "$root/Dashboard" --urls "http://127.0.0.1:$port" \
    >"$work/app$n.log" 2>&1 &
  apps+=($!)
done
for n in 0 1; do
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:${ports[$n]}/healthz" >/dev/null 2>&1 && break
    kill -0 "${apps[$n]}" 2>/dev/null || { echo "instance $((n + 1)) stopped:"; tail -20 "$work/app$((n + 1)).log"; exit 1; }
    sleep 1
  done
done

listen="$(pg_free_port)"
mkdir -p "$work/nginx"
# The sample as it is, with this run's ports, and its logs and temp files in the work folder.
sed -e "s/127.0.0.1:5001/127.0.0.1:${ports[0]}/; s/127.0.0.1:5002/127.0.0.1:${ports[1]}/; s/127.0.0.1:8080/127.0.0.1:$listen/" \
    -e "s#^http {#http {\n    access_log $work/nginx/access.log;\n    client_body_temp_path $work/nginx/body;\n    proxy_temp_path $work/nginx/proxy;\n    fastcgi_temp_path $work/nginx/fastcgi;\n    uwsgi_temp_path $work/nginx/uwsgi;\n    scgi_temp_path $work/nginx/scgi;#" \
    deploy/nginx.conf >"$work/nginx.conf"
"$nginx_bin" -p "$work/nginx" -c "$work/nginx.conf" -g "pid $work/nginx.pid; error_log $work/nginx/error.log;" || exit 1

echo
echo "IncidentBoard on two instances behind nginx: http://127.0.0.1:$listen"
echo "  instances: http://127.0.0.1:${ports[0]} and http://127.0.0.1:${ports[1]} (logs in $work)"
echo "  sign in as owner@example.com with the password $password"
echo "Ctrl+C stops everything."
wait "${apps[@]}"
