package dev.driftline.sink.athena;

import static dev.driftline.sink.athena.FakeAthena.column;
import static dev.driftline.sink.athena.FakeAthena.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.sink.query.QueryResult;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.ResultSet;
import software.amazon.awssdk.services.athena.model.Row;

class AthenaResultPagesTest {

    private static ResultSet page(List<ColumnInfo> columns, Row... rows) {
        ResultSet.Builder b = ResultSet.builder().rows(rows);
        if (columns != null) {
            b.resultSetMetadata(m -> m.columnInfo(columns));
        }
        return b.build();
    }

    @Test
    void typesDecideNumericColumnsBooleansAndNulls() {
        List<ColumnInfo> cols = List.of(column("t", "tinyint"), column("s", "smallint"), column("i", "integer"),
                column("b", "bigint"), column("d", "double"), column("r", "real"), column("f", "float"),
                column("dec", "decimal"), column("ok", "boolean"), column("name", "varchar"),
                column("ts", "timestamp"));
        AthenaResultPages pages = new AthenaResultPages(true);
        pages.add(page(cols, row("t", "s", "i", "b", "d", "r", "f", "dec", "ok", "name", "ts"),
                row("1", "2", "3", "4", "0.5", "1.5", "2.5", "10.25", "true", "x", "2025-01-02 03:04:05.000"),
                row(null, null, null, null, null, null, null, null, "false", "", null)));
        QueryResult r = pages.result();
        assertThat(r.columns()).extracting(QueryResult.Column::numeric)
                .containsExactly(true, true, true, true, true, true, true, true, false, false, false);
        assertThat(r.rows().get(0)).containsExactly("1", "2", "3", "4", "0.5", "1.5", "2.5", "10.25", true, "x",
                "2025-01-02 03:04:05.000");
        assertThat(r.rows().get(1)).isEqualTo(Arrays.asList(null, null, null, null, null, null, null, null, false,
                "", null));
        assertThat(AthenaResultPages.isNumeric("decimal(10,2)")).isTrue();
        assertThat(AthenaResultPages.isNumeric("DOUBLE")).isTrue();
        assertThat(AthenaResultPages.isNumeric("varchar(10)")).isFalse();
        assertThat(AthenaResultPages.isNumeric(null)).isFalse();
    }

    @Test
    void onlyTheFirstRowOfTheFirstDmlPageIsAHeaderAndOnlyIfItIsTheLabels() {
        List<ColumnInfo> cols = List.of(column("model", "varchar"));
        AthenaResultPages dml = new AthenaResultPages(true);
        dml.add(page(cols, row("model"), row("a")));
        dml.add(page(cols, row("model"), row("b"))); // a later page's first row is data, even if it looks like a label
        assertThat(dml.result().rows()).containsExactly(List.of("a"), List.of("model"), List.of("b"));

        AthenaResultPages noHeader = new AthenaResultPages(true); // e.g. moto results seeded without a header row
        noHeader.add(page(cols, row("a"), row("b")));
        assertThat(noHeader.result().rows()).containsExactly(List.of("a"), List.of("b"));

        AthenaResultPages ddl = new AthenaResultPages(false);
        ddl.add(page(cols, row("model"), row("a")));
        assertThat(ddl.result().rows()).containsExactly(List.of("model"), List.of("a"));
    }

    @Test
    void anEmptyResultHasNoColumnsAndARaggedRowIsRefused() {
        AthenaResultPages empty = new AthenaResultPages(true);
        empty.add(page(List.of()));
        assertThat(empty.result().columns()).isEmpty();
        assertThat(empty.result().rows()).isEmpty();
        assertThat(new AthenaResultPages(true).result().rows()).isEmpty();

        AthenaResultPages ragged = new AthenaResultPages(false);
        assertThatThrownBy(() -> ragged.add(page(List.of(column("a", "varchar")), row("1", "2"))))
                .hasMessage("Athena returned a row of 2 values for 1 columns");
    }
}
