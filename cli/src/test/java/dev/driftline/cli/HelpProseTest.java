package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --help} reads as prose, for every command and sub-command: the summary the parent lists is one complete
 * sentence, and descriptions are one string per paragraph that picocli wraps, never lines hard-broken mid-sentence.
 */
class HelpProseTest {
    /** Where a paragraph may end: a full stop, a colon (a list follows), a semicolon (a list item), ! or ?. */
    private static final Pattern PARAGRAPH_END = Pattern.compile(".*[.:;!?]$", Pattern.DOTALL);
    /** The longest summary that still fits on one line of the parent's command list at 120 columns. */
    private static final int SUMMARY_MAX = 100;

    private static Map<String, CommandLine> commands() {
        Map<String, CommandLine> out = new LinkedHashMap<>();
        walk(Main.commandLine(), out);
        return out;
    }

    private static void walk(CommandLine cl, Map<String, CommandLine> out) {
        out.put(cl.getCommandSpec().qualifiedName(), cl);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getParent() == cl && !out.containsKey(sub.getCommandSpec().qualifiedName())) {
                walk(sub, out);
            }
        }
    }

    /** What picocli lists for a command in its parent's help: the header's first line, else the description's. */
    private static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        String[] description = spec.usageMessage().description();
        String s = header.length > 0 ? header[0] : description.length > 0 ? description[0] : "";
        return s.replace("%n", "").strip();
    }

    @Test
    void theTreeIsWalked() {
        assertThat(commands().keySet()).contains("driftline", "driftline demo", "driftline streams",
                "driftline remediation approve", "driftline athena query", "driftline baseline import-sagemaker",
                "driftline cloudwatch publish", "driftline import capture", "driftline drift compare",
                "driftline bench pipeline", "driftline config keys");
    }

    @Test
    void everyCommandHasAOneLineSummaryThatIsACompleteSentence() {
        List<String> problems = new ArrayList<>();
        commands().forEach((name, cl) -> {
            String s = summary(cl.getCommandSpec());
            if (s.isEmpty()) {
                problems.add(name + ": no summary");
            } else if (!s.endsWith(".")) {
                problems.add(name + ": summary does not end with a full stop (cut?): " + s);
            } else if (s.contains("\n")) {
                problems.add(name + ": summary spans lines: " + s);
            } else if (s.length() > SUMMARY_MAX) {
                problems.add(name + ": summary longer than " + SUMMARY_MAX + " characters: " + s);
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void descriptionsAreParagraphsNotHardWrappedLines() {
        List<String> problems = new ArrayList<>();
        commands().forEach((name, cl) -> {
            CommandSpec spec = cl.getCommandSpec();
            for (String d : spec.usageMessage().description()) {
                if (d.contains("\n")) {
                    problems.add(name + ": a hard line break in a description: " + d);
                }
                // %n may separate paragraphs (a blank line, or a new line after a sentence), never split one
                for (String p : d.split("%n")) {
                    if (!p.isBlank() && !PARAGRAPH_END.matcher(p.strip()).matches()) {
                        problems.add(name + ": a description line ends mid-sentence: " + p.strip());
                    }
                }
            }
            for (OptionSpec o : spec.options()) {
                for (String d : o.description()) {
                    if (d.strip().contains("\n")) {
                        problems.add(name + " " + o.longestName() + ": a hard line break: " + d);
                    }
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyHelpRendersWithoutPicocliWarnings() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            commands().values().forEach(CommandLine::getUsageMessage);
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("[picocli WARN]");
    }
}
