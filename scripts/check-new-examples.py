#!/usr/bin/env python3
"""Checks that training examples added since a git revision are not copied from held-out question files.

Usage: scripts/check-new-examples.py BASE_REVISION QUESTIONS.tsv [QUESTIONS.tsv ...]
       e.g. scripts/check-new-examples.py main Tests/PreventAssistTests/Resources/kb-questions.tsv other.tsv

The examples are the lines `      - text` added under intents/ since this branch left BASE_REVISION (their merge
base; the safety screen's rules left out). Each is compared with every question (intent<TAB>question, header row skipped) after lower-casing and
dropping punctuation, as scripts/check-heldout-overlap.py does: an example that equals a question or shares a run of
five words with one is reported, and the script exits 1. Older examples are not checked here: the held-out files
were written against them (scripts/check-heldout-overlap.py reports those).
"""
import importlib.util
import os
import re
import subprocess
import sys

# The same words and five-word runs as the held-out check, from that script itself.
_spec = importlib.util.spec_from_file_location(
    "check_heldout_overlap", os.path.join(os.path.dirname(os.path.abspath(__file__)), "check-heldout-overlap.py")
)
_overlap = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_overlap)
RUN, words, runs = _overlap.RUN, _overlap.words, _overlap.runs


INTENTS = "Sources/PreventAssistContent/intents"


def added_examples(base):
    # From where this branch left BASE, so examples BASE gained since are not counted as this branch's. The top-level
    # intents/ is a link to the content target's folder, so the diff names the real path.
    fork = subprocess.run(["git", "merge-base", base, "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    diff = subprocess.run(
        ["git", "diff", "--unified=0", fork, "--", f"{INTENTS}/", f":(exclude){INTENTS}/safety.yaml"],
        capture_output=True, text=True, check=True,
    ).stdout
    found = []
    for line in diff.splitlines():
        match = re.match(r"^\+\s{6}- (.*)$", line)
        if match:
            text = match.group(1).strip()
            if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'":
                text = text[1:-1]
            found.append(text)
    return found


def main(base, paths):
    questions = {}
    for path in paths:
        for number, line in enumerate(open(path, encoding="utf-8"), start=1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 2 and parts != ["intent", "question"]:
                questions[f"{path}:{number}"] = parts[1]
    whole = {tuple(words(text)): where for where, text in questions.items()}
    index = {}
    for where, text in questions.items():
        for run in runs(words(text)):
            index.setdefault(run, where)
    examples = added_examples(base)
    failures = 0
    for example in examples:
        tokens = words(example)
        if tuple(tokens) in whole:
            failures += 1
            print(f"equals {whole[tuple(tokens)]}: {example}")
            continue
        shared = sorted(run for run in runs(tokens) if run in index)
        if shared:
            failures += 1
            print(f"shares '{' '.join(shared[0])}' with {index[shared[0]]}: {example}")
    print(f"{len(examples)} new examples against {len(questions)} questions: {failures} overlapping")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2:]))
