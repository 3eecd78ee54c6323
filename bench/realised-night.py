#!/usr/bin/env python3
"""Realised quality and cost of a published night on its labelled queries.

A generated night (./allot generate, ./allot demo) has outcomes for a share of its own queries:
every model's score, cost and answer. This replays the run's assignments on them: a single model
scores its own outcome; a vote (a+b+c) the majority of its members' answers (no majority: the lead
member's); a cascade (A=B?:C) A's answer when A and B agree, else C's, paying C only then. Every
call is paid at its outcome's cost, as the realised step does and the plan charges; a run whose
cascade-options.json names a free model (runs before the plan charged every call) had that model
charged nothing where the log line holds its block, and is replayed so, as that plan counted.

  bench/realised-night.py RUN_FOLDER DATA_DIR RUN_DATE [MODELS_YML]

Prints expected (the plan's) against realised figures over the labelled queries, per option kind,
the realised cost scaled to the whole night against the budget, and, with the catalog (default
conf/models.yml), the cascade queries' planned escalations (their expected cost less the first two
models' estimated costs, over the escalation's) against those made, also in dollars at the score
step's estimated escalation cost (so that cost estimate errors, common to every option, do not
count), with the standard deviation of the escalation draws and z = (made - planned) / sd, and both
excesses (realised over expected, escalations made over planned) scaled to the night.
Standard library and PyYAML.
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


def estimated_costs(models_yml):
    """Per model id a function of (prompt, output tokens) to the score step's estimated cost."""
    import yaml
    prices = {m["id"]: (float(m["price_per_1k_input"]), float(m["price_per_1k_output"]))
              for m in yaml.safe_load(open(models_yml))["models"]}
    return lambda model, prompt, out: prompt / 1000.0 * prices[model][0] + out / 1000.0 * prices[model][1]


def main(run_folder, data_dir, run_date, models_yml="conf/models.yml"):
    estimate = estimated_costs(models_yml)
    log = {}
    with open(os.path.join(data_dir, "logs", "date=" + run_date, "queries.jsonl")) as f:
        for line in f:
            try:
                r = json.loads(line)
                # A later duplicate id is rejected by the run: the first record is the query.
                log.setdefault(r["query_id"], (r.get("task"), int(r["prompt_tokens"]),
                                               int(r["expected_output_tokens"]), bool(r.get("small_model"))))
            except (ValueError, KeyError, TypeError):
                pass  # a bad record: the run rejected it too
    outcomes = defaultdict(dict)
    with open(os.path.join(data_dir, "outcomes", "date=" + run_date, "outcomes.jsonl")) as f:
        for line in f:
            r = json.loads(line)
            outcomes[r["query_id"]][r["model_id"]] = (float(r["score"]), float(r["cost_usd"]), r.get("answer"))
    formats = {}
    free = None
    cascade_file = os.path.join(run_folder, "cascade-options.json")
    if os.path.exists(cascade_file):
        offer = json.load(open(cascade_file))
        for c in offer["offered"]:
            formats[c["task"]] = c["format"]
        if offer.get("freeModel", -1) >= 0:
            import yaml
            free = yaml.safe_load(open(models_yml))["models"][offer["freeModel"]]["id"]
    if any(f != "text" for f in formats.values()):
        sys.exit("this script parses only the 'text' answer format; the run used " + str(set(formats.values())))
    summary = json.load(open(os.path.join(run_folder, "solve", "summary.json")))

    by_kind = defaultdict(lambda: [0, 0.0, 0.0, 0.0, 0.0])  # n, expected q, realised q, expected $, realised $
    # per cascade: queries, planned escalations, made, and at the score step's estimated cost of the
    # escalation: planned $, made $, variance of the draws (so cost estimate errors do not count)
    escalations = defaultdict(lambda: [0, 0.0, 0, 0.0, 0.0, 0.0])
    total_queries = 0
    with open(os.path.join(run_folder, "solve", "assignments.csv")) as f:
        for qid, _tenant, lead, quality, cost, option in csv.reader(f):
            total_queries += 1
            o = outcomes.get(qid)
            if not o:
                continue
            task, prompt, out, small_logged = log[qid]

            def charged(model, cost_usd):
                return 0.0 if model == free and small_logged else cost_usd
            if "?:" in option:
                kind = "cascade"
                a, rest = option.split("=", 1)
                b, c = rest.split("?:")
                pa, pb = parse_text(o[a][2]), parse_text(o[b][2])
                agree = pa is not None and pa == pb
                score = o[a][0] if agree else o[c][0]
                paid = charged(a, o[a][1]) + charged(b, o[b][1]) + (0 if agree else o[c][1])
                e = escalations[task + " " + option]
                cost_c = estimate(c, prompt, out)
                p = (float(cost) - charged(a, estimate(a, prompt, out)) - charged(b, estimate(b, prompt, out))) / cost_c
                e[0] += 1
                e[1] += p
                e[2] += 0 if agree else 1
                e[3] += p * cost_c
                e[4] += 0 if agree else cost_c
                e[5] += p * (1 - p) * cost_c * cost_c
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
    if escalations:
        print(f"{'cascade queries (labelled)':60} {'queries':>8} {'planned':>8} {'made':>6} "
              f"{'planned $':>9} {'made $':>9} {'draws sd':>9} {'z':>6}")
        for key, e in sorted(escalations.items()) + [
                ("all", [sum(e[i] for e in escalations.values()) for i in range(6)])]:
            sd = e[5] ** 0.5
            print(f"{key:60} {e[0]:8d} {e[1]:8.1f} {e[2]:6d} {e[3]:9.4f} {e[4]:9.4f} {sd:9.4f} "
                  f"{(e[4] - e[3]) / sd if sd > 0 else 0:6.2f}")
    print(f"night: budget ${summary['budgetUsd']:.2f}, planned expected ${summary['totalCostUsd']:.2f}; "
          f"realised cost scaled from the labelled queries ${allk[4] * scale:.2f} "
          f"(their expected ${allk[3] * scale:.2f}, excess ${(allk[4] - allk[3]) * scale:.2f})")
    if escalations:
        e = [sum(e[i] for e in escalations.values()) for i in range(6)]
        print(f"escalations at estimated prices, scaled to the night: made ${e[4] * scale:.2f} against planned "
              f"${e[3] * scale:.2f}, excess ${(e[4] - e[3]) * scale:.2f} (compare with the run's reserve)")


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    main(*sys.argv[1:])
