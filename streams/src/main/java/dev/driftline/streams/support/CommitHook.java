package dev.driftline.streams.support;

import java.util.Map;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A state store without data that calls its processor back just before each commit, inside the transaction: the
 * hook a processor needs to write what it buffered in memory since the last commit (batched redo rows, pending
 * pairs) to its changelogged store so that those writes commit atomically with the input offsets.
 *
 * <p>Why a store: Kafka Streams' public API has no pre-commit callback. Before committing a task it flushes the
 * caches of its stores ({@code StreamTask.prepareCommit} → {@code ProcessorStateManager.flushCache}, then the record
 * collector, then the offsets and the transaction commit); caching stores write their dirty entries there, which is
 * how cached KTable aggregations stay exactly-once. This store takes part in that protocol
 * ({@link CachedStateStore}, an internal interface: the one internal type the pipeline relies on, pinned by
 * {@code CommitHookTest} against the Kafka Streams version in use) and runs the processor's {@link #onCommit}
 * action instead. The same flush runs before a task is suspended or closed cleanly, so a rebalance loses nothing;
 * an unclean stop aborts the transaction, the changelog holds the last commit, and the processor rebuilds from it.
 *
 * <p>The action runs on the stream thread, with the processor's context usable (store writes, no forwards: a
 * forward during a flush would not reach its sink before the commit). Not logged, not persistent: nothing to restore.
 */
public final class CommitHook implements StateStore, CachedStateStore<Object, Object> {
    private final String name;
    private Runnable action = () -> { };
    private boolean open;

    private CommitHook(String name) {
        this.name = name;
    }

    /** A builder for a hook named {@code name} (add it to the topology and connect it to the processor). */
    public static StoreBuilder<CommitHook> builder(String name) {
        return new Builder(name);
    }

    /** Sets what runs before each commit of the task (one processor per hook: the last call wins). */
    public void onCommit(Runnable action) {
        this.action = action;
    }

    @Override
    public void flushCache() {
        action.run();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public void clearCache() {
        // nothing cached
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        action = () -> { }; // a revived task's processor registers again in its init
        context.register(root, (key, value) -> { });
        open = true;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    private static final class Builder implements StoreBuilder<CommitHook> {
        private final String name;

        Builder(String name) {
            this.name = name;
        }

        @Override
        public StoreBuilder<CommitHook> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<CommitHook> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<CommitHook> withLoggingEnabled(Map<String, String> config) {
            throw new UnsupportedOperationException("a commit hook has nothing to log");
        }

        @Override
        public StoreBuilder<CommitHook> withLoggingDisabled() {
            return this;
        }

        @Override
        public CommitHook build() {
            return new CommitHook(name);
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }

        @Override
        public String name() {
            return name;
        }
    }
}
