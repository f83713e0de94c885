package org.diffusionj.app;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.Menus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;

import java.awt.Button;
import java.awt.Menu;
import java.awt.MenuBar;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.io.File;
import java.util.Set;
import java.util.TreeSet;

import javax.imageio.ImageIO;

import net.imagej.patcher.LegacyInjector;

/**
 * The GUI as a user meets it, in its own JVM on a real (Xvfb) display: the DiffusionJ menu holds every
 * command, a menu item opens its dialog, OK runs it, the image appears and the macro recorder writes the
 * line a macro replays. Screenshots go to the folder given as the first argument. Exit code 0 = passed.
 */
public final class GuiCheck {

	private GuiCheck() {}

	public static void main(final String[] args) throws Exception {
		LegacyInjector.preinit();
		try {
			run(new File(args[0]));
			System.out.println("GUI check passed");
			System.exit(0);
		}
		catch (final Throwable t) {
			System.out.println("GUI check failed: " + t);
			t.printStackTrace(System.out);
			System.exit(1);
		}
	}

	private static void run(final File shots) throws Exception {
		final ImageJ ij = Launcher.startGui(ImageJ.NO_SHOW);
		ij.setVisible(true);
		final Set<String> expected = menuLabelsOfBridge();
		if (expected.size() < 7) throw new AssertionError("bridged commands: " + expected);
		final Set<String> inMenu = diffusionJMenu();
		if (!inMenu.equals(expected)) throw new AssertionError("menu " + inMenu + " != commands " + expected);
		if (!inMenu.contains("Batch Folder...")) throw new AssertionError("DiffusionJ menu: " + inMenu);
		IJ.doCommand("Batch Folder..."); // its dialog asks for the folders
		final GenericDialog batch = waitForDialog("Batch Folder");
		Thread.sleep(300);
		screenshot(new File(shots, "batch-folder-dialog.png"));
		final Button cancelBatch = batch.getButtons()[1];
		java.awt.EventQueue.invokeAndWait(() -> batch.actionPerformed(new ActionEvent(cancelBatch,
			ActionEvent.ACTION_PERFORMED, "Cancel")));
		final Recorder recorder = new Recorder();
		recorder.setVisible(true);
		IJ.doCommand("Generate Images...");
		final GenericDialog gd = waitForDialog("Generate Images");
		Thread.sleep(500);
		screenshot(new File(shots, "generate-dialog.png"));
		final Button ok = gd.getButtons()[0];
		java.awt.EventQueue.invokeAndWait(() -> gd.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED,
			"OK")));
		final ImagePlus result = waitForImage("fashion-mnist-32 samples");
		if (result.getStackSize() != 4) throw new AssertionError("4 images expected, got " + result.getStackSize());
		Thread.sleep(1000);
		screenshot(new File(shots, "generate-result.png"));
		final String recorded = Recorder.getInstance().getText().trim();
		if (!recorded.startsWith("run(\"Generate Images...\", \"count=4 label=none sampler=DPM++2M-t0 steps=0") || !recorded
			.contains("model=fashion-mnist-32/")) { // DialogOrder: the keys a user changes most first
			throw new AssertionError("recorded: " + recorded);
		}
		System.out.println("recorded: " + recorded);
		everyDialogOpens(expected, shots);
		// the recorded line replays to the same pixels
		result.setTitle("from the dialog");
		IJ.runMacro(recorded);
		final ImagePlus replay = waitForImage("fashion-mnist-32 samples");
		for (int s = 1; s <= 4; s++) {
			if (!java.util.Arrays.equals((byte[]) result.getStack().getPixels(s), (byte[]) replay.getStack().getPixels(s))) {
				throw new AssertionError("replayed slice " + s + " differs");
			}
		}
		livePreview(shots);
	}

	/** From the dialog (not a macro), a preview window shows the predicted clean image while it works, then closes. */
	private static void livePreview(final File shots) throws Exception {
		IJ.doCommand("Generate Images...");
		final GenericDialog gd = waitForDialog("Generate Images");
		((java.awt.TextField) gd.getNumericFields().get(1)).setText("400"); // steps (after count): long enough to look at
		final Button ok = gd.getButtons()[0];
		final int before = WindowManager.getImageCount();
		java.awt.EventQueue.invokeAndWait(() -> gd.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED,
			"OK")));
		for (int i = 0; i < 300 && !previewOpen(); i++) Thread.sleep(100);
		if (!previewOpen()) throw new AssertionError("no preview window while generating");
		Thread.sleep(1500);
		screenshot(new File(shots, "generate-preview.png"));
		// the run ends with its result and without the preview window
		for (int i = 0; i < 1200 && (previewOpen() || WindowManager.getImageCount() != before + 1); i++) {
			Thread.sleep(100);
		}
		if (previewOpen()) throw new AssertionError("the preview stayed open");
		if (WindowManager.getImageCount() != before + 1) throw new AssertionError("no result after the preview run");
	}

	private static boolean previewOpen() {
		for (final String title : WindowManager.getImageTitles()) {
			if (title.startsWith("Generate Images preview")) return true;
		}
		return false;
	}

	/**
	 * Restore's dialog (its model has no classes) has no label or guidance, and its eta field is greyed out until DDIM,
	 * the one sampler that uses it, is chosen.
	 */
	private static void etaFollowsTheSampler(final GenericDialog gd) throws Exception {
		java.awt.TextField eta = null;
		int disabled = 0;
		for (final Object field : gd.getNumericFields()) {
			if (!((java.awt.Component) field).isEnabled()) {
				disabled++;
				eta = (java.awt.TextField) field;
			}
		}
		if (disabled != 1) throw new AssertionError("Restore's dialog: " + disabled + " greyed-out fields, not eta alone");
		final java.awt.Choice sampler = (java.awt.Choice) gd.getChoices().get(0);
		if (!sampler.getSelectedItem().equals("DPM++2M-t0")) throw new AssertionError("first choice " + sampler
			.getSelectedItem());
		java.awt.EventQueue.invokeAndWait(() -> {
			sampler.select("DDIM");
			for (final java.awt.event.ItemListener l : sampler.getItemListeners()) {
				l.itemStateChanged(new java.awt.event.ItemEvent(sampler, java.awt.event.ItemEvent.ITEM_STATE_CHANGED, "DDIM",
					java.awt.event.ItemEvent.SELECTED));
			}
		});
		if (!eta.isEnabled()) throw new AssertionError("eta stays greyed out with DDIM");
		for (final java.awt.Component c : gd.getComponents()) {
			if (c instanceof java.awt.Label && (((java.awt.Label) c).getText().equals("label") || ((java.awt.Label) c)
				.getText().equals("guidance")))
			{
				throw new AssertionError("Restore's dialog for a model without classes shows " + ((java.awt.Label) c)
					.getText());
			}
		}
	}

	/** Each command's dialog opens from its menu label (with an image open); Cancel runs nothing. */
	private static void everyDialogOpens(final Set<String> labels, final File shots) throws Exception {
		final ImagePlus sample = waitForImage("fashion-mnist-32 samples");
		sample.setRoi(new java.awt.Rectangle(8, 8, 12, 12));
		final int images = WindowManager.getImageCount();
		for (final String label : labels) {
			WindowManager.setCurrentWindow(sample.getWindow());
			IJ.doCommand(label);
			final GenericDialog gd = waitForDialog(label.replace("...", ""));
			Thread.sleep(300);
			screenshot(new File(shots, label.replace("...", "").replace(' ', '-').toLowerCase() + "-dialog.png"));
			if (label.equals("Restore Image...")) etaFollowsTheSampler(gd);
			final Button cancel = gd.getButtons()[1];
			java.awt.EventQueue.invokeAndWait(() -> gd.actionPerformed(new ActionEvent(cancel,
				ActionEvent.ACTION_PERFORMED, "Cancel")));
			Thread.sleep(300);
		}
		if (WindowManager.getImageCount() != images) throw new AssertionError("a canceled dialog made an image");
		final String recorded = Recorder.getInstance().getText();
		for (final String label : labels) {
			if (!label.equals("Generate Images...") && recorded.contains(label)) {
				throw new AssertionError("a canceled dialog was recorded: " + recorded);
			}
		}
	}

	private static Set<String> menuLabelsOfBridge() {
		final Set<String> labels = new TreeSet<>();
		for (final Object key : Menus.getCommands().keySet()) {
			final Object target = Menus.getCommands().get(key);
			if (target.toString().startsWith(BridgeHooks.PREFIX)) labels.add(key.toString());
		}
		return labels;
	}

	private static Set<String> diffusionJMenu() {
		final MenuBar bar = Menus.getMenuBar();
		final Set<String> items = new TreeSet<>();
		for (int i = 0; i < bar.getMenuCount(); i++) {
			final Menu m = bar.getMenu(i);
			if (!"Plugins".equals(m.getLabel())) continue;
			for (int j = 0; j < m.getItemCount(); j++) {
				if (m.getItem(j) instanceof Menu && "DiffusionJ".equals(m.getItem(j).getLabel())) {
					final Menu d = (Menu) m.getItem(j);
					for (int k = 0; k < d.getItemCount(); k++) items.add(d.getItem(k).getLabel());
				}
			}
		}
		return items;
	}

	private static GenericDialog waitForDialog(final String title) throws InterruptedException {
		for (int i = 0; i < 300; i++) {
			for (final Window w : Window.getWindows()) {
				if (w instanceof GenericDialog && w.isShowing() && title.equals(((GenericDialog) w).getTitle())) {
					return (GenericDialog) w;
				}
			}
			Thread.sleep(100);
		}
		throw new AssertionError("no dialog " + title);
	}

	private static ImagePlus waitForImage(final String title) throws InterruptedException {
		for (int i = 0; i < 1200; i++) {
			final ImagePlus imp = WindowManager.getImage(title);
			if (imp != null && imp.getWindow() != null) return imp;
			Thread.sleep(100);
		}
		throw new AssertionError("no image " + title);
	}

	private static void screenshot(final File file) throws Exception {
		file.getParentFile().mkdirs();
		ImageIO.write(new Robot().createScreenCapture(new Rectangle(Toolkit.getDefaultToolkit().getScreenSize())), "png",
			file);
	}
}
