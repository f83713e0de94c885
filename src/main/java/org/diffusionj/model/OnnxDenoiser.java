package org.diffusionj.model;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import org.diffusionj.sampling.Denoiser;
import org.diffusionj.sampling.Tensor;

/**
 * The U-Net in an ONNX Runtime session, as a {@link Denoiser}. Its inputs are checked against
 * {@code diffusion.json} when it opens. Thread-safe (ONNX Runtime sessions are); close it to free the
 * native session.
 */
public final class OnnxDenoiser implements Denoiser, AutoCloseable {

	private final OrtEnvironment env;
	private final OrtSession session;
	private final ModelConfig config;
	private final OnnxJavaType timestepType;
	private final boolean scalarTimestep;
	private final boolean takesLabels;
	private final boolean takesCondition;
	private final String executionProvider;
	private final String fallbackReason; // why CUDA was not used under device=auto, or null
	private final int fixedSize; // the only sample edge the graph takes, or 0 for any

	private OnnxDenoiser(final OrtEnvironment env, final OrtSession session, final ModelConfig config,
		final Map<String, NodeInfo> inputs, final String executionProvider, final String fallbackReason)
	{
		this.env = env;
		this.session = session;
		this.config = config;
		final TensorInfo t = tensorInfo(inputs.get(config.timestepInput()));
		this.timestepType = t.type;
		this.scalarTimestep = t.getShape().length == 0;
		this.takesLabels = inputs.containsKey(config.classLabelsInput());
		this.takesCondition = inputs.containsKey(config.conditionInput());
		this.executionProvider = executionProvider;
		this.fallbackReason = fallbackReason;
		this.fixedSize = ModelSignature.fixedSize(inputs.get(config.sampleInput()));
	}

	/** Opens the session for a model folder on the CPU and checks its inputs and output. */
	public static OnnxDenoiser open(final ModelFolder folder) throws ModelLoadException {
		return open(folder, ExecutionDevice.CPU);
	}

	/**
	 * Opens the session on a device and checks its inputs and output. {@code auto} tries CUDA and falls
	 * back to the CPU, keeping the reason ({@link #fallbackReason()}); {@code cuda} fails with it.
	 */
	public static OnnxDenoiser open(final ModelFolder folder, final ExecutionDevice device) throws ModelLoadException {
		final Path file = folder.onnxFile();
		final OrtEnvironment env = OrtEnvironment.getEnvironment();
		// the CPU-only onnxruntime jar has no CUDA provider: then auto is simply the CPU, with nothing to say
		final boolean cudaBuilt = OrtEnvironment.getAvailableProviders().contains(ai.onnxruntime.OrtProvider.CUDA);
		if (device == ExecutionDevice.CUDA && !cudaBuilt) {
			throw new ModelLoadException("device=cuda cannot be used: this ONNX Runtime " + env.getVersion() + " has no " +
				"CUDA provider (the onnxruntime_gpu jar, with an NVIDIA driver, CUDA 12 and cuDNN 9, replaces onnxruntime's).");
		}
		String fallback = null;
		if (device != ExecutionDevice.CPU && cudaBuilt) {
			try {
				return create(env, folder, true, null);
			}
			catch (final OrtException | RuntimeException e) {
				fallback = "CUDA is not available (" + firstLine(e.getMessage()) + "); ONNX Runtime " + (env
					.getVersion()) + " on the GPU needs an NVIDIA driver, CUDA 12 and cuDNN 9";
				if (device == ExecutionDevice.CUDA) throw new ModelLoadException("device=cuda cannot be used: " + fallback +
					".", e);
			}
		}
		try {
			return create(env, folder, false, fallback);
		}
		catch (final OrtException e) {
			throw new ModelLoadException(file + " is not a model ONNX Runtime can load (" + firstLine(e.getMessage()) +
				").", e);
		}
	}

	private static OnnxDenoiser create(final OrtEnvironment env, final ModelFolder folder, final boolean cuda,
		final String fallback) throws OrtException, ModelLoadException
	{
		OrtSession session = null;
		try (OrtSession.SessionOptions options = sessionOptions()) {
			if (cuda) options.addCUDA(0);
			session = env.createSession(folder.onnxFile().toString(), options);
			final OnnxDenoiser d = new OnnxDenoiser(env, session, folder.config(), ModelSignature.check(session, folder),
				(cuda ? "CUDA" : "CPU") + " (ONNX Runtime " + env.getVersion() + ")", fallback);
			session = null; // owned by d now
			d.probe(folder);
			return d;
		}
		finally {
			if (session != null) closeQuietly(session);
		}
	}

	/**
	 * The session options every model runs with on the CPU: all graph optimisations and a thread a core (the fastest
	 * of those ONNX Runtime offers, docs/speed.md); the caller closes them.
	 */
	public static OrtSession.SessionOptions sessionOptions() throws OrtException {
		final OrtSession.SessionOptions options = new OrtSession.SessionOptions();
		try {
			options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
			// NB: ONNX Runtime's own default used one of this machine's two cores (271 ms against 159 ms a batch)
			options.setIntraOpNumThreads(threads());
			return options;
		}
		catch (final OrtException e) {
			options.close();
			throw e;
		}
	}

	/** System property that caps the threads a model runs on (a shared workstation, a Spark executor's cores). */
	public static final String THREADS_PROPERTY = "diffusionj.threads";

	/** The threads of a forward pass: the cores the JVM sees, or fewer when {@link #THREADS_PROPERTY} says so. */
	public static int threads() {
		final int cores = Runtime.getRuntime().availableProcessors();
		final Integer cap = Integer.getInteger(THREADS_PROPERTY);
		return cap == null || cap < 1 ? cores : Math.min(cap, cores);
	}

	private static void closeQuietly(final OrtSession s) {
		try {
			s.close();
		}
		catch (final OrtException e) {
			// NB: nothing more can be done for a session that failed its checks
		}
	}

	static String firstLine(final String s) {
		if (s == null) return "no reason given";
		final int nl = s.indexOf('\n');
		return nl < 0 ? s : s.substring(0, nl);
	}

	/** ONNX Runtime's words for a failed allocation (CPU arena, CUDA, std::bad_alloc). */
	static boolean isAllocationFailure(final String message) {
		if (message == null) return false;
		final String m = message.toLowerCase(java.util.Locale.ROOT);
		return m.contains("failed to allocate") || m.contains("bad_alloc") || m.contains("bad allocation") || m.contains(
			"out of memory");
	}

	static TensorInfo tensorInfo(final NodeInfo node) {
		return (TensorInfo) node.getInfo();
	}

	public ModelConfig config() {
		return config;
	}

	/** The ONNX Runtime execution provider the session runs on. */
	public String executionProvider() {
		return executionProvider;
	}

	/** True when the session runs on the CPU, whose memory is the system's. */
	public boolean onCpu() {
		return executionProvider.startsWith("CPU");
	}

	/** The only height and width the ONNX graph takes (some exporters fix them), or 0 when it takes any. */
	public int fixedSize() {
		return fixedSize;
	}

	/** Why device=auto runs on the CPU, or null when it runs where it was asked to. */
	public String fallbackReason() {
		return fallbackReason;
	}

	@Override
	public Tensor predict(final Tensor sample, final long[] timesteps, final long[] classLabels,
		final Tensor condition)
	{
		if (fixedSize > 0 && (sample.h() != fixedSize || sample.w() != fixedSize)) {
			throw new IllegalArgumentException("Model " + config.name() + " takes only " + fixedSize + "x" + fixedSize +
				" samples (fixed in its ONNX graph), not " + sample.w() + "x" + sample.h() + ".");
		}
		if (scalarTimestep && !allEqual(timesteps)) return itemByItem(sample, timesteps, classLabels, condition);
		final ImageCondition c = config.condition();
		if (c.present() && (condition == null || condition.c() != c.channels())) {
			throw new IllegalArgumentException("Model " + config.name() + " needs a condition image of " + c.channels() +
				" channel(s)" + (condition == null ? "." : ", not " + condition.c() + "."));
		}
		// NB: SR3 / Palette order: the condition's channels first, then x_t
		final Tensor fed = c.concat() ? Tensor.catChannels(condition, sample) : sample;
		final Map<String, OnnxTensor> inputs = new HashMap<>();
		try {
			inputs.put(config.sampleInput(), OnnxTensor.createTensor(env, FloatBuffer.wrap(fed.data()), fed.shape()));
			inputs.put(config.timestepInput(), timestepTensor(timesteps));
			if (takesLabels) inputs.put(config.classLabelsInput(), labelTensor(classLabels, sample.n()));
			if (takesCondition) {
				inputs.put(config.conditionInput(), OnnxTensor.createTensor(env, FloatBuffer.wrap(condition.data()),
					condition.shape()));
			}
			try (OrtSession.Result result = session.run(inputs)) {
				return probing ? toTensor(result, sample) : finite(toTensor(result, sample), timesteps);
			}
		}
		catch (final OrtException e) {
			if (isAllocationFailure(e.getMessage())) {
				// NB: callers treat this like a Java heap failure: retry with fewer items per pass
				final OutOfMemoryError oom = new OutOfMemoryError("ONNX Runtime ran out of memory on model " + config
					.name() + ": " + firstLine(e.getMessage()));
				oom.initCause(e);
				throw oom;
			}
			throw new IllegalStateException("ONNX Runtime failed on model " + config.name() + ": " + firstLine(e
				.getMessage()), e);
		}
		finally {
			for (final OnnxTensor t : inputs.values()) t.close();
		}
	}

	private static boolean allEqual(final long[] v) {
		for (final long x : v) if (x != v[0]) return false;
		return true;
	}

	/** A model with a scalar timestep input takes one t per pass: mixed timesteps go one item at a time. */
	private Tensor itemByItem(final Tensor sample, final long[] timesteps, final long[] labels, final Tensor condition) {
		Tensor out = null;
		for (int i = 0; i < sample.n(); i++) {
			final Tensor one = predict(sample.items(i, 1), new long[] { timesteps[i] }, labels == null ? null
				: new long[] { labels[i] }, condition == null ? null : condition.items(i, 1));
			out = out == null ? one : out.concat(one);
		}
		return out;
	}

	private OnnxTensor timestepTensor(final long[] timesteps) throws OrtException {
		final long[] shape = scalarTimestep ? new long[0] : new long[] { timesteps.length };
		final int count = scalarTimestep ? 1 : timesteps.length;
		if (timestepType == OnnxJavaType.INT64) {
			return OnnxTensor.createTensor(env, LongBuffer.wrap(timesteps, 0, count).slice(), shape);
		}
		final float[] f = new float[count];
		for (int i = 0; i < count; i++) f[i] = timesteps[i];
		return OnnxTensor.createTensor(env, FloatBuffer.wrap(f), shape);
	}

	private OnnxTensor labelTensor(final long[] labels, final int n) throws OrtException {
		long[] l = labels;
		if (l == null) {
			l = new long[n];
			java.util.Arrays.fill(l, config.nullClassLabel());
		}
		return OnnxTensor.createTensor(env, LongBuffer.wrap(l), new long[] { n });
	}

	private Tensor toTensor(final OrtSession.Result result, final Tensor sample) {
		final Optional<OnnxValue> value = result.get(config.output());
		final OnnxTensor out = (OnnxTensor) value.orElseGet(() -> result.get(0));
		final long[] shape = out.getInfo().getShape();
		if (shape.length != 4 || shape[0] != sample.n() || shape[2] != sample.h() || shape[3] != sample.w()) {
			throw new IllegalArgumentException("Model " + config.name() + " answered a " + sample.w() + "x" + sample.h() +
				" input with an output of shape " + java.util.Arrays.toString(shape) + ": its network does not keep the " +
				"image size, so DiffusionJ cannot use it.");
		}
		final FloatBuffer fb = out.getFloatBuffer();
		final float[] data = new float[fb.remaining()];
		fb.get(data);
		return new Tensor(data, sample.n(), (int) shape[1], sample.h(), sample.w());
	}

	private boolean probing; // the load-time probe checks the output's shape, not its values

	/**
	 * One forward pass at load, on the smallest input the model takes: a network whose output does not keep the
	 * image size (or that fails on a valid input) is refused before any run starts, and Model Info says so, instead
	 * of failing mid-run. Costs one pass on a few pixels.
	 */
	private void probe(final ModelFolder folder) throws ModelLoadException {
		final int size = fixedSize > 0 ? fixedSize : config.sizeMultiple();
		final Tensor sample = new Tensor(new float[config.inChannels() * size * size], 1, config.inChannels(), size,
			size);
		final ImageCondition c = config.condition();
		final Tensor condition = c.present() ? new Tensor(new float[c.channels() * size * size], 1, c.channels(), size,
			size) : null;
		probing = true;
		try {
			predict(sample, new long[] { config.scheduler().numTrainTimesteps() - 1 }, null, condition);
		}
		catch (final IllegalArgumentException | IllegalStateException e) {
			close();
			throw new ModelLoadException(folder.onnxFile() + " fails on a " + size + "x" + size + " input: " + e
				.getMessage(), e);
		}
		finally {
			probing = false;
		}
	}

	/**
	 * The prediction, if every value is finite: a network that answers NaN or infinity (broken weights, an overflow
	 * in float16) would make all-NaN images that look like results, so it stops the run with one sentence instead.
	 */
	private Tensor finite(final Tensor out, final long[] timesteps) {
		final float[] v = out.data();
		int bad = 0;
		for (final float x : v) if (Float.isNaN(x) || Float.isInfinite(x)) bad++;
		if (bad == 0) return out;
		throw new IllegalArgumentException("Model " + config.name() + " answered with " + bad + " NaN or infinite " +
			"value(s) of " + v.length + " at timestep " + timesteps[0] + ": its network is broken for this input, so " +
			"nothing was made.");
	}

	@Override
	public void close() {
		closeQuietly(session);
	}
}
