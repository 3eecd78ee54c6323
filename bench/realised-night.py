#!/usr/bin/env python3
"""Realised quality and cost of a published night on its labelled queries.

A generated night (./allot generate, ./allot demo) has outcomes for a share of its own queries:
every model's score, cost and answer. This replays the run's assignments on them: a single model
scores its own outcome; a vote (a+b+c) the majority of its members' answers (no majority: the lead
member's); a cascade (A=B?:C) A's answer when A and B agree, else C's, paying C only then and
nothing for the small-tier model when the log line holds its block, as the plan does.

  bench/realised-night.py RUN_FOLDER DATA_DIR RUN_DATE SMALL_MODEL_ID

Prints expected (the plan's) against realised figures over the labelled queries, per option kind,
and the realised cost scaled to the whole night against the budget. Standard library only.
"""
import csv
import json
import os
import re
import sys
from collections import Counter, defaultdict


def parse_text(answer):
    """The 'text' answer format: the first fenced block or the whole answer, no comments or spaces."""
    if answer is None:
        return None
    m = re.search(r"```[^\n]*\n(.*?)```", answer, re.S)
    body = m.group(1) if m else answer
    lines = [l for l in body.split("\n") if not l.strip().startswith(("#", "//"))]
    s = re.sub(r"\s+", "", "".join(lines))
    return s or None


def main(run_folder, data_dir, run_date, small):
    log = {}
    with open(os.path.join(data_dir, "logs", "date=" + run_date, "queries.jsonl")) as f:
        for line in f:
            try:
                r = json.loads(line)
                log[r["query_id"]] = (r.get("task"), bool(r.get("small_model")))
            except (ValueError, KeyError, TypeError):
                pass  # a bad record: the run rejected it too
    outcomes = defaultdict(dict)
    with open(os.path.join(data_dir, "outcomes", "date=" + run_date, "outcomes.jsonl")) as f:
        for line in f:
            r = json.loads(line)
            outcomes[r["query_id"]][r["model_id"]] = (float(r["score"]), float(r["cost_usd"]), r.get("answer"))
    formats = {}
    cascade_file = os.path.join(run_folder, "cascade-options.json")
    if os.path.exists(cascade_file):
        for c in json.load(open(cascade_file))["offered"]:
            formats[c["task"]] = c["format"]
    if any(f != "text" for f in formats.values()):
        sys.exit("this script parses only the 'text' answer format; the run used " + str(set(formats.values())))
    summary = json.load(open(os.path.join(run_folder, "solve", "summary.json")))

    by_kind = defaultdict(lambda: [0, 0.0, 0.0, 0.0, 0.0])  # n, expected q, realised q, expected $, realised $
    total_queries = 0
    with open(os.path.join(run_folder, "solve", "assignments.csv")) as f:
        for qid, _tenant, lead, quality, cost, option in csv.reader(f):
            total_queries += 1
            o = outcomes.get(qid)
            if not o:
                continue
            task, small_logged = log[qid]
            if "?:" in option:
                kind = "cascade"
                a, rest = option.split("=", 1)
                b, c = rest.split("?:")
                pa, pb = parse_text(o[a][2]), parse_text(o[b][2])
                agree = pa is not None and pa == pb
                score = o[a][0] if agree else o[c][0]
                paid = (0 if a == small and small_logged else o[a][1]) + (0 if b == small and small_logged else o[b][1])
                paid += 0 if agree else o[c][1]
            elif "+" in option:
                kind = "vote"
                members = option.split("+")
                votes = Counter(p for p in (parse_text(o[m][2]) for m in members) if p is not None)
                top = votes.most_common(2)
                winner = top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None
                chosen = next((m for m in members if parse_text(o[m][2]) == winner), lead) if winner else lead
                score = o[chosen][0]
                paid = sum(o[m][1] for m in members)
            else:
                kind = "single"
                score, paid = o[option][0], o[option][1]
            k = by_kind[kind]
            k[0] += 1
            k[1] += float(quality)
            k[2] += score
            k[3] += float(cost)
            k[4] += paid
    n = sum(k[0] for k in by_kind.values())
    print(f"run folder {run_folder}: {total_queries} queries, {n} labelled")
    print(f"{'kind':8} {'queries':>8} {'expected q':>10} {'realised q':>10} {'expected $':>10} {'realised $':>10}")
    for kind, k in sorted(by_kind.items()) + [("all", [sum(k[i] for k in by_kind.values()) for i in range(5)])]:
        print(f"{kind:8} {k[0]:8d} {k[1] / k[0]:10.5f} {k[2] / k[0]:10.5f} {k[3]:10.4f} {k[4]:10.4f}")
    allk = [sum(k[i] for k in by_kind.values()) for i in range(5)]
    scale = total_queries / n
    print(f"night: budget ${summary['budgetUsd']:.2f}, planned expected ${summary['totalCostUsd']:.2f}; "
          f"realised cost scaled from the labelled queries ${allk[4] * scale:.2f} "
          f"(their expected ${allk[3] * scale:.2f})")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
