package dev.driftline.streams.pairing;

import dev.driftline.contracts.inference.InferenceEvent;

import dev.driftline.streams.support.CommitHook;
import dev.driftline.streams.support.StoreDeletes;
import dev.driftline.streams.support.StoreKeys;
import dev.driftline.streams.support.StreamTimeTicks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Pairs KServe request and response events by event id (either order), drops duplicates of (id, type), and sends
 * a request on alone when its response has not come within the wait (it still counts for input drift).
 *
 * <p>State: {@link #STORE} maps event id to what has been seen; {@link #INDEX} orders ids by event time so the
 * releases (each second of stream time, checked as records arrive: {@link StreamTimeTicks}; by wall clock when
 * traffic stops) only touch entries that are due (a scan of the whole store every second would not scale to a
 * minute of traffic). Both have changelogs, so exactly-once processing restores them after a crash.
 *
 * <p>Writes are buffered in memory until the task commits ({@link #COMMIT_HOOK}) or a release reads the stores:
 * a request and its response usually arrive within one commit interval, so the request's body never goes to the
 * store or its changelog, and the pair costs one store look-up and two writes (the emitted marker and its index
 * entry, already keyed for when it is forgotten). The buffer is written inside the commit's transaction, so a crash
 * loses it together with the offsets of the events that made it, which are then processed again.
 */
final class PairingProcessor implements Processor<String, InferenceEvent, String, PendingEvent> {
    public static final String STORE = "pairing-pending";
    public static final String INDEX = "pairing-by-time";
    /** The {@link CommitHook} that writes the buffered entries before each commit. */
    public static final String COMMIT_HOOK = "pairing-commit";
    static final String REQUEST = InferenceEvent.TYPE_REQUEST;
    static final String RESPONSE = InferenceEvent.TYPE_RESPONSE;
    /** How often, in stream time, due entries are released or forgotten. */
    static final Duration RELEASE_INTERVAL = Duration.ofSeconds(1);

    private final PairingConfig config;
    private final PairingListener listener;
    private ProcessorContext<String, PendingEvent> context;
    private KeyValueStore<String, PendingEvent> store;
    private KeyValueStore<String, String> index;
    private long duplicates;
    /** Entries changed since the stores were last written (the write-back buffer), in arrival order. */
    private final Map<String, PendingEvent> unflushed = new LinkedHashMap<>();
    /** Index entries of ids first seen since then: id → when due (release alone, or forget once emitted). */
    private final Map<String, Long> unflushedDue = new LinkedHashMap<>();
    /** Lower bound of every index entry's due time (written or buffered): nothing is due before it. */
    private long earliestDue = Long.MIN_VALUE;
    /** While a release runs: the earliest due time of what it leaves in the index. */
    private long nextDue = Long.MAX_VALUE;
    /**
     * Wall time of this task's last record, or of its start (in memory, not restored): wall clock releases only
     * once the task has been idle for wait + idle grace. The stored {@code firstSeenWallMs} of an entry restored
     * after a crash or a move comes from the instance that stored it, so without this the downtime would count as
     * waiting and a request would be released alone while its response was still in the backlog (and the response
     * then dropped as a duplicate of an emitted id).
     */
    private long lastRecordWallMs;
    /** When stream time next looks for what is due (checked after each record; see {@link StreamTimeTicks}). */
    private StreamTimeTicks ticks;

    PairingProcessor(PairingConfig config) {
        this(config, PairingListener.NONE);
    }

    PairingProcessor(PairingConfig config, PairingListener listener) {
        this.config = config;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, PendingEvent> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.index = context.getStateStore(INDEX);
        this.lastRecordWallMs = context.currentSystemTimeMs();
        unflushed.clear();
        unflushedDue.clear();
        earliestDue = Long.MIN_VALUE; // unknown until the first release looks
        CommitHook hook = context.getStateStore(COMMIT_HOOK);
        hook.onCommit(this::flush);
        ticks = new StreamTimeTicks(RELEASE_INTERVAL.toMillis()); // every record passes here: no punctuation needed
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    /** Duplicates dropped since start (for metrics). */
    public long duplicates() {
        return duplicates;
    }

    @Override
    public void process(Record<String, InferenceEvent> r) {
        // What is due goes before this record is paired (a punctuation would run after it): an event that arrives
        // already past the wait still gets until the next tick for its other half.
        long streamTime = context.currentStreamTimeMs();
        if (ticks.due(streamTime)) {
            onStreamTime(streamTime);
        }
        pair(r);
    }

    private void pair(Record<String, InferenceEvent> r) {
        lastRecordWallMs = context.currentSystemTimeMs();
        String id = r.key();
        InferenceEvent event = r.value();
        String type = event.attribute("type");
        PendingEvent seen = unflushed.containsKey(id) ? unflushed.get(id) : store.get(id);
        boolean isRequest = REQUEST.equals(type);
        if (seen != null && (seen.emitted() || (isRequest ? seen.hasRequest() : seen.hasResponse()))) {
            duplicates++; // a retry of something we already have: KServe's logger and senders may resend
            return;
        }
        String model = event.attribute("inferenceservicename");
        String endpoint = orElse(event.attribute("endpoint"), "");
        String contentType = event.attribute("datacontenttype");
        byte[] body = event.data();
        long wall = context.currentSystemTimeMs();
        if (!isRequest) {
            observe(() -> listener.onResponse(orElse(seen == null ? null : seen.model(), model), body,
                    statusCode(event.attribute("statuscode"))));
        }
        PendingEvent next;
        if (seen == null) {
            next = isRequest ? new PendingEvent(model, endpoint, body, contentType, r.timestamp(), null, null, 0, wall,
                    false) : new PendingEvent(model, endpoint, null, null, 0, body, contentType, r.timestamp(), wall,
                    false);
            due(id, r.timestamp() + config.pairingWait().toMillis()); // due for release
        } else {
            next = isRequest ? new PendingEvent(orElse(seen.model(), model), endpoint(seen, endpoint, false), body,
                    contentType, r.timestamp(), seen.response(), seen.responseContentType(), seen.responseTime(),
                    seen.firstSeenWallMs(), false)
                    : new PendingEvent(orElse(seen.model(), model), endpoint(seen, endpoint, true), seen.request(),
                    seen.requestContentType(), seen.requestTime(), body, contentType, r.timestamp(),
                    seen.firstSeenWallMs(), false);
        }
        if (next.hasRequest() && next.hasResponse()) {
            emit(id, next);
        } else {
            unflushed.put(id, next);
        }
    }

    private void due(String id, long at) {
        unflushedDue.put(id, at);
        earliestDue = Math.min(earliestDue, at);
    }

    /** Writes the buffered entries and index entries to the stores (before a commit, or before reading them). */
    void flush() {
        unflushed.forEach(store::put);
        unflushed.clear();
        unflushedDue.forEach((id, at) -> index.put(indexKey(at, id), id));
        unflushedDue.clear();
    }

    private void emit(String id, PendingEvent e) {
        context.forward(new Record<>(id, e, e.eventTime()));
        boolean both = e.hasRequest() && e.hasResponse();
        observe(() -> listener.onInference(e.model(), e.hasRequest(), e.hasResponse(),
                both ? e.responseTime() - e.requestTime() : -1));
        // Keep only the fact that it was emitted, for the dedupe horizon; the bodies are not needed any more.
        PendingEvent marker = new PendingEvent(e.model(), "", null, null, e.requestTime(), null, null,
                e.responseTime(), e.firstSeenWallMs(), true);
        unflushed.put(id, marker);
        if (unflushedDue.containsKey(id)) { // not written yet: index it at once for when it is forgotten
            due(id, marker.eventTime() + config.dedupeHorizon().toMillis());
        }
    }

    /** Releases what waited longer than the wait (event time), forgets emitted ids past the dedupe horizon. */
    private void onStreamTime(long streamTime) {
        if (streamTime >= earliestDue) {
            release(streamTime, Long.MAX_VALUE);
        }
    }

    /** With no traffic at all stream time stands still: release by wall clock after wait + idle grace. */
    private void onWallClock(long wallNow) {
        if (wallNow - lastRecordWallMs >= config.pairingWait().toMillis() + config.idleGrace().toMillis()) {
            release(Long.MIN_VALUE, wallNow);
        }
    }

    /**
     * The index is keyed by when an entry is next due: a pending id at its time + wait (release alone), an emitted
     * id at its time + dedupe horizon (forget). The stream-time release therefore reads only entries that are due,
     * and moves each one at most twice; by wall clock (traffic stopped) it reads them all.
     */
    private void release(long streamTime, long wallNow) {
        long waitMs = config.pairingWait().toMillis();
        long horizonMs = config.dedupeHorizon().toMillis();
        long idleMs = waitMs + config.idleGrace().toMillis();
        boolean byStreamTime = streamTime != Long.MIN_VALUE;
        flush();
        List<KeyValue<String, String>> due = new ArrayList<>();
        long upTo = byStreamTime ? streamTime : Long.MAX_VALUE;
        // one iterator (opening one is the expensive part): the due entries, then the first one not due yet
        nextDue = Long.MAX_VALUE;
        try (KeyValueIterator<String, String> it = dueFrom(earliestDue)) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                if (dueTime(kv.key) > upTo) {
                    nextDue = dueTime(kv.key);
                    break;
                }
                due.add(kv);
            }
        }
        for (KeyValue<String, String> kv : due) {
            String id = kv.value;
            PendingEvent e = store.get(id);
            if (e == null) {
                StoreDeletes.delete(index, kv.key);
                continue;
            }
            long time = e.eventTime();
            if (!e.emitted()) {
                boolean waitedEnough = byStreamTime ? streamTime - time >= waitMs
                        : wallNow - e.firstSeenWallMs() >= idleMs;
                if (waitedEnough) {
                    emit(id, e); // a request without response (or the reverse) goes on alone
                    rekey(kv.key, time + horizonMs, id);
                } else {
                    rekey(kv.key, time + waitMs, id);
                }
            } else {
                boolean forget = byStreamTime ? streamTime - time >= horizonMs
                        : wallNow - e.firstSeenWallMs() >= horizonMs + idleMs;
                if (forget) {
                    StoreDeletes.delete(store, id);
                    StoreDeletes.delete(index, kv.key);
                } else {
                    rekey(kv.key, time + horizonMs, id);
                }
            }
        }
        flush(); // what the releases buffered
        earliestDue = nextDue;
    }

    /**
     * The index from {@code lowerBound} on. Every release deletes the entries it reads, and RocksDB keeps a deleted
     * key as a tombstone until compaction: a scan from the first key ({@code all()}) steps over every entry released
     * since, which made the releases the stream thread's largest cost (a quarter of its time in the benchmark).
     * Seeking to the lower bound of what is still indexed skips them.
     */
    private KeyValueIterator<String, String> dueFrom(long lowerBound) {
        return lowerBound < 0 ? index.all() : index.range(StoreKeys.padded(lowerBound), null);
    }

    /** The due time of an index key. */
    private static long dueTime(String indexKey) {
        return Long.parseLong(indexKey.substring(0, indexKey.indexOf('|')));
    }

    private void rekey(String oldKey, long dueAt, String id) {
        nextDue = Math.min(nextDue, dueAt);
        String newKey = indexKey(dueAt, id);
        if (!newKey.equals(oldKey)) {
            StoreDeletes.delete(index, oldKey);
            index.put(newKey, id);
        }
    }

    /** Zero-padded so the store's byte order is time order. */
    static String indexKey(long time, String id) {
        return StoreKeys.padded(time) + "|" + id;
    }

    /**
     * The endpoint label of a pair when the second event ({@code isResponse} or the request) arrives: the
     * response's wins (it was sent by what actually answered), but an empty label never hides the other event's.
     */
    static String endpoint(PendingEvent seen, String arriving, boolean isResponse) {
        if (arriving.isEmpty()) {
            return seen.endpoint();
        }
        return isResponse || seen.endpoint().isEmpty() ? arriving : seen.endpoint();
    }

    /** Meters only observe: a failure in one must never fail or change the pipeline. */
    private static void observe(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // metering is best effort
        }
    }

    /** The HTTP status a sender carried ({@code ce_statuscode}), or -1. */
    static int statusCode(String attribute) {
        if (attribute == null) {
            return -1;
        }
        try {
            return Integer.parseInt(attribute.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String orElse(String a, String b) {
        return a != null ? a : b;
    }
}
