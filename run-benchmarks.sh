#!/usr/bin/env bash
# Runs this client and jetcd side by side against a local etcd and writes benchmarks/results/latest.md.
# Installs etcd (Debian's etcd-server) when it is missing, builds with the benchmarks profile, waits (a
# bounded time) for a quiet machine, then runs. Usage:
#   ./run-benchmarks.sh                 # every section, under 10 minutes
#   ./run-benchmarks.sh kv startup      # some sections: kv fsync cache async watch watches startup footprint
#                                       # http solo config (cache: reads from memory; async: one thread, 64
#                                       # in flight; probes, not in the default set: watchpath fsynccount)
# Settings (environment): BENCH_ROUNDS (3), BENCH_SECONDS (2), BENCH_MAX_WAIT (seconds to wait for a load
# average below BENCH_QUIET_LOAD (1.0); default 180), BENCH_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")"

# shellcheck source=.ci/require.sh
. .ci/require.sh
require_etcd

footprint=benchmarks/footprint
modules=benchmarks
for name in core core-hc5 jetcd web web-etcd web-jetcd; do
  modules="$modules,$footprint/$name"
done
echo "Building (profile benchmarks)..."
mvn -B -q -ntp -Pbenchmarks -DskipTests -pl "$modules" -am package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
if [[ " $* " == *" http "* ]]; then
  # Reactor Netty needs Boot's Netty, jetcd the one its Vert.x was built for: the HTTP client comparison runs on a class path of its own
  mvn -B -q -ntp -Pbenchmarks -Dreactor -DskipTests -pl benchmarks -am package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath-reactor.txt
  classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath-reactor.txt)"
  extra=(-Dbench.http.clients="${BENCH_HTTP_CLIENTS:-jdk,hc5,jetty,reactor}")
else
  classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
  extra=()
fi

quiet="${BENCH_QUIET_LOAD:-1.0}"
waited=0
while awk -v q="$quiet" '{ exit !($1 >= q) }' /proc/loadavg && [ "$waited" -lt "${BENCH_MAX_WAIT:-180}" ]; do
  [ "$waited" -eq 0 ] && echo "Load average $(cut -d' ' -f1-3 /proc/loadavg): waiting up to ${BENCH_MAX_WAIT:-180} s for it to fall below $quiet"
  sleep 10
  waited=$((waited + 10))
done

properties=(-Dbench.rounds="${BENCH_ROUNDS:-3}" -Dbench.seconds="${BENCH_SECONDS:-2}"
  -Dbench.out=benchmarks/results/latest.md -Dbench.jetcd=0.8.6 -Dbench.classes=benchmarks/target/classes)
for name in core core-hc5 jetcd web web-etcd web-jetcd; do
  properties+=(-Dbench.cp.$name="$(cat $footprint/$name/target/classpath.txt)")
done
# shellcheck disable=SC2086
exec java -Xms1g -Xmx1g ${BENCH_JAVA_OPTS:-} "${properties[@]}" "${extra[@]}" -cp "$classpath" \
  dev.etcdboot.bench.Benchmarks "$@"
