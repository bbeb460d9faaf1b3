#!/usr/bin/env bash
# synapse.sh: run a throw-away Matrix homeserver (Synapse) on loopback for the
# PreventAssist integration tests. It never federates, binds only 127.0.0.1 and keeps
# everything (venv, config, SQLite DB, logs, PID) in one data directory.
#
# Usage:
#   scripts/synapse.sh start   DIR [PORT]   create venv + config if missing, start, wait until ready
#   scripts/synapse.sh stop    DIR          SIGTERM the recorded PID, SIGKILL after 10 s
#   scripts/synapse.sh restart DIR          stop, then start on the port stored in DIR/port
#   scripts/synapse.sh status  DIR          prints "running PORT" (exit 0) or "stopped" (exit 1)
#   scripts/synapse.sh env     DIR          prints export lines for the tests (URL, DIR, SECRET)
#   scripts/synapse.sh register DIR USER PASSWORD [--admin]   shared-secret registration
#                                           (an existing user is fine); silent on success
#   scripts/synapse.sh token   DIR USER PASSWORD              logs in, prints the access token
#   scripts/synapse.sh unlimit DIR USER     exempts @USER:localhost from rate limits (see below)
#
# PORT defaults to the one stored in DIR/port, else 8448.
# Environment:
#   SYNAPSE_VENV   venv to use instead of DIR/venv (created there if it has no Synapse yet),
#                  e.g. a cached venv shared by several data directories or CI runs.
#   PIP_CACHE_DIR  passed through to pip unchanged. The install takes 40-55 s; to avoid it in CI,
#                  cache the venv itself (SYNAPSE_VENV), which works whatever the index sends.
#
# Files in DIR: venv/, homeserver.yaml (generated once), overrides.yaml (rewritten on every
# start), log.config, shared_secret, port, synapse.pid, synapse.log, homeserver.db,
# harness-admin.password / harness-admin.token (written by "unlimit").
#
# Rate limits: overrides.yaml relaxes the message, registration, room-creation, join, invite
# and login-by-address/account limits, but keeps rc_login.failed_attempts strict
# (0.1/s, burst 3) so the tests can provoke a real HTTP 429 M_LIMIT_EXCEEDED: the 4th wrong
# password in a row for one user answers 429 {"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":~9300}
# with "Retry-After: 10"; Synapse delays each 429 by about 0.5 s, and while the bucket drains
# (about 10 s per attempt) even the correct password gets 429, so use a throw-away user for that.
# A production bot should be exempt from rate limits. An admin does that with
#   POST /_synapse/admin/v1/users/{userId}/override_ratelimit
#        {"messages_per_second":0,"burst_count":0}
# which is what "unlimit" does here: it registers (if needed) the admin user "harness-admin",
# logs it in (token cached in DIR/harness-admin.token) and applies that override. The target
# user must already exist.
#
# Needs: bash, curl, python3 (JSON, HMAC, venv) and openssl. No Docker, no jq.
set -euo pipefail

PROG=${0##*/}
DEFAULT_PORT=8448
SERVER_NAME=localhost
ADMIN_USER=harness-admin

usage() {
    sed -n '/^# Usage:/,/^# Needs:/p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
die() {
    printf '%s: %s\n' "$PROG" "$*" >&2
    exit 1
}
say() { printf '%s: %s\n' "$PROG" "$*" >&2; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
secs() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }

need_tools() {
    local missing=() tool
    for tool in curl python3 openssl; do
        command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        die "missing required tool(s): ${missing[*]} (on Debian: apt-get install -y ${missing[*]})"
    fi
}

# ------------------------------------------------------------------ paths ----
# set_dir DIR [create]: makes DIR absolute and sets the derived paths.
set_dir() {
    local dir=$1
    [ -n "$dir" ] || usage
    if [ "${2:-}" = create ]; then
        mkdir -p "$dir"
    elif [ ! -d "$dir" ]; then
        die "data directory $dir does not exist (run: $PROG start $dir)"
    fi
    DIR=$(cd "$dir" && pwd)
    PIDFILE=$DIR/synapse.pid
    PORTFILE=$DIR/port
    SECRETFILE=$DIR/shared_secret
    LOGFILE=$DIR/synapse.log
    VENV=${SYNAPSE_VENV:-$DIR/venv}
}

check_port() {
    case $1 in
    '' | *[!0-9]*) die "invalid port '$1'" ;;
    esac
    if [ "$1" -lt 1 ] || [ "$1" -gt 65535 ]; then die "invalid port '$1'"; fi
}

stored_port() {
    [ -s "$PORTFILE" ] || return 1
    cat "$PORTFILE"
}

base_url() {
    local port
    port=$(stored_port) || die "no port recorded in $PORTFILE (run: $PROG start $DIR)"
    echo "http://127.0.0.1:$port"
}

# --------------------------------------------------------------- locking ----
# A mkdir lock so that parallel "start"/"stop"/"unlimit" calls on one DIR do not race (two
# "unlimit"s on a fresh DIR would each create the admin with its own password, and all but
# one then fail to log in). A lock left behind by a dead process is taken over.
LOCKDIR=
take_lock() {
    local lock=$DIR/.synapse.lock owner deadline
    deadline=$(($(date +%s) + 300))
    until mkdir "$lock" 2>/dev/null; do
        owner=$(cat "$lock/pid" 2>/dev/null || true)
        if [ -n "$owner" ] && ! kill -0 "$owner" 2>/dev/null; then
            rm -rf "$lock"
            continue
        fi
        [ "$(date +%s)" -lt "$deadline" ] || die "timed out waiting for lock $lock (held by pid ${owner:-?})"
        sleep 0.2
    done
    echo $$ >"$lock/pid"
    LOCKDIR=$lock
    trap release_lock EXIT
}
release_lock() {
    if [ -n "$LOCKDIR" ]; then
        rm -rf "$LOCKDIR"
        LOCKDIR=
    fi
}

# ------------------------------------------------------------------- HTTP ----
# http METHOD URL [TOKEN] [JSON]: sets HTTP_CODE and HTTP_BODY. The JSON body goes through
# stdin so that passwords never appear on a command line.
http() {
    local method=$1 url=$2 token=${3:-} data=${4:-} out
    local args=(-sS -X "$method" --max-time 30 -w '\n%{http_code}')
    [ -n "$token" ] && args+=(-H "Authorization: Bearer $token")
    if [ -n "$data" ]; then
        args+=(-H 'Content-Type: application/json' --data-binary @-)
        out=$(printf '%s' "$data" | curl "${args[@]}" "$url") || die "$method $url: curl failed (is Synapse running? $PROG status $DIR)"
    else
        out=$(curl "${args[@]}" "$url" </dev/null) || die "$method $url: curl failed (is Synapse running? $PROG status $DIR)"
    fi
    HTTP_CODE=${out##*$'\n'}
    HTTP_BODY=${out%$'\n'*}
}

# json_field FIELD: prints a top-level field of the JSON on stdin ("" if absent).
json_field() {
    python3 -c '
import json, sys
try:
    v = json.load(sys.stdin).get(sys.argv[1], "")
except Exception:
    v = ""
print(v if isinstance(v, str) else json.dumps(v))' "$1"
}

urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

mxid() {
    case $1 in
    @*) echo "$1" ;;
    *) echo "@$1:$SERVER_NAME" ;;
    esac
}

# -------------------------------------------------------------- lifecycle ----
# our_pid: prints the recorded PID iff that process is alive and is the Synapse started
# with this DIR's homeserver.yaml (a zombie or a reused PID does not count).
our_pid() {
    local pid
    [ -s "$PIDFILE" ] || return 1
    pid=$(cat "$PIDFILE")
    case $pid in '' | *[!0-9]*) return 1 ;; esac
    [ -r "/proc/$pid/cmdline" ] || return 1
    local args
    args=$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    grep -qxF 'synapse.app.homeserver' <<<"$args" || return 1
    grep -qxF "$DIR/homeserver.yaml" <<<"$args" || return 1
    echo "$pid"
}

# port_in_use PORT: true if anything accepts TCP connections on 127.0.0.1:PORT.
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

ensure_venv() {
    if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import synapse' 2>/dev/null; then
        return 0
    fi
    python3 -c 'import venv, ensurepip' 2>/dev/null ||
        die "python3 cannot create venvs (missing venv/ensurepip; on Debian: apt-get install -y python3-venv)"
    local t0
    t0=$(now_ms)
    say "installing matrix-synapse into $VENV (takes about 40 s without a pip cache)"
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV" || die "python3 -m venv $VENV failed"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check matrix-synapse >&2 ||
        die "pip install matrix-synapse failed (needs PyPI access or a filled PIP_CACHE_DIR)"
    say "installed matrix-synapse $("$VENV/bin/python" -c 'import synapse; print(synapse.__version__)') in $(secs $(($(now_ms) - t0))) s"
}

write_config() {
    local port=$1
    if [ ! -f "$DIR/homeserver.yaml" ]; then
        say "generating base config in $DIR"
        "$VENV/bin/python" -m synapse.app.homeserver --server-name "$SERVER_NAME" \
            --config-path "$DIR/homeserver.yaml" --data-directory "$DIR" \
            --generate-config --report-stats=no >/dev/null ||
            die "generating the Synapse config failed"
    fi
    if [ ! -s "$SECRETFILE" ]; then
        (umask 077 && openssl rand -hex 32 >"$SECRETFILE.tmp") && mv "$SECRETFILE.tmp" "$SECRETFILE"
    fi
    # All logging goes to stderr, which start() appends to DIR/synapse.log.
    cat >"$DIR/log.config" <<'EOF'
version: 1
formatters:
  precise:
    format: '%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - %(request)s - %(message)s'
handlers:
  console:
    class: logging.StreamHandler
    formatter: precise
loggers:
  synapse.storage.SQL:
    level: INFO
root:
  level: INFO
  handlers: [console]
disable_existing_loggers: false
EOF
    # Synapse merges the -c files; top-level keys of later files win, so the generated file
    # keeps the keys and secrets and this one overrides what the tests need.
    (
        umask 077
        cat >"$DIR/overrides.yaml.tmp" <<EOF
# Written by scripts/synapse.sh on every start; edits are lost.
listeners:
  - port: $port
    bind_addresses: ['127.0.0.1']
    type: http
    tls: false
    x_forwarded: false
    resources:
      - names: [client]          # no 'federation' resource
        compress: false
database:
  name: sqlite3
  args:
    database: $DIR/homeserver.db
log_config: $DIR/log.config
registration_shared_secret: "$(cat "$SECRETFILE")"
enable_registration: false
report_stats: false
trusted_key_servers: []          # never contact matrix.org for keys
suppress_key_server_warning: true
federation_domain_whitelist: []  # federate with nobody
federation_sender_instances: []  # no outbound federation sender
presence:
  enabled: false
url_preview_enabled: false
# Rate limits relaxed for tests (the default rc_message of 0.2/s, burst 10, breaks them).
rc_message:            {per_second: 1000, burst_count: 1000}
rc_registration:       {per_second: 1000, burst_count: 1000}
rc_room_creation:      {per_second: 1000, burst_count: 1000}
rc_joins:
  local:               {per_second: 1000, burst_count: 1000}
  remote:              {per_second: 1000, burst_count: 1000}
rc_joins_per_room:     {per_second: 1000, burst_count: 1000}
rc_invites:
  per_room:            {per_second: 1000, burst_count: 1000}
  per_user:            {per_second: 1000, burst_count: 1000}
  per_issuer:          {per_second: 1000, burst_count: 1000}
rc_login:
  address:             {per_second: 1000, burst_count: 1000}
  account:             {per_second: 1000, burst_count: 1000}
  # strict on purpose: the 4th wrong password in a row answers 429 M_LIMIT_EXCEEDED
  failed_attempts:     {per_second: 0.1,  burst_count: 3}
rc_admin_redaction:    {per_second: 1000, burst_count: 1000}
rc_presence:
  per_user:            {per_second: 1000, burst_count: 1000}
EOF
    )
    mv "$DIR/overrides.yaml.tmp" "$DIR/overrides.yaml"
    echo "$port" >"$PORTFILE"
}

do_start() {
    local port=$1 pid running_port
    if pid=$(our_pid); then
        running_port=$(stored_port || echo "?")
        if [ "$running_port" != "$port" ]; then
            die "Synapse for $DIR already runs on port $running_port (pid $pid), not $port; stop it first"
        fi
        say "already running on port $port (pid $pid)"
        return 0
    fi
    rm -f "$PIDFILE"
    if port_in_use "$port"; then
        die "something else is listening on 127.0.0.1:$port; refusing to start (pick another port)"
    fi
    ensure_venv
    write_config "$port"

    local t0 deadline
    t0=$(now_ms)
    deadline=$((t0 + 60000))
    printf '\n===== %s starting Synapse on 127.0.0.1:%s =====\n' "$(date -u +%FT%TZ)" "$port" >>"$LOGFILE"
    nohup "$VENV/bin/python" -m synapse.app.homeserver \
        -c "$DIR/homeserver.yaml" -c "$DIR/overrides.yaml" </dev/null >>"$LOGFILE" 2>&1 &
    pid=$!
    echo "$pid" >"$PIDFILE"

    while :; do
        if curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$port/_matrix/client/versions" 2>/dev/null; then
            break
        fi
        if ! our_pid >/dev/null; then
            rm -f "$PIDFILE"
            say "Synapse (pid $pid) exited during startup; last lines of $LOGFILE:"
            tail -n 40 "$LOGFILE" >&2
            exit 1
        fi
        if [ "$(now_ms)" -ge "$deadline" ]; then
            say "Synapse (pid $pid) did not answer /_matrix/client/versions within 60 s; last lines of $LOGFILE:"
            tail -n 40 "$LOGFILE" >&2
            do_stop >/dev/null 2>&1 || true
            exit 1
        fi
        sleep 0.1
    done
    say "ready on http://127.0.0.1:$port (pid $pid) after $(secs $(($(now_ms) - t0))) s"
}

do_stop() {
    local pid i
    if ! pid=$(our_pid); then
        rm -f "$PIDFILE"
        say "not running"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        our_pid >/dev/null || break
        sleep 0.1
    done
    if our_pid >/dev/null; then
        say "pid $pid still alive after 10 s; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        for ((i = 0; i < 50; i++)); do
            our_pid >/dev/null || break
            sleep 0.1
        done
    fi
    rm -f "$PIDFILE"
    say "stopped (pid $pid)"
}

require_running() {
    our_pid >/dev/null || die "Synapse for $DIR is not running (run: $PROG start $DIR)"
}

# ------------------------------------------------------------------ users ----
# register_user USER PASSWORD admin|notadmin: the shared-secret admin API, which is what
# register_new_matrix_user does:
#   GET  /_synapse/admin/v1/register -> {"nonce": ...}
#   POST /_synapse/admin/v1/register {nonce, username, password, admin, mac}
#   mac = hex(HMAC-SHA1(secret, nonce \0 username \0 password \0 "admin"|"notadmin"))
register_user() {
    local user=$1 pass=$2 kind=$3 base nonce body errcode
    base=$(base_url)
    [ -s "$SECRETFILE" ] || die "no shared secret in $SECRETFILE"
    http GET "$base/_synapse/admin/v1/register"
    [ "$HTTP_CODE" = 200 ] || die "GET /_synapse/admin/v1/register: HTTP $HTTP_CODE $HTTP_BODY"
    nonce=$(json_field nonce <<<"$HTTP_BODY")
    [ -n "$nonce" ] || die "no nonce in $HTTP_BODY"
    body=$(SA_NONCE=$nonce SA_USER=$user SA_PASS=$pass SA_KIND=$kind SA_SECRET_FILE=$SECRETFILE python3 -c '
import hashlib, hmac, json, os
secret = open(os.environ["SA_SECRET_FILE"]).read().strip().encode()
n, u, p, k = (os.environ[v] for v in ("SA_NONCE", "SA_USER", "SA_PASS", "SA_KIND"))
mac = hmac.new(secret, b"\0".join(x.encode() for x in (n, u, p, k)), hashlib.sha1).hexdigest()
print(json.dumps({"nonce": n, "username": u, "password": p, "admin": k == "admin", "mac": mac}))')
    http POST "$base/_synapse/admin/v1/register" "" "$body"
    [ "$HTTP_CODE" = 200 ] && return 0
    errcode=$(json_field errcode <<<"$HTTP_BODY")
    [ "$errcode" = M_USER_IN_USE ] && return 0
    die "registering $user failed: HTTP $HTTP_CODE $HTTP_BODY"
}

# login USER PASSWORD: prints the access token.
login() {
    local user=$1 pass=$2 base body token
    base=$(base_url)
    body=$(SA_USER=$user SA_PASS=$pass python3 -c '
import json, os
print(json.dumps({"type": "m.login.password",
                  "identifier": {"type": "m.id.user", "user": os.environ["SA_USER"]},
                  "password": os.environ["SA_PASS"],
                  "initial_device_display_name": "synapse.sh"}))')
    http POST "$base/_matrix/client/v3/login" "" "$body"
    [ "$HTTP_CODE" = 200 ] || die "login as $user failed: HTTP $HTTP_CODE $HTTP_BODY"
    token=$(json_field access_token <<<"$HTTP_BODY")
    [ -n "$token" ] || die "no access_token in login answer: $HTTP_BODY"
    echo "$token"
}

admin_token() {
    local pwfile=$DIR/$ADMIN_USER.password tokfile=$DIR/$ADMIN_USER.token token pass base
    base=$(base_url)
    if [ -s "$tokfile" ]; then
        token=$(cat "$tokfile")
        http GET "$base/_matrix/client/v3/account/whoami" "$token"
        if [ "$HTTP_CODE" = 200 ]; then
            echo "$token"
            return 0
        fi
    fi
    if [ ! -s "$pwfile" ]; then
        (umask 077 && openssl rand -hex 16 >"$pwfile")
    fi
    pass=$(cat "$pwfile")
    register_user "$ADMIN_USER" "$pass" admin
    token=$(login "$ADMIN_USER" "$pass")
    (umask 077 && echo "$token" >"$tokfile")
    echo "$token"
}

# ------------------------------------------------------------- commands ----
cmd=${1:-}
[ -n "$cmd" ] || usage
shift
case $cmd in -h | --help | help) usage ;; esac
need_tools

case $cmd in
start)
    if [ $# -lt 1 ] || [ $# -gt 2 ]; then usage; fi
    set_dir "$1" create
    take_lock
    port=${2:-$(stored_port || echo "$DEFAULT_PORT")}
    check_port "$port"
    do_start "$port"
    ;;
stop)
    [ $# -eq 1 ] || usage
    set_dir "$1"
    take_lock
    do_stop
    ;;
restart)
    [ $# -eq 1 ] || usage
    set_dir "$1"
    port=$(stored_port) || die "no port recorded in $PORTFILE; use: $PROG start $1 [PORT]"
    take_lock
    do_stop
    do_start "$port"
    ;;
status)
    [ $# -eq 1 ] || usage
    set_dir "$1"
    if our_pid >/dev/null; then
        echo "running $(stored_port || echo '?')"
    else
        echo stopped
        exit 1
    fi
    ;;
env)
    [ $# -eq 1 ] || usage
    set_dir "$1"
    port=$(stored_port) || die "no port recorded in $PORTFILE (run: $PROG start $1)"
    [ -s "$SECRETFILE" ] || die "no shared secret in $SECRETFILE (run: $PROG start $1)"
    printf 'export PREVENT_ASSIST_SYNAPSE_URL=%q\n' "http://127.0.0.1:$port"
    printf 'export PREVENT_ASSIST_SYNAPSE_DIR=%q\n' "$DIR"
    printf 'export PREVENT_ASSIST_SYNAPSE_SECRET=%q\n' "$(cat "$SECRETFILE")"
    ;;
register)
    [ $# -eq 3 ] || { [ $# -eq 4 ] && [ "$4" = --admin ]; } || usage
    set_dir "$1"
    require_running
    kind='notadmin'
    if [ "${4:-}" = --admin ]; then kind='admin'; fi
    register_user "$2" "$3" "$kind"
    ;;
token)
    [ $# -eq 3 ] || usage
    set_dir "$1"
    require_running
    login "$2" "$3"
    ;;
unlimit)
    [ $# -eq 2 ] || usage
    set_dir "$1"
    require_running
    base=$(base_url)
    take_lock # the admin's password and token files are shared by every caller
    admin=$(admin_token)
    release_lock
    target=$(mxid "$2")
    http POST "$base/_synapse/admin/v1/users/$(urlencode "$target")/override_ratelimit" "$admin" \
        '{"messages_per_second":0,"burst_count":0}'
    [ "$HTTP_CODE" = 200 ] || die "override_ratelimit for $target failed: HTTP $HTTP_CODE $HTTP_BODY"
    ;;
*)
    usage
    ;;
esac
