package dev.driftline.sink.service;

import static dev.driftline.sink.service.SinkKeys.*;

import dev.driftline.config.Config;
import dev.driftline.config.ConfigException;
import dev.driftline.sink.LakeLocation;
import dev.driftline.sink.LakeTable;
import dev.driftline.sink.write.ParquetSettings;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/** The validated settings of one sink, read from a layered {@link Config} of {@link SinkKeys}. */
public record SinkSettings(String bootstrapServers, Properties kafkaProperties, String topicPrefix, LakeLocation lake,
                           String groupId, Set<LakeTable> tables, Optional<String> endpointUrl,
                           Optional<String> region, Optional<String> kmsKeyId, int partSize,
                           ParquetSettings parquet, Rotation rotation, int metricsPort, String metricsHost) {

    public static SinkSettings from(Config c) {
        Properties kafka = c.kafkaProperties();
        String servers = c.find(BOOTSTRAP_SERVERS).orElse(kafka.getProperty("bootstrap.servers"));
        if (servers == null || servers.isBlank()) {
            throw new ConfigException("bootstrap-servers is required (--bootstrap-servers, "
                    + "DRIFTLINE_BOOTSTRAP_SERVERS or KAFKA_BOOTSTRAP_SERVERS)");
        }
        Set<LakeTable> tables = EnumSet.noneOf(LakeTable.class);
        c.get(TABLES).forEach(n -> tables.add(LakeTable.byName(n)));
        LakeLocation lake = LakeLocation.parse(c.get(LAKE));
        if (!lake.isS3() && c.find(SSE_KMS_KEY_ID).isPresent()) {
            throw new ConfigException(SSE_KMS_KEY_ID.name() + " applies to s3:// lakes only; the lake is " + lake);
        }
        return new SinkSettings(servers, kafka, c.get(TOPIC_PREFIX), lake, c.get(GROUP_ID), tables,
                c.find(ENDPOINT_URL), c.find(REGION), c.find(SSE_KMS_KEY_ID), c.get(PART_SIZE).intValue(),
                new ParquetSettings(ParquetSettings.codec(c.get(COMPRESSION)), c.get(ROW_GROUP_SIZE),
                        (int) Math.min(ParquetSettings.DEFAULTS.pageSize(), c.get(ROW_GROUP_SIZE))),
                new Rotation(c.get(ROTATE_RECORDS), c.get(ROTATE_BYTES), c.get(ROTATE_INTERVAL),
                        c.get(ROTATE_MAX_OPEN)),
                c.get(METRICS_PORT), c.get(METRICS_HOST));
    }
}
