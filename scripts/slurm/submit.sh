#!/usr/bin/env bash
# Submits a plan to Slurm: one array task per work unit (array.sbatch) and a merge job that runs when every task
# has succeeded (merge.sbatch, --dependency=afterok). Prints the two job ids: ARRAY_JOB MERGE_JOB.
# usage: submit.sh PLAN [sbatch options for the array tasks, e.g. --partition=gpu --gres=gpu:1 --time=12:00:00]
# GTC (the gtc command) and GTC_RUN_ARGS are passed on to the jobs through the environment.
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
echo "$array $merge"
