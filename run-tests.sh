#!/usr/bin/env bash
# Runs the whole test suite against real etcd processes. Installs etcd (Debian's etcd-server) when it is
# missing. The Testcontainers tests need a Docker engine: in CI (CI=true) this script installs and starts
# one and builds the local etcd image; elsewhere it does so only when an engine already answers, and those
# tests are skipped, with the reason, when none does.
# Usage: ./run-tests.sh [extra Maven arguments]
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

if [ "${CI:-}" = "true" ] || docker info >/dev/null 2>&1; then
  .ci/docker-etcd-image.sh start
  trap '.ci/docker-etcd-image.sh stop' EXIT
fi

mvn -B -ntp install "$@"
