package dev.driftline.cli;

import dev.driftline.config.UserInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The JSON Lines input of the import commands: a file, or every {@code *.jsonl} under a directory, line by line. */
final class JsonLinesFiles {
    /** Called for each non-blank line with its file and 1-based line number. */
    @FunctionalInterface
    interface LineHandler {
        void accept(Path file, long line, String text) throws Exception;
    }

    private JsonLinesFiles() {
    }

    /** The files to read, sorted; a missing path or a directory without .jsonl files is a user error. */
    static List<Path> of(Path from) throws IOException {
        if (!Files.exists(from)) {
            throw new UserInputException(from + ": no such file or directory");
        }
        if (Files.isRegularFile(from)) {
            return List.of(from);
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(from)) {
            files = s.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".jsonl")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new UserInputException(from + ": no .jsonl files found");
        }
        return files;
    }

    static void forEachLine(List<Path> files, LineHandler handler) throws Exception {
        for (Path f : files) {
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String text;
                long n = 0;
                while ((text = r.readLine()) != null) {
                    n++;
                    if (!text.isBlank()) {
                        handler.accept(f, n, text);
                    }
                }
            }
        }
    }
}
