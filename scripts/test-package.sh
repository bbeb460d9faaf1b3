#!/usr/bin/env bash
# The package tested like a new server: a fresh minimal Debian 12 (bookworm) root made with mmdebstrap (cached in
# ~/.cache/prevent-assist between local runs, made anew when CI=true), the .deb installed there with
# `apt-get install ./….deb` (which pulls its declared dependencies), then, inside that root without any Swift
# toolchain: --version of both binaries, the relay's --check on the packaged relay.yaml, kb check, ask --json, a piped chat that raises a concern, concerns verify and show as a lead,
# housekeeping and doctor as the service user with the key as a credential, and `systemd-analyze verify` on the units.
# Needs root (chroot, mounts). Usage: scripts/test-package.sh [DIR_WITH_THE_DEB]   (default: dist)
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
step_started=$SECONDS
step() {
    echo "== package-test $(date -u +%H:%M:%S) (+$((SECONDS - step_started)) s) $*"
    step_started=$SECONDS
}
fail() { echo "package-test: FAILED: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "run as root (it makes a Debian root and chroots into it)"
deb="$(ls -t "${1:-dist}"/prevent-assist_*_amd64.deb 2>/dev/null | head -n 1)"
[ -n "$deb" ] || fail "no prevent-assist_*_amd64.deb in ${1:-dist}: run 'make deb' first"

if ! command -v mmdebstrap >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mmdebstrap >/dev/null
fi

# The bare root: Debian's minbase (essential packages and apt), nothing of ours.
cache="${PREVENT_ASSIST_CACHE:-$HOME/.cache/prevent-assist}"
tarball="$cache/bookworm-minbase.tar"
work="$(mktemp -d /tmp/pa-package-test.XXXXXX)"
root="$work/root"
cleanup() {
    for mount in "$root/dev/pts" "$root/dev" "$root/sys" "$root/proc"; do
        mountpoint -q "$mount" 2>/dev/null && umount -l "$mount"
    done
    rm -rf "$work"
}
trap cleanup EXIT
if [ "${CI:-}" = "true" ] || [ ! -s "$tarball" ]; then
    [ "${CI:-}" = "true" ] && tarball="$work/bookworm-minbase.tar"
    mkdir -p "$(dirname "$tarball")"
    step "making a fresh Debian 12 minbase root with mmdebstrap"
    # The .tar ending tells mmdebstrap to write a tarball; it is renamed into place only once complete.
    partial="${tarball%.tar}.partial.tar"
    mmdebstrap --quiet --variant=minbase bookworm "$partial" \
        "deb http://deb.debian.org/debian bookworm main" \
        "deb http://deb.debian.org/debian bookworm-updates main" \
        "deb http://deb.debian.org/debian-security bookworm-security main"
    mv "$partial" "$tarball"
else
    step "using the cached root $tarball (CI=true makes it anew)"
fi
mkdir -p "$root"
tar -C "$root" -xf "$tarball"
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --rbind /dev "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

step "root ready; installing $(basename "$deb") with apt-get"
cp "$deb" "$root/tmp/"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "/tmp/$(basename "$deb")" >"$work/apt.log" 2>&1 \
    || { cat "$work/apt.log"; fail "apt-get install"; }
grep -E "^(Setting up|prevent-assist:)" "$work/apt.log" | sed 's/^/  /'

step "checks in the root"
# No Swift toolchain there: the binary runs on Debian's packages alone.
if in_root sh -c 'command -v swift || command -v swiftc || ls -d /opt/swift /usr/lib/swift 2>/dev/null'; then
    fail "the root has a Swift toolchain"
fi
echo "  no Swift toolchain in the root (no swift, swiftc, /opt/swift, /usr/lib/swift)"
for executable in prevent-assist prevent-assist-relay; do
    in_root ldd "/usr/bin/$executable" | sed "s/^/  ldd $executable: /"
    in_root ldd "/usr/bin/$executable" | grep -q "not found" && fail "a library $executable needs is missing in the root"
done
# What the package set up.
[ "$(in_root stat -c '%a %U' /var/lib/prevent-assist)" = "700 prevent-assist" ] || fail "/var/lib/prevent-assist"
[ "$(in_root stat -c '%a %U' /etc/prevent-assist/prevent-assist.key)" = "600 root" ] || fail "the key file"
echo "  /var/lib/prevent-assist 700 prevent-assist; /etc/prevent-assist/prevent-assist.key 600 root"

run() {
    echo "  \$ $*"
    in_root "$@" 2>&1 | sed 's/^/    /'
    return "${PIPESTATUS[0]}"
}
run prevent-assist --version
run prevent-assist-relay --version
# The relay as its unit runs it, on the packaged relay.yaml with the secrets its *_env keys name.
relay_environment=(env PREVENT_ASSIST_RELAY_TOKEN=test SLACK_SIGNING_SECRET=test TEAMS_WEBHOOK_SECURITY_TOKEN=dGVzdA==)
run "${relay_environment[@]}" prevent-assist-relay --check --config /etc/prevent-assist/relay.yaml \
    || fail "prevent-assist-relay --check on the packaged relay.yaml"
run prevent-assist kb check

# As root, a lead (cli:root), in a data directory of its own; the key as systemd hands it over.
sed -e 's|^data_dir: .*|data_dir: /root/pa-data|' \
    -e 's|^  safeguarding_leads: \[\]|  safeguarding_leads: ["cli:root"]|' \
    "$root/etc/prevent-assist/prevent-assist.yaml" >"$root/root/test.yaml"
grep -q '"cli:root"' "$root/root/test.yaml" || fail "could not give cli:root a lead role in the test configuration"
install -d -m 0700 "$root/run/pa-credentials"
install -m 0400 "$root/etc/prevent-assist/prevent-assist.key" "$root/run/pa-credentials/prevent-assist.key"
as_lead=(env PREVENT_ASSIST_CONFIG=/root/test.yaml CREDENTIALS_DIRECTORY=/run/pa-credentials)

answer="$(in_root "${as_lead[@]}" prevent-assist ask --json "what is channel")" || fail "ask"
echo "  \$ prevent-assist ask --json \"what is channel\""
cut -c1-400 <<<"$answer" | sed 's/^/    /'
grep -qiE '"(intent|article)" *: *"[^"]*channel' <<<"$answer" || fail "ask did not answer with the Channel article"

chat_input='I want to raise a concern
1
Jo Example 1234567
He showed me a propaganda video
yesterday
seminar room 2
no
2
no one
same
yes
quit'
echo "  \$ prevent-assist chat --user sam   (a concern, piped)"
chat_output="$(in_root "${as_lead[@]}" prevent-assist chat --user sam <<<"$chat_input" 2>&1)" || {
    echo "$chat_output"
    fail "chat"
}
reference="$(grep -oE 'PC-[0-9]{4}-[0-9]{4}' <<<"$chat_output" | head -n 1)"
[ -n "$reference" ] || { echo "$chat_output"; fail "the chat raised no concern"; }
grep -E "PC-[0-9]{4}-[0-9]{4}" <<<"$chat_output" | head -n 3 | sed 's/^/    /'

run "${as_lead[@]}" prevent-assist concerns verify || fail "concerns verify"
run "${as_lead[@]}" prevent-assist concerns list || fail "concerns list"

# As the service runs: its user, the packaged configuration and data directory, the key as a credential.
service_uid="$(in_root id -u prevent-assist)"
install -d -m 0700 -o "$service_uid" "$root/run/pa-service-credentials"
install -m 0400 -o "$service_uid" "$root/etc/prevent-assist/prevent-assist.key" \
    "$root/run/pa-service-credentials/prevent-assist.key"
as_service=(runuser -u prevent-assist -- env CREDENTIALS_DIRECTORY=/run/pa-service-credentials)
run "${as_service[@]}" prevent-assist housekeeping --config /etc/prevent-assist/prevent-assist.yaml \
    --data /var/lib/prevent-assist || fail "housekeeping"
run "${as_service[@]}" prevent-assist doctor --config /etc/prevent-assist/prevent-assist.yaml \
    --data /var/lib/prevent-assist || fail "doctor (service)"
run "${as_lead[@]}" prevent-assist doctor || fail "doctor (lead)"
[ ! -e "$root/var/lib/prevent-assist/prevent-assist.key" ] || fail "a key file was made in the data directory"

step "systemd-analyze verify on the units"
if ! in_root sh -c 'command -v systemd-analyze' >/dev/null; then
    in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq systemd >/dev/null
fi
units=(prevent-assist.service prevent-assist-relay.service prevent-assist-desk.service prevent-assist-housekeeping.service
    prevent-assist-housekeeping.timer)
unit_paths=()
for unit in "${units[@]}"; do unit_paths+=("/lib/systemd/system/$unit"); done
in_root systemd-analyze verify --man=no "${unit_paths[@]}" 2>&1 | tee "$work/verify.log" | sed 's/^/  /'
# Only our units count: the root's own units may draw complaints that are not ours.
if grep -E "prevent-assist" "$work/verify.log"; then fail "systemd-analyze verify found problems in our units"; fi
echo "  systemd-analyze verify: no findings on ${units[*]}"
in_root systemd-analyze security --offline=yes "/lib/systemd/system/prevent-assist.service" 2>/dev/null \
    | tail -n 1 | sed 's/^/  /' || true

step "removing and purging the package (records and key are kept)"
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq prevent-assist >/dev/null
[ -d "$root/var/lib/prevent-assist" ] && [ -e "$root/etc/prevent-assist/prevent-assist.key" ] \
    || fail "purging removed the records or the key"
echo "  purged: /var/lib/prevent-assist and /etc/prevent-assist/prevent-assist.key kept"
step "passed in $((SECONDS - started)) s"
