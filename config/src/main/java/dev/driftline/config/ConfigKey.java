package dev.driftline.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One documented configuration key: its dotted name, type, default and meaning.
 * Keys are declared once, next to the code that reads them, and listed by {@code driftline config keys}.
 *
 * @param name       dotted name used in config files, e.g. {@code collector.port}
 * @param parser     how to read the text form
 * @param defaultText default in text form, or {@code null} when the key is optional and has no default
 * @param doc        one sentence for users: what it does and its unit
 * @param check      validation of the parsed value
 * @param checkDoc   what the check requires, used in error messages ("between 1 and 65535")
 * @param secret     true for tokens and passwords: never printed
 * @param deprecatedNames former names of this key, still accepted (file key and its {@code DRIFTLINE_*} variable)
 *                   with a deprecation warning ({@link Config#deprecations()}); the current name wins when both are
 *                   given in the same layer
 */
public record ConfigKey<T>(String name, ValueParser<T> parser, String defaultText, String doc,
                           Predicate<T> check, String checkDoc, boolean secret, List<String> deprecatedNames) {

    public ConfigKey {
        Objects.requireNonNull(name);
        Objects.requireNonNull(parser);
        Objects.requireNonNull(doc);
        Objects.requireNonNull(check);
        deprecatedNames = List.copyOf(deprecatedNames);
        if (deprecatedNames.contains(name)) {
            throw new IllegalArgumentException("key " + name + " cannot be its own deprecated name");
        }
    }

    public static <T> ConfigKey<T> of(String name, ValueParser<T> parser, String defaultText, String doc) {
        return new ConfigKey<>(name, parser, defaultText, doc, v -> true, "", false, List.of());
    }

    public ConfigKey<T> validate(Predicate<T> check, String checkDoc) {
        return new ConfigKey<>(name, parser, defaultText, doc, check, checkDoc, secret, deprecatedNames);
    }

    public ConfigKey<T> asSecret() {
        return new ConfigKey<>(name, parser, defaultText, doc, check, checkDoc, true, deprecatedNames);
    }

    /**
     * The same key, also accepted under {@code oldNames} (a renamed key keeps working for existing config files and
     * variables, with a warning naming this key).
     */
    public ConfigKey<T> withDeprecatedNames(String... oldNames) {
        List<String> all = new ArrayList<>(deprecatedNames);
        all.addAll(List.of(oldNames));
        return new ConfigKey<>(name, parser, defaultText, doc, check, checkDoc, secret, all);
    }

    /** Environment variable that sets this key: {@code collector.max-body-size} → {@code DRIFTLINE_COLLECTOR_MAX_BODY_SIZE}. */
    public String envName() {
        return envNameOf(name);
    }

    static String envNameOf(String dottedName) {
        return "DRIFTLINE_" + dottedName.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public static ConfigKey<Integer> port(String name, int defaultPort, String doc) {
        return of(name, Parsers.INT, Integer.toString(defaultPort), doc)
                .validate(p -> p >= 0 && p <= 65535, "a port between 0 and 65535");
    }
}
