#!/usr/bin/env python3
"""Load benchmark for `prevent-assist serve` against a real Synapse on loopback (issue #6).

N staff users (default 50) each open a direct room with the bot and ask M questions (default 10) one after another,
all users at once. Every user waits for the bot's reply to each question (an m.notice whose m.in_reply_to names the
question) before asking the next. Reports, as one JSON object:

- the bot's own time per message, from its debug log: `handle_ms` (duplicate check + assistant + one SQLite
  transaction) and `reply_ms` (poll returned -> last reply acknowledged by Synapse, so it includes earlier messages of
  the same batch and Synapse's send round trips);
- end-to-end latency seen by the users (question sent -> reply seen in their /sync), which is mostly Synapse;
- sustained throughput (answered questions per second over the whole run);
- lost answers (no reply within 60 s) and duplicate answers (two bot replies to one question), from each room's history.

Usage: bench/matrix-load.py SYNAPSE_DIR BINARY [--users 50] [--messages 10]
SYNAPSE_DIR is a running homeserver started by `scripts/synapse.sh start DIR`. Standard library only.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYNAPSE = os.path.join(ROOT, "scripts", "synapse.sh")
QUESTIONS = [
    "what is channel?",
    "what is the prevent duty",
    "who is our prevent lead",
    "can students invite external speakers",
    "what happens after a referral",
    "how do I share information about a student",
    "what training do staff need",
    "what are signs of radicalisation",
    "is it true prevent targets muslims",
    "what does the OfS monitor",
]


def script(*args):
    return subprocess.run([SYNAPSE, *args], check=True, capture_output=True, text=True).stdout.strip()


class Client:
    def __init__(self, base, token=None):
        self.base, self.token = base, token

    def call(self, method, path, body=None, timeout=90):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", "Bearer " + self.token)
        for attempt in range(20):
            try:
                with urllib.request.urlopen(request, timeout=timeout) as response:
                    return json.loads(response.read() or b"{}")
            except urllib.error.HTTPError as error:
                if error.code == 429:
                    time.sleep(json.loads(error.read() or b"{}").get("retry_after_ms", 500) / 1000)
                    continue
                raise
        raise RuntimeError("rate limited 20 times: " + path)


def synapse_version(base):
    """The homeserver's version from Synapse's admin-free version endpoint, or "" when it does not say."""
    try:
        with urllib.request.urlopen(base + "/_synapse/admin/v1/server_version", timeout=5) as response:
            return json.loads(response.read()).get("server_version", "")
    except (urllib.error.URLError, ValueError):
        return ""


def percentile(values, q):
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def summary(values):
    return {"p50": percentile(values, 0.5), "p99": percentile(values, 0.99), "max": max(values) if values else None,
            "mean": statistics.fmean(values) if values else None, "count": len(values)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("synapse_dir")
    parser.add_argument("binary")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--messages", type=int, default=10)
    args = parser.parse_args()

    status = script("status", args.synapse_dir)
    base = "http://127.0.0.1:" + status.split()[1]
    stamp = str(int(time.time()))
    bot_user, bot_password = "loadbot" + stamp, "bench-" + stamp
    script("register", args.synapse_dir, bot_user, bot_password)
    script("unlimit", args.synapse_dir, bot_user)
    bot_id = "@%s:localhost" % bot_user

    work = tempfile.mkdtemp(prefix="prevent-assist-load-")
    metrics_port = 19000 + int(stamp) % 1000
    with open(os.path.join(work, "prevent-assist.yaml"), "w") as config:
        config.write(
            "institution: {name: Load Test University}\n"
            "data_dir: %s/data\n"
            "platforms:\n"
            "  - kind: matrix\n"
            "    id: load-matrix\n"
            "    homeserver: %s\n"
            "    user_id: \"%s\"\n"
            "    password_env: LOAD_BOT_PASSWORD\n" % (work, base, bot_id))
    log_path = os.path.join(work, "serve.log")
    env = dict(os.environ, LOAD_BOT_PASSWORD=bot_password, PREVENT_ASSIST_LOG_LEVEL="debug")
    with open(log_path, "w") as log:
        serve = subprocess.Popen(
            [args.binary, "serve", "--config", os.path.join(work, "prevent-assist.yaml"),
             "--metrics", "127.0.0.1:%d" % metrics_port],
            stdout=subprocess.DEVNULL, stderr=log, env=env)
    try:
        deadline = time.time() + 180
        while time.time() < deadline:
            try:
                with urllib.request.urlopen("http://127.0.0.1:%d/healthz" % metrics_port, timeout=5) as response:
                    if json.loads(response.read())["pollers"][0]["state"] == "polling":
                        break
            except (urllib.error.URLError, ConnectionError, KeyError, IndexError):
                pass
            if serve.poll() is not None:
                sys.exit("serve exited early; see " + log_path)
            time.sleep(0.5)
        else:
            sys.exit("serve did not start polling within 180 s; see " + log_path)

        users = []
        for index in range(args.users):
            name = "staff%s_%02d" % (stamp, index)
            script("register", args.synapse_dir, name, "pw-" + stamp)
            script("unlimit", args.synapse_dir, name)
            client = Client(base, script("token", args.synapse_dir, name, "pw-" + stamp))
            room = client.call("POST", "/_matrix/client/v3/createRoom",
                               {"preset": "private_chat", "is_direct": True, "invite": [bot_id]})["room_id"]
            users.append((client, room))
        for client, room in users:
            quoted = urllib.parse.quote(room)
            while bot_id not in client.call("GET", "/_matrix/client/v3/rooms/%s/joined_members" % quoted)["joined"]:
                time.sleep(0.2)

        end_to_end, lost, errors = [], [], []
        lock = threading.Lock()
        start_barrier = threading.Barrier(len(users) + 1)

        def talk(client, room, index):
            try:
                since = client.call("GET", "/_matrix/client/v3/sync?timeout=0")["next_batch"]
                start_barrier.wait()
                for number in range(args.messages):
                    question = QUESTIONS[(index + number) % len(QUESTIONS)]
                    sent_at = time.monotonic()
                    event = client.call(
                        "PUT", "/_matrix/client/v3/rooms/%s/send/m.room.message/q%d-%d" %
                        (urllib.parse.quote(room), index, number),
                        {"msgtype": "m.text", "body": question})["event_id"]
                    answered = False
                    while not answered and time.monotonic() - sent_at < 60:
                        sync = client.call("GET", "/_matrix/client/v3/sync?timeout=10000&since=" + since)
                        since = sync["next_batch"]
                        timeline = sync.get("rooms", {}).get("join", {}).get(room, {}).get("timeline", {})
                        for item in timeline.get("events", []):
                            relation = item.get("content", {}).get("m.relates_to", {})
                            if item.get("sender") == bot_id and \
                                    relation.get("m.in_reply_to", {}).get("event_id") == event:
                                answered = True
                    with lock:
                        (end_to_end.append((time.monotonic() - sent_at) * 1000) if answered else lost.append(event))
            except Exception as error:  # a user's failure is reported, not fatal to the run
                with lock:
                    errors.append(repr(error))
                try:
                    start_barrier.abort()
                except threading.BrokenBarrierError:
                    pass

        threads = [threading.Thread(target=talk, args=(client, room, index)) for index, (client, room) in
                   enumerate(users)]
        for thread in threads:
            thread.start()
        start_barrier.wait()
        began = time.monotonic()
        for thread in threads:
            thread.join()
        wall = time.monotonic() - began

        time.sleep(2)
        duplicates = 0
        for client, room in users:
            history = client.call("GET", "/_matrix/client/v3/rooms/%s/messages?dir=b&limit=1000" %
                                  urllib.parse.quote(room))
            replies = {}
            for item in history.get("chunk", []):
                target = item.get("content", {}).get("m.relates_to", {}).get("m.in_reply_to", {}).get("event_id")
                if item.get("sender") == bot_id and target:
                    replies[target] = replies.get(target, 0) + 1
            duplicates += sum(count - 1 for count in replies.values() if count > 1)
        with urllib.request.urlopen("http://127.0.0.1:%d/metrics" % metrics_port, timeout=5) as response:
            metrics = response.read().decode()
    finally:
        serve.terminate()
        try:
            serve.wait(timeout=30)
        except subprocess.TimeoutExpired:
            serve.kill()

    log = open(log_path).read()
    handle = [float(value) for value in re.findall(r"handle_ms=([0-9.]+)", log)]
    reply = [float(value) for value in re.findall(r"reply_ms=([0-9.]+)", log)]
    counter = lambda name: sum(float(value) for value in re.findall(
        r"^prevent_assist_%s_total\{[^}]*\} ([0-9.]+)$" % name, metrics, re.M))
    total = args.users * args.messages
    print(json.dumps({
        "users": args.users, "messages_per_user": args.messages, "questions": total,
        "answered": len(end_to_end), "lost": len(lost), "duplicates": duplicates, "client_errors": errors[:5],
        "wall_seconds": wall, "answers_per_second": len(end_to_end) / wall if wall else None,
        "bot_handle_ms": summary(handle), "bot_reply_ms": summary(reply), "end_to_end_ms": summary(end_to_end),
        "metrics": {"received": counter("messages_received"), "answered": counter("messages_answered"),
                    "errors": counter("errors")},
        "serve_exit": serve.returncode,
        "synapse_version": synapse_version(base),
    }, indent=2))


if __name__ == "__main__":
    main()
