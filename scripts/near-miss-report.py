#!/usr/bin/env python3
"""Counts near-miss questions that the assistant routes to a Prevent concern article or the emergency answer.

Usage: scripts/near-miss-report.py QUESTIONS.tsv [EVAL OPTIONS, e.g. --kb DIR]
       (binary: $PREVENT_ASSIST, default .build/debug/prevent-assist)

Near-miss rows: those labelled out_of_scope or with a route for what is not Prevent (harassment, staff bullying,
mental health crisis, other safeguarding, student academic work, teaching sensitive material). They are run through
`prevent-assist eval --questions ... --json` one label group at a time, so every confusion is listed.
"""
import json
import os
import subprocess
import sys
import tempfile

NEAR_MISS_LABELS = {
    "out_of_scope", "harassment_sexual_misconduct", "bullying_harassment_staff", "mental_health_crisis",
    "safeguarding_other", "student_academic_work", "teaching_sensitive_material",
}
# Articles that tell staff to pass a worry about a person to the Prevent lead, and the emergency answer.
PREVENT_CONCERN = {
    "immediate_danger", "raise_concern", "concern_process", "extremist_views_expressed", "extremist_material",
    "online_radicalisation", "travel_conflict_zone", "colleague_concern", "vulnerability_signs", "wellbeing_overlap",
    "speaker_concern", "disclosure_confidentiality", "out_of_hours",
}


def main(path, options):
    binary = os.environ.get("PREVENT_ASSIST", ".build/debug/prevent-assist")
    rows = [line.rstrip("\n").split("\t") for line in open(path, encoding="utf-8")]
    rows = [r for r in rows if len(r) == 2 and r != ["intent", "question"] and r[0] in NEAR_MISS_LABELS]
    total = 0
    hits = []
    for label in sorted({r[0] for r in rows}):
        group = [r for r in rows if r[0] == label]
        with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as handle:
            handle.write("intent\tquestion\n" + "".join(f"{a}\t{b}\n" for a, b in group))
        output = subprocess.run(
            [binary, "eval", "--questions", handle.name, "--json", *options], capture_output=True, text=True, check=True
        ).stdout
        report = json.loads(output.strip().splitlines()[-1])
        total += len(group)
        for confusion in report["confusions"]:
            if confusion["predicted"] in PREVENT_CONCERN:
                hits.append((confusion["count"], label, confusion["predicted"]))
        if len(report["confusions"]) >= 20:
            print(f"warning: {label}: 20 confusions listed, some may be missing")
    count = sum(h[0] for h in hits)
    for number, label, predicted in sorted(hits, reverse=True):
        print(f"  {number}x {label} -> {predicted}")
    print(f"{path}: {count} of {total} near-miss questions routed to a Prevent concern article or the emergency answer")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
