"""The `diagnosis` command line: everything the GUI can do, scriptable and testable headless."""
