#!/usr/bin/env bash
# Runs the demo application on http://localhost:8080 (Ctrl-C stops it). Installs etcd (Debian's
# etcd-server) when it is missing; the demo starts its own local etcd member unless etcd.endpoints is set.
set -euo pipefail
cd "$(dirname "$0")"

# shellcheck source=.ci/require.sh
. .ci/require.sh
require_etcd

mvn -B -ntp -q install -DskipTests
exec mvn -B -ntp -q -pl samples spring-boot:run "$@"
