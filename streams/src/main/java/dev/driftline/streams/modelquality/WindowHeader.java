package dev.driftline.streams.modelquality;

/**
 * The value of a {@code W|…} header of the {@value ModelQualityWindowProcessor#STORE} store: versions emitted so
 * far, pairs kept, pairs dropped over the cap, and whether new pairs await emission. Binary form:
 * {@link WindowHeaderCodec}.
 */
record WindowHeader(int version, int pairs, long dropped, boolean dirty) {
}
