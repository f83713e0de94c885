// Generates 8 images of each Fashion-MNIST class with the shipped model and saves a 10 x 8 grid.
// Argument: the output PNG path (default: docs/class-grid.png under the ImageJ folder).
// Run headless: java -jar target/diffusionj-app.jar -batch macros/generate_class_grid.ijm out.png
out = getArgument();
if (out == "") out = getDirectory("imagej") + "docs" + File.separator + "class-grid.png";
setBatchMode(true);
options = "";
for (c = 0; c < 10; c++) {
	run("Generate Images...", "label=" + c + " count=8 seed=" + (100 + c) + " sampler=DPM++2M-t0 steps=20");
	rename("class" + c);
	options = options + " image" + (c + 1) + "=class" + c;
}
run("Concatenate...", "  title=grid" + options);
run("Make Montage...", "columns=8 rows=10 scale=2 border=2");
saveAs("PNG", out);
print("saved " + out);
