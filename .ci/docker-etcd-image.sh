#!/usr/bin/env bash
# Docker for the Testcontainers tests (DESIGN.md section 7): a reachable engine and the image local/etcd:3.4,
# made from Debian's etcd binary (it links only libc) without any registry.
#
#   .ci/docker-etcd-image.sh start   installs docker.io and etcd-server when missing, starts dockerd when no
#                                    engine answers, builds local/etcd:3.4 when missing or made from another
#                                    etcd binary
#   .ci/docker-etcd-image.sh stop    stops the dockerd that 'start' started, and nothing else
#
# Idempotent: 'start' twice starts one engine and builds one image; 'stop' without 'start' does nothing.
# The tests then run with TESTCONTAINERS_RYUK_DISABLED=true and TESTCONTAINERS_HOST_OVERRIDE=localhost
# (set by the Maven build) and close their own containers.
set -euo pipefail

IMAGE=local/etcd:3.4
STATE_DIR=${ETCDBOOT_DOCKER_STATE:-/tmp/etcdboot-docker}
PID_FILE=$STATE_DIR/dockerd.pid

# shellcheck source=require.sh
. "$(dirname "$0")/require.sh"

engine_answers() {
  docker info >/dev/null 2>&1
}

install_missing() {
  # the image holds etcd and etcdctl, as the official image does; Debian ships them in two packages
  require dockerd docker.io etcd etcd-server etcdctl etcd-client
}

start_engine() {
  if engine_answers; then
    return
  fi
  mkdir -p "$STATE_DIR"
  echo "Starting dockerd (log: $STATE_DIR/dockerd.log)"
  rm -f "$PID_FILE"
  as_root dockerd --pidfile "$PID_FILE" >"$STATE_DIR/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 1 60); do
    if engine_answers; then
      return
    fi
    sleep 0.5
  done
  echo "dockerd did not answer within 30 s; its log:" >&2
  tail -n 30 "$STATE_DIR/dockerd.log" >&2
  stop_engine
  exit 1
}

build_image() {
  local etcd_binary etcdctl_binary source_sum built_sum root
  etcd_binary=$(command -v etcd)
  etcdctl_binary=$(command -v etcdctl)
  source_sum=$(cat "$etcd_binary" "$etcdctl_binary" | sha256sum | cut -d' ' -f1)
  built_sum=$(docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$IMAGE" 2>/dev/null \
    | sed -n 's/^IMAGE_SOURCE_SHA256=//p' || true)
  if [ "$built_sum" = "$source_sum" ]; then
    echo "$IMAGE is up to date"
    return
  fi
  echo "Building $IMAGE from $etcd_binary"
  root=$(mktemp -d)
  trap 'rm -rf "$root"' RETURN
  mkdir -p "$root/usr/bin" "$root/lib/x86_64-linux-gnu" "$root/lib64" "$root/tmp" "$root/var/lib/etcd" "$root/etc"
  cp "$etcd_binary" "$etcdctl_binary" "$root/usr/bin/"
  cp -L /lib/x86_64-linux-gnu/libc.so.6 "$root/lib/x86_64-linux-gnu/"
  cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
  chmod 1777 "$root/tmp"
  echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
  tar -C "$root" -c . | docker import \
    -c 'ENTRYPOINT ["/usr/bin/etcd"]' -c 'EXPOSE 2379 2380' -c "ENV IMAGE_SOURCE_SHA256=$source_sum" \
    - "$IMAGE" >/dev/null
}

stop_engine() {
  if [ ! -f "$PID_FILE" ]; then
    return
  fi
  local pid
  pid=$(cat "$PID_FILE")
  if kill -0 "$pid" 2>/dev/null && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "dockerd" ]; then
    echo "Stopping dockerd ($pid)"
    as_root kill -TERM "$pid"
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
  fi
  rm -f "$PID_FILE"
}

case "${1:-start}" in
  start)
    install_missing
    start_engine
    build_image
    ;;
  stop)
    stop_engine
    ;;
  *)
    echo "Usage: $0 [start|stop]" >&2
    exit 2
    ;;
esac
