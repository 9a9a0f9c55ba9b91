# Sourced by scripts/test.sh and scripts/cluster.sh: a throwaway PostgreSQL from Debian's
# `postgresql` package (installed when missing), in a temp folder, on a free loopback port.
#   pg_start   initdb + start; exports PG_CONNECTION (superuser, database "postgres") and PG_PORT
#   pg_stop    stop and remove the folder (call it from a trap)

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

pg_install() {
  [ -n "$(pg_bin)" ] && return 0
  echo "PostgreSQL not found: installing Debian's postgresql"
  local sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >/dev/null
  [ -n "$(pg_bin)" ]
}

# PostgreSQL refuses to run as root: as root, the server runs as the package's `postgres` user.
pg_as() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  return 1
}

pg_start() {
  pg_install || { echo "could not install postgresql"; return 1; }
  local bin; bin="$(pg_bin)"
  PG_DIR="$(mktemp -d /tmp/ib-pg.XXXXXX)"
  chmod 755 "$PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DIR"
  PG_PORT="$(pg_free_port)" || { echo "no free port for PostgreSQL"; return 1; }
  pg_as "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log"; return 1; }
  # Throwaway data: durability off (fsync, full pages) makes tests and benchmarks of our SQL, not of the disk.
  pg_as "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
    start >/dev/null || { cat "$PG_DIR/server.log"; return 1; }
  export PG_PORT
  export PG_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
  echo "PostgreSQL $(pg_as "$bin/pg_ctl" --version | grep -o '[0-9][0-9.]*' | head -1) on 127.0.0.1:$PG_PORT ($PG_DIR)"
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ] || return 0
  pg_as "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$PG_DIR"
  PG_DIR=""
}
