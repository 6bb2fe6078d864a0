package dev.driftline.bench.pipeline;

/** One model's window: the unit phase C checks a drift report for ({@code windowStart} in epoch ms). */
record ModelWindow(String model, long windowStart) {
}
