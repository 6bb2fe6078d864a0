package dev.driftline.cli;

import dev.driftline.config.UserInputException;
import dev.driftline.drift.model.FeatureType;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parses {@code --types col=type,…} flags. */
final class TypeOverrides {
    private TypeOverrides() {
    }

    static Map<String, FeatureType> parse(List<String> specs) {
        Map<String, FeatureType> out = new HashMap<>();
        if (specs == null) {
            return out;
        }
        for (String t : specs) {
            int eq = t.indexOf('=');
            if (eq <= 0) {
                throw new UserInputException("--types: expected column=type, got '" + t + "'");
            }
            try {
                out.put(t.substring(0, eq).strip(), FeatureType.valueOf(t.substring(eq + 1).strip()
                        .toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--types: unknown type in '" + t + "' (fractional, integral, string, boolean)");
            }
        }
        return out;
    }
}
