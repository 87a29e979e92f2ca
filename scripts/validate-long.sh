#!/usr/bin/env bash
# Longer physics validation, kept out of CI's default run (trait Category=Validation): the self-test at 16x the
# CI ensemble, the full model against the memory-kernel theory at T_L = 2 and 20, the effective chain with a hot
# right bath. About two minutes on a 2-core CPU (SIMD engine).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test tests/GpuThermoChain.Physics.Tests -c Release --filter "Category=Validation" --logger "console;verbosity=normal"
