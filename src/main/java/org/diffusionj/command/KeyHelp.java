package org.diffusionj.command;

/**
 * The help texts of the keys many commands declare (the dialog's Help and the recorder's key names come from the
 * fields; these are their descriptions), written once. A choice list must be a literal in each annotation.
 */
final class KeyHelp {

	private KeyHelp() {}

	static final String MODEL = "a folder name under models/ or the path of a model folder";
	static final String DEVICE = "auto: CUDA when the onnxruntime_gpu jar is installed and CUDA works, else the CPU (a " +
		"fallback with the GPU jar is said once in the Log)";
	static final String SAMPLER = "DPM++2M-t0 (DPM-Solver++ 2nd order over DDIM's timesteps, ending with a call at " +
		"t = 0: the best measured quality for its calls), DDIM, DDPM (ancestral), DPM++2M (diffusers' own timesteps), " +
		"-Karras and -Exp (Karras or exponential noise levels), -SDE (stochastic), DPM++3M (3rd order) and its SDE, " +
		"UniPC (predictor-corrector, bh2) and UniPC-Exp";
	/** Restore's sampler: as {@link #SAMPLER}, and what the default means for a distilled model. */
	static final String RESTORE_SAMPLER = SAMPLER + ". For a distilled model (the default, fluo-restore-1step), " +
		"DPM++2M-t0 with Steps 0 means its own one-call sampling; another sampler or step count runs its teacher";
	static final String STEPS = "over the whole schedule; 0: the sampler's default, the fewest calls within the noise " +
		"of its best measured FD: DPM++2M-t0 and -Karras 20, -Exp and UniPC-Exp 10, DDIM, DPM++2M, DPM++3M, their -SDE " +
		"forms and UniPC 50, DDPM every training step";
	static final String ETA = "DDIM stochasticity: 0 deterministic, 1 DDPM-like";
	static final String EPSILON = "Epsilon Scaling (Ning et al. 2024): the predicted noise is divided by this at every " +
		"step, against the drift of sampling from a network's own outputs; 0: the model's own for the sampler " +
		"(diffusion.json epsilon_scale, listed by Model Info; 1 if it names none), 1 is off (as diffusers)";
	static final String SEED = "the same seed gives the same pixels";
	static final String LABEL = "class name or index of a conditional model; none: unconditional";
	static final String GUIDANCE = "classifier-free guidance scale: 1 plain conditional, 0 unconditional";
	static final String PREVIEW = "show the predicted clean image while it works (GUI only, never in macros)";
	static final String TYPE = "output bit depth; auto keeps the input's (generated images: from pixel_range)";
	static final String TILE = "tile edge for large images; 0: auto (256 or the model's size; an image of up to 256 " +
		"pixels goes whole with its context margin)";
	static final String OVERLAP = "pixels shared by neighbouring tiles, blended at every step";
	static final String NOISE = "image: a noise stream per image of the run; position: noise keyed by each pixel's " +
		"position (less the image's calibration origin), so a crop, tile or block of an image gets the noise the whole " +
		"image gets there";
	static final String BATCH = "images per forward pass";
}
