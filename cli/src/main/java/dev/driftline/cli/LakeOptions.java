package dev.driftline.cli;

import dev.driftline.config.UserInputException;
import dev.driftline.sink.LakeLocation;
import java.nio.file.Path;

/** Reading a {@code --lake} option of a command that works on local lakes only (demo, query). */
final class LakeOptions {
    private LakeOptions() {
    }

    /**
     * The directory of a {@code file:///DIR} (or plain path) lake.
     *
     * @param s3Refusal what to tell the user when the lake is {@code s3://…}
     * @throws UserInputException naming {@code --lake} for a malformed value or an S3 lake
     */
    static Path localDirectory(String lake, String s3Refusal) {
        LakeLocation location;
        try {
            location = LakeLocation.parse(lake);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--lake: " + e.getMessage());
        }
        if (location.isS3()) {
            throw new UserInputException("--lake " + location.uri() + ": " + s3Refusal);
        }
        return location.directory();
    }
}
