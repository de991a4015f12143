"""Read an app's accessibility tree over AT-SPI (run by the system Python, which has pyatspi).

    python3 atspi_reader.py APP_NAME ROLE=NAME...

Polls the desktop until APP_NAME is there and shows every ROLE=NAME asked
for (or 60 s pass), then prints the tree as JSON [[role, name], ...]; a control labelled by a
buddy label also gives [role + " labelled", label].
"""

from __future__ import annotations

import json
import sys
import time

import pyatspi


def labelled_by(node) -> str:
    for relation in node.getRelationSet():
        if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
            target = relation.getTarget(0)
            return target.name if target is not None else ""
    return ""


def tree(node, found, depth=0):
    if node is None or depth > 60 or len(found) > 20000:
        return
    found.append((node.getRoleName(), node.name or ""))
    label = labelled_by(node)
    if label:
        # What a screen reader says before a control named by its value.
        found.append((node.getRoleName() + " labelled", label))
    for i in range(node.childCount):
        tree(node.getChildAtIndex(i), found, depth + 1)


def main() -> int:
    app_name, wanted = sys.argv[1], [tuple(a.split("=", 1)) for a in sys.argv[2:]]
    deadline = time.monotonic() + 60
    found: list[tuple[str, str]] = []
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name == app_name:
                found = []
                try:
                    tree(app, found)
                except Exception:  # the app is still building its tree
                    found = []
        if found and all(w in found for w in wanted):
            break
        time.sleep(0.5)
    print(json.dumps(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
