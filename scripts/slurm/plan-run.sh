#!/usr/bin/env bash
# Cuts one run (a config file) into N shards as work units, in the plan format of
# 'gtc sweep SWEEP.json --plan PLAN --shards N' (units.tsv, merges.tsv); the merged result lands in PLAN/points/0.
# usage: plan-run.sh CONFIG N PLAN
set -euo pipefail
CONFIG=$(realpath "${1:?usage: plan-run.sh CONFIG N PLAN}")
N=${2:?shards}
PLAN=${3:?plan folder}
mkdir -p "$PLAN"
PLAN=$(realpath "$PLAN")
{
  printf '# unit\tpoint\tshard\tconfig\tout\tlabel\n'
  for ((i = 0; i < N; i++)); do
    out="$PLAN/points/0"
    [ "$N" -eq 1 ] || out="$PLAN/points/0/shard-$i"
    printf '%d\t0\t%d/%d\t%s\t%s\t%s\n' "$i" "$i" "$N" "$CONFIG" "$out" "$(basename "$CONFIG")"
  done
} > "$PLAN/units.tsv"
{
  printf '# point\tout\tshard folders\n'
  if [ "$N" -gt 1 ]; then
    dirs=""
    for ((i = 0; i < N; i++)); do dirs="$dirs $PLAN/points/0/shard-$i"; done
    printf '0\t%s\t%s\n' "$PLAN/points/0" "${dirs# }"
  fi
} > "$PLAN/merges.tsv"
echo "$N"
