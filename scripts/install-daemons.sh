#!/usr/bin/env bash
# Installs the routing daemons that src/verify/configDaemons.test.ts checks the generated router configs
# with, into .daemons/ at the repository root (git-ignored). Idempotent: when everything is in
# place it changes nothing and only prints the versions.
#
#   .daemons/bin/bird1   BIRD 1.6 (Debian package `bird`, unpacked)   -> bird -p -c FILE
#   .daemons/bin/bird2   BIRD 2.0 (Debian package `bird2`, unpacked)  -> bird -p -c FILE
#   .daemons/bin/vtysh   FRR 8.4 (Debian package `frr`, installed)    -> vtysh --dryrun -f FILE
#   .daemons/bin/bgpd    FRR 8.4                                       -> bgpd -C -f FILE
#
# The two BIRD packages conflict with each other, so both are unpacked (dpkg-deb -x) rather than
# installed: no service starts and a system `bird` stays as it is. FRR has many libraries and is
# installed with apt-get, as is libssh-gcrypt-4, the one library BIRD 2's daemon links besides
# libc. Needs Debian or Ubuntu; apt-get install runs as root or through sudo.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="$PWD/.daemons"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

updated=""
apt_update() {
  if [ -z "$updated" ]; then
    $SUDO apt-get update -qq
    updated=1
  fi
}

need=()
{ [ -x /usr/lib/frr/bgpd ] && command -v vtysh >/dev/null 2>&1; } || need+=(frr)
dpkg -s libssh-gcrypt-4 >/dev/null 2>&1 || need+=(libssh-gcrypt-4)
if [ ${#need[@]} -gt 0 ]; then
  echo "install-daemons: apt-get install ${need[*]}"
  apt_update
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# unpack PACKAGE DEST: the package's files under DEST, unless its bird binary is already there.
unpack() {
  local pkg=$1 dest=$2 tmp
  [ -x "$dest/usr/sbin/bird" ] && return 0
  echo "install-daemons: unpacking $pkg into ${dest#"$PWD"/}"
  tmp=$(mktemp -d)
  chmod 777 "$tmp" # apt-get download runs as the _apt user where it can
  if ! (cd "$tmp" && apt-get download -qq "$pkg" 2>/dev/null); then
    apt_update
    (cd "$tmp" && apt-get download -qq "$pkg")
  fi
  rm -rf "$dest"
  mkdir -p "$dest"
  dpkg-deb -x "$tmp/${pkg}"_*.deb "$dest"
  rm -rf "$tmp"
}
unpack bird "$DIR/bird1"
unpack bird2 "$DIR/bird2"

mkdir -p "$DIR/bin"
ln -sfn ../bird1/usr/sbin/bird "$DIR/bin/bird1"
ln -sfn ../bird2/usr/sbin/bird "$DIR/bin/bird2"
ln -sfn "$(command -v vtysh)" "$DIR/bin/vtysh"
ln -sfn /usr/lib/frr/bgpd "$DIR/bin/bgpd"

# Check that each one runs and is the version the tests expect.
"$DIR/bin/bird1" --version 2>&1 | grep -q '^BIRD version 1\.' || { echo "install-daemons: .daemons/bin/bird1 is not BIRD 1.x" >&2; exit 1; }
"$DIR/bin/bird2" --version 2>&1 | grep -q '^BIRD version 2\.' || { echo "install-daemons: .daemons/bin/bird2 is not BIRD 2" >&2; exit 1; }
"$DIR/bin/bgpd" --version 2>&1 | grep -q '^bgpd version ' || { echo "install-daemons: .daemons/bin/bgpd does not run" >&2; exit 1; }
"$DIR/bin/vtysh" --help 2>&1 | grep -q 'shell for FRR' || { echo "install-daemons: .daemons/bin/vtysh does not run" >&2; exit 1; }
echo "install-daemons: $("$DIR/bin/bird1" --version 2>&1 | head -1) (bird1), $("$DIR/bin/bird2" --version 2>&1 | head -1) (bird2), $("$DIR/bin/bgpd" --version 2>&1 | head -1) (FRR)"
