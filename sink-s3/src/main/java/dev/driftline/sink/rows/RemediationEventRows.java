package dev.driftline.sink.rows;

import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.contracts.remediation.EpisodeEventCodec;
import dev.driftline.sink.LakeTable;
import java.time.Instant;
import java.util.List;

/**
 * {@code remediation.events} ({@link EpisodeEventCodec}) → one {@code remediation_events} row per transition. The
 * event id is deterministic ({@code <episode>/<sequence>}), so a transition the service replays after a crash is a
 * second row with the same {@code event_id} that readers drop with {@code DISTINCT}/{@code max}.
 */
final class RemediationEventRows implements TableRows {

    @Override
    public List<LakeRow> rows(SourceRecord r) throws BadRecordException {
        EpisodeEvent e = TableRows.decode(r, EpisodeEventCodec.INSTANCE);
        return List.of(LakeRow.of(LakeTable.REMEDIATION_EVENTS, e.model(), Instant.ofEpochMilli(e.at()),
                TableRows.withSource(r, e.eventId(), e.episodeId(), e.from() == null ? null : e.from().name(),
                        e.to().name(), e.at(), e.message(), e.data().toString())));
    }
}
