#!/usr/bin/env python3
"""Checks that held-out questions are really held out from the training examples.

Usage: scripts/check-heldout-overlap.py [QUESTIONS.tsv ...]
       (default: Tests/PreventAssistTests/Resources/kb-questions.tsv)

Reads every example in intents/*.yaml (not the safety screen's rules) and every question (intent<TAB>question,
header row 'intent<TAB>question' skipped). Reports, and exits 1 on, any question that equals an example or shares a
run of five words with one, after lower-casing and dropping punctuation (apostrophes removed: "don't" = "dont").
"""
import glob
import re
import sys

RUN = 5


def words(text):
    text = text.lower().replace("\u2019", "'").replace("'", "")
    return re.findall(r"[a-z0-9]+", text)


def runs(tokens):
    return {tuple(tokens[i : i + RUN]) for i in range(len(tokens) - RUN + 1)}


def examples():
    found = []
    for path in sorted(glob.glob("intents/*.yaml")):
        if path.endswith("/safety.yaml"):
            continue
        for line in open(path, encoding="utf-8"):
            match = re.match(r"^\s{6}- (.*)$", line.rstrip("\n"))
            if match:
                text = match.group(1).strip()
                if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'":
                    text = text[1:-1]
                found.append((path, text))
    return found


def main(paths):
    known = examples()
    index = {}
    whole = {}
    for path, text in known:
        tokens = words(text)
        whole.setdefault(tuple(tokens), (path, text))
        for run in runs(tokens):
            index.setdefault(run, (path, text))
    failures = 0
    checked = 0
    for questions in paths:
        for number, line in enumerate(open(questions, encoding="utf-8"), start=1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2 or parts == ["intent", "question"]:
                continue
            checked += 1
            tokens = words(parts[1])
            if tuple(tokens) in whole:
                failures += 1
                print(f"{questions}:{number}: equals an example in {whole[tuple(tokens)][0]}: {parts[1]}")
                continue
            for run in sorted(runs(tokens)):
                if run in index:
                    failures += 1
                    path, text = index[run]
                    print(f"{questions}:{number}: shares '{' '.join(run)}' with {path}: {text}")
                    break
    print(f"{checked} questions against {len(known)} examples: {failures} overlapping")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["Tests/PreventAssistTests/Resources/kb-questions.tsv"]))
