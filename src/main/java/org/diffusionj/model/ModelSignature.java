package org.diffusionj.model;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/** Checks that a session's inputs and output are what {@code diffusion.json} promises. */
final class ModelSignature {

	private ModelSignature() {}

	/** The fixed square edge of a checked sample input, or 0 when its height and width are free. */
	static int fixedSize(final NodeInfo sampleInput) {
		final long edge = OnnxDenoiser.tensorInfo(sampleInput).getShape()[2];
		return edge > 0 ? (int) edge : 0;
	}

	/** A separate condition input exists exactly when diffusion.json declares one, with its k channels. */
	private static void checkCondition(final Map<String, NodeInfo> inputs, final ModelConfig c, final String file,
		final String hint) throws ModelLoadException
	{
		final boolean separate = c.condition().present() && !c.condition().concat();
		final NodeInfo node = inputs.get(c.conditionInput());
		if (separate && node == null) {
			throw new ModelLoadException(file + " has no input '" + c.conditionInput() + "' but diffusion.json declares " +
				"a condition image that is not concatenated" + hint + ".");
		}
		if (!separate && node != null) {
			throw new ModelLoadException(file + " takes '" + c.conditionInput() + "' but diffusion.json declares no " +
				"separate condition (add \"condition\": {\"channels\": k}).");
		}
		if (node == null) return;
		final TensorInfo info = OnnxDenoiser.tensorInfo(node);
		final long[] shape = info.getShape();
		if (info.type != OnnxJavaType.FLOAT || shape.length != 4) {
			throw new ModelLoadException(file + ": input '" + c.conditionInput() + "' must be float32 [N, k, H, W].");
		}
		if (shape[1] > 0 && shape[1] != c.condition().channels()) {
			throw new ModelLoadException(file + " takes a condition of " + shape[1] + " channel(s) but diffusion.json " +
				"says \"condition\": {\"channels\": " + c.condition().channels() + "}.");
		}
	}

	static Map<String, NodeInfo> check(final OrtSession session, final ModelFolder folder) throws OrtException,
		ModelLoadException
	{
		final ModelConfig c = folder.config();
		final String file = folder.onnxFile().toString();
		final Map<String, NodeInfo> inputs = session.getInputInfo();
		final String hint = " (its inputs are " + new TreeSet<>(inputs.keySet()) +
			"; other names can be mapped under \"inputs\" in diffusion.json)";
		for (final String required : new String[] { c.sampleInput(), c.timestepInput() }) {
			if (!inputs.containsKey(required)) {
				throw new ModelLoadException(file + " has no input '" + required + "'" + hint + ".");
			}
		}
		final TensorInfo sample = OnnxDenoiser.tensorInfo(inputs.get(c.sampleInput()));
		final long[] shape = sample.getShape();
		if (sample.type != OnnxJavaType.FLOAT || shape.length != 4) {
			throw new ModelLoadException(file + ": input '" + c.sampleInput() + "' must be float32 [N, C, H, W].");
		}
		if (shape[1] > 0 && shape[1] != c.sampleInputChannels()) {
			throw new ModelLoadException(file + " takes " + shape[1] + " channel(s) but diffusion.json says in_channels " +
				c.inChannels() + (c.condition().concat() ? " plus " + c.condition().channels() +
					" concatenated condition channel(s)" : "") + ".");
		}
		checkCondition(inputs, c, file, hint);
		if ((shape[2] > 0 || shape[3] > 0) && shape[2] != shape[3]) {
			throw new ModelLoadException(file + " takes only " + shape[3] + "x" + shape[2] + " samples (fixed in its " +
				"ONNX graph); DiffusionJ needs any size or a fixed square: export it with dynamic height and width.");
		}
		final TensorInfo t = OnnxDenoiser.tensorInfo(inputs.get(c.timestepInput()));
		if (t.type != OnnxJavaType.INT64 && t.type != OnnxJavaType.FLOAT || t.getShape().length > 1) {
			throw new ModelLoadException(file + ": input '" + c.timestepInput() + "' must be int64 or float32, [N] or a scalar.");
		}
		final boolean takesLabels = inputs.containsKey(c.classLabelsInput());
		if (c.isConditional() && !takesLabels) {
			throw new ModelLoadException(file + " has no input '" + c.classLabelsInput() +
				"' but diffusion.json gives num_classes " + c.numClasses() + hint + ".");
		}
		if (!c.isConditional() && takesLabels) {
			throw new ModelLoadException(file + " takes '" + c.classLabelsInput() +
				"' but diffusion.json gives no num_classes.");
		}
		final Set<String> unknown = new TreeSet<>(inputs.keySet());
		unknown.remove(c.sampleInput());
		unknown.remove(c.timestepInput());
		unknown.remove(c.classLabelsInput());
		unknown.remove(c.conditionInput());
		if (!unknown.isEmpty()) throw new ModelLoadException(file + " has inputs DiffusionJ cannot fill: " + unknown + ".");
		final Set<String> outputs = session.getOutputNames();
		if (!outputs.contains(c.output()) && outputs.size() != 1) {
			throw new ModelLoadException(file + " has no output '" + c.output() + "' (its outputs are " + outputs + ").");
		}
		return inputs;
	}
}
