package dev.driftline.sink.rows;

import dev.driftline.contracts.alerts.Alert;
import dev.driftline.contracts.alerts.AlertCodec;
import dev.driftline.sink.LakeTable;
import java.time.Instant;
import java.util.List;

/** {@code alerts} ({@link AlertCodec}) → one {@code alerts} row per open or resolve record. */
final class AlertRows implements TableRows {

    @Override
    public List<LakeRow> rows(SourceRecord r) throws BadRecordException {
        Alert a = TableRows.decode(r, AlertCodec.INSTANCE);
        return List.of(LakeRow.of(LakeTable.ALERTS, a.model(), Instant.ofEpochMilli(a.windowStart()),
                TableRows.withSource(r, a.alertId(), a.kind(), a.feature(), a.state(), a.severity(), a.windowStart(),
                        a.windowEnd(), a.metric(), a.value(), a.threshold(), a.openedAt(), a.resolvedAt(),
                        a.details().toString())));
    }
}
