package org.diffusionj.spark;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.ImageProcessor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.api.java.function.VoidFunction;
import org.diffusionj.app.HeadlessCommands;
import org.diffusionj.app.RunManifest;
import org.diffusionj.command.DiffusionCommand;

/**
 * One block of a large image, in a Spark task: the region (core and halo) read lazily, run through the command
 * with noise keyed by position and the calibration origin set to the region's corner (so its noise is the whole
 * image's there), and every image the command makes written as raw float32 ({@code KEY-REST.f32}) into the
 * image's block folder, the main result last, each whole or not at all. A block whose main result exists is done.
 */
class BlockTask implements VoidFunction<BlockGrid.Block> {

	private static final long serialVersionUID = 1L;

	private final FolderJob job;
	private final HeadlessCommands.Call call;
	private final String name, stem;
	private final LinkedHashMap<String, String> inputs;

	/**
	 * @param call the command with the user's options read (on the driver)
	 * @param stem the file's result stem ({@link ResultNames})
	 * @param inputs what a block sets over the file's options: one range for all blocks, noise=position, 32-bit
	 */
	BlockTask(final FolderJob job, final HeadlessCommands.Call call, final String name, final String stem,
		final LinkedHashMap<String, String> inputs)
	{
		this.job = job;
		this.call = call;
		this.name = name;
		this.stem = stem;
		this.inputs = inputs;
	}

	static String folder(final FolderJob job, final ResultNames names) {
		return job.output + "." + names.stem + ".blocks/";
	}

	@Override
	public void call(final BlockGrid.Block b) throws IOException {
		FileTask.prepare(job);
		final ResultNames names = new ResultNames(job, name, stem, call.seed());
		final HadoopFiles out = new HadoopFiles(folder(job, names), job.hadoop);
		if (out.exists(b.key() + names.suffix + ".f32")) return; // NB: an earlier attempt finished this block
		final TiffRegion region = new TiffRegion(new HadoopFiles(job.input, job.hadoop).localFile(name));
		final ImagePlus imp = region.read(name, b.z, b.rx, b.ry, b.rw, b.rh);
		final Calibration cal = imp.getCalibration();
		cal.xOrigin = -b.rx; // NB: position noise keys a pixel by its position less the origin: the whole image's
		cal.yOrigin = -b.ry;
		cal.zOrigin = -b.z;
		final Map<String, ImagePlus> made = new LinkedHashMap<>(call.run(imp, names.seed, inputs).images());
		made.remove(DiffusionCommand.SAMPLES); // NB: a block run assembles the result, mean and std, not every sample
		for (final ImagePlus result : names.mainLast(made.values())) {
			final String rest = names.rest(result.getTitle());
			final Object info = result.getProperty("Info");
			if (info != null && !out.exists(rest + ".info")) {
				out.publish(RunManifest.withoutCheck(info.toString()).getBytes(StandardCharsets.UTF_8), rest + ".info");
			}
			out.publish(floats(result.getProcessor()), b.key() + rest + ".f32");
		}
	}

	/** A 32-bit plane as little-endian float32 bytes. */
	private static byte[] floats(final ImageProcessor ip) {
		final float[] v = (float[]) ip.convertToFloat().getPixels();
		final ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		buf.asFloatBuffer().put(v);
		return buf.array();
	}
}
