// Noise-and-denoise the active image (or a generated sneaker) at several strengths, side by side.
// Argument: the output TIFF path (optional).
out = getArgument();
setBatchMode(true);
if (nImages == 0) {
	run("Generate Images...", "label=Sneaker count=1 seed=3");
	rename("input");
}
input = getTitle();
strengths = newArray(0.1, 0.3, 0.5, 0.7, 0.9);
names = "";
for (i = 0; i < strengths.length; i++) {
	selectImage(input);
	run("Noise and Denoise...", "strength=" + strengths[i] + " seed=1");
	rename("strength " + strengths[i]);
	names = names + " image" + (i + 1) + "=[strength " + strengths[i] + "]";
}
run("Concatenate...", "  title=strengths" + names);
print("strengths: " + nSlices + " slices");
if (out != "") saveAs("Tiff", out);
