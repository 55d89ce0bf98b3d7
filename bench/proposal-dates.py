#!/usr/bin/env python3
"""proposal-dates.py SITE [BACKLOG_FOLDER]: how many items of a built site (its
backlog.json) are dated as git log dates their file: within a day of the first commit
of the item's file, followed through renames (git log --follow). Run it in the
repository, after `backlog build -out SITE`. BACKLOG_FOLDER (default: backlog) holds
the item files; each is matched to its item by its `id:` field, else its file name."""
import datetime, glob, json, os, re, subprocess, sys

site = sys.argv[1]
folder = sys.argv[2] if len(sys.argv) > 2 else "backlog"
items = json.load(open(os.path.join(site, "backlog.json")))["items"]
paths = {}
for f in glob.glob(os.path.join(folder, "**", "*.md"), recursive=True):
    m = re.search(r"^id:\s*(\S+)", open(f, errors="replace").read(), re.M)
    key = (m.group(1).strip("\"'") if m else os.path.basename(f)[:-3]).lower()
    paths.setdefault(key, f)
same = other = unknown = 0
for it in items:
    path = paths.get(it["id"].lower())
    log = subprocess.run(["git", "log", "--follow", "--format=%aI", "--", path], capture_output=True, text=True).stdout.split() if path else []
    if not log or not it.get("created"):
        unknown += 1
        continue
    first = datetime.datetime.fromisoformat(log[-1])
    created = datetime.datetime.fromisoformat(it["created"].replace("Z", "+00:00"))
    if abs((first - created).total_seconds()) <= 86400:
        same += 1
    else:
        other += 1
print(f"{same} of {same + other} items dated as git log dates their file ({100 * same / max(1, same + other):.1f}%); {unknown} without a date or a file")
