#!/usr/bin/env bash
# Runs the whole test suite against real etcd processes. Installs etcd (Debian's etcd-server) and chromium
# (the demo page's test drives a headless one) when they are missing. The Testcontainers tests need a Docker
# engine: in CI (CI=true) this script installs and starts one and builds the local etcd image; elsewhere it
# does so only when an engine already answers, and those tests are skipped, with the reason, when none does.
# The network-fault tests need root, iproute2 and nftables: in CI this script installs the packages;
# elsewhere those tests are skipped, with the reason, when something is missing.
# Usage: ./run-tests.sh [extra Maven arguments]
set -euo pipefail
cd "$(dirname "$0")"

# shellcheck source=.ci/require.sh
. .ci/require.sh
require_etcd
require chromium chromium
if [ "${CI:-}" = "true" ]; then
  require_network_tools
fi

if [ "${CI:-}" = "true" ] || docker info >/dev/null 2>&1; then
  # the trap comes first: a dockerd started by a 'start' that then fails is stopped too
  trap '.ci/docker-etcd-image.sh stop' EXIT
  .ci/docker-etcd-image.sh start
fi

mvn -B -ntp install "$@"
