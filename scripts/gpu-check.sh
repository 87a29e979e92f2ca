#!/usr/bin/env bash
# The unattended GPU check (docs/benchmarks.md). Runs on a GPU machine that has no .NET, in under
# 5 minutes. What it leaves in its folder ($OUT if set, else ./gpu-check-out) is four files, because the device
# machine sends back at most 8: gpu-check.log (everything printed, written as it goes), summary.txt, bench.json, and
# gpu-check-files.tgz (every step's own output, the PTX/SASS and the profiles). The steps:
#   1. the device and driver (nvidia-smi)
#   2. extracts .device/gtc.tgz (built by scripts/device-bundle.sh) to a temp dir; gtc devices
#   3. gtc validate --device cuda                       (physics self-test with every check's figure)
#   4. bench/peer-cuda built with nvcc (in the background from the start) and run at the bench's ensemble sizes
#   5. gtc bench --device cuda --json --layouts ...     (particle-steps/s per ensemble size, time to 1 % on J, and
#                                                        the kernel layouts side by side: thread, thread-registers
#                                                        (particles in registers), lanes4/8/16, with
#                                                        the layout numerics.kernelLayout=auto picks next to the
#                                                        measured best), with a time-to-1 % budget fitted to the time left
#   6. kernel code: gtc ptx (the advance kernels' PTX for this GPU's compute capability), then ptxas -v and the SASS
#      of each, and the SASS of the peer: registers, spills and the instruction mix, side by side (ptx/)
#   7. if ncu (Nsight Compute) is present and time is left: one advance launch of gtc and of the peer at M = 65536
#      profiled (throughput of SM and memory, pipe use, occupancy): ncu-gtc.txt, ncu-peer.txt
#   8. summary.txt: device, validate verdict, gtc vs peer particle-steps/s and the ratio gtc/peer, time to 1 %,
#      registers and instruction mix, the profiles' headline figures
# Exits 1 (loudly) when no CUDA device is found or any step fails; later steps still run where they can.
#
# Dry mode on a machine without a GPU: GPU_CHECK_DEVICE=cpu scripts/gpu-check.sh (gtc's host SIMD engine), or
#   GPU_CHECK_DEVICE=ilgpu-cpu (the ILGPU device ensemble, kernels and layouts run as .NET code by ILGPU's CPU
#   accelerator: the launch path, not what a GPU compiles), with
#   bench --quick and the peer's PEER_CPU build with g++; nvcc is used only if present. Other knobs: GTC_BUNDLE=path/to/gtc.tgz, GPU_CHECK_DEADLINE=seconds (default 285),
#   GPU_CHECK_BENCH_BUDGET=seconds for each time-to-1 % run (default 45), CUDA_ARCH (default native on a GPU, sm_90 in a dry run),
#   GPU_CHECK_LAYOUTS=comma list for gtc bench --layouts (default thread,thread-global,thread-registers,lanes4,lanes8,lanes16:
#   the on-chip layouts, thread-registers (measured for the auto rule) and thread with the state in global memory; empty: none;
#   each layout other than thread gets at most ~20 s of measuring, see BenchPlan.LayoutBudgetSeconds),
#   GPU_CHECK_PROFILE=0 to skip the ncu profiles.
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
device=${GPU_CHECK_DEVICE:-cuda}
case "$device" in cuda | cpu | ilgpu-cpu) ;; *) echo "gpu-check: GPU_CHECK_DEVICE must be cuda, cpu or ilgpu-cpu, not '$device'" >&2; exit 2 ;; esac
final=${OUT:-$repo/gpu-check-out}
mkdir -p "$final"
final=$(cd "$final" && pwd)
# Every step writes into $out, a scratch folder that finish() packs into $final/gpu-check-files.tgz.
work=$(mktemp -d "${TMPDIR:-/tmp}/gpu-check.XXXXXX")
out=$work/files
mkdir -p "$out"
bundle=${GTC_BUNDLE:-$repo/.device/gtc.tgz}
deadline=${GPU_CHECK_DEADLINE:-285}
bench_budget=${GPU_CHECK_BENCH_BUDGET:-}
layouts=${GPU_CHECK_LAYOUTS-thread,thread-global,thread-registers,lanes4,lanes8,lanes16}
# native: the GPU at hand; a dry run has none, so there the peer is compiled for an H100/H200.
if [ "$device" = cuda ]; then arch=${CUDA_ARCH:-native}; else arch=${CUDA_ARCH:-sm_90}; fi
profile=${GPU_CHECK_PROFILE:-1}
start=$(date +%s)
failures=()

exec > >(tee "$final/gpu-check.log") 2>&1

# On any exit: the four files the device machine sends back (it returns at most 8 from $OUT).
finish() {
    [ -s "$out/summary.txt" ] && cp "$out/summary.txt" "$final/summary.txt"
    [ -s "$out/bench.json" ] && cp "$out/bench.json" "$final/bench.json"
    tar czf "$final/gpu-check-files.tgz" -C "$out" . 2>/dev/null
    rm -rf "$work"
}
trap finish EXIT

note() { printf '[gpu-check %4ds] %s\n' $(($(date +%s) - start)) "$*"; }
fail() { failures+=("$1"); note "FAIL: $1"; }
# Seconds left before the deadline, less a reserve for the summary, capped at $1.
left() {
    local r=$((deadline - ($(date +%s) - start) - 10))
    [ "$r" -lt 1 ] && r=1
    [ "$r" -gt "$1" ] && r=$1
    echo "$r"
}
# run NAME CAP CMD...: runs CMD under a timeout, stdout to $out/NAME.out, stderr to $out/NAME.err, echoes both.
run() {
    local name=$1 cap=$2
    shift 2
    local t
    t=$(left "$cap")
    echo "$*" >>"$out/commands.txt"
    note "$name: $* (timeout ${t}s)"
    timeout --kill-after=5 "$t" "$@" >"$out/$name.out" 2>"$out/$name.err"
    local rc=$?
    cat "$out/$name.out"
    [ -s "$out/$name.err" ] && sed 's/^/  stderr| /' "$out/$name.err" | tail -40
    [ $rc -eq 124 ] || [ $rc -eq 137 ] && note "$name: timed out after ${t}s"
    note "$name: exit $rc"
    return $rc
}

: >"$out/commands.txt"
note "mode: $device; output: $final; repo: $repo ($(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo 'no git'))"
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "host: $(hostname)"
    echo "cpu: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores"
    echo "mode: $device"
    echo "commit: $(git -C "$repo" rev-parse HEAD 2>/dev/null || echo unknown)"
} >"$out/machine.txt"
cat "$out/machine.txt"

# 1. Device and driver.
if command -v nvidia-smi >/dev/null 2>&1; then
    run nvidia-smi 20 nvidia-smi || { [ "$device" = cuda ] && fail "nvidia-smi failed"; }
    run nvidia-smi-query 20 nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv,noheader ||
        true
elif [ "$device" = cuda ]; then
    fail "nvidia-smi not found: no NVIDIA driver on this machine?"
else
    note "nvidia-smi not found (dry mode: fine)"
fi

# 2. The bundle.
gtc=$work/gtc/gtc
if [ ! -f "$bundle" ]; then
    fail "bundle $bundle missing: run scripts/device-bundle.sh first"
else
    tar xzf "$bundle" -C "$work" || fail "could not extract $bundle"
fi

# Kernel code in the background (CPU only): the advance kernels' PTX for this GPU, through ptxas -v, and their SASS.
cc=""
if command -v nvidia-smi >/dev/null 2>&1; then
    cc=$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader 2>/dev/null | head -1 | tr -d ' ')
fi
[ -n "$cc" ] || cc=9.0
sm=sm_${cc/./}
mkdir -p "$out/ptx"
kernel_code() {
    "$gtc" ptx --arch "$cc" --out "$out/ptx" || return 1
    if ! command -v ptxas >/dev/null 2>&1; then
        echo "ptxas not found: PTX written, no registers or SASS"
        return 0
    fi
    local f base
    for f in "$out"/ptx/advance-*.ptx; do
        base=${f%.ptx}
        ptxas -arch="$sm" -O3 -v -o "$base.cubin" "$f" >"$base.ptxas.txt" 2>&1 || { cat "$base.ptxas.txt"; return 1; }
        cuobjdump -sass "$base.cubin" >"$base.sass" 2>&1 || true
        echo "$(basename "$f"): $(grep -E 'registers|spill' "$base.ptxas.txt" | tr -s ' \n' ' ')"
    done
}
if [ -x "$gtc" ]; then
    echo "$gtc ptx --arch $cc --out $out/ptx; ptxas -arch=$sm -O3 -v; cuobjdump -sass" >>"$out/commands.txt"
    note "kernel code: PTX for compute capability $cc, ptxas -v and SASS, in the background"
    export -f kernel_code
    export gtc out sm cc
    (timeout 120 bash -c kernel_code >"$out/kernel-code.out" 2>&1; echo $? >"$out/kernel-code.rc") &
    kernel_code_pid=$!
fi

# Peer build in the background (CPU-bound nvcc while the GPU runs validate).
peer_dir=$repo/bench/peer-cuda
peer_build=$work/peer
peer=""
peer_kind=""
# The compiler lines of bench/peer-cuda/Makefile, called directly: the GPU machine's image has nvcc but no make.
mkdir -p "$peer_build"
peer_nvcc=(nvcc -O3 -std=c++17 -arch="$arch" -lineinfo -Xptxas -v -o "$peer_build/peer" "$peer_dir/peer.cu")
peer_gxx=(g++ -O2 -std=c++17 -x c++ -DPEER_CPU -fopenmp -ffp-contract=off -o "$peer_build/peer-cpu" "$peer_dir/peer.cu")
if command -v nvcc >/dev/null 2>&1 && [ "$device" = cuda ]; then
    echo "${peer_nvcc[*]}" >>"$out/commands.txt"
    note "peer: building with nvcc ($(nvcc --version | tail -1)) in the background"
    (timeout 120 "${peer_nvcc[@]}" >"$out/peer-build.out" 2>&1; echo $? >"$out/peer-build.rc") &
    peer_pid=$!
    peer="$peer_build/peer"
    peer_kind=cuda
elif [ "$device" = cuda ]; then
    fail "nvcc not found: the CUDA C peer cannot be built (no side-by-side ratio)"
else
    if command -v nvcc >/dev/null 2>&1; then
        run peer-nvcc-compile 90 "${peer_nvcc[@]}" || fail "nvcc could not compile the peer"
    else
        note "nvcc not found: dry mode builds the peer's PEER_CPU variant with g++ only"
    fi
    echo "${peer_gxx[*]}" >>"$out/commands.txt"
    (timeout 120 "${peer_gxx[@]}" >"$out/peer-build.out" 2>&1; echo $? >"$out/peer-build.rc") &
    peer_pid=$!
    peer="$peer_build/peer-cpu"
    peer_kind=cpu
fi

# 3. Devices: a CUDA run must see a CUDA device, or everything after is meaningless.
if [ -x "$gtc" ]; then
    run devices 60 "$gtc" devices || fail "gtc devices failed"
    if [ "$device" = cuda ] && ! grep -q '^cuda:' "$out/devices.out"; then
        fail "NO CUDA DEVICE FOUND by gtc (driver libcuda.so / libcuda.so.1 did not load, or no GPU)"
        echo "!!!!!!!! gpu-check: no CUDA device found; see $out/devices.out !!!!!!!!" >&2
    fi

    # 4. Validate (or, in a build that has no validate, a small run against theory).
    if "$gtc" validate --help >/dev/null 2>&1; then
        run validate 100 "$gtc" validate --device "$device" || fail "gtc validate --device $device did not pass"
    else
        run validate 100 "$gtc" run --device "$device" --set numerics.trajectories=4096 --set numerics.measureTime=100 ||
            fail "gtc run --device $device failed"
    fi

else
    fail "gtc not available: devices, validate and bench skipped"
fi

# 4. Peer runs, at the bench's ensemble sizes and launch length (before the bench: a few seconds, and they must
# not be starved by a bench that runs long).
if [ "$device" = cuda ]; then
    sizes="1024 4096 16384 65536 262144"
    peer_args=(-b 10000 -n 10000 -l 2000)
else
    sizes="64 256"
    peer_args=(-b 50 -n 150 -l 50)
fi
if [ -n "${peer_pid:-}" ]; then
    wait "$peer_pid"
    cat "$out/peer-build.out"
    if [ "$(cat "$out/peer-build.rc" 2>/dev/null)" != 0 ] || [ ! -x "$peer" ]; then
        fail "peer build failed (see peer-build.out)"
    else
        for m in $sizes; do
            run "peer-$m" 40 "$peer" -m "$m" "${peer_args[@]}" || fail "peer at M = $m failed"
        done
        if [ "$peer_kind" = cuda ] && command -v cuobjdump >/dev/null 2>&1; then
            cuobjdump -sass "$peer" >"$out/ptx/peer.sass" 2>&1 || true
            cuobjdump -res-usage "$peer" >"$out/ptx/peer.res-usage.txt" 2>&1 || true
        fi
    fi
fi

# 5. Bench, with each time-to-1 % run's budget fitted to the time left (the bench prints its JSON at the end only,
# so it must finish inside its timeout): throughput and layouts take about a minute on a GPU, then two runs.
if [ -x "$gtc" ]; then
    bench_args=(bench --device "$device" --json)
    if [ "$device" != cuda ]; then
        bench_args+=(--quick)
    else
        budget=${bench_budget:-$(( ($(left 1000) - 100) / 3 ))}
        [ "$budget" -gt 45 ] && budget=45
        [ "$budget" -lt 5 ] && budget=5
        bench_args+=(--budget "$budget")
    fi
    # An older bundle has no --layouts: then measure without it rather than fail the whole bench.
    if [ -n "$layouts" ]; then
        if "$gtc" bench --help 2>/dev/null | grep -q -- '--layouts'; then
            [ "$device" = ilgpu-cpu ] && [ -z "${GPU_CHECK_LAYOUTS+x}" ] && layouts=thread,thread-registers,lanes4 # the CPU accelerator's warp is narrow
            bench_args+=(--layouts "$layouts")
        else
            fail "this bundle's gtc bench has no --layouts (rebuild it with scripts/device-bundle.sh); layouts not measured"
        fi
    fi
    run bench 180 "$gtc" "${bench_args[@]}" || fail "gtc bench --device $device failed"
    cp "$out/bench.out" "$out/bench.json" 2>/dev/null
fi
if [ -n "${kernel_code_pid:-}" ]; then
    wait "$kernel_code_pid"
    note "kernel code: exit $(cat "$out/kernel-code.rc" 2>/dev/null)"
    cat "$out/kernel-code.out"
    [ "$(cat "$out/kernel-code.rc" 2>/dev/null)" = 0 ] || fail "kernel code (gtc ptx / ptxas) failed (see kernel-code.out)"
fi

# 7. Profiles: one advance launch each of gtc and the peer at M = 65536, when ncu is here and time is left.
# Not a pass/fail step: a machine that forbids profiling counters (ERR_NVGPUCTRPERM) just says so.
ncu_sections=(--section SpeedOfLight --section ComputeWorkloadAnalysis --section Occupancy --section LaunchStats)
if [ "$device" = cuda ] && [ "$profile" != 0 ] && command -v ncu >/dev/null 2>&1 && [ -x "$gtc" ]; then
    if [ "$(left 1000)" -ge 60 ]; then
        run ncu-gtc 45 ncu -k regex:Advance.*Kernel --launch-skip 1 --launch-count 1 "${ncu_sections[@]}" \
            "$gtc" run --device cuda --quiet --set numerics.trajectories=65536 --set numerics.stepsPerLaunch=1000 \
            --set numerics.burnInTime=10 --set numerics.measureTime=20 --out "$work/ncu-run" || note "ncu on gtc did not complete"
    else
        note "ncu: skipped, under 60 s left"
    fi
    if [ -x "$peer" ] && [ "$peer_kind" = cuda ] && [ "$(left 1000)" -ge 30 ]; then
        run ncu-peer 30 ncu -k regex:advance --launch-skip 1 --launch-count 1 "${ncu_sections[@]}" \
            "$peer" -m 65536 -b 1000 -n 2000 -l 1000 || note "ncu on the peer did not complete"
    fi
elif [ "$device" = cuda ] && [ "$profile" != 0 ]; then
    note "ncu not found: no profiles"
fi

# ---- Set-up and reduction on the device (optional; its own block: GPU_CHECK_SETUP) ----------------------------------
# gtc bench --setup M: allocation, the initial draw from the theory's state on the device, a few steps, the blow-up
# check and the reduction at M trajectories, timed, with the host path beside it and the device draw compared with the
# host's; then a real run of M trajectories (2500 steps on a GPU, as the 2^24 run it replaces) whose result.json splits
# its wall time (timing.phases). Each only when the time left allows. GPU_CHECK_SETUP=M (default 16777216 on cuda,
# 4096 in a dry run; 0 skips). One line in summary.txt (setup-summary.txt).
setup_m=${GPU_CHECK_SETUP:-}
if [ -z "$setup_m" ]; then
    if [ "$device" = cuda ]; then setup_m=16777216; else setup_m=4096; fi
fi
if [ "$setup_m" != 0 ] && [ -x "$gtc" ]; then
    if ! "$gtc" bench --help 2>/dev/null | grep -q -- '--setup'; then
        note "setup: this bundle's gtc bench has no --setup; skipped"
    elif [ "$(left 1000)" -lt 45 ]; then
        note "setup: skipped, under 45 s left"
    else
        run setup 90 "$gtc" bench --device "$device" --setup "$setup_m" --setup-compare --json ||
            fail "gtc bench --device $device --setup $setup_m failed"
        cp "$out/setup.out" "$out/setup.json" 2>/dev/null
        if [ "$device" = cuda ]; then setup_run=(--set numerics.burnInTime=5 --set numerics.measureTime=20); else setup_run=(--set numerics.burnInTime=0.1 --set numerics.measureTime=0.1); fi
        if [ "$(left 1000)" -ge 60 ]; then
            run setup-run 90 "$gtc" run --device "$device" --quiet --set numerics.trajectories="$setup_m" "${setup_run[@]}" \
                --out "$work/setup-run" || fail "gtc run --device $device with $setup_m trajectories failed"
            cp "$work/setup-run/result.json" "$out/setup-run.json" 2>/dev/null
        else
            note "setup: the run of $setup_m trajectories skipped, under 60 s left"
        fi
    fi
    if command -v python3 >/dev/null 2>&1 && [ -s "$out/setup.json" ]; then
        python3 - "$out" >"$out/setup-summary.txt" <<'PY' || true
import json, os, sys
out = sys.argv[1]
s = json.load(open(os.path.join(out, "setup.json")))
ref, host = s["reference"], s.get("hostPath") or {}
line = (f"  set-up on the device, M = {s['trajectories']}: allocate {s['allocateSeconds']:.3f} s, draw {s['drawSeconds']:.3f} s, "
        f"check {s['checkSeconds']:.4f} s, reduction {s['reductionSeconds']:.4f} s; a {ref['steps']}-step run: set-up + checks + reduction "
        f"{ref['setUpAndReductionSeconds']:.3f} s, overall/advance rate {ref['rateRatio']:.3f} (projected)")
if host:
    d = ("bit-identical" if host["deviceDrawIdentical"] else
         f"{host['chainElementsDiffering']} chain elements differ (largest {host['largestChainRelative']:.2e} of max |value|), "
         f"{host['particleElementsDiffering']} particle positions differ")
    line += f"; host path draw + upload {host['drawSeconds'] + host['uploadSeconds']:.3f} s; device vs host draw: {d}"
p = os.path.join(out, "setup-run.json")
if os.path.exists(p):
    t = json.load(open(p))["timing"]
    ph = t.get("phases") or {}
    if ph:
        adv = ph["advanceParticleStepsPerSecond"]
        line += (f"; run: {t['wallSeconds']:.2f} s wall, set-up {ph['setUpSeconds']:.3f} s, advance {ph['advanceSeconds']:.2f} s, "
                 f"checks {ph['checkSeconds']:.3f} s, reductions {ph['reductionSeconds']:.3f} s, overall/advance rate "
                 f"{t['particleStepsPerSecond'] / adv:.3f}" if adv else "")
print(line)
PY
        cat "$out/setup-summary.txt"
    fi
fi
# ---- end of the set-up block ------------------------------------------------------------------------------------------

# 8. Summary.
summary=$out/summary.txt
{
    echo "gpu-check summary ($(date -u +%Y-%m-%dT%H:%M:%SZ), mode $device, $(($(date +%s) - start)) s)"
    sed 's/^/  /' "$out/machine.txt"
    [ -s "$out/nvidia-smi-query.out" ] && echo "  gpu: $(head -1 "$out/nvidia-smi-query.out")"
    [ -s "$out/devices.out" ] && echo "  gtc devices:" && sed 's/^/    /' "$out/devices.out"
    if [ -s "$out/validate.out" ]; then
        echo "  validate (exit $(grep -o 'validate: exit [0-9]*' "$final/gpu-check.log" | tail -1 | awk '{print $3}')):"
        grep -A1 -E '^\[(PASS|FAIL)\]' "$out/validate.out" | grep -v '^--$' | sed 's/^/    /'
        tail -1 "$out/validate.out" | sed 's/^/    /'
    fi
    if command -v python3 >/dev/null 2>&1 && [ -s "$out/bench.json" ]; then
        python3 - "$out" "$peer_kind" $sizes <<'PY'
import json, os, re, sys
out, kind, sizes = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3:]]
try:
    b = json.load(open(os.path.join(out, "bench.json")))
except Exception as e:
    print(f"  bench.json unreadable: {e}")
    sys.exit(0)
print(f"  gtc bench: {b['device']}; first launch {b['firstLaunchSeconds']:.3f} s (compile ~{b['compileSeconds']:.3f} s)")
gtc = {t['trajectories']: t['particleStepsPerSecond'] for t in b['throughput']}
launch = {t['trajectories']: t.get('launch') or '' for t in b['throughput']}
peer = {}
for m in sizes:
    p = os.path.join(out, f"peer-{m}.out")
    if os.path.exists(p):
        mm = re.search(r"particle-steps/s: ([0-9.eE+-]+)", open(p).read())
        if mm: peer[m] = float(mm.group(1))
print(f"  particle-steps/s (peer: {kind} build)")
print(f"  {'trajectories':>12} {'gtc':>12} {'peer':>12} {'gtc/peer':>9}  gtc launch")
for m in sorted(set(gtc) | set(peer)):
    g, q = gtc.get(m), peer.get(m)
    ratio = f"{g / q:9.3f}" if g and q else f"{'-':>9}"
    print(f"  {m:>12} {g if g else float('nan'):>12.4e} {q if q else float('nan'):>12.4e} {ratio}  {launch.get(m, '')}")
lay = b.get('layouts') or []
if lay:
    names = list(dict.fromkeys(l['layout'] for l in lay))
    rate = {(l['layout'], l['trajectories']): l['particleStepsPerSecond'] for l in lay}
    print("  kernel layouts, particle-steps/s (x thread); the faster layout per size is what to choose by")
    print(f"  {'trajectories':>12}" + "".join(f" {n:>20}" for n in names))
    for m in sorted({l['trajectories'] for l in lay}):
        base = rate.get(('thread', m))
        cells = []
        for n in names:
            r = rate.get((n, m))
            cells.append(f" {'-':>20}" if r is None else f" {r:>11.3e}" + (f" (x{r / base:5.2f})" if base else " " * 9))
        print(f"  {m:>12}" + "".join(cells))
    # The layout numerics.kernelLayout=auto picks at each size (bench.json "autoLayouts", from the rule in
    # KernelLayoutRule for this device's shape) next to the fastest measured: where they differ, the rule needs the data.
    auto = {a['trajectories']: a['layout'] for a in b.get('autoLayouts') or []}
    if auto:
        shape = b.get('deviceShape') or {}
        print(f"  auto layout vs measured best (device: {shape.get('multiprocessors', '?')} multiprocessors x "
              f"{shape.get('maxThreadsPerMultiprocessor', '?')} threads, warp {shape.get('warpSize', '?')})")
        print(f"  {'trajectories':>12} {'auto':>8} {'best':>16} {'auto/best':>9} {'auto/peer':>9} {'best/peer':>9}")
        for m in sorted({l['trajectories'] for l in lay}):
            here = {n: rate[(n, m)] for n in names if (n, m) in rate}
            best = max(here, key=here.get)
            a = auto.get(m, '-')
            ra = here.get(a)
            q = peer.get(m)
            verdict = "" if a == best else "  <- auto is not the measured best"
            print(f"  {m:>12} {a:>8} {best:>16} " + (f"{ra / here[best]:9.3f}" if ra else f"{'-':>9}") + " " +
                  (f"{ra / q:9.3f}" if ra and q else f"{'-':>9}") + " " + (f"{here[best] / q:9.3f}" if q else f"{'-':>9}") + verdict)
    else:
        print("  (this gtc bench records no autoLayouts: the layout rule is not checked)")
for n in b.get('layoutNotes') or []:
    print(f"  {n}")
for t in b['timeTo1Percent']:
    run = t.get('run')
    got = (f"run: J = {run['current']:.6g} +- {run['stdErr']:.3g} ({100 * run['relativeError']:.2f} %) in {run['wallSeconds']:.1f} s wall"
           if run else f"not run ({t.get('skipped')})")
    pr = t.get('predicted') or {}
    def num(v, fmt):
        return format(v, fmt) if isinstance(v, (int, float)) else "n/a"
    print(f"  time to 1 % at T_L = {t['temperatureLeft']:g} (S = {t['particleSubsteps']}): predicted "
          f"{num(pr.get('wallSeconds'), '.1f')} s ({pr.get('trajectories', 'n/a')} x {num(pr.get('measureTime'), '.4g')}); {got}")
for m in sizes:
    p = os.path.join(out, f"peer-{m}.out")
    if os.path.exists(p):
        mm = re.search(r"J bond: ([0-9.eE+-]+) \+- ([0-9.eE+-]+)", open(p).read())
        if mm:
            print(f"  peer J (bond) at M = {m}: {mm.group(1)} +- {mm.group(2)} (starts at rest with a short burn-in: a sign of life, not a physics check; gtc validate is that)")
PY
    elif [ -s "$out/bench.json" ]; then
        echo "  (no python3: raw figures)"
        grep -E '"(trajectories|particleStepsPerSecond|wallSeconds|relativeError)"' "$out/bench.json" | sed 's/^/   /'
        grep -H 'particle-steps/s' "$out"/peer-*.out 2>/dev/null | sed 's/^/   /'
    fi
    grep -H 'philox kat' "$out"/peer-*.out 2>/dev/null | head -3 | sed "s|^$out/|  |"
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$out" <<'PY'
import glob, os, re, sys
out = sys.argv[1]
# Kernel code: registers and spills (ptxas -v / cuobjdump -res-usage), and the static SASS instruction mix of the
# advance kernels (static counts: loops and cold paths count once; read them as what each pass of the body costs).
classes = [
    ("MUFU (sin/cos/ex2/lg2/rsq)", r"^MUFU"), ("conversions (F2I/I2F/F2F/FRND)", r"^(F2I|I2F|F2F|FRND|I2FP|F2IP)"),
    ("float add/mul/fma", r"^(FADD|FMUL|FFMA|FMNMX|FSEL|FSETP|FCHK)"), ("double", r"^(DADD|DMUL|DFMA|DSETP|DMNMX)"),
    ("integer", r"^(IMAD|IADD|LOP|SHF|ISETP|IMNMX|LEA|SEL|PRMT|POPC|FLO|IABS)"), ("global loads", r"^LDG"),
    ("global stores", r"^STG"), ("local memory", r"^(LDL|STL)"), ("shuffles", r"^SHFL"), ("branches", r"^(BRA|BRX|BSSY|BSYNC|WARPSYNC|EXIT|RET|CALL)"),
]
def sass_mix(path, kernel_regex):
    text = open(path, errors="replace").read()
    blocks = re.split(r"\n\s*Function : ", text)
    mix, total = {}, 0
    for b in blocks[1:]:
        name = b.split("\n", 1)[0].strip()
        if not re.search(kernel_regex, name):
            continue
        for m in re.finditer(r"/\*[0-9a-f]{4,}\*/\s+(?:@!?U?P\w+\s+)?([A-Z][A-Z0-9_]*)", b):
            op = m.group(1)
            total += 1
            for label, rx in classes:
                if re.match(rx, op):
                    mix[label] = mix.get(label, 0) + 1
                    break
    return total, mix
rows = []
for name, sass, regex, res in [
    ("gtc thread", "advance-thread.", r"Advance\w*Kernel", None), ("gtc lanes", "advance-lanes.", r"Advance\w*Kernel", None),
    ("gtc thread-global", "advance-thread-global.", r"Advance\w*Kernel", None),
    ("gtc thread-registers", "advance-thread-registers.", r"Advance\w*Kernel", None),
    ("gtc lanes-global", "advance-lanes-global.", r"Advance\w*Kernel", None),
    ("peer", "peer", r"advance", "peer.res-usage.txt")]:
    files = glob.glob(os.path.join(out, "ptx", f"{sass}*.sass"))
    if not files:
        continue
    regs = ""
    info = glob.glob(os.path.join(out, "ptx", f"{sass}*.ptxas.txt")) + ([os.path.join(out, "ptx", res)] if res else [])
    for i in info:
        if os.path.exists(i):
            t = open(i, errors="replace").read()
            r = re.search(r"Used (\d+) registers", t) or re.search(r"advance\w*.*?REG:(\d+)", t, re.S)
            sp = re.search(r"(\d+) bytes spill stores, (\d+) bytes spill loads", t)
            regs = (f"{r.group(1)} registers" if r else "") + (f", spills {sp.group(1)}/{sp.group(2)} B" if sp else "")
    total, mix = sass_mix(files[0], regex)
    rows.append((name, regs, total, mix))
if rows:
    print("  kernel code (static SASS of the advance kernel; registers and spills from ptxas / cuobjdump):")
    for name, regs, total, mix in rows:
        print(f"    {name:<20} {total:5d} instructions; {regs}")
        print("      " + "; ".join(f"{k} {v}" for k, v in mix.items()) + f"; other {total - sum(mix.values())}")
# Profiles: the headline lines of each ncu report.
keys = ["Duration", "Compute (SM) Throughput", "Memory Throughput", "Registers Per Thread", "Achieved Occupancy",
        "Theoretical Occupancy", "Executed Ipc Active", "Issue Slots Busy", "Block Size", "Grid Size"]
for who in ("gtc", "peer"):
    p = os.path.join(out, f"ncu-{who}.out")
    if not os.path.exists(p):
        continue
    t = open(p, errors="replace").read()
    got = []
    for k in keys:
        m = re.search(r"^\s*" + re.escape(k) + r"\s+(\S+)\s+([\d.,]+)", t, re.M)
        if m:
            got.append(f"{k} {m.group(2)} {m.group(1)}")
    if got:
        print(f"  ncu {who}: " + "; ".join(got))
    elif "ERR_NVGPUCTRPERM" in t:
        print(f"  ncu {who}: not permitted on this machine (ERR_NVGPUCTRPERM)")
    else:
        print(f"  ncu {who}: no profile (see ncu-{who}.out)")
PY
    fi
    [ -s "$out/setup-summary.txt" ] && cat "$out/setup-summary.txt"
    if [ ${#failures[@]} -eq 0 ]; then
        echo "  RESULT: PASS"
    else
        echo "  RESULT: FAIL"
        printf '    - %s\n' "${failures[@]}"
    fi
} >"$summary"
cat "$summary"
note "results in $final: gpu-check.log, summary.txt, bench.json, gpu-check-files.tgz (every step's output)"
[ ${#failures[@]} -eq 0 ] || exit 1
