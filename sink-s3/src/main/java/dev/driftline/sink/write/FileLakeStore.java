package dev.driftline.sink.write;

import dev.driftline.sink.ObjectKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A lake in a local directory (the embedded default). An object is written to a hidden temporary file next to its
 * final name ({@code .<name>.parquet.tmp}: no {@code *.parquet} glob matches it), forced to disk and then renamed
 * atomically over the final name, so readers see either nothing or the whole file. The temporary name is
 * deterministic, so a replay after a crash overwrites it; {@link #abandonUnfinished} deletes those of a partition
 * when it is assigned.
 */
public final class FileLakeStore implements LakeStore {
    static final String TMP_SUFFIX = ".tmp";
    private final Path root;

    public FileLakeStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root);
    }

    public Path root() {
        return root;
    }

    @Override
    public LakeObject create(String key) throws IOException {
        Path target = root.resolve(key).normalize();
        if (!target.startsWith(root)) {
            throw new IllegalArgumentException("key escapes the lake: " + key);
        }
        Files.createDirectories(target.getParent());
        return new FileObject(key, target, target.resolveSibling("." + target.getFileName() + TMP_SUFFIX));
    }

    @Override
    public int abandonUnfinished(String topic, int partition) throws IOException {
        String prefix = "." + ObjectKeys.escape(topic) + "+" + partition + "+";
        int removed = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(TMP_SUFFIX)) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        }
        return removed;
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Path dir = root.resolve(prefix).normalize();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".")
                            && p.getFileName().toString().endsWith(".parquet"))
                    .forEach(p -> keys.add(root.relativize(p).toString().replace('\\', '/')));
        }
        keys.sort(null);
        return keys;
    }

    @Override
    public String describe() {
        return root.toUri().toString();
    }

    /** One object: a temporary file, renamed on commit. */
    private static final class FileObject implements LakeObject {
        private final String key;
        private final Path target;
        private final Path temp;
        private FileChannel channel;
        private PositionOutputStream stream;

        FileObject(String key, Path target, Path temp) {
            this.key = key;
            this.target = target;
            this.temp = temp;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public PositionOutputStream stream() throws IOException {
            if (stream == null) {
                channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                // Parquet closes the stream when it has written the footer; the channel stays open for the fsync
                stream = new CountingStream(new java.io.BufferedOutputStream(
                        java.nio.channels.Channels.newOutputStream(channel), 1 << 16));
            }
            return stream;
        }

        @Override
        public long commit() throws IOException {
            stream().flush();
            channel.force(true); // the rename must never expose a file whose bytes are not on disk
            long size = channel.size();
            channel.close();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the lake's file system cannot rename atomically: " + target, e);
            }
            return size;
        }

        @Override
        public void abort() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // the file is deleted next; nothing else to do with a failed close
            }
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover hidden temp file is removed when the partition is next assigned
            }
        }
    }

    /** Counts bytes for Parquet's {@code getPos()}; closing it leaves the file open. */
    static final class CountingStream extends PositionOutputStream {
        private final OutputStream out;
        private long pos;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            pos++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            pos += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        /** Flushes only: the owner closes the file after forcing it to disk. */
        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
