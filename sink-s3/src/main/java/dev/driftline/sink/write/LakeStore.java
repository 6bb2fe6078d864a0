package dev.driftline.sink.write;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Where the lake's objects go: a local directory ({@link FileLakeStore}) or S3 ({@link S3LakeStore}). */
public interface LakeStore extends Closeable {

    /** A new object under {@code key}; an existing object of that key is replaced when this one commits. */
    LakeObject create(String key) throws IOException;

    /**
     * Cleans up what a crashed writer of this topic partition left behind: unfinished multipart uploads, or
     * temporary files. Called when the partition is assigned, before anything of it is written; leftovers of other
     * partitions (perhaps being written by another instance right now) are not touched.
     *
     * @return how many leftovers were removed
     */
    int abandonUnfinished(String topic, int partition) throws IOException;

    /** Keys of the committed objects under a key prefix (e.g. a table name), sorted. */
    List<String> list(String prefix) throws IOException;

    /** The lake's URI, for logs. */
    String describe();

    @Override
    default void close() throws IOException {
    }
}
