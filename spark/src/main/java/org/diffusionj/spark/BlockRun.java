package org.diffusionj.spark;

import ij.ImagePlus;
import ij.ImageStack;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.diffusionj.app.HeadlessCommands;
import org.diffusionj.image.IntensityMapping;
import org.diffusionj.image.OutputType;
import org.diffusionj.image.RangeMode;
import org.diffusionj.sampling.TileBlend;

/**
 * One large image of a folder, block by block (on the driver): one intensity range for every block, a task per
 * block ({@link BlockTask}), then the blocks' results blended over their halos ({@link BlockGrid#weights}) into
 * the images a whole-image run makes, named as the batch macro names them.
 */
final class BlockRun {

	/** At most this many pixels, whole rows spread over the image, estimate the range of an image seen in blocks. */
	static final int RANGE_SAMPLE = 4_000_000;

	private BlockRun() {}

	/** @return the file's manifest row */
	static String run(final JavaSparkContext spark, final FolderJob job, final HeadlessCommands.Call call,
		final String name, final String stem) throws IOException
	{
		final long start = System.nanoTime();
		final ResultNames names = new ResultNames(job, name, stem, call.seed());
		final String seed = String.valueOf(names.seed), target = job.output + names.main();
		final HadoopFiles out = new HadoopFiles(job.output, job.hadoop);
		if (out.exists(names.main())) {
			final java.nio.file.Path tmp = java.nio.file.Files.createTempDirectory("diffusionj-");
			try {
				if (ResultNames.whole(out, names.main(), tmp)) return Manifest.row(name, target, seed, 0, "kept");
			}
			finally {
				java.nio.file.Files.deleteIfExists(tmp);
			}
		}
		final File local = new HadoopFiles(job.input, job.hadoop).localFile(name);
		if (local == null) {
			throw new IllegalArgumentException("--block reads images where they lie: the input folder must be local or " +
				"mounted (file:), not " + job.input);
		}
		final String broken = org.diffusionj.app.TiffIntegrity.problem(local);
		if (broken != null) return Manifest.row(name, "", seed, 0, "unreadable: " + broken);
		final TiffRegion region;
		try {
			region = new TiffRegion(local);
		}
		catch (final IOException e) {
			return Manifest.row(name, "", seed, 0, "unreadable: " + e.getMessage());
		}
		catch (final IllegalArgumentException e) { // NB: not an image ImageJ reads, or an RGB one: the reason
			return Manifest.row(name, "", seed, 0, (e.getMessage().startsWith("not an image") ? "unreadable: " :
				"failed: ") + e.getMessage());
		}
		final String askedRange = key(call, "range", "auto"), type = key(call, "type", OutputType.AUTO);
		final String range = range(region, askedRange);
		final LinkedHashMap<String, String> blockInputs = new LinkedHashMap<>(); // over the file's options, as values
		blockInputs.put("range", range);
		blockInputs.put("noise", "position");
		blockInputs.put("type", "32-bit");
		final BlockGrid grid = new BlockGrid(region.width, region.height, region.planes, job.block, job.halo);
		final List<BlockGrid.Block> blocks = grid.blocks();
		spark.parallelize(blocks, blocks.size()).foreach(new BlockTask(job, call, name, stem, blockInputs));
		try {
			assemble(job, names, grid, region, type, out);
		}
		catch (final IOException e) { // NB: a full disk: this file failed, the next goes on
			return Manifest.row(name, "", seed, 0, "failed: " + names.main() + " cannot be written (" + e.getMessage() +
				")");
		}
		new HadoopFiles(BlockTask.folder(job, names), job.hadoop).deleteFolder();
		return Manifest.row(name, target, seed, (System.nanoTime() - start) / 1e9, "done");
	}

	/** The value of a key of the command (its option, else its default), or this one when it has no such key. */
	private static String key(final HeadlessCommands.Call call, final String key, final String otherwise) {
		final Object value = call.value(key);
		return value == null ? otherwise : value.toString();
	}

	/**
	 * The one range every block maps by: a fixed range or the model's as given; else (auto, percentile, image) the
	 * image's 1 and 99.8 percentiles (image: least and greatest) of whole rows spread over it, at most
	 * {@link #RANGE_SAMPLE} pixels, so that no block picks its own.
	 */
	static String range(final TiffRegion region, final String asked) throws IOException {
		if (RangeMode.fromKey(asked) == RangeMode.FIXED || RangeMode.fromKey(asked) == RangeMode.MODEL) return asked;
		final long pixels = (long) region.width * region.height * region.planes;
		final int every = (int) Math.max(1, (pixels + RANGE_SAMPLE - 1) / RANGE_SAMPLE);
		final List<float[]> rows = new ArrayList<>();
		for (long r = 0; r < (long) region.height * region.planes; r += every) {
			final ImagePlus row = region.read("row", (int) (r / region.height), 0, (int) (r % region.height), region.width,
				1);
			rows.add((float[]) row.getProcessor().convertToFloat().getPixels());
		}
		final boolean minMax = RangeMode.fromKey(asked) == RangeMode.IMAGE;
		final IntensityMapping m = RangeMode.percentiles(rows, minMax ? 0 : RangeMode.LOW_PERCENTILE, minMax ? 100
			: RangeMode.HIGH_PERCENTILE);
		return m.low() + " " + m.high();
	}

	/** Every image the blocks made, blended, converted and written (the main result last). */
	private static void assemble(final FolderJob job, final ResultNames names, final BlockGrid grid,
		final TiffRegion region, final String type, final HadoopFiles out) throws IOException
	{
		final HadoopFiles blocks = new HadoopFiles(BlockTask.folder(job, names), job.hadoop);
		final String key0 = grid.blocks().get(0).key();
		final List<String> rests = new ArrayList<>();
		for (final String file : blocks.names()) {
			if (file.startsWith(key0) && file.endsWith(".f32")) rests.add(file.substring(key0.length(), file.length() - 4));
		}
		rests.sort(Comparator.comparing(names::isMain).thenComparing(Comparator.naturalOrder()));
		final Path tmp = Files.createTempDirectory("diffusionj-blocks-");
		try {
			for (final String rest : rests) {
				final OutputType depth = names.isMain(rest) ? mainType(job.command, type, region.bitDepth) : OutputType.BIT32;
				final ImageStack stack = new ImageStack(grid.width, grid.height);
				for (int z = 0; z < grid.planes; z++) stack.addSlice(depth.processor(grid.width, grid.height, blend(grid, z,
					blocks, rest)));
				final ImagePlus imp = new ImagePlus(names.title(rest), stack);
				imp.setCalibration(region.calibration.copy());
				if (blocks.exists(rest + ".info")) imp.setProperty("Info", new String(blocks.read(rest + ".info"),
					StandardCharsets.UTF_8));
				names.write(imp, rest, out, tmp, part -> {});
			}
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	/** The depth of the main result: the type key, else what the command gives (SDEdit the input's, Restore 32-bit). */
	private static OutputType mainType(final String command, final String type, final int bitDepth) {
		final OutputType asked = OutputType.ofOrNull(type);
		if (asked != null) return asked;
		return command.equals("Noise and Denoise...") ? OutputType.ofBitDepth(bitDepth) : OutputType.BIT32;
	}

	/** One plane of one output: every block's region weighted by its halo ramps ({@link TileBlend}), blended. */
	static float[] blend(final BlockGrid grid, final int z, final HadoopFiles blocks, final String rest)
		throws IOException
	{
		final TileBlend blend = new TileBlend(1, grid.height, grid.width);
		for (final BlockGrid.Block b : grid.blocks()) {
			if (b.z != z) continue;
			final float[] v = new float[b.rw * b.rh];
			ByteBuffer.wrap(blocks.read(b.key() + rest + ".f32")).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
			blend.add(v, b.ry, b.rx, b.rh, b.rw, grid.weights(b.ry, b.rh, b.y0, b.h), grid.weights(b.rx, b.rw, b.x0, b.w));
		}
		return blend.blended();
	}
}
