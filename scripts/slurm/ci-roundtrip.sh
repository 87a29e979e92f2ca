#!/usr/bin/env bash
# CI proof of the Slurm path on a real single-node Slurm (called from .ci/run after the tests):
# installs Debian's slurm-wlm and munge if missing (needs root and apt-get), starts munged, slurmctld and slurmd by
# hand on private sockets, ports and folders, submits a 4-task job array of 'gtc run --shard i/4' plus the dependent
# merge (scripts/slurm/submit.sh), waits for them, and compares the merged result with the same run done locally
# (every estimator, the temperature profile and the z-scores equal to 1e-12 relative). With it goes a sweep of
# 2 points x 2 shards (gtc sweep --plan, array, merge, and the dependent collect job, gtc sweep --collect), whose
# collected points.csv is compared with a local gtc sweep of the same file (J, J_err and every other number to 1e-12
# relative, timing and device columns excluded). Every wait is bounded; the daemons it started are stopped (by
# their pids) on every exit path.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/scripts/slurm"
LIMIT_JOBS=${GTC_SLURM_JOB_TIMEOUT:-240}
say() { echo "slurm-ci: $*"; }
fail() { echo "slurm-ci: FAILED: $*" >&2; exit 1; }

if [ "$(id -u)" -ne 0 ]; then fail "needs root (to install and start slurmctld, slurmd and munged)"; fi
started=$SECONDS

# --- gtc ---
GTC_DLL="$ROOT/src/GpuThermoChain.Cli/bin/Release/net10.0/gtc.dll"
if [ ! -f "$GTC_DLL" ]; then
  say "building gtc"
  dotnet build "$ROOT/src/GpuThermoChain.Cli" -c Release -v q -nologo >/dev/null
fi
export GTC="dotnet $GTC_DLL"

# --- Slurm and munge from Debian ---
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  say "installing slurm-wlm and munge (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  timeout 300 apt-get update -qq >/dev/null || fail "apt-get update"
  timeout 600 apt-get install -y -qq slurm-wlm slurmctld slurmd slurm-client munge >/dev/null || fail "apt-get install slurm-wlm munge"
fi
say "$(slurmctld -V), $(munged -V 2>&1 | head -1)"

# --- private daemons ---
T=$(mktemp -d /tmp/gtc-slurm-ci.XXXXXX)
chmod 755 "$T"
PIDS=()
cleanup() {
  local rc=$?
  if [ -n "${SLURM_CONF:-}" ] && [ -n "${JOBS:-}" ]; then scancel $JOBS >/dev/null 2>&1 || true; fi
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ $rc -ne 0 ]; then
    echo "slurm-ci: ---- logs ($T) ----" >&2
    for f in "$T"/slurmctld.log "$T"/slurmd.log "$T"/munged.log "$T"/plan/logs/*.out "$T"/splan/logs/*.out; do
      [ -f "$f" ] && { echo "== $f" >&2; tail -n 30 "$f" >&2; }
    done
  fi
  rm -rf "$T"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# munged on its own socket and key (never the system's); it runs as root with --force.
mkdir -p "$T/munge"
chmod 711 "$T/munge"
dd if=/dev/urandom of="$T/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$T/munge/munge.key"
MUNGE_SOCKET="$T/munge/munge.socket"
munged --force --foreground --key-file="$T/munge/munge.key" --socket="$MUNGE_SOCKET" \
  --pid-file="$T/munge/munged.pid" --seed-file="$T/munge/munge.seed" >>"$T/munged.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do [ -S "$MUNGE_SOCKET" ] && break; sleep 0.1; done
[ -S "$MUNGE_SOCKET" ] || fail "munged did not create its socket"
munge --socket="$MUNGE_SOCKET" -n | unmunge --socket="$MUNGE_SOCKET" >/dev/null || fail "munge credential round trip"

HOST=$(hostname -s)
CPUS=$(nproc)
PORT=$((20000 + RANDOM % 20000))
mkdir -p "$T/state" "$T/spool"
export SLURM_CONF="$T/slurm.conf"
cat > "$SLURM_CONF" <<CONF
ClusterName=gtcci
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$MUNGE_SOCKET
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=600
KillWait=5
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS State=UNKNOWN
PartitionName=ci Nodes=$HOST Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
CONF

slurmctld -D -i -f "$SLURM_CONF" >>"$T/slurmctld.log" 2>&1 &
PIDS+=($!)
slurmd -D -f "$SLURM_CONF" >>"$T/slurmd.log" 2>&1 &
PIDS+=($!)
state=""
for _ in $(seq 120); do
  state=$(sinfo -h -n "$HOST" -o %T 2>/dev/null || true)
  [ "$state" = "idle" ] && break
  sleep 0.5
done
[ "$state" = "idle" ] || fail "node $HOST did not become idle within 60 s (state '$state')"
say "slurmctld and slurmd up, node $HOST idle ($CPUS CPUs), port $PORT"

# --- the run: 4 shards as a job array, then the dependent merge ---
cat > "$T/config.json" <<'JSON'
{
  "model": "full",
  "chain": { "sites": 4 },
  "particleBath": { "temperature": 5 },
  "numerics": { "timeStep": 0.01, "burnInTime": 2, "measureTime": 40, "trajectories": 50, "seed": 11, "stepsPerLaunch": 1000 }
}
JSON
export GTC_RUN_ARGS="--device cpu --quiet"
"$HERE/plan-run.sh" "$T/config.json" 4 "$T/plan" >/dev/null
read -r ARRAY MERGE _ < <("$HERE/submit.sh" "$T/plan" --cpus-per-task=1)
JOBS="$ARRAY $MERGE"
say "submitted array job $ARRAY (4 tasks: gtc run --shard i/4) and merge job $MERGE (afterok:$ARRAY)"

# --- with it, a sweep: 2 points x 2 shards, merges, then the collect job ---
cat > "$T/sweep.json" <<'JSON'
{ "figure": "fig3",
  "base": { "model": "full", "chain": { "sites": 4 },
            "numerics": { "timeStep": 0.01, "burnInTime": 2, "measureTime": 20, "trajectories": 32, "seed": 7, "stepsPerLaunch": 1000 } },
  "grid": [ { "name": "particleBath.temperature", "values": [2, 5] } ] }
JSON
$GTC sweep "$T/sweep.json" --plan "$T/splan" --shards 2 >/dev/null 2>&1 || fail "gtc sweep --plan"
read -r SARRAY SMERGE SCOLLECT < <("$HERE/submit.sh" "$T/splan" --cpus-per-task=1)
JOBS="$JOBS $SARRAY $SMERGE $SCOLLECT"
say "submitted sweep array job $SARRAY (2 points x 2 shards), merge job $SMERGE, collect job $SCOLLECT (afterok:$SMERGE)"

deadline=$((SECONDS + LIMIT_JOBS))
while [ -n "$(squeue -h -j "${JOBS// /,}" -o %i 2>/dev/null)" ]; do
  [ $SECONDS -lt $deadline ] || { squeue -j "${JOBS// /,}" >&2 || true; fail "jobs still queued or running after ${LIMIT_JOBS} s"; }
  sleep 1
done
for job in $JOBS; do
  bad=$(scontrol show job "$job" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | grep -v 'JobState=COMPLETED' || true)
  [ -z "$bad" ] || fail "job $job ended as: $(echo $bad | tr '\n' ' ')"
done
MERGED="$T/plan/points/0/result.json"
[ -f "$MERGED" ] || fail "the merge job left no $MERGED"
for i in 0 1 2 3; do [ -f "$T/plan/points/0/shard-$i/shard.gtc" ] || fail "shard $i left no shard.gtc"; done
nodes=$(grep -ho 'host [^ ]*' "$T"/plan/logs/gtc-unit-*.out | sort -u | tr '\n' ' ')
say "4 array tasks and the merge completed (tasks ran on: $nodes)"

# --- the same run locally, and the comparison ---
$GTC run "$T/config.json" --device cpu --quiet --out "$T/local" >/dev/null
python3 - "$T/local/result.json" "$MERGED" <<'PY' || fail "the merged Slurm result differs from the local run"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
worst = 0.0
def same(x, y, what):
    global worst
    d = abs(x - y) / max(abs(x), 1e-300)
    worst = max(worst, d)
    if d > 1e-12:
        sys.exit(f"slurm-ci: {what}: local {x!r} vs Slurm {y!r} (relative {d:.2e})")
for k in ("value", "stdErr"):
    same(a["current"][k], b["current"][k], f"current.{k}")
for name, e in a["estimators"].items():
    for k in ("value", "stdErr"):
        if e[k] is not None:
            same(e[k], b["estimators"][name][k], f"{name}.{k}")
for k in ("values", "stdErrs"):
    for i, (x, y) in enumerate(zip(a["temperatureProfile"][k], b["temperatureProfile"][k])):
        same(x, y, f"temperatureProfile.{k}[{i}]")
for name, t in a["theory"].items():
    same(t["zScore"], b["theory"][name]["zScore"], f"z {name}")
assert a["config"] == b["config"] and a["seed"] == b["seed"] and a["measuredSteps"] == b["measuredSteps"]
print(f"slurm-ci: merged J = {b['current']['value']!r} +- {b['current']['stdErr']:.3g}, local J = {a['current']['value']!r}; "
      f"largest relative difference over every estimator, profile entry and z-score: {worst:.2e}")
PY

# --- the sweep: collected points.csv vs a local gtc sweep of the same file ---
COLLECTED="$T/splan/sweep"
for f in points.csv points/0/result.json points/1/result.json fig3-linear.png fig3-loglog.svg analysis.md; do
  [ -f "$COLLECTED/$f" ] || fail "the collect job left no $COLLECTED/$f"
done
$GTC sweep "$T/sweep.json" --device cpu --quiet --no-plot --out "$T/slocal" >/dev/null || fail "local gtc sweep"
python3 - "$T/slocal/points.csv" "$COLLECTED/points.csv" <<'PY' || fail "the collected Slurm sweep differs from the local sweep"
import csv, sys
a, b = (list(csv.DictReader(open(p))) for p in sys.argv[1:3])
if len(a) != len(b) or list(a[0]) != list(b[0]):
    sys.exit(f"slurm-ci: tables differ in shape: local {len(a)} rows x {len(a[0])} columns, collected {len(b)} x {len(b[0])}")
worst = 0.0
for i, (x, y) in enumerate(zip(a, b)):
    for k in x:
        if k in ("wallSeconds", "device"):
            continue
        try:
            fx, fy = float(x[k]), float(y[k])
        except ValueError:
            if x[k] != y[k]:
                sys.exit(f"slurm-ci: row {i} {k}: local {x[k]!r} vs collected {y[k]!r}")
            continue
        d = abs(fx - fy) / max(abs(fx), 1e-300)
        worst = max(worst, d)
        if d > 1e-12:
            sys.exit(f"slurm-ci: row {i} {k}: local {fx!r} vs collected {fy!r} (relative {d:.2e})")
print("slurm-ci: sweep collected: " + ", ".join(f"T_L = {r['particleBath.temperature']}: J = {float(r['J']):.6g} +- {float(r['J_err']):.2g}" for r in b) +
      f"; largest relative difference from the local sweep over every number (J, J_err, estimators, theory, z): {worst:.2e}")
PY
say "passed in $((SECONDS - started)) s"
