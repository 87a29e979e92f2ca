#!/usr/bin/env bash
# The conductivity maximum at the Gaussian limit (see README.md): one Gaussian-limit study (gtc converge) per T_L of
# runs/maximum-k1-zeta0.1's window, then table.py turns their J_inf into points.csv and gtc plot fits the maximum.
# A study already finished in its folder is not run again (gtc converge skips finished points).
# Usage, from the repository root: GTC="dotnet src/GpuThermoChain.Cli/bin/Release/net10.0/gtc.dll" runs/maximum-gaussian-limit/make.sh [--device cpu]
set -euo pipefail
GTC=${GTC:-gtc}
HERE=runs/maximum-gaussian-limit
# The sweep's T_L: 10 values from 1.3 to 3.1, evenly spaced in ln T_L (12 significant digits, as gtc sweep writes them).
TLS=$(python3 -c 'import math; print(" ".join("%.12g" % math.exp(math.log(1.3) + i / 9 * (math.log(3.1) - math.log(1.3))) for i in range(10)))')
mkdir -p "$HERE/studies"
for tl in $TLS; do
  # The maximum sweep's parameters (N = 8, k = 1, zeta = 0.1, T_R = 0), at the paper's N_b = 40 and
  # eps = 0.1 (N_b eps^2 = 0.4); run at N_b = 4, 8, 16, cheap, where the truncation is large enough to fit. One substep
  # (h = 0.01 <= 0.02 tau_1 over the window) instead of the sweep's two, to halve the cost.
  $GTC converge "$@" --quiet --bath-sizes 4,8,16 \
    --set chain.sites=8 --set chain.coupling=1 --set particleBath.friction=0.1 --set langevinBath.temperature=0 \
    --set particleBath.temperature="$tl" --set numerics.timeStep=0.01 --set numerics.particleSubsteps=1 \
    --set numerics.burnInTime=20 --set numerics.measureTime=300 --set numerics.trajectories=2048 --set numerics.seed=6 \
    --out "$HERE/studies/TL-$tl" > "$HERE/studies/TL-$tl.txt"
done
python3 "$HERE/table.py" "$HERE"
$GTC plot "$HERE"
