// 100 images (or per=N) per Fashion-MNIST class through the Java plugin, saved as one 8-bit TIFF stack.
// Argument: output=[/path/file.tif] options=[sampler=DDIM steps=50] per=100 seed=1000
// (class c gets seed+c; another seed draws another set, to see how much FD moves between sets)
arg = getArgument();
out = call("ij.Macro.getValue", arg, "output", "samples.tif");
options = call("ij.Macro.getValue", arg, "options", "sampler=DDIM steps=50");
per = call("ij.Macro.getValue", arg, "per", "100");
seed = parseInt(call("ij.Macro.getValue", arg, "seed", "1000"));
setBatchMode(true);
names = "";
for (c = 0; c < 10; c++) {
	run("Generate Images...", options + " label=" + c + " count=" + per + " batch=" + per + " seed=" + (seed + c));
	rename("c" + c);
	names = names + " image" + (c + 1) + "=c" + c;
}
run("Concatenate...", "  title=all" + names);
saveAs("Tiff", out);
print("saved " + nSlices + " images to " + out);
