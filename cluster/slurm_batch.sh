#!/bin/bash
# A folder through a DiffusionJ command as a SLURM job array: task i of N runs shard i/N of
# macros/batch_folder.ijm with the headless app, one JVM per task, on the task's CPUs.
#
#   sbatch --array=1-8 --cpus-per-task=4 --mem=8G cluster/slurm_batch.sh /data/raw /data/out \
#       "Noise and Denoise..." "strength=0.3 steps=20"
#   sbatch --array=1-8 --cpus-per-task=4 --mem=8G cluster/slurm_batch.sh /data/raw /data/restored \
#       "Restore Image..." "model=fluo-restore samples=16"
#
# The shards are disjoint and together cover the folder; a task that is killed or fails can be run again (or the
# whole array resubmitted): files whose result exists are skipped, results are written under a temporary name and
# renamed, and each file's seed comes from the options' seed and its name, so the pixels do not depend on N.
# Each task appends to OUT/manifest-i-of-N.csv (input, output, seed, seconds, status). OPTIONS left out are the
# folder run's defaults (strength=0.3 steps=20 for Noise and Denoise, samples=8 for Restore), as for the macro and
# Spark. A task whose folder part has a file that failed exits non-zero; resubmitting retries just those files.
# DIFFUSIONJ_APP: the app jar (default: target/diffusionj-app.jar of the folder sbatch was called from; sbatch
# runs a copy of this script, so its own folder does not say where DiffusionJ is).
#SBATCH --job-name=diffusionj
#SBATCH --output=diffusionj-%A_%a.log
set -euo pipefail
if [ $# -lt 2 ]; then
	echo "usage: sbatch --array=1-N $0 INPUT_FOLDER OUTPUT_FOLDER [COMMAND] [OPTIONS]" >&2
	exit 2
fi
input=$1
output=$2
command=${3:-Noise and Denoise...}
options=${4:-}
: "${SLURM_ARRAY_TASK_ID:?not a job array task: submit with sbatch --array=1-N}"
: "${SLURM_ARRAY_TASK_COUNT:?not a job array task: submit with sbatch --array=1-N}"
first=${SLURM_ARRAY_TASK_MIN:-1}
shard=$((SLURM_ARRAY_TASK_ID - first + 1))
count=$SLURM_ARRAY_TASK_COUNT
if [ "$shard" -lt 1 ] || [ "$shard" -gt "$count" ]; then
	echo "array task $SLURM_ARRAY_TASK_ID of $count (from $first) is not one of 1..$count: submit --array=1-N or 0-(N-1) with no gaps" >&2
	exit 2
fi
app=${DIFFUSIONJ_APP:-${SLURM_SUBMIT_DIR:-$(dirname "$0")/..}/target/diffusionj-app.jar}
if [ ! -f "$app" ]; then
	echo "no DiffusionJ app at $app: submit from the DiffusionJ folder, or set DIFFUSIONJ_APP to the app jar" >&2
	exit 2
fi
root=$(cd "$(dirname "$app")/.." && pwd)
echo "DiffusionJ task $shard/$count on $(hostname): $command over $input"
exec java -Ddiffusionj.threads="${SLURM_CPUS_PER_TASK:-1}" -Djava.awt.headless=true -jar "$app" \
	-batch "$root/macros/batch_folder.ijm" \
	"input=[$input] output=[$output] command=[$command] options=[$options] shard=$shard/$count"
