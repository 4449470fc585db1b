#!/usr/bin/env bash
# Runs the demo application on http://localhost:8080 (Ctrl-C stops it). Installs etcd (Debian's
# etcd-server) when it is missing; the demo starts its own local etcd member unless etcd.endpoints is set.
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

mvn -B -ntp -q install -DskipTests
exec mvn -B -ntp -q -pl samples spring-boot:run "$@"
