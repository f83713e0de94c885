#@ ij.ImagePlus image
#@ ModuleService moduleService
#@ CommandService commandService
#@output ij.ImagePlus restored
#@output ij.ImagePlus uncertainty
# Restore Image... from a script: the mean of 8 samples and their per-pixel standard deviation come back as outputs.
from org.diffusionj.command import RestoreImageCommand

info = commandService.getCommand(RestoreImageCommand)
# process=False: no dialog for the inputs left out (they keep their defaults); the image is passed explicitly
module = moduleService.run(info, False, {"image": image, "samples": 8, "seed": 1}).get()
restored = module.getOutput("result")
uncertainty = module.getOutput("std")
print("restored %s, std %s" % (restored.getTitle(), uncertainty.getTitle()))
