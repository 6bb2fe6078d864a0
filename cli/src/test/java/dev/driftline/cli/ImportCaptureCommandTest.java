package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The variant an imported capture object's events carry as {@code ce_endpoint}: the {@code <variant>} folder of
 * the Data Capture layout, read from the object's path below {@code --from} like {@code --variant} reads it.
 */
class ImportCaptureCommandTest {
    @Test
    void theVariantIsTheFolderAboveTheHourFolders() {
        assertThat(ImportCaptureCommand.variantOf("churn-ep/AllTraffic/2026/01/31/13/f-1.jsonl"))
                .isEqualTo("AllTraffic");
        assertThat(ImportCaptureCommand.variantOf("prefix/more/churn-ep/Canary/2026/01/31/13/f-1.jsonl"))
                .isEqualTo("Canary");
        assertThat(ImportCaptureCommand.variantOf("Canary/2026/01/31/13/f-1.jsonl")).isEqualTo("Canary");
    }

    @Test
    void objectsOutsideTheLayoutHaveNone() {
        assertThat(ImportCaptureCommand.variantOf("capture.jsonl")).isNull(); // --from one file
        assertThat(ImportCaptureCommand.variantOf("2026/01/31/13/f.jsonl")).isNull(); // --from the variant folder
        assertThat(ImportCaptureCommand.variantOf("ep/AllTraffic/2026/13/40/99/f.jsonl")).isNull(); // no real hour
        assertThat(ImportCaptureCommand.variantOf("ep/AllTraffic/latest/f.jsonl")).isNull();
        assertThat(ImportCaptureCommand.variantOf("/2026/01/31/13/f.jsonl")).isNull(); // empty folder name
    }
}
