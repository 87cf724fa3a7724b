#!/bin/bash
# Submits the build array and, after it, the merge:  deploy/slurm/submit.sh [SESSIONS] [OUT]
set -euo pipefail
here=$(dirname "$0")
export SESSIONS=${1:-sessions} OUT=${2:-out}
# N is the array's size in build.sbatch (--array=0-7 is 8 tasks).
range=$(sed -n 's/^#SBATCH --array=0-\([0-9]*\).*/\1/p' "$here/build.sbatch")
export SHARDS=$((range + 1))
array=$(sbatch --parsable --export=ALL "$here/build.sbatch")
sbatch --dependency="afterany:${array}" --export=ALL "$here/merge.sbatch"
