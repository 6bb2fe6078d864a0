package dev.driftline.system.faults.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of one test run, printed as {@code FIGURES <TestName>: k=v; …} lines (what CI logs and reports
 * collect) and appended to {@code figures.txt} in the run's directory.
 */
public final class FigureLine {
    private final String test;
    private final Path runDir;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    public FigureLine(String test, Path runDir) {
        this.test = test;
        this.runDir = runDir;
    }

    public FigureLine put(String name, Object value) {
        figures.put(name, value);
        return this;
    }

    /** Prints what was put since the last print as one line, and forgets it. */
    public void print() {
        String line = "FIGURES " + test + ": " + figures.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
        System.out.println(line);
        try {
            Files.writeString(runDir.resolve("figures.txt"), line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        figures.clear();
    }
}
