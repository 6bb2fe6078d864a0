package dev.driftline.bench.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Every second while phase C's child JVMs live: each child's {@code VmRSS}/{@code VmHWM} ({@link ProcStatus}) and
 * CPU time, which input partitions each child's consumers own (the group's members by client id, {@link
 * StreamsProcess#owns}), and the group's committed input offsets; each partition's committed progress since the
 * previous sample is credited to the instance that owns it now (or owned it last). {@link #mark()} samples at
 * once and returns the credits so far, so the measured interval's events per instance are a difference of marks.
 */
final class InstanceSampler implements AutoCloseable {
    /** What one instance did and used. */
    static final class Instance {
        final StreamsProcess process;
        long maxRssBytes = -1;
        long hwmBytes = -1;
        long credited;
        TreeSet<Integer> partitions = new TreeSet<>();

        Instance(StreamsProcess process) {
            this.process = process;
        }
    }

    private final Admin admin;
    private final String group;
    private final String inputTopic;
    final List<Instance> instances = new ArrayList<>();
    private final Map<TopicPartition, Long> lastCommitted = new HashMap<>();
    private final Map<TopicPartition, Instance> owner = new HashMap<>();
    /** Times the owner of an input partition changed after it first had one. */
    int assignmentChanges;
    private final Thread thread;
    private volatile boolean running = true;

    InstanceSampler(Admin admin, String group, String inputTopic, List<StreamsProcess> processes) {
        this.admin = admin;
        this.group = group;
        this.inputTopic = inputTopic;
        processes.forEach(p -> instances.add(new Instance(p)));
        thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-instance-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Samples now; returns each instance's credited events so far. */
    synchronized long[] mark() {
        sample();
        return instances.stream().mapToLong(i -> i.credited).toArray();
    }

    private synchronized void sample() {
        for (Instance i : instances) {
            if (i.process.alive()) {
                ProcStatus st = ProcStatus.read(i.process.pid());
                i.maxRssBytes = Math.max(i.maxRssBytes, st.vmRssBytes());
                i.hwmBytes = Math.max(i.hwmBytes, st.vmHwmBytes());
            }
        }
        try {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all()
                    .get(10, TimeUnit.SECONDS).get(group);
            Map<TopicPartition, Instance> now = new HashMap<>();
            for (MemberDescription m : d.members()) {
                for (Instance i : instances) {
                    if (i.process.owns(m.clientId())) {
                        for (TopicPartition tp : m.assignment().topicPartitions()) {
                            if (tp.topic().equals(inputTopic)) {
                                now.put(tp, i);
                            }
                        }
                    }
                }
            }
            for (Map.Entry<TopicPartition, Instance> e : now.entrySet()) {
                Instance before = owner.put(e.getKey(), e.getValue());
                if (before != null && before != e.getValue()) {
                    assignmentChanges++;
                }
            }
            for (Instance i : instances) {
                TreeSet<Integer> mine = new TreeSet<>();
                now.forEach((tp, in) -> {
                    if (in == i) {
                        mine.add(tp.partition());
                    }
                });
                if (!now.isEmpty()) {
                    i.partitions = mine;
                }
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
                TopicPartition tp = e.getKey();
                if (!tp.topic().equals(inputTopic) || e.getValue() == null) {
                    continue;
                }
                long off = e.getValue().offset();
                long delta = off - lastCommitted.getOrDefault(tp, 0L);
                lastCommitted.put(tp, off);
                Instance in = owner.get(tp);
                if (in != null && delta > 0) {
                    in.credited += delta;
                } else if (delta > 0) {
                    lastCommitted.put(tp, off - delta); // no owner known yet: credit it once one is
                }
            }
        } catch (Exception e) {
            // the group may not exist yet, or a request timed out: try again next second
        }
    }

    /** The instances' input partitions, for the log. */
    Map<Integer, List<Integer>> assignment() {
        Map<Integer, List<Integer>> out = new TreeMap<>();
        instances.forEach(i -> out.put(i.process.instance, List.copyOf(i.partitions)));
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(15_000);
        sample();
    }
}
