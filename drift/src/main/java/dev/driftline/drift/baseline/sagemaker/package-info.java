/**
 * SageMaker Model Monitor interop for baselines: {@link dev.driftline.drift.baseline.sagemaker.SageMakerExport}
 * writes a {@link dev.driftline.drift.baseline.Baseline} as SageMaker's {@code statistics.json} and
 * {@code constraints.json}, {@link dev.driftline.drift.baseline.sagemaker.SageMakerImport} reads them back (ours or
 * SageMaker's own), and {@link dev.driftline.drift.baseline.sagemaker.ViolationsJson} speaks
 * {@code constraint_violations.json}. Shapes: wire-formats spec §2.
 *
 * <h2>Exact</h2>
 * <ul>
 *   <li>Feature names and order, types (Fractional, Integral, String), {@code dataset.item_count}, per-feature
 *       {@code num_present} and {@code num_missing}.</li>
 *   <li>{@code mean}, {@code sum}, {@code min}, {@code max}: doubles written in shortest round-trip form, read back
 *       bit for bit.</li>
 *   <li>Category counts ({@code string_statistics.distribution.categorical.buckets}) and {@code distinct_count}
 *       while the categorical profile is exact (at most 1,000 categories), and the imported profile's counts (it
 *       stays exact at any number of categories).</li>
 *   <li>Constraints: completeness, {@code is_non_negative}, string domains; {@code datatype_check_threshold} and
 *       {@code domain_content_threshold}. Numeric min/max constraints come from the statistics' min and max.</li>
 *   <li>The numeric distribution. {@code sketch.data} is derived from the profile's step CDF (the KLL sketch's
 *       distribution, with exact tails): each item's weight is written in binary, one copy per set bit i in level i
 *       (weight 2<sup>i</sup>), or, while the total weight is at most k, as that many copies in level 0. Importing
 *       rebuilds a DataSketches KLL sketch holding exactly those levels (no re-compaction, no randomness), so an
 *       exported profile comes back with the same step CDF: the same quantiles, reference deciles from them, zero
 *       KS and Wasserstein distance to the original, and a second export equal to the first.</li>
 *   <li>A Deequ sketch from SageMaker is taken over item for item with its level weights; DataSketches' sorted view
 *       adds the true min and max (from the statistics) with weight 1 taken from their neighbours.</li>
 * </ul>
 *
 * <h2>Approximate or lost</h2>
 * <ul>
 *   <li>{@code std_dev}: Deequ writes the population standard deviation sqrt(M2/n); the profile keeps M2 and
 *       reports the sample one sqrt(M2/(n−1)). M2 = std_dev²·n on import, so the profile's figure matches to about
 *       1e-15 relative, not bit for bit.</li>
 *   <li>The sketch itself, as opposed to its distribution: a profile's KLL sketch is not carried level for level
 *       (the step CDF is), so its future compactions differ. The imported sketch keeps the file's k (clamped to
 *       DataSketches' 8 … 65535) and gets empty top levels when the items need more room than a k-sketch of that
 *       height has; k is raised only if 61 levels are not enough. {@code c} (Deequ's shrinking factor, 0.64) is
 *       written and ignored on import. An imported sketch is approximate ({@code isApproximate}) exactly
 *       when it stands for more than k values, as a profile's own sketch (a Deequ sketch of k + 1 or k + 2 values
 *       that never compacted is therefore marked approximate although it is not).</li>
 *   <li>The buckets: written Deequ's way (10 equal-width buckets, [lo, hi) and the last closed, counts read off the
 *       step CDF, exact only for an uncompacted sketch); ignored on import, where the sketch is the source.</li>
 *   <li>Reference bins: deciles of the imported distribution (type 7 on the step CDF, as sketch-mode comparison
 *       derives them), not of the training data: within the sketch's rank error (≈1 % at k = 200) of the exact
 *       ones.</li>
 *   <li>The profile's 32 exactly kept smallest and largest values are, on import, the sketch's order statistics:
 *       exact for our own exports and for min and max, the sketch's estimate for a SageMaker file.</li>
 *   <li>Numeric distinct counts: SageMaker has none; the imported HLL counts the sketch's distinct items (exact
 *       for an uncompacted sketch, otherwise a lower bound).</li>
 *   <li>Type mismatches and NaN counts: SageMaker has no such counters; values of the wrong type are exported as
 *       {@code num_missing} and come back as missing.</li>
 *   <li>Not in SageMaker's files, so not carried: roles (label, prediction: every imported column is a feature),
 *       {@code BOOLEAN} (exported as {@code String}, imported as {@link dev.driftline.drift.model.FeatureType#STRING}
 *       with categories "true"/"false"), model name, creation time and source (given on import), the range margin
 *       (default 0.1 on import), per-feature {@code monitoringConfigOverrides} (ignored).</li>
 *   <li>A sketched categorical profile (more than 1,000 categories) exports the counts it still attributes.</li>
 *   <li>Files that do not add up (hand-written or abbreviated ones such as the spec's example): a sketch whose
 *       total weight differs from {@code num_present} is scaled to it (largest-remainder rounding, shape kept);
 *       category buckets summing to less than {@code num_present} leave the rest to the domain's categories that
 *       have no bucket (shared evenly), or, with none, the listed counts are scaled up in proportion. More than
 *       {@code num_present} is an error.</li>
 *   <li>{@code distribution_constraints} of constraints.json: written with SageMaker's defaults (comparison
 *       threshold 0.1, Robust; categorical 0.1, LInfinity); a baseline has no drift thresholds, so they are not
 *       read back.</li>
 * </ul>
 *
 * <p>Errors: a missing or malformed field, or an inconsistency (constraints for a feature the statistics do not
 * list, a type that differs between the files, an unknown {@code inferred_type} such as SageMaker's
 * {@code Unknown}), fails with an {@link java.lang.IllegalArgumentException} whose message starts with the file name
 * and the JSON path, e.g. {@code statistics.json: $.features[0].numerical_statistics.mean: missing}.
 */
package dev.driftline.drift.baseline.sagemaker;
