// Noise-and-denoise (SDEdit) or restore every image of a folder into another folder, unattended.
// Argument (all keys optional; without an argument a dialog asks):
//   input=[/path/in] output=[/path/out] command=[Restore Image...] options=[samples=8 steps=20] shard=2/3
// command: "Noise and Denoise..." (the default; results NAME-sdedit.tif) or "Restore Image..." (NAME-restored.tif,
// with samples > 1 also NAME-restored-std.tif, with keep=true NAME-restored-samples.tif): every image the command
// makes is saved under its own title. Files that are not images are skipped with a Log line; the input folder is
// never written to and an existing result is never overwritten. Prints a summary at the end.
// Runs in pieces: shard=i/n takes the i-th of n disjoint parts of the folder (round-robin in sorted order), a
// file whose result exists is skipped (so a killed run, run again, completes), each result is written under a
// temporary name and then renamed (a killed run leaves no half file), each file's seed comes from the options'
// seed and its name (the same pixels whatever the shard or order), and manifest.csv (manifest-i-of-n.csv for a
// shard) gets a row per file: input, output, seed, seconds, status.
arg = getArgument();
input = call("ij.Macro.getValue", arg, "input", "");
output = call("ij.Macro.getValue", arg, "output", "");
command = call("ij.Macro.getValue", arg, "command", "Noise and Denoise...");
sdeditDefaults = "strength=0.3 steps=20";
restoreDefaults = "samples=8";
defaults = sdeditDefaults;
if (command == "Restore Image...") defaults = restoreDefaults;
options = call("ij.Macro.getValue", arg, "options", defaults);
shard = call("ij.Macro.getValue", arg, "shard", "1/1");
problem = call("org.diffusionj.app.BatchShard.check", shard);
if (problem != "") exit(problem);
if (input == "" || output == "") {
	Dialog.create("DiffusionJ Batch Folder");
	Dialog.addDirectory("Input folder", input);
	Dialog.addDirectory("Output folder", output);
	Dialog.addChoice("Command", newArray("Noise and Denoise...", "Restore Image..."), command);
	Dialog.addString("Options", options, 50);
	Dialog.show();
	input = Dialog.getString();
	output = Dialog.getString();
	command = Dialog.getChoice();
	options = Dialog.getString();
	// options left at one command's defaults follow the command chosen in the dialog
	if (command == "Restore Image..." && options == sdeditDefaults) options = restoreDefaults;
	if (command == "Noise and Denoise..." && options == restoreDefaults) options = sdeditDefaults;
}
suffix = call("org.diffusionj.app.BatchFiles.suffix", command);
if (suffix == "") exit("command=[" + command + "] cannot run over a folder (known: Noise and Denoise..., Restore Image...).");
input = withSeparator(input);
output = withSeparator(output);
if (!File.isDirectory(input)) exit("Input folder " + input + " does not exist.");
if (output == input) exit("The output folder must differ from the input folder (" + input + ").");
if (startsWith(output, input)) exit("The output folder must not lie inside the input folder (" + input + ").");
if (!File.isDirectory(output)) File.makeDirectory(output);
if (!File.isDirectory(output)) exit("Output folder " + output + " cannot be created.");

setBatchMode(true);
manifest = output + "manifest.csv";
if (shard != "1/1") manifest = output + "manifest-" + replace(shard, "/", "-of-") + ".csv";
if (!File.exists(manifest)) File.append("input,output,seed,seconds,status", manifest);
files = getFileList(input);
done = 0; skipped = 0; kept = 0; unreadable = 0; images = -1;
for (i = 0; i < files.length; i++) {
	name = files[i];
	if (endsWith(name, "/") || call("org.diffusionj.app.BatchFiles.isImage", name) != "true") {
		print("Skipped (not an image file): " + name);
		skipped++;
		continue;
	}
	images++; // the index of this image file in the folder's sorted order, the same in every shard
	if (call("org.diffusionj.app.BatchShard.takes", "" + images, shard) != "true") continue;
	stem = File.getNameWithoutExtension(name);
	target = output + stem + suffix + ".tif";
	fileOptions = call("org.diffusionj.app.BatchShard.withFileSeed", options, name);
	seed = call("ij.Macro.getValue", fileOptions, "seed", "");
	if (File.exists(target)) {
		print("Kept (already exists, not overwritten): " + target);
		kept++;
		record(manifest, name, target, seed, 0, "kept");
		continue;
	}
	// a file that cannot be opened (a text file named .tif, a broken TIFF) is skipped with ImageJ's reason: open()
	// would show a text editor or an error dialog, which ends an unattended run
	reason = call("org.diffusionj.app.BatchFiles.open", input + name);
	if (reason != "") {
		print("Skipped (cannot be opened: " + reason + "): " + name);
		unreadable++;
		record(manifest, name, "", seed, 0, "unreadable");
		continue;
	}
	source = getImageID();
	showStatus("DiffusionJ batch: " + (i + 1) + "/" + files.length + " " + name);
	t0 = getTime();
	run(command, fileOptions);
	// every result the command made, named after the file (NAME-sdedit, NAME-restored-std, ...); results are
	// titled after ImageJ's short title, which drops the spaces of the file name. The main result goes last: it
	// marks the file done.
	short = replace(stem, " ", "");
	saved = 0;
	for (pass = 0; pass < 2; pass++) {
		for (k = nImages; k >= 1; k--) {
			selectImage(k);
			title = getTitle();
			if (getImageID() == source || !startsWith(title, short)) continue;
			rest = substring(title, lengthOf(short));
			if ((rest == suffix) != (pass == 1)) continue;
			path = output + stem + rest + ".tif";
			if (File.exists(path)) {
				print("Kept (already exists, not overwritten): " + path);
				kept++;
			} else {
				part = output + "." + stem + rest + ".part.tif"; // renamed once whole
				saveAs("Tiff", part);
				if (!File.rename(part, path)) exit("Cannot rename " + part + " to " + path + ".");
				saved++;
			}
		}
	}
	close("*");
	if (saved > 0) done++;
	record(manifest, name, target, seed, (getTime() - t0) / 1000, "done");
}
print("DiffusionJ batch: " + done + " image(s) processed, " + skipped + " file(s) skipped, " + unreadable +
	" could not be opened, " + kept + " result(s) kept; results in " + output);

function record(manifest, name, result, seed, seconds, status) {
	File.append(csv(name) + "," + csv(result) + "," + seed + "," + d2s(seconds, 2) + "," + status, manifest);
}

function csv(text) {
	if (indexOf(text, ",") >= 0 || indexOf(text, "\"") >= 0) return "\"" + replace(text, "\"", "\"\"") + "\"";
	return text;
}

function withSeparator(path) {
	if (path != "" && !endsWith(path, "/") && !endsWith(path, File.separator)) path = path + File.separator;
	return path;
}
