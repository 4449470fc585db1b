# Sourced by the set-up scripts: installs the Debian packages that bring missing programs, and says which.
#
#   require PROGRAM PACKAGE [PROGRAM PACKAGE ...]
#       installs, in one apt-get call, the package of every PROGRAM that is not on the PATH, then checks
#       that each PROGRAM is there; fails naming the program and its package when it is not.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "Needs root to run: $*" >&2
    return 1
  fi
}

require() {
  local packages=() wanted=("$@") i
  for ((i = 0; i < ${#wanted[@]}; i += 2)); do
    command -v "${wanted[i]}" >/dev/null 2>&1 || packages+=("${wanted[i + 1]}")
  done
  if [ ${#packages[@]} -gt 0 ]; then
    echo "Installing Debian packages: ${packages[*]}"
    if ! as_root apt-get update -qq || \
      ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null; then
      echo "Could not install ${packages[*]}: install them with 'apt-get install ${packages[*]}' and run again" >&2
      return 1
    fi
  fi
  for ((i = 0; i < ${#wanted[@]}; i += 2)); do
    if ! command -v "${wanted[i]}" >/dev/null 2>&1; then
      echo "'${wanted[i]}' is still missing: it comes with Debian's package ${wanted[i + 1]} ('apt-get install ${wanted[i + 1]}')" >&2
      return 1
    fi
  done
}

# etcd and etcdctl come from two Debian packages; ETCD_BINARY (a user's own etcd) makes the server optional.
require_etcd() {
  if [ -n "${ETCD_BINARY:-}" ]; then
    if [ ! -x "$ETCD_BINARY" ]; then
      echo "ETCD_BINARY=$ETCD_BINARY is not an executable file" >&2
      return 1
    fi
    return 0
  fi
  require etcd etcd-server
}

# The network-fault tests run etcd members in network namespaces: ip and tc (iproute2) build and throttle
# them, nft (nftables) drops packets. Without them (or without root) those tests fail in CI and are
# skipped elsewhere, with the reason.
require_network_tools() {
  require ip iproute2 tc iproute2 nft nftables
}
