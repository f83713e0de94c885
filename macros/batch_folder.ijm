// Every image of a folder through Noise and Denoise... or Restore Image..., unattended, into another folder: a shell
// over Plugins > DiffusionJ > Batch Folder... with the same keys, which the SLURM script and `-batch` runs call.
//   input=[/path/in] output=[/path/out] command=[Restore Image...] options=[samples=8 steps=20] shard=2/3
// Without an argument the command's dialog asks. Options left out or empty: strength=0.3 steps=20 for Noise and
// Denoise, samples=8 for Restore, by every route. Results are NAME-sdedit.tif or NAME-restored.tif (with the std
// and samples beside); a file counts as done only when its results are on disk whole; a file that cannot be read,
// is refused or cannot be written is a row of manifest.csv (manifest-i-of-n.csv for a shard) and the run goes on;
// the run ends with an error (a non-zero exit) when any file failed. Run again to complete a folder: whole results
// are kept, the rest redone, with each file's seed from the run's seed and its name.
arg = getArgument();
if (arg == "") run("Batch Folder...");
else run("Batch Folder...", arg);
