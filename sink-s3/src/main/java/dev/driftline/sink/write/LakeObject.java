package dev.driftline.sink.write;

import java.io.IOException;
import org.apache.parquet.io.PositionOutputStream;

/**
 * An object of the lake being written: bytes go to {@link #stream()}; {@link #commit()} makes the whole object
 * visible under its final key at once (rename on a file system, completing the multipart upload on S3), and
 * {@link #abort()} throws the partial bytes away (deleting the temporary file, aborting the multipart upload), so a
 * reader never sees a partial object.
 */
public interface LakeObject {

    /** Object key relative to the lake, e.g. {@code drift_metrics/model=wine/dt=…/hour=…/…parquet}. */
    String key();

    /** Where the Parquet writer writes; closing it does not commit. */
    PositionOutputStream stream() throws IOException;

    /** Makes the object visible; returns its size in bytes. */
    long commit() throws IOException;

    /** Drops what was written; safe to call more than once and after a failed commit. */
    void abort();
}
