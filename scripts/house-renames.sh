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
