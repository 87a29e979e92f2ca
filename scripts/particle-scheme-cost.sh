#!/usr/bin/env bash
# Cost per particle-step of each particle scheme (docs/precision.md, "Particle scheme"): the full model at the paper's
# parameters (N = 8, N_b = 40, T_L = 5, one substep of dt = 0.01) from rest, whole gtc processes alternating between the
# schemes, REPEATS pairs; prints each run's particle-steps/s (gtc's own timing of the stepping) and wall time, then the
# medians and the ratio. Knobs: GTC (default the Release build), DEVICE (default cpu; cuda on a GPU machine),
# TRAJECTORIES (default 1024; 262144 fills a GPU), MEASURE (time units, default 40), REPEATS (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
GTC=${GTC:-src/GpuThermoChain.Cli/bin/Release/net10.0/gtc}
DEVICE=${DEVICE:-cpu}
TRAJECTORIES=${TRAJECTORIES:-1024}
MEASURE=${MEASURE:-40}
REPEATS=${REPEATS:-5}
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
for i in $(seq 1 "$REPEATS"); do
    for scheme in eulerMaruyama leimkuhlerMatthews; do
        start=$(date +%s.%N)
        rate=$("$GTC" run --device "$DEVICE" --json --quiet --set numerics.trajectories="$TRAJECTORIES" \
            --set numerics.burnInTime=0.01 --set numerics.measureTime="$MEASURE" --set numerics.initialState=rest \
            --set numerics.particleScheme="$scheme" | jq -r '.timing.particleStepsPerSecond')
        end=$(date +%s.%N)
        echo "$scheme $rate $(echo "$end - $start" | bc)" | tee -a "$rows"
    done
done
python3 - "$rows" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
med = {s: (statistics.median(float(r[1]) for r in rows if r[0] == s), statistics.median(float(r[2]) for r in rows if r[0] == s))
       for s in dict.fromkeys(r[0] for r in rows)}
for s, (rate, wall) in med.items():
    print(f"median {s}: {rate:.3e} particle-steps/s, {wall:.2f} s wall")
em, lm = med["eulerMaruyama"][0], med["leimkuhlerMatthews"][0]
print(f"cost per particle-step, leimkuhlerMatthews / eulerMaruyama: {em / lm:.2f}")
PY
