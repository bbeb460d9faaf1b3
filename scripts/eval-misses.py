#!/usr/bin/env python3
"""Lists the questions of a held-out file that the assistant gets wrong, one line each, to study what the training
examples lack (`eval` prints totals and confusions only).

Usage: scripts/eval-misses.py QUESTIONS.tsv [--kb DIR]
       (binary: $PREVENT_ASSIST, default .build/debug/prevent-assist)

Each row (intent<TAB>question) is asked through `prevent-assist ask --json`. A row is a miss when the answer's
intent is not its label, or when the assistant asks "did you mean…?" (shown as `clarify`, with the two offered).
Prints `label -> answered (route, confidence): question` and the totals.
"""
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor


def ask(binary, options, question):
    output = subprocess.run(
        [binary, "ask", "--json", *options, question], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output)


def main(path, options):
    binary = os.environ.get("PREVENT_ASSIST", ".build/debug/prevent-assist")
    rows = [line.rstrip("\n").split("\t") for line in open(path, encoding="utf-8")]
    rows = [r for r in rows if len(r) == 2 and r != ["intent", "question"]]
    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(lambda row: ask(binary, options, row[1]), rows))
    misses = 0
    for (label, question), answer in zip(rows, answers):
        if answer["intent"] == label and answer["route"] != "clarify":
            continue
        misses += 1
        offered = ",".join(a["intent"] for a in answer.get("alternatives", [])[:1])
        extra = f" or {offered}" if answer["route"] == "clarify" else ""
        confidence = float(answer.get("confidence", 0))
        print(f"{label} -> {answer['intent']}{extra} ({answer['route']}, {confidence:.2f}): {question}")
    print(f"{len(rows)} questions, {misses} missed or clarified")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
