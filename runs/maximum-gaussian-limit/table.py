#!/usr/bin/env python3
"""Builds DIR/points.csv, in gtc sweep's format, from the Gaussian-limit studies DIR/studies/TL-*/ (gtc converge):
one row per T_L whose J is the study's J_inf (J_err its standard error) and whose z-scores are J_inf's against the
theories. Every parameter column is the study's configuration at its configured N_b (40) and eps (0.1); the
memory-kernel and Markov theories depend on them only through N_b eps^2, which every point of a study shares.
gtc plot DIR then fits the maximum of J_inf(T_L) exactly as it fits a sweep's."""
import csv, glob, json, os, sys

out = sys.argv[1]
rows, columns = [], None
studies = sorted(glob.glob(os.path.join(out, "studies", "TL-*", "converge.json")),
                 key=lambda p: json.load(open(p))["config"]["particleBath"]["temperature"])
for i, path in enumerate(studies):
    study = json.load(open(path))
    with open(os.path.join(os.path.dirname(path), "points.csv"), newline="") as f:
        reader = csv.DictReader(f)
        columns = reader.fieldnames
        point = list(reader)[-1]
    row = dict(point)
    for c in ("bond", "bond_err", "rightBath", "rightBath_err", "leftBath", "leftBath_err", "discreteScheme", "z_discreteScheme"):
        row[c] = ""
    limit, err = study["gaussianLimit"]["value"], study["gaussianLimit"]["stdErr"]
    row.update({
        "index": str(i), "figure": "maximum", "block": "0", "axes": "particleBath.temperature", "series": "",
        "x": repr(study["config"]["particleBath"]["temperature"]),
        "J": repr(limit), "J_err": repr(err), "estimator": study["estimator"] + " (J_inf, Gaussian limit)",
        "particleBath.particles": repr(study["configuredBath"]["particles"]),
        "particleBath.epsilon": repr(study["configuredBath"]["epsilon"]),
        "wallSeconds": "%.3f" % sum(p["wallSeconds"] for p in study["points"]),
        "seed": str(study["config"]["numerics"]["seed"]), "numerics.seed": str(study["config"]["numerics"]["seed"]),
    })
    for theory in ("markov", "memoryKernel", "closedForm"):
        row["z_" + theory] = repr((limit - float(row[theory])) / err) if row[theory] else ""
    rows.append(row)
with open(os.path.join(out, "points.csv"), "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
print(f"{os.path.join(out, 'points.csv')}: {len(rows)} T_L")
