package dev.driftline.config;

/** Turns the text of a configuration value into a typed value, or explains what is wrong with it. */
@FunctionalInterface
public interface ValueParser<T> {
    /** @throws IllegalArgumentException with a short reason ("not a number") when the text is not a valid value */
    T parse(String text);
}
