package dev.driftline.remediation.service;

import dev.driftline.drift.baseline.Baseline;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global baselines store: the latest baseline per model (a tombstone removes it). */
final class BaselineStoreUpdater implements Processor<String, Baseline, Void, Void> {
    private final String storeName;
    private final java.util.function.BiConsumer<String, Baseline> listener;
    private KeyValueStore<String, Baseline> store;

    BaselineStoreUpdater(String storeName, java.util.function.BiConsumer<String, Baseline> listener) {
        this.storeName = storeName;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, Baseline> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        listener.accept(record.key(), record.value());
    }
}
