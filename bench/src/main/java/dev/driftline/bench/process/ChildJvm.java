package dev.driftline.bench.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM running one of this module's entry points with the parent's class path. For
 * {@code ./driftline} that class path is {@code cli/target/driftline-cli.jar:cli/target/lib/*}, and the bench jar is in
 * {@code lib}, so the child finds the main class without naming cli.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** {@code java -Xmx<maxHeap> -cp <this JVM's class path> <main> <args…>}. */
    public static List<String> command(String maxHeap, Class<?> main, List<String> args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"),
                main.getName()));
        cmd.addAll(args);
        return cmd;
    }
}
