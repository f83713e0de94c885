// Plugins > DiffusionJ Batch Folder: asks for an input and an output folder and runs
// macros/batch_folder.ijm of the ImageJ folder (copy macros/ there with the plugin).
// As a macro: runMacro("DiffusionJ_Batch_Folder.ijm", "input=[...] output=[...]") passes the argument on.
batch = getDirectory("imagej") + "macros" + File.separator + "batch_folder.ijm";
if (!File.exists(batch)) exit("DiffusionJ: " + batch + " is missing; copy the macros/ folder into the ImageJ folder.");
runMacro(batch, getArgument());
