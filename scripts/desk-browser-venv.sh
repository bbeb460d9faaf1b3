#!/usr/bin/env bash
# desk-browser-venv.sh: the Python virtualenv the desk's browser suite (Tests/desk-browser) runs in: Selenium and
# axe-selenium-python (which carries axe-core) from PyPI. Kept between runs on this machine; prints its folder.
# Usage: scripts/desk-browser-venv.sh   (DESK_VENV overrides ~/.cache/prevent-assist/desk-venv)
set -euo pipefail
venv="${DESK_VENV:-$HOME/.cache/prevent-assist/desk-venv}"
requirements="$(cd "$(dirname "$0")/.." && pwd)/Tests/desk-browser/requirements.txt"
stamp="$venv/.requirements"
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$requirements" "$stamp"; then
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" >&2
    cp "$requirements" "$stamp"
fi
echo "$venv"
