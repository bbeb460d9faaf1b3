#!/usr/bin/env bash
# Builds prevent-assist_<version>_amd64.deb with dpkg-deb from a release build (`make release`), and checks that the
# binaries (the bot's `prevent-assist` and the relay's `prevent-assist-relay`) need nothing from the Swift toolchain at
# run time. Its Depends come from dpkg-shlibdeps (the Debian packages
# of the shared libraries the binaries load) plus ca-certificates (TLS to the chat platforms).
# Usage: scripts/build-deb.sh [RELEASE_BUILD_DIR [OUTPUT_DIR]]   (defaults: .build-release/release, dist)
set -euo pipefail
cd "$(dirname "$0")/.."

build="${1:-.build-release/release}"
out="${2:-dist}"
version_file=Sources/CommandLineSupport/ProductVersion.swift
version="$(sed -n 's/.*static let version = "\(.*\)".*/\1/p' "$version_file")"
binary="$build/prevent-assist"
relay_binary="$build/prevent-assist-relay"
bundle="$build/prevent-assist_PreventAssistContent.resources"
desk_bundle="$build/prevent-assist_SafeguardingDesk.resources"
package="prevent-assist_${version}_amd64"

fail() { echo "build-deb: $*" >&2; exit 1; }
[ -n "$version" ] || fail "no version in $version_file"
[ -x "$binary" ] || fail "no release binary at $binary: run 'make release' first"
[ -x "$relay_binary" ] || fail "no release relay binary at $relay_binary: run 'make release' first"
[ -d "$bundle/intents" ] || fail "no content bundle at $bundle"
[ -d "$desk_bundle/Templates" ] || fail "no desk bundle (templates) at $desk_bundle"

# Self-contained: no library from the toolchain, none missing.
toolchain="$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")"
for executable in "$binary" "$relay_binary"; do
    if ldd "$executable" | grep -e "$toolchain" -e "not found"; then
        fail "$executable loads libraries from the toolchain ($toolchain) or misses some (above)"
    fi
done

stage="$(mktemp -d /tmp/prevent-assist-deb.XXXXXX)"
trap 'rm -rf "$stage"' EXIT
root="$stage/$package"
install -d -m 0755 "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/prevent-assist" \
    "$root/usr/share/doc/prevent-assist/examples" "$root/etc/prevent-assist" "$root/lib/systemd/system"

install -m 0755 "$binary" "$root/usr/bin/prevent-assist"
strip --strip-unneeded "$root/usr/bin/prevent-assist"
# The relay alone, for the DMZ host (prevent-assist-relay.service runs it).
install -m 0755 "$relay_binary" "$root/usr/bin/prevent-assist-relay"
strip --strip-unneeded "$root/usr/bin/prevent-assist-relay"

# The shipped content, where the installed binary looks for it (/usr/bin/../share/prevent-assist).
cp -R "$bundle/." "$root/usr/share/prevent-assist/"
# The desk's templates, stylesheet and common-password list (/usr/bin/../share/prevent-assist/desk).
install -d -m 0755 "$root/usr/share/prevent-assist/desk"
cp -R "$desk_bundle/." "$root/usr/share/prevent-assist/desk/"

# Configuration (conffiles): the example with the packaged data directory, and the relay's example.
sed 's|^# data_dir: ./data$|data_dir: /var/lib/prevent-assist|' prevent-assist.example.yaml \
    >"$root/etc/prevent-assist/prevent-assist.yaml"
grep -q '^data_dir: /var/lib/prevent-assist$' "$root/etc/prevent-assist/prevent-assist.yaml" \
    || fail "prevent-assist.example.yaml no longer has the '# data_dir: ./data' line this script fills in"
install -m 0644 relay.example.yaml "$root/etc/prevent-assist/relay.yaml"
printf '%s\n' /etc/prevent-assist/prevent-assist.yaml /etc/prevent-assist/relay.yaml >"$root/DEBIAN/conffiles"

install -m 0644 packaging/systemd/*.service packaging/systemd/*.timer "$root/lib/systemd/system/"

doc="$root/usr/share/doc/prevent-assist"
install -m 0644 packaging/copyright "$doc/copyright"
sed "s/@VERSION@/$version/" packaging/changelog | gzip -9n >"$doc/changelog.gz"  # a native package: changelog.gz
install -m 0644 README.md docs/deployment.md docs/deployment-relay.md docs/concerns.md docs/security.md docs/desk.md "$doc/"
install -m 0644 prevent-assist.example.yaml relay.example.yaml "$doc/examples/"

find "$root" -path "$root/DEBIAN" -prune -o -type d -exec chmod 0755 {} +
find "$root/usr/share" "$root/etc" "$root/lib" -type f -exec chmod 0644 {} +

for script in postinst prerm postrm; do
    install -m 0755 "packaging/debian/$script" "$root/DEBIAN/$script"
done

# Depends: the packages of the shared libraries the binaries load, as Debian's own tool works them out.
mkdir -p "$stage/shlibs/debian"
printf 'Source: prevent-assist\n\nPackage: prevent-assist\nArchitecture: amd64\n' >"$stage/shlibs/debian/control"
shlibs="$(cd "$stage/shlibs" && dpkg-shlibdeps -O -e"$root/usr/bin/prevent-assist" \
    -e"$root/usr/bin/prevent-assist-relay" 2>/dev/null)"
depends="${shlibs#shlibs:Depends=}, ca-certificates"
[ -n "${shlibs#shlibs:Depends=}" ] || fail "dpkg-shlibdeps found no dependencies"

size="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$size/" -e "s/@DEPENDS@/$depends/" \
    packaging/debian/control.in >"$root/DEBIAN/control"
(cd "$root" && find . -path ./DEBIAN -prune -o -path ./etc -prune -o -type f -print | sed 's|^\./||' | LC_ALL=C sort \
    | xargs -d '\n' md5sum) >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/conffiles" "$root/DEBIAN/md5sums"

mkdir -p "$out"
dpkg-deb --root-owner-group -Zxz --build "$root" "$out/$package.deb" >/dev/null
echo "build-deb: $out/$package.deb ($(du -k "$out/$package.deb" | cut -f1) KiB; binary $(du -k "$root/usr/bin/prevent-assist" | cut -f1) KiB and relay $(du -k "$root/usr/bin/prevent-assist-relay" | cut -f1) KiB stripped, installed $size KiB)"
echo "build-deb: Depends: $depends"
