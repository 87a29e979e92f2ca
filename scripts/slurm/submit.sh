#!/usr/bin/env bash
# Submits a plan to Slurm: one array task per work unit (array.sbatch), a merge job that runs when every task
# has succeeded (merge.sbatch, --dependency=afterok), and for a sweep's plan (PLAN/sweep.args) a collect job after it
# (collect.sbatch: gtc sweep --collect, points.csv and figures in GTC_COLLECT_OUT, default PLAN/sweep).
# Prints the three job ids: ARRAY_JOB MERGE_JOB COLLECT_JOB ("none" where there is no such job).
# usage: submit.sh PLAN [sbatch options for the array tasks, e.g. --partition=gpu --gres=gpu:1 --time=12:00:00]
# GTC (the gtc command), GTC_RUN_ARGS and GTC_COLLECT_OUT are passed on to the jobs through the environment.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PLAN=$(realpath "${1:?usage: submit.sh PLAN [sbatch options]}")
shift
units=$(grep -vc '^#' "$PLAN/units.tsv" || true)
[ "$units" -gt 0 ] || { echo "submit: no work units in $PLAN/units.tsv" >&2; exit 2; }
mkdir -p "$PLAN/logs"
array=$(sbatch --parsable --export=ALL --chdir="$PLAN/logs" --array=0-$((units - 1)) "$@" "$HERE/array.sbatch" "$PLAN")
array=${array%%;*}
if grep -qv '^#' "$PLAN/merges.tsv"; then
  merge=$(sbatch --parsable --export=ALL --chdir="$PLAN/logs" --dependency=afterok:"$array" --kill-on-invalid-dep=yes "$HERE/merge.sbatch" "$PLAN")
  merge=${merge%%;*}
else
  merge=none
fi
if [ -f "$PLAN/sweep.args" ]; then
  after=$array
  [ "$merge" = none ] || after=$merge
  collect=$(sbatch --parsable --export=ALL --chdir="$PLAN/logs" --dependency=afterok:"$after" --kill-on-invalid-dep=yes "$HERE/collect.sbatch" "$PLAN")
  collect=${collect%%;*}
else
  collect=none
fi
echo "$array $merge $collect"
