#!/usr/bin/env python3
"""Two published plans of the same generated night, compared query by query on its labelled queries.

  bench/compare-plans.py RUN_FOLDER_A RUN_FOLDER_B DATA_DIR RUN_DATE

Replays each plan's option on every labelled query as bench/realised-night.py does (a cascade keeps
A's answer when A and B agree in the 'text' format, else C's; a vote its members' majority; a
single model its own score) and prints on how many labelled queries the plans chose different
options, B's realised score minus A's over all labelled queries with its standard error (the
changed queries taken as independent), and the changes by option kind. Standard library only.
"""
import csv
import importlib.util
import json
import math
import os
import sys
from collections import Counter, defaultdict

_spec = importlib.util.spec_from_file_location("realised_night", os.path.join(os.path.dirname(__file__),
                                                                              "realised-night.py"))
rn = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rn)


def kind(option):
    return "cascade" if "?:" in option else "vote" if "+" in option else "single"


def realised(folder, outcomes):
    """Per labelled query id: (option, realised score)."""
    out = {}
    with open(os.path.join(folder, "solve", "assignments.csv")) as f:
        for qid, _tenant, lead, _quality, _cost, option in csv.reader(f):
            o = outcomes.get(qid)
            if not o:
                continue
            if kind(option) == "cascade":
                a, rest = option.split("=", 1)
                b, c = rest.split("?:")
                pa, pb = rn.parse_text(o[a][2]), rn.parse_text(o[b][2])
                score = o[a][0] if pa is not None and pa == pb else o[c][0]
            elif kind(option) == "vote":
                members = option.split("+")
                votes = Counter(p for p in (rn.parse_text(o[m][2]) for m in members) if p is not None)
                top = votes.most_common(2)
                winner = top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None
                chosen = next((m for m in members if rn.parse_text(o[m][2]) == winner), lead) if winner else lead
                score = o[chosen][0]
            else:
                score = o[option][0]
            out[qid] = (option, score)
    return out


def main(run_a, run_b, data_dir, run_date):
    outcomes = defaultdict(dict)
    with open(os.path.join(data_dir, "outcomes", "date=" + run_date, "outcomes.jsonl")) as f:
        for line in f:
            r = json.loads(line)
            outcomes[r["query_id"]][r["model_id"]] = (float(r["score"]), float(r["cost_usd"]), r.get("answer"))
    a, b = realised(run_a, outcomes), realised(run_b, outcomes)
    changed = [q for q in a if q in b and a[q][0] != b[q][0]]
    d = [b[q][1] - a[q][1] for q in changed]
    n, m = len(a), len(d)
    mean = sum(d) / max(1, m)
    sd = math.sqrt(sum((x - mean) ** 2 for x in d) / max(1, m - 1)) if m > 1 else 0.0
    print(f"{n} labelled queries, option changed on {m}; realised score B - A over all labelled "
          f"{sum(d) / n:+.5f} (se {sd * math.sqrt(m) / n:.5f}), {sum(d):+.1f} right answers")
    by = defaultdict(lambda: [0, 0.0, 0.0])
    for q in changed:
        k = by[(kind(a[q][0]), kind(b[q][0]))]
        k[0] += 1
        k[1] += a[q][1]
        k[2] += b[q][1]
    for (ka, kb), (count, sa, sb) in sorted(by.items()):
        print(f"  {ka:7} -> {kb:7} {count:5d} queries, right answers A {sa:.0f}, B {sb:.0f}")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
