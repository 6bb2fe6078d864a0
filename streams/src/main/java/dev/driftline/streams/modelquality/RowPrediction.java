package dev.driftline.streams.modelquality;

/**
 * What model quality needs of one inference row, sent from the ingest job to the label join (key = inference id):
 * the row's position, model and model version ("" when the endpoint reports none), window start of its event time
 * and the judged prediction ({@link LabelledPair#scalar}). Binary ({@link RowPredictionCodec}); a few dozen bytes, so
 * the join's own sub-topology costs one small record per row rather than a second copy of the features.
 */
record RowPrediction(int row, String model, String modelVersion, long windowStart, Object prediction) {
}
