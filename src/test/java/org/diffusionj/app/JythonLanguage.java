package org.diffusionj.app;

import org.scijava.plugin.Plugin;
import org.scijava.script.AdaptedScriptLanguage;
import org.scijava.script.ScriptLanguage;

/**
 * Python (Jython's JSR-223 engine) as a SciJava script language in the tests, in place of Fiji's scripting-jython
 * (not on Maven Central), so that the README's script runs as Fiji's Script Editor runs it.
 */
@Plugin(type = ScriptLanguage.class, name = "Python (Jython, tests)")
public class JythonLanguage extends AdaptedScriptLanguage {

	public JythonLanguage() {
		super("jython");
	}
}
