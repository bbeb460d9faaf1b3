#!/usr/bin/env bash
# desk-browser-tests.sh: the safeguarding desk's browser suite (Tests/desk-browser) against the debug binary, in
# Debian's chromium through chromium-driver. Under CI=true a missing browser is a failure, never a skip.
# Usage: scripts/desk-browser-tests.sh   (DESK_BINARY, DESK_SCREENSHOTS as in Tests/desk-browser/test_desk.py)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    # Like the build's own packages: installed when this user may (root or password-less sudo).
    scripts/install-deps.sh chromium chromium-driver || true
fi
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    if [ "${CI:-}" = true ]; then
        echo "error: chromium and chromium-driver are needed for the desk's browser suite (apt-get install -y chromium chromium-driver)" >&2
        exit 1
    fi
    echo "desk browser suite NOT RUN: chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)" >&2
    exit 0
fi
export DESK_BINARY="${DESK_BINARY:-$PWD/.build/debug/prevent-assist}"
venv="$(scripts/desk-browser-venv.sh)"
exec "$venv/bin/python" Tests/desk-browser/test_desk.py
