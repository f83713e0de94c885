package org.diffusionj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's spark-submit line against a real Spark standalone cluster on this machine: a master and a worker
 * (JVMs of their own, from spark-core's classes), and spark-submit's own main class as the client. The executor is
 * a third JVM that gets diffusionj-spark.jar and the app jar from the driver, as on any cluster; its results must be
 * the batch macro's bytes.
 */
class StandaloneClusterIT {

	private static final String OPTIONS = "strength=0.4 steps=6 seed=2";

	@Test
	void sparkSubmitOnAStandaloneClusterGivesTheMacrosBytes(@TempDir final Path dir) throws Exception {
		final Path all = SparkFolderIT.writeImages(Files.createDirectories(dir.resolve("all")));
		final Path in = Files.createDirectories(dir.resolve("in"));
		for (final String name : new String[] { "cell 00.tif", "cell 01.tif", "cell 02.tif", "cell 03.tif", "cell 04.tif",
			"broken.tif" })
		{
			Files.copy(all.resolve(name), in.resolve(name)); // five kinds of image and a broken file
		}
		final Path macro = SparkFolderIT.batchMacro(in, dir.resolve("macro"), "Noise and Denoise...", OPTIONS);
		final Path sparkHome = sparkHome(dir);
		final int port = freePort();
		final String master = "spark://127.0.0.1:" + port;
		final List<Process> cluster = new ArrayList<>();
		try {
			cluster.add(daemon(sparkHome, dir.resolve("master.log"), "org.apache.spark.deploy.master.Master", "--host",
				"127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort())));
			cluster.add(daemon(sparkHome, dir.resolve("worker.log"), "org.apache.spark.deploy.worker.Worker", master,
				"--host", "127.0.0.1", "--cores", "2", "--memory", "3g", "--webui-port", String.valueOf(freePort()),
				"--work-dir", dir.resolve("work").toString()));
			final Path out = dir.resolve("cluster");
			final Process submit = java(sparkHome, dir.resolve("submit.log"), "org.apache.spark.deploy.SparkSubmit",
				"--master", master, "--class", SparkBatch.class.getName(), "--jars", appJar(), sparkJar(), "--input", in
					.toString(), "--output", out.toString(), "--options", OPTIONS, "--models", SparkFolderIT.root());
			assertTrue(submit.waitFor(240, TimeUnit.SECONDS), "spark-submit did not end: " + log(dir, "submit.log"));
			// NB: broken.tif has no result, so the run is not complete: exit code 1, as the macro's
			assertEquals(1, submit.exitValue(), log(dir, "submit.log") + log(dir, "worker.log"));
			SparkFolderIT.assertSameResults(macro, out, 5);
			assertEquals(SparkFolderIT.rows(macro, macro), SparkFolderIT.rows(out, out));
			assertTrue(Files.isDirectory(dir.resolve("work")), "the executor ran under the worker");
		}
		finally {
			for (final Process p : cluster) p.destroyForcibly().waitFor();
		}
	}

	/** A SPARK_HOME whose jars/ is this test's class path (the worker builds each executor's class path from it). */
	private static Path sparkHome(final Path dir) throws IOException {
		final Path jars = Files.createDirectories(dir.resolve("spark-home").resolve("jars"));
		for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			final Path jar = Paths.get(entry);
			if (entry.endsWith(".jar") && Files.isRegularFile(jar) && !jar.getFileName().toString().startsWith("diffusionj")) {
				Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
			}
		}
		return jars.getParent();
	}

	private static Process daemon(final Path sparkHome, final Path log, final String main, final String... args)
		throws IOException, InterruptedException
	{
		final Process p = java(sparkHome, log, main, args);
		for (int i = 0; i < 100 && !contains(log, "Successfully registered") && !contains(log, "Starting Spark master");
			i++)
		{
			Thread.sleep(200);
		}
		return p;
	}

	private static boolean contains(final Path log, final String text) throws IOException {
		return Files.exists(log) && new String(Files.readAllBytes(log), "UTF-8").contains(text);
	}

	private static Process java(final Path sparkHome, final Path log, final String main, final String... args)
		throws IOException
	{
		final List<String> command = new ArrayList<>();
		command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(Arrays.asList(System.getProperty("diffusionj.sparkOpens", "").trim().split("\\s+")));
		command.addAll(Arrays.asList("-Xmx1g", "-cp", sparkHome.resolve("jars").toString() + File.separator + "*", main));
		command.addAll(Arrays.asList(args));
		command.removeIf(String::isEmpty);
		final ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		pb.environment().put("SPARK_HOME", sparkHome.toString());
		pb.environment().put("SPARK_SCALA_VERSION", "2.12"); // NB: else the launcher looks for a Spark source build
		return pb.start();
	}

	private static String appJar() {
		return Paths.get(System.getProperty("diffusionj.appJar", "../target/diffusionj-app.jar")).toAbsolutePath()
			.toString();
	}

	private static String sparkJar() {
		return Paths.get(System.getProperty("diffusionj.sparkJar", "target/diffusionj-spark.jar")).toAbsolutePath()
			.toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

	private static String log(final Path dir, final String name) throws IOException {
		final Path log = dir.resolve(name);
		return Files.exists(log) ? "\n--- " + name + "\n" + new String(Files.readAllBytes(log), "UTF-8") : "";
	}
}
