#!/usr/bin/env python3
"""How far answer-agreement cascades can go on a labelled train file (RouterBench CSV).

For every cascade "call k cheaper models (k = 2..4); keep their answer when all agree, else call
the best single model", replayed exactly on the rows: its accuracy and its cost relative to the
best single model (the most accurate, the cheaper among equals). Prints the most accurate
cascades, the cheapest that match the best single model's accuracy (if any), and, on the queries
where the cheaper models agree, their accuracy beside the best single model's on the same queries.
Then the same with a richer escalation: a majority vote of the best model and two cheaper ones,
alone and as the escalation of 2-3 agreeing cheaper models (a vote can be right where the best
model alone is wrong).

If the best single model is more accurate than every agreeing set on the very queries they agree
on, no cascade of this family matches it for less than it costs: reaching its accuracy cheaper
then needs a per-query signal of where it is wrong, not agreement.

  bench/cascade-ceiling.py TRAIN_CSV [FORMAT]     FORMAT: choice (default), yes_no, text

Use a train part only: what it shows is for choosing, and choices are made on train data.
Standard library only.
"""
import csv
import itertools
import re
import sys

csv.field_size_limit(10**9)
EXTRA = ("sample_id", "prompt", "eval_name", "oracle_model_to_route_to")


def parser(fmt):
    if fmt == "choice":
        def p(s):
            m = re.match(r"^\W*\(?([A-Da-d])\b", s.strip())
            return m.group(1).upper() if m else None
    elif fmt == "yes_no":
        def p(s):
            m = re.match(r"^\W*(yes|no)\b", s.strip(), re.I)
            return m.group(1).lower() if m else None
    elif fmt == "text":
        def p(s):
            m = re.search(r"```[^\n]*\n(.*?)```", s, re.S)
            body = m.group(1) if m else s
            lines = [l for l in body.split("\n") if not l.strip().startswith(("#", "//"))]
            return re.sub(r"\s+", "", "".join(lines)) or None
    else:
        sys.exit(f"FORMAT must be choice, yes_no or text, got '{fmt}'")
    return lambda s: None if s is None else p(s)


def main(path, fmt="choice"):
    parse = parser(fmt)
    rows = list(csv.DictReader(open(path, newline="")))
    models = [c for c in rows[0] if c and "|" not in c and c not in EXTRA]
    data = []
    for r in rows:
        try:
            d = {m: (float(r[m]), float(r[m + "|total_cost"]), parse(r.get(m + "|model_response")))
                 for m in models}
        except (TypeError, ValueError):
            continue  # a row with an empty score or cost: left out, as evaluate does
        data.append(d)
    n = len(data)
    acc = {m: sum(d[m][0] for d in data) / n for m in models}
    cost = {m: sum(d[m][1] for d in data) for m in models}
    best = max(models, key=lambda m: (acc[m], -cost[m]))
    print(f"{n} complete rows of {len(rows)}; best single {best}: accuracy {acc[best]:.4f}, ${cost[best]:.4f}")
    cheaper = [m for m in models if m != best and cost[m] < cost[best]]
    out = []
    for k in (2, 3, 4):
        for members in itertools.combinations(cheaper, k):
            right = spent = kept = kept_right = best_on_kept = 0.0
            for d in data:
                answers = [d[m][2] for m in members]
                spent += sum(d[m][1] for m in members)
                if answers[0] is not None and all(a == answers[0] for a in answers):
                    kept += 1
                    kept_right += d[members[0]][0]
                    best_on_kept += d[best][0]
                    right += d[members[0]][0]
                else:
                    spent += d[best][1]
                    right += d[best][0]
            out.append((right / n, spent / cost[best], kept / n, kept_right / max(kept, 1),
                        best_on_kept / max(kept, 1), "=".join(m.split("/")[-1] for m in members)))
    print(f"{len(out)} cascades of 2-4 agreeing models among {len(cheaper)} cheaper ones, else {best}")
    print("accuracy  cost/best  kept  kept-accuracy  best-on-kept  members")
    for o in sorted(out, key=lambda o: (-o[0], o[1]))[:10]:
        print("%.4f    %.3f      %.3f %.4f         %.4f        %s" % o)
    match = sorted((o for o in out if o[0] >= acc[best]), key=lambda o: o[1])
    print(f"cheapest matching {best}'s accuracy:",
          "none" if not match else "%.4f at %.3f x its cost (%s)" % (match[0][0], match[0][1], match[0][5]))
    wins = sum(1 for o in out if o[3] > o[4])
    print(f"cascades whose kept answers beat {best} on the same queries: {wins} of {len(out)}")
    escalate_to_votes(data, models, cheaper, best, acc, cost)


def vote_right(d, members, lead):
    """The majority of the members' parsed answers is right; a tie or no parse goes to the lead."""
    counts = {}
    for m in members:
        if d[m][2] is not None:
            counts[d[m][2]] = counts.get(d[m][2], 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return d[lead][0]
    return next(d[m][0] for m in members if d[m][2] == ranked[0][0])


def escalate_to_votes(data, models, cheaper, best, acc, cost):
    """Where the cheaper models disagree, a vote of the best model and two others instead of it alone."""
    n = len(data)
    out = []
    for others in itertools.combinations(cheaper, 2):
        vote = (best,) + others
        out.append((sum(vote_right(d, vote, best) for d in data) / n, sum(cost[m] for m in vote) / cost[best],
                    "vote(" + ",".join(m.split("/")[-1] for m in vote) + ")"))
        for k in (2, 3):
            for members in itertools.combinations(cheaper, k):
                right = spent = 0.0
                for d in data:
                    answers = [d[m][2] for m in members]
                    spent += sum(d[m][1] for m in members)
                    if answers[0] is not None and all(a == answers[0] for a in answers):
                        right += d[members[0]][0]
                    else:
                        spent += sum(d[m][1] for m in vote if m not in members)
                        right += vote_right(d, vote, best)
                out.append((right / n, spent / cost[best], "=".join(m.split("/")[-1] for m in members)
                            + "?:vote(" + ",".join(m.split("/")[-1] for m in vote) + ")"))
    top = max(out, key=lambda o: (o[0], -o[1]))
    print(f"{len(out)} votes of {best} and two cheaper models, alone or as the escalation of 2-3 agreeing ones:")
    print("  most accurate: %.4f at %.3f x its cost (%s)" % top)
    match = sorted((o for o in out if o[0] >= acc[best]), key=lambda o: o[1])
    print(f"  cheapest matching {best}'s accuracy:",
          "none" if not match else "%.4f at %.3f x its cost (%s)" % match[0])


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(*sys.argv[1:])
