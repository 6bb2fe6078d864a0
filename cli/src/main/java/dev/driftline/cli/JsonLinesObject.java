package dev.driftline.cli;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * One JSON Lines input of an import: a local file or an S3 object.
 *
 * @param name      how messages and checkpoints name it: the file's absolute path or {@code s3://bucket/key}
 * @param layoutKey its path below the {@code --from} location, with {@code /} separators, for the Data Capture
 *                  layout filters ({@code <endpoint>/<variant>/yyyy/mm/dd/hh/<file>})
 * @param opener    opens it for streaming, line by line; nothing is read before this is called
 */
record JsonLinesObject(String name, String layoutKey, Opener opener) {
    /** Opens the object's text (UTF-8). */
    @FunctionalInterface
    interface Opener {
        BufferedReader open() throws IOException;
    }

    BufferedReader open() throws IOException {
        return opener.open();
    }
}
