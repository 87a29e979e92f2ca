#!/usr/bin/env bash
# gtc's CPU engine against the hand-vectorised C peer (bench/peer-cpu), side by side: the same work (paper
# parameters, N = 8, N_b = 40, T_L = 5, M trajectories x 8000 steps from rest, all cores), whole processes timed
# in alternation (gtc, peer, gtc, peer, ...), median wall seconds and the median of the pairwise ratios.
# Alternation and pairwise ratios keep the figure meaningful on a shared machine whose speed drifts.
#
#   scripts/cpu-peer-bench.sh            the widest vectors the CPU has (AVX-512 where present)
#   CPU_PEER_ISA=avx2 scripts/...        the AVX2 path on any x86 CPU: gtc built for x86-64-v3 (native build) or run
#                                        with DOTNET_EnableAVX512=0 (.NET builds), the peer built with -mno-avx512f
# Environment: CPU_PEER_RUNS (pairs, default 5), CPU_PEER_TRAJECTORIES (default 1024), CPU_PEER_ISA (native|avx2),
# CPU_PEER_GTC: native (the default: the native CPU build of the README, compiled ahead of time for this machine's
# vectors as the peer is), publish (the ReadyToRun .NET install), build (the plain build output).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${CPU_PEER_RUNS:-5}
m=${CPU_PEER_TRAJECTORIES:-1024}
isa=${CPU_PEER_ISA:-native}
build=bench/peer-cpu/build
mkdir -p "$build"

case "$isa" in
    native) cflags=(-march=native); gtc_env=(); ilc_isa=native ;;
    avx2) cflags=(-march=native -mno-avx512f); gtc_env=(DOTNET_EnableAVX512=0); ilc_isa=x86-64-v3 ;;
    *) echo "CPU_PEER_ISA must be native or avx2, not '$isa'" >&2; exit 2 ;;
esac
peer="$build/peer-cpu-$isa"
${CC:-cc} -O3 "${cflags[@]}" -fopenmp -Wall -Wextra -Wno-psabi -o "$peer" bench/peer-cpu/peer-cpu.c -lm
"$peer" --kat-only >/dev/null

# gtc as the README's fast-start install makes it: by default the native CPU build, compiled ahead of time for this
# machine's vectors (for x86-64-v3, AVX2, with CPU_PEER_ISA=avx2), as the peer is compiled for this machine.
# CPU_PEER_GTC=publish times the ReadyToRun .NET install, CPU_PEER_GTC=build the plain build output.
rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
case "${CPU_PEER_GTC:-native}" in
    native)
        gtc_dir=bench/peer-cpu/build/gtc-native-$isa
        dotnet publish src/GpuThermoChain.Cli -c Release -r "$rid" -p:PublishAot=true -p:IlcInstructionSet="$ilc_isa" \
            -o "$gtc_dir" -v q >/dev/null
        gtc_cmd=("$gtc_dir/gtc") ;;
    publish)
        gtc_dir=bench/peer-cpu/build/gtc-$rid
        dotnet publish src/GpuThermoChain.Cli -c Release -r "$rid" --self-contained false -o "$gtc_dir" -v q >/dev/null
        gtc_cmd=(dotnet "$gtc_dir/gtc.dll") ;;
    build)
        gtc_cmd=(dotnet src/GpuThermoChain.Cli/bin/Release/net10.0/gtc.dll)
        dotnet build src/GpuThermoChain.Cli -c Release -v q >/dev/null ;;
    *) echo "CPU_PEER_GTC must be native, publish or build, not '${CPU_PEER_GTC}'" >&2; exit 2 ;;
esac
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
gtc=(env "${gtc_env[@]}" "${gtc_cmd[@]}" run --device cpu --quiet --out "$out/run"
     --set numerics.trajectories="$m" --set numerics.burnInTime=0.01 --set numerics.measureTime=80
     --set numerics.initialState=rest)
peer_cmd=("$peer" -m "$m" -b 1 -n 8000)

# One whole process: wall seconds on stdout (bash's own clock around the process).
wall() {
    local start end
    start=$(date +%s.%N)
    "$@" >"$out/last.log" 2>&1 || { cat "$out/last.log" >&2; exit 1; }
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

echo "gtc: ${CPU_PEER_GTC:-native} build ($("${gtc_cmd[@]}" --version))$([ "${CPU_PEER_GTC:-native}" = native ] && echo ", compiled for $ilc_isa")"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
wall "${gtc[@]}" >/dev/null # warm-up: file cache, JIT'd framework
"${gtc[@]}" >/dev/null && grep -m1 -o '"device": *"[^"]*"' "$out/run/result.json" || true
"$peer" -m 16 -b 1 -n 10 | grep '^run:'
: >"$out/gtc" ; : >"$out/peer" ; : >"$out/ratio"
for ((i = 1; i <= runs; i++)); do
    g=$(wall "${gtc[@]}")
    p=$(wall "${peer_cmd[@]}")
    echo "$g" >>"$out/gtc"
    echo "$p" >>"$out/peer"
    echo "$g / $p" | bc -l >>"$out/ratio"
    printf 'pair %d: gtc %.2f s, peer %.2f s\n' "$i" "$g" "$p"
done
printf 'median wall: gtc %.2f s, peer %.2f s; median gtc/peer %.3f (%d pairs, %d trajectories x 8000 steps, isa %s)\n' \
    "$(median <"$out/gtc")" "$(median <"$out/peer")" "$(median <"$out/ratio")" "$runs" "$m" "$isa"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
