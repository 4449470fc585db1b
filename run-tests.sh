#!/usr/bin/env bash
# Runs the whole test suite against real etcd processes. Installs etcd (Debian's etcd-server) when it is
# missing. Usage: ./run-tests.sh [extra Maven arguments]
set -euo pipefail
cd "$(dirname "$0")"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if ! command -v etcd >/dev/null 2>&1 && [ -z "${ETCD_BINARY:-}" ]; then
  echo "etcd not found: installing Debian's etcd-server package"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq etcd-server >/dev/null
fi

mvn -B -ntp install "$@"
