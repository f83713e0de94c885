// The Diffusion Playground's four point models side by side, one row each: the training data, halfway through the
// reverse process (the predicted x0 in orange, the noise field as red arrows) and the samples (DDPM, 1000 steps).
// Argument: the PNG to write (default: playground.png in ImageJ's temporary folder).
out = getArgument();
if (out == "") out = getDirectory("temp") + "playground.png";
setBatchMode(true);
models = newArray("playground-swiss-roll", "playground-moons", "playground-ring8", "playground-checkerboard");
edge = 256;
newImage("rows", "RGB white", edge, edge, 3 * models.length);
rows = getImageID();
for (m = 0; m < models.length; m++) {
	run("Diffusion Playground...", "model=" + models[m] + " points=2000 steps=1000 sampler=DDPM seed=1 every=500 " +
		"x0=true field=true size=" + edge);
	reverse = getImageID(); // x_T, step 500, step 1000
	selectImage(models[m] + "-forward");
	forward = getImageID();
	copySlice(forward, 1, rows, 3 * m + 1);
	copySlice(reverse, 2, rows, 3 * m + 2);
	copySlice(reverse, 3, rows, 3 * m + 3);
	selectImage(forward);
	close();
	selectImage(reverse);
	close();
}
selectImage(rows);
run("Make Montage...", "columns=3 rows=" + models.length + " scale=1 border=2");
saveAs("PNG", out);
print("saved " + out);

function copySlice(from, slice, to, target) {
	selectImage(from);
	setSlice(slice);
	run("Select All");
	run("Copy");
	selectImage(to);
	setSlice(target);
	run("Paste");
}
