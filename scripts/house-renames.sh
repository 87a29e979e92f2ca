#!/usr/bin/env bash
# One vocabulary: the mechanical renames of the house refactoring, re-runnable and idempotent, so that they can be
# applied again after branches that still use the old names are merged. Run from the repository root (or give it):
#   bash scripts/house-renames.sh [ROOT]
# then build (dotnet build GpuThermoChain.sln -c Release). Running it twice changes nothing the second time.
#
# The names follow the config's dotted names (the table is in docs/architecture.md, "Vocabulary"):
#   model (full, effective, probe, meanForce)  one enum, ModelKind (GpuThermoChain.Config); StepModel is gone
#   chain.coupling, k                          SpringConstant     (was CouplingStiffness in Config and the step, Coupling in Theory)
#   chain.pinning, K                           PinningConstant    (was PinningStiffness in Config, Pinning in Theory)
#   particleBath.epsilon, eps                  CouplingStrength   (was Epsilon in Theory)
#   particleBath.rho, rho                      Localisation       (was Rho in Theory)
set -euo pipefail
ROOT="${1:-.}"
cd "$ROOT"
[ -f GpuThermoChain.sln ] || { echo "house-renames: run from the repository root (no GpuThermoChain.sln here)" >&2; exit 2; }

mapfile -d '' FILES < <(find src kernels tests bench -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' -print0 2>/dev/null)
[ "${#FILES[@]}" -gt 0 ] || exit 0

# 1. One enum for the model. The step's enum StepModel (Full, Effective, MeanForce) is deleted; its uses name
#    Config's ModelKind, whose Full, Effective and MeanForce keep StepModel's values 0, 1 and 2 (Probe is 3, and the
#    step never sees it: the probe runs the full step).
perl -0pi -e 's!(?:[ \t]*///[^\n]*\n)*[ \t]*public enum StepModel\s*\{[^}]*\}\s*\n!!g' src/GpuThermoChain.Model/StepCoefficients.cs
perl -pi -e 's/\bStepModel\b/ModelKind/g' "${FILES[@]}"
# A file that now names ModelKind needs Config's namespace.
for f in "${FILES[@]}"; do
    if grep -q '\bModelKind\b' "$f" && ! grep -q '^using GpuThermoChain\.Config;' "$f" && ! grep -q '^namespace GpuThermoChain\.Config\b' "$f"; then
        if grep -q '^using ' "$f"; then
            perl -0pi -e 's/^(using [^\n]*\n)/using GpuThermoChain.Config;\n$1/m' "$f"
        else
            perl -0pi -e 's/\A/using GpuThermoChain.Config;\n\n/' "$f"
        fi
    fi
done

# 2. k, K, eps, rho: one name each. Config and the step coefficients spell them out; Theory's flat records used the
#    bare symbols. Only identifiers are renamed (member access, named arguments, initialisers, record parameters,
#    crefs), never prose.
perl -pi -e '
    s/\bCouplingStiffness\b/SpringConstant/g;
    s/\bcouplingStiffness\b/springConstant/g;
    s/\bPinningStiffness\b/PinningConstant/g;
    s/\bpinningStiffness\b/pinningConstant/g;
    for my $pair (["Coupling", "SpringConstant"], ["Pinning", "PinningConstant"], ["Epsilon", "CouplingStrength"], ["Rho", "Localisation"]) {
        my ($old, $new) = @$pair;
        s/(?<!float)(?<!double)(?<!Single)(?<!Double)\.$old\b/.$new/g;
        s/(?<![.\w])$old(?=\s*(?::(?!:)|=(?!=)))/$new/g;
        s/\b(double|int|float) $old\b/$1 $new/g;
        s/cref="$old"/cref="$new"/g;
    }
' "${FILES[@]}"

# 3. A StepCoefficients value is never called k (k is the spring constant).
f=tests/GpuThermoChain.Cli.Tests/InputDefectTests.cs
if [ -f "$f" ]; then
    # Every k in this file is a StepCoefficients value.
    perl -pi -e 's/\bvar k = StepCoefficients/var coefficients = StepCoefficients/; s/\bk\.(Sites|Particles|AccumulatorCount)\b/coefficients.$1/g; s/\((k), /(coefficients, /g' "$f"
fi

# 4. "Lane" keeps one meaning: a trajectory's slot in a SIMD vector. The kernels in which several threads of one warp
#    advance one trajectory call those threads a tile (CUDA's word for an aligned subgroup of a warp: a
#    thread_block_tile) and a thread's index in its tile its rank; Warp.LaneIdx is ILGPU's name and stays. The layouts'
#    names that users type (thread, lanes4, lanes8, lanes16, each also -global) and gtc ptx's file names stay. A Philox
#    block's four outputs are words or normals (Block4 in the SIMD engine, Normal4.Get(index) in the step).
for pair in kernels/GpuThermoChain.Kernels/LaneGroupKernels.cs:kernels/GpuThermoChain.Kernels/TileKernels.cs \
            tests/GpuThermoChain.Simulation.Tests/LaneLayoutTests.cs:tests/GpuThermoChain.Simulation.Tests/TileLayoutTests.cs; do
    old=${pair%%:*}
    new=${pair#*:}
    if [ -f "$old" ] && [ ! -f "$new" ]; then
        git mv "$old" "$new" 2>/dev/null || mv "$old" "$new"
    fi
done
mapfile -d '' FILES < <(find src kernels tests bench -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' -print0 2>/dev/null)
perl -pi -e '
    s/\bLaneGroupKernels\b/TileKernels/g;
    s/\bLaneLayoutTests\b/TileLayoutTests/g;
    s/\bLanesPerTrajectory(4|8|16)(Global)?\b/TilePerTrajectory$1$2/g;
    s/\bint Lanes\(this KernelLayout\b/int TileSize(this KernelLayout/g;
    s/\.Lanes\(\)/.TileSize()/g;
    s/\bLaneSum\(/TileSum(/g;
    s/\b_advanceLanes\b/_advanceTile/g;
    s/\bAdvanceLanes\b/AdvanceTile/g;
    s/\bLanes4</Block4</g;
' "${FILES[@]}"
# Inside the tile kernels and their launch, the code's lane/lanes are a thread's rank and the tile's size (code lines
# only; the comments there say it in words).
for f in kernels/GpuThermoChain.Kernels/TileKernels.cs kernels/GpuThermoChain.Kernels/DeviceEnsemble.cs; do
    if [ -f "$f" ]; then
        perl -pi -e '
            s/needs \{lanes\} lanes of one warp per trajectory/needs a tile of {tileSize} threads of one warp per trajectory/g;
            s/"lanes \* trajectories must fit/"tile size * trajectories must fit/g;
            next if m{^\s*//};
            s/\blanes\b/tileSize/g;
            s/\blane\b/rank/g;
        ' "$f"
    fi
done
