#!/usr/bin/env bash
# Builds the IncidentBoard container image as an OCI archive with the .NET SDK (no Docker daemon):
#   scripts/container-image.sh                 Microsoft's chiseled ASP.NET base, pulled from mcr.microsoft.com
#   scripts/container-image.sh --local-base    a Debian bookworm base made here, for machines that cannot
#                                              reach mcr.microsoft.com (ours cannot)
# Options: --output FILE (default artifacts/incidentboard.tar.gz), --no-build (reuse the Release build).
#
# --local-base makes the base with debootstrap from Debian's mirror, adds this machine's ASP.NET Core
# runtime and the non-root user `app` (uid 1654, as in Microsoft's images), and serves it from a
# throwaway registry (Debian's docker-registry) on a loopback port, because the SDK takes its base
# image from a registry only. The base's root file system is cached under
# ${XDG_CACHE_HOME:-~/.cache}/incidentboard, keyed by the runtime version; everything else is removed.
# Needs: debootstrap, podman, docker-registry (Debian packages; scripts/test.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."

output="$(pwd)/artifacts/incidentboard.tar.gz"
local_base=false
build_flag=()
while [ $# -gt 0 ]; do
  case "$1" in
    --local-base) local_base=true ;;
    --no-build) build_flag=(--no-build) ;;
    --output) output="$(realpath -m "$2")"; shift ;;
    *) echo "unknown option: $1 (use --local-base, --no-build, --output FILE)" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$(dirname "$output")"

export UseSharedCompilation=false MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 DOTNET_NOLOGO=1
publish=(dotnet publish Dashboard -c Release -t:PublishContainer "${build_flag[@]}" -p:ContainerArchiveOutputPath="$output")

if [ "$local_base" = false ]; then
  "${publish[@]}"
  exit
fi

dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
runtime="$(ls "$dotnet_root/shared/Microsoft.AspNetCore.App" | sort -V | tail -1)"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/incidentboard/container-base-$runtime"
work="$(mktemp -d -t ib-container-XXXXXX)"
registry_pid=""
cleanup() {
  set +e
  [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null && wait "$registry_pid" 2>/dev/null
  podman rmi -f "localhost/incidentboard-base:$runtime" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ ! -f "$cache/rootfs.tar" ]; then
  echo "making a Debian bookworm base with ASP.NET Core $runtime (debootstrap, about a minute)"
  rootfs="$work/rootfs"
  debootstrap --variant=minbase --include=libicu72,libssl3,ca-certificates,tzdata bookworm "$rootfs" \
    http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  mkdir -p "$rootfs/usr/share/dotnet/shared" "$rootfs/data"
  cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$rootfs/usr/share/dotnet/"
  cp -a "$dotnet_root/shared/Microsoft.NETCore.App" "$dotnet_root/shared/Microsoft.AspNetCore.App" "$rootfs/usr/share/dotnet/shared/"
  ln -sf /usr/share/dotnet/dotnet "$rootfs/usr/bin/dotnet"
  chroot "$rootfs" groupadd -g 1654 app
  chroot "$rootfs" useradd -u 1654 -g 1654 -d /app -M app
  chown 1654:1654 "$rootfs/data"
  rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc "$rootfs"/usr/share/man
  mkdir -p "$cache"
  tar -C "$rootfs" -cf "$cache/rootfs.tar.part" . && mv "$cache/rootfs.tar.part" "$cache/rootfs.tar"
fi

podman import --change 'ENV DOTNET_RUNNING_IN_CONTAINER=true' "$cache/rootfs.tar" "localhost/incidentboard-base:$runtime" >/dev/null

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cat >"$work/registry.yml" <<EOF
version: 0.1
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$port
EOF
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.2; done
podman push -q --tls-verify=false "localhost/incidentboard-base:$runtime" "docker://127.0.0.1:$port/incidentboard-base:$runtime"

# The SDK talks plain HTTP to a registry named localhost.
"${publish[@]}" -p:ContainerBaseImage="localhost:$port/incidentboard-base:$runtime"
