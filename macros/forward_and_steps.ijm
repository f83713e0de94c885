// A forward-diffusion stack of a generated coat, then every 5th denoising step of a new one.
// Argument: a folder for the two TIFFs (optional).
dir = getArgument();
setBatchMode(true);
run("Generate Images...", "label=Coat count=1 seed=8");
run("Forward Diffusion...", "frames=11 seed=1");
Stack.setFrame(nSlices); print("forward: " + nSlices + " frames, the last " + getMetadata("Label"));
if (dir != "") saveAs("Tiff", dir + File.separator + "forward.tif");
run("Denoising Steps...", "label=Coat every=5 seed=8");
Stack.getDimensions(width, height, channels, slices, frames);
print("steps: " + frames + " frames of " + channels + " channels");
if (dir != "") saveAs("Tiff", dir + File.separator + "steps.tif");
