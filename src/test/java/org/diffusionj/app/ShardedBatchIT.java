package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.io.FileSaver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * macros/batch_folder.ijm in pieces, as a SLURM array or several machines run it: three shards, and a run killed
 * (the JVM destroyed mid-folder) and run again, give byte for byte the results of one full run, leave no half file,
 * and the manifests list every file once as done.
 */
class ShardedBatchIT {

	private static final String OPTIONS = "options=[strength=0.5 steps=30 seed=5]";

	@TempDir
	static Path shared;

	@TempDir
	Path tmp;

	/** The input folder, and the results of one full run over it: every test compares with these. */
	private static Path in;
	private static Map<String, Integer> expected;
	private static List<String> expectedDone;

	@BeforeAll
	static void oneFullRun() throws Exception {
		in = shared.resolve("in");
		in.toFile().mkdirs();
		for (int i = 0; i < 9; i++) {
			final ij.ImagePlus imp = IJ.createImage("img", "8-bit ramp", 48 + 4 * i, 40, 1);
			imp.getProcessor().noise(20 + i);
			new FileSaver(imp).saveAsTiff(in.resolve("cell " + i + ".tif").toString());
		}
		final Path full = shared.resolve("full");
		runToTheEnd(in, full, "");
		expected = results(full);
		expectedDone = manifestRows(full, "done");
		assertEquals(9, expected.size(), expected.toString());
	}

	private static Process start(final Path in, final Path out, final String extra) throws Exception {
		final Path jar = Paths.get(System.getProperty("diffusionj.appJar", "target/diffusionj-app.jar")).toAbsolutePath();
		final List<String> cmd = new ArrayList<>(Arrays.asList(ChildJvm.java(), "-Ddiffusionj.threads=1", "-jar", jar
			.toString(), "-batch", Paths.get("macros/batch_folder.ijm").toAbsolutePath().toString(), "input=[" + in +
				"] output=[" + out + "] " + OPTIONS + extra));
		final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
		pb.redirectOutput(out.getParent().resolve(out.getFileName() + extra.replace('/', '-').trim() + ".log").toFile());
		pb.environment().remove("DISPLAY");
		return pb.start();
	}

	private static void runToTheEnd(final Path in, final Path out, final String extra) throws Exception {
		final Process p = start(in, out, extra);
		assertTrue(p.waitFor(300, TimeUnit.SECONDS), "finished");
		assertEquals(0, p.exitValue(), new String(Files.readAllBytes(out.getParent().resolve(out.getFileName() + extra
			.replace('/', '-').trim() + ".log")), StandardCharsets.UTF_8));
	}

	/** The results by name, as bytes' hash codes (manifests left out: they hold times). */
	private static Map<String, Integer> results(final Path out) throws Exception {
		try (Stream<Path> files = Files.list(out)) {
			final Map<String, Integer> found = new TreeMap<>();
			for (final Path f : files.collect(Collectors.toList())) {
				final String name = f.getFileName().toString();
				if (name.endsWith(".csv")) continue;
				try {
					found.put(name, Arrays.hashCode(Files.readAllBytes(f)));
				}
				catch (final java.nio.file.NoSuchFileException e) {
					// NB: a running batch's temporary file (".NAME.part") was renamed or removed since the listing
				}
			}
			return found;
		}
	}

	private static List<String> manifestRows(final Path out, final String status) throws Exception {
		final List<String> rows = new ArrayList<>();
		try (Stream<Path> files = Files.list(out)) {
			for (final Path f : files.filter(p -> p.toString().endsWith(".csv")).collect(Collectors.toList())) {
				for (final String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
					if (line.endsWith("," + status)) rows.add(line.substring(0, line.indexOf(',')));
				}
			}
		}
		rows.sort(null);
		return rows;
	}

	@Test
	void shardsAndAKilledRunGiveTheBytesOfOneFullRun() throws Exception {
		final Path sharded = tmp.resolve("sharded"), resumed = tmp.resolve("resumed");

		for (final String shard : new String[] { " shard=1/3", " shard=2/3", " shard=3/3" }) runToTheEnd(in, sharded,
			shard);
		assertEquals(expected, results(sharded), "three shards");
		assertEquals(expectedDone, manifestRows(sharded, "done"), "each file once, in one shard");

		// killed once some results exist, then run again
		resumed.toFile().mkdirs();
		final Process killed = start(in, resumed, "");
		final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline && results(resumed).keySet().stream().filter(n -> !n.startsWith("."))
			.count() < 3) Thread.sleep(20);
		killed.destroyForcibly().waitFor();
		final int before = results(resumed).size();
		assertTrue(before < 9, "killed before the end: " + results(resumed).keySet());
		for (final String name : results(resumed).keySet()) {
			if (!name.startsWith(".")) assertEquals(expected.get(name), results(resumed).get(name), name + " whole");
		}
		runToTheEnd(in, resumed, "");
		assertEquals(expected, results(resumed), "killed and run again, with no temporary file left");
		assertEquals(expectedDone, manifestRows(resumed, "done").stream().distinct().collect(Collectors
			.toList()), "the manifest lists every file as done");
	}

	/**
	 * cluster/slurm_batch.sh as SLURM runs it (without a cluster here: the array's environment set by hand, for an
	 * array numbered from 0): its tasks are the shards, and together give the full run's bytes.
	 */
	@Test
	void theSlurmScriptsTasksAreTheShards() throws Exception {
		final Path array = tmp.resolve("array");
		for (int task = 0; task < 3; task++) {
			final ProcessBuilder pb = new ProcessBuilder("bash", Paths.get("cluster/slurm_batch.sh").toAbsolutePath()
				.toString(), in.toString(), array.toString(), "Noise and Denoise...", "strength=0.5 steps=30 seed=5")
					.redirectErrorStream(true);
			pb.environment().put("SLURM_ARRAY_TASK_ID", String.valueOf(task));
			pb.environment().put("SLURM_ARRAY_TASK_COUNT", "3");
			pb.environment().put("SLURM_ARRAY_TASK_MIN", "0");
			pb.environment().put("SLURM_CPUS_PER_TASK", "1");
			pb.environment().remove("DISPLAY");
			final ChildJvm r = ChildJvm.run(pb, 300);
			assertEquals(0, r.exit, r.output);
			assertTrue(r.output.contains("DiffusionJ task " + (task + 1) + "/3"), r.output);
		}
		assertEquals(expected, results(array));
		assertTrue(Files.exists(array.resolve("manifest-3-of-3.csv")));
		final ProcessBuilder outside = new ProcessBuilder("bash", Paths.get("cluster/slurm_batch.sh").toAbsolutePath()
			.toString(), in.toString(), array.toString()).redirectErrorStream(true);
		outside.environment().remove("SLURM_ARRAY_TASK_ID");
		final ChildJvm r = ChildJvm.run(outside, 60);
		assertEquals(1, r.exit > 0 ? 1 : 0, r.output);
		assertTrue(r.output.contains("not a job array task: submit with sbatch --array=1-N"), r.output);
	}

	/**
	 * The same under a real SLURM (sbatch --wait), when this machine runs one (a single-node slurmctld + slurmd, as the
	 * note of issue 13 sets up from Debian's slurm-wlm); skipped where sinfo answers nothing.
	 */
	@Test
	void underARealSlurmTheArrayGivesTheFullRun() throws Exception {
		final ChildJvm sinfo;
		try {
			sinfo = ChildJvm.run(new ProcessBuilder("sinfo", "-h", "-o", "%a").redirectErrorStream(true), 20);
		}
		catch (final java.io.IOException e) {
			org.junit.jupiter.api.Assumptions.assumeTrue(false, "no SLURM here (sinfo: " + e.getMessage() + ")");
			return;
		}
		org.junit.jupiter.api.Assumptions.assumeTrue(sinfo.exit == 0 && sinfo.output.contains("up"), "no SLURM up");
		final Path array = tmp.resolve("slurm");
		final ChildJvm r = ChildJvm.run(new ProcessBuilder("sbatch", "--wait", "--array=1-3", "--cpus-per-task=1",
			"--mem=2000", "--output=" + tmp.resolve("slurm-%A_%a.log"), Paths.get("cluster/slurm_batch.sh").toAbsolutePath()
				.toString(), in.toString(), array.toString(), "Noise and Denoise...", "strength=0.5 steps=30 seed=5")
					.directory(Paths.get("").toAbsolutePath().toFile()).redirectErrorStream(true), 600);
		assertEquals(0, r.exit, r.output);
		assertEquals(expected, results(array));
	}
}
