#!/usr/bin/env bash
# Mean-force bias of the particle schemes at a deep well (docs/precision.md, "Particle scheme"): the meanForce model at
# q = -10 and +10 (eps = 0.1, T_L = 5, paper values otherwise), one substep per step of h = numerics.timeStep, for each
# scheme over three h, against the exact quadrature gtc prints beside each force. Prints bias = force - exact with its
# standard error and z, and the order p of bias ~ h^p fitted per scheme and position (weighted least squares on log|bias|).
# About 4 minutes on a 2-core CPU. Knobs: GTC (the gtc binary; default the Release build), DEVICE (default cpu),
# TRAJECTORIES (default 1024), MEASURE (time units, default 200), EM_STEPS, LM_STEPS (the h lists).
set -euo pipefail
cd "$(dirname "$0")/.."
GTC=${GTC:-src/GpuThermoChain.Cli/bin/Release/net10.0/gtc}
DEVICE=${DEVICE:-cpu}
TRAJECTORIES=${TRAJECTORIES:-1024}
MEASURE=${MEASURE:-200}
EM_STEPS=${EM_STEPS:-"0.01 0.005 0.0025"}
LM_STEPS=${LM_STEPS:-"0.03 0.015 0.0075"}
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
run() { # scheme h
    "$GTC" run --device "$DEVICE" --json --quiet --set model=meanForce --set meanForce.positions=-10,10 \
        --set numerics.timeStep="$2" --set numerics.particleSubsteps=1 --set numerics.particleScheme="$1" \
        --set numerics.burnInTime=10 --set numerics.measureTime="$MEASURE" --set numerics.trajectories="$TRAJECTORIES" \
        --set numerics.seed=31 |
        jq -r --arg s "$1" --arg h "$2" '.timing.particleStepsPerSecond as $r | .points[] |
            [$s, $h, .q, .force.value, .force.stdErr, .theory.exact.value, $r] | @tsv'
}
for h in $EM_STEPS; do run eulerMaruyama "$h" >> "$rows"; done
for h in $LM_STEPS; do run leimkuhlerMatthews "$h" >> "$rows"; done
python3 - "$rows" <<'PY'
import math, sys
rows = [l.split('\t') for l in open(sys.argv[1]).read().split('\n') if l]
print(f"{'scheme':<20}{'h':>8}{'q':>6}{'force':>12}{'exact':>12}{'bias':>12}{'stdErr':>10}{'z':>8}{'particle-steps/s':>18}")
fits = {}
for s, h, q, f, e, x, r in rows:
    h, q, f, e, x, r = map(float, (h, q, f, e, x, r))
    print(f"{s:<20}{h:>8g}{q:>6g}{f:>12.6f}{x:>12.6f}{f - x:>12.6f}{e:>10.6f}{(f - x) / e:>8.2f}{r:>18.3e}")
    fits.setdefault((s, q), []).append((h, f - x, e))
for (s, q), pts in fits.items():
    # log|bias| = log C + p log h, weights 1 / var(log|bias|) = (bias / stdErr)^2
    w = [(b / e) ** 2 for _, b, e in pts]
    X = [math.log(h) for h, _, _ in pts]
    Y = [math.log(abs(b)) for _, b, _ in pts]
    sw = sum(w); mx = sum(wi * xi for wi, xi in zip(w, X)) / sw; my = sum(wi * yi for wi, yi in zip(w, Y)) / sw
    sxx = sum(wi * (xi - mx) ** 2 for wi, xi in zip(w, X))
    p = sum(wi * (xi - mx) * (yi - my) for wi, xi, yi in zip(w, X, Y)) / sxx
    print(f"fitted order {s} q = {q:g}: p = {p:.2f} +- {1 / math.sqrt(sxx):.2f}")
PY
