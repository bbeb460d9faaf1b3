#!/usr/bin/env python3
"""Writes Sources/SafeguardingDesk/Contexts/<File>+Lookup.swift beside each context file: a MustacheParent conformance
for every page context struct, answering each stored property by name with a switch (fast look-ups instead of a Mirror each).
Run from the repository root after changing a context struct, then `swift format format --in-place` the file."""
import re

FOLDER = "Sources/SafeguardingDesk/Contexts/"
FILES = ["QueuePage.swift", "ConcernPage.swift", "ReportsPage.swift", "DeskSimplePages.swift"]
HEADER = """import Mustache

// Each page context answers the templates' look-ups by name with a switch over its stored properties: the same
// values swift-mustache would find by reflection, without building a Mirror for every look-up (which made the
// queue three times slower in a debug build). A key missing here is looked up in the enclosing context, as with
// reflection, so every stored property must have its case: this file is generated from the context structs by
// scripts/desk-context-lookups.py (run it after changing one); the route tests render every page through it.

"""


def structs(text):
    found, stack = [], []
    for line in text.split("\n"):
        match = re.match(r"^(\s*)struct (\w+)", line)
        if match:
            stack.append((len(match.group(1)), match.group(2), []))
            continue
        match = re.match(r"^\s*(?:let|var) (\w+):", line)
        if match and stack:
            stack[-1][2].append(match.group(1))
            continue
        if re.match(r"^\s*}\s*$", line) and stack and len(line) - len(line.lstrip()) == stack[-1][0]:
            _, name, fields = stack.pop()
            found.append((".".join([s[1] for s in stack] + [name]), fields))
    return found


for name in FILES:
    parts = []
    for qualified, fields in structs(open(FOLDER + name).read()):
        cases = "\n".join('        case "%s": self.%s' % (field, field) for field in fields)
        parts.append(
            "extension %s: MustacheParent {\n    func child(named name: String) -> Any? {\n        switch name {\n"
            "%s\n        default: nil\n        }\n    }\n}\n" % (qualified, cases)
        )
    # One generated file per context file keeps each under the project's 400-line limit.
    open(FOLDER + name.replace(".swift", "+Lookup.swift"), "w").write(HEADER + "\n".join(parts))
