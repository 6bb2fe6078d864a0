package dev.driftline.cli;

import picocli.CommandLine;

/** Version from the jar manifest (set by the build), or "dev" when run from classes. */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"driftline " + (v == null ? "dev" : v) + " (Java " + System.getProperty("java.version") + ")"};
    }
}
