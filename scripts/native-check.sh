#!/usr/bin/env bash
# The native CPU build (README, "Fast start-up"): gtc compiled ahead of time for this machine (dotnet publish
# -p:PublishAot=true), checked against the .NET build of the same tree. .ci/run runs it after the tests.
#   - it starts and describes itself: --version, and `gtc devices` lists the CPU engine and says what the build lacks;
#   - an ILGPU device is refused by name (exit 1, nothing written), as is `gtc ptx`;
#   - a run gives the .NET build's result.json to the last bit: every number but the timings and the date;
#   - `gtc validate --device cpu` passes: Philox known answers, the steps against the reference integrator, and the
#     statistical checks against exact theory, all in the native code.
# Usage: scripts/native-check.sh [DOTNET_GTC_DLL]   (default: the Release build of src/GpuThermoChain.Cli, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "native-check: FAILED: $*" >&2; exit 1; }

dll=${1:-src/GpuThermoChain.Cli/bin/Release/net10.0/gtc.dll}
[ -f "$dll" ] || dotnet build src/GpuThermoChain.Cli -c Release -v q >/dev/null
rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
start=$(date +%s)
dotnet publish src/GpuThermoChain.Cli -c Release -r "$rid" -p:PublishAot=true -o "$T/native" -v q >"$T/publish.log" 2>&1 \
    || { tail -20 "$T/publish.log" >&2; fail "dotnet publish -p:PublishAot=true"; }
echo "native-check: published in $(( $(date +%s) - start )) s ($(du -h "$T/native/gtc" | cut -f1) binary)"
gtc=$T/native/gtc

"$gtc" --version
"$gtc" devices | tee "$T/devices.txt"
grep -q '^cpu:0  CPU SIMD engine' "$T/devices.txt" || fail "gtc devices does not list the CPU engine"
grep -q 'native CPU build' "$T/devices.txt" || fail "gtc devices does not say it is the native CPU build"

for args in "run --device cuda --set numerics.trajectories=16 --out $T/refused" "run --device ilgpu-cpu --set numerics.trajectories=16" \
            "ptx --arch 90 --out $T/refused-ptx"; do
    set +e
    # shellcheck disable=SC2086 # the words of args are the arguments
    "$gtc" $args >"$T/refused.out" 2>"$T/refused.err"
    rc=$?
    set -e
    [ "$rc" = 1 ] || fail "gtc $args: exit $rc, expected 1"
    grep -q 'native CPU build' "$T/refused.err" || fail "gtc $args: the error does not name the build: $(cat "$T/refused.err")"
    if grep -q 'at .*(' "$T/refused.err"; then fail "gtc $args printed a stack trace"; fi
done
[ ! -e "$T/refused" ] && [ ! -e "$T/refused-ptx" ] || fail "a refused command wrote its output folder"
echo "native-check: ILGPU devices and gtc ptx refused, exit 1, nothing written"

run=(run --device cpu --quiet --set numerics.trajectories=64 --set numerics.measureTime=5 --set numerics.burnInTime=1)
"$gtc" "${run[@]}" --out "$T/native-run" >/dev/null
dotnet "$dll" "${run[@]}" --out "$T/dotnet-run" >/dev/null
python3 - "$T/native-run/result.json" "$T/dotnet-run/result.json" <<'PY' || fail "the native build's result differs from the .NET build's"
import json, sys
def flat(v, path=""):
    if isinstance(v, dict):
        for k, x in v.items(): yield from flat(x, f"{path}.{k}")
    elif isinstance(v, list):
        for i, x in enumerate(v): yield from flat(x, f"{path}[{i}]")
    else: yield path, v
a, b = (dict(flat(json.load(open(f)))) for f in sys.argv[1:3])
skip = lambda k: k.startswith(".timing.") or k == ".createdUtc"
keys = sorted(k for k in a.keys() | b.keys() if not skip(k))
differ = [k for k in keys if a.get(k) != b.get(k)]
if differ:
    sys.exit("native-check: fields differ: " + ", ".join(f"{k}: {a.get(k)!r} vs {b.get(k)!r}" for k in differ[:10]))
print(f"native-check: result.json identical to the .NET build's in all {len(keys)} fields but the timings and the date "
      f"(J = {a['.current.value']} +- {a['.current.stdErr']})")
PY

"$gtc" validate --device cpu | tee "$T/validate.txt" | grep -E '^\[|all checks|FAILED' || true
grep -q '^all checks passed' "$T/validate.txt" || fail "gtc validate --device cpu in the native build"
echo "native-check: passed in $(( $(date +%s) - start )) s"
