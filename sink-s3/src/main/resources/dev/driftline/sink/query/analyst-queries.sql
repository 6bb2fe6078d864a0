-- Analyst queries over the driftline lake, valid unchanged in Athena (Trino SQL) and in DuckDB
-- (`driftline query --analyst NAME`). Documented in sink-s3/QUERIES.md; keep the two in sync (AnalystQueriesTest).
--
-- Format: each query starts with `-- name: <id>` and `-- question: <text>` lines; the SQL follows up to the next
-- `-- name:`. Only syntax both engines accept: CTEs, window functions, bool_or, date_trunc,
-- `current_timestamp - INTERVAL '1' DAY`; no QUALIFY, no `::`, no engine-only functions, and no count_if (DuckDB's
-- gives NULL on a group of NULLs where Trino's gives 0). Revisions re-emit a window, so every
-- query keeps the highest `revision` (drift_metrics, feature_profiles) or `version` (model_quality) per window;
-- model_quality queries keep the windows of all the model's versions (model_version '' or, in older files, null).
-- Single-model queries filter `model = 'wine'` (the demo's model; `driftline query --analyst NAME --model M`
-- replaces it) because Athena's injected `model` projection needs that filter; cross-model queries need the enum
-- projection (`driftline athena ddl --models …`) or an added `AND model IN (…)` in Athena.

-- name: top_drifting_features_24h
-- question: Which features drifted in the most windows over the last 24 hours, across all models?
WITH recent AS (
    SELECT model, window_start, revision, feature, role, method, value, threshold, drift, is_decision_metric
    FROM drift_metrics
    WHERE window_start >= current_timestamp - INTERVAL '1' DAY
      AND dt >= CAST(CAST(current_timestamp - INTERVAL '1' DAY AS DATE) AS VARCHAR)
),
latest AS (
    SELECT model, window_start, max(revision) AS revision
    FROM recent
    GROUP BY model, window_start
)
SELECT r.model AS model,
       r.feature AS feature,
       r.role AS role,
       r.method AS method,
       count(*) AS windows,
       sum(CASE WHEN r.drift THEN 1 ELSE 0 END) AS drifted_windows,
       round(CAST(sum(CASE WHEN r.drift THEN 1 ELSE 0 END) AS DOUBLE) / count(*), 4) AS drifted_share,
       min(r.value) AS min_value,
       max(r.value) AS max_value,
       max(r.threshold) AS threshold
FROM recent r
JOIN latest l ON l.model = r.model AND l.window_start = r.window_start AND l.revision = r.revision
WHERE r.is_decision_metric
GROUP BY r.model, r.feature, r.role, r.method
ORDER BY drifted_windows DESC, drifted_share DESC, model, feature
LIMIT 20;

-- name: drift_timeline
-- question: How did the wine model's drift develop window by window (drifted features, share, dataset verdict)?
WITH latest AS (
    SELECT window_start, max(revision) AS revision
    FROM drift_metrics
    WHERE model = 'wine'
    GROUP BY window_start
)
SELECT d.window_start AS window_start,
       d.revision AS revision,
       max(d.report_status) AS report_status,
       sum(CASE WHEN d.decision IN ('drift', 'no_drift') THEN 1 ELSE 0 END) AS judged_features,
       sum(CASE WHEN d.drift THEN 1 ELSE 0 END) AS drifted_features,
       max(d.drifted_share) AS drifted_share,
       bool_or(d.dataset_drift) AS dataset_drift
FROM drift_metrics d
JOIN latest l ON l.window_start = d.window_start AND l.revision = d.revision
WHERE d.model = 'wine'
  AND (d.is_decision_metric OR d.report_status = 'no_baseline')
GROUP BY d.window_start, d.revision
ORDER BY window_start;

-- name: alerts_per_week
-- question: How many alerts did each model open per week, how many were critical, and on how many features?
SELECT model,
       date_trunc('week', opened_at) AS week,
       count(DISTINCT alert_id) AS alerts_opened,
       count(DISTINCT CASE WHEN severity = 'critical' THEN alert_id END) AS critical,
       count(DISTINCT CASE WHEN kind IN ('data_drift', 'prediction_drift') THEN alert_id END) AS drift_alerts,
       count(DISTINCT feature) AS features
FROM alerts
WHERE state = 'open'
GROUP BY model, date_trunc('week', opened_at)
ORDER BY model, week;

-- name: prediction_drift_vs_quality
-- question: When the wine model's predictions drifted, did its ground-truth quality (accuracy or rmse) drop too?
WITH latest_drift AS (
    SELECT window_start, max(revision) AS revision
    FROM drift_metrics
    WHERE model = 'wine'
    GROUP BY window_start
),
prediction_drift AS (
    SELECT d.window_start, d.feature, d.method, d.value, d.threshold, d.drift
    FROM drift_metrics d
    JOIN latest_drift l ON l.window_start = d.window_start AND l.revision = d.revision
    WHERE d.model = 'wine' AND d.role = 'prediction' AND d.is_decision_metric
),
quality AS (
    SELECT window_start, version, metric, value, threshold, status, labelled_rows,
           row_number() OVER (PARTITION BY window_start ORDER BY version DESC) AS rn
    FROM model_quality
    WHERE model = 'wine' AND coalesce(model_version, '') = ''
)
SELECT p.window_start AS window_start,
       p.feature AS prediction,
       p.method AS drift_method,
       p.value AS drift_value,
       p.drift AS prediction_drift,
       q.version AS quality_version,
       q.metric AS quality_metric,
       q.value AS quality_value,
       q.threshold AS quality_threshold,
       q.status AS quality_status,
       q.labelled_rows AS labelled_rows
FROM prediction_drift p
LEFT JOIN quality q ON q.window_start = p.window_start AND q.rn = 1
ORDER BY window_start, prediction;

-- name: data_quality_by_feature
-- question: Which wine features had the most missing values or type mismatches over the last 7 days?
WITH recent AS (
    SELECT window_start, revision, feature, "rows" AS window_rows, missing, type_mismatches
    FROM feature_profiles
    WHERE model = 'wine'
      AND window_start >= current_timestamp - INTERVAL '7' DAY
      AND dt >= CAST(CAST(current_timestamp - INTERVAL '7' DAY AS DATE) AS VARCHAR)
),
latest AS (
    SELECT window_start, max(revision) AS revision
    FROM recent
    GROUP BY window_start
)
SELECT r.feature AS feature,
       count(*) AS windows,
       sum(r.window_rows) AS window_rows,
       sum(r.missing) AS missing,
       sum(r.type_mismatches) AS type_mismatches,
       round(CAST(sum(r.missing) AS DOUBLE) / nullif(sum(r.window_rows), 0), 4) AS missing_share,
       sum(CASE WHEN r.missing > 0 OR r.type_mismatches > 0 THEN 1 ELSE 0 END) AS windows_with_problems
FROM recent r
JOIN latest l ON l.window_start = r.window_start AND l.revision = r.revision
GROUP BY r.feature
ORDER BY missing_share DESC NULLS LAST, type_mismatches DESC, feature;

-- name: dead_letters_by_reason
-- question: Why were inference records dead-lettered over the last 7 days, per model, stage and reason?
SELECT model,
       dl_stage,
       dl_reason,
       count(*) AS dead_letters,
       min(kafka_timestamp) AS first_seen,
       max(kafka_timestamp) AS last_seen
FROM dead_letters
WHERE kafka_timestamp >= current_timestamp - INTERVAL '7' DAY
  AND dt >= CAST(CAST(current_timestamp - INTERVAL '7' DAY AS DATE) AS VARCHAR)
GROUP BY model, dl_stage, dl_reason
ORDER BY dead_letters DESC, model, dl_stage NULLS LAST, dl_reason NULLS LAST;

-- name: episodes_per_week
-- question: How many remediation episodes did each model start per week, and how did they end?
WITH events AS (
    SELECT DISTINCT model, episode_id, event_id, to_state, "at"
    FROM remediation_events
),
episodes AS (
    SELECT model, episode_id, min("at") AS started_at
    FROM events
    GROUP BY model, episode_id
),
terminal AS (
    SELECT model, episode_id, to_state, "at",
           row_number() OVER (PARTITION BY model, episode_id ORDER BY "at" DESC, event_id DESC) AS rn
    FROM events
    WHERE to_state IN ('DONE', 'FAILED', 'REJECTED', 'ROLLED_BACK', 'CANCELLED')
)
SELECT e.model AS model,
       date_trunc('week', e.started_at) AS week,
       coalesce(t.to_state, 'open') AS outcome,
       count(*) AS episodes,
       min(e.started_at) AS first_started,
       max(t."at") AS last_ended
FROM episodes e
LEFT JOIN terminal t ON t.model = e.model AND t.episode_id = e.episode_id AND t.rn = 1
GROUP BY e.model, date_trunc('week', e.started_at), coalesce(t.to_state, 'open')
ORDER BY model, week, outcome;

-- name: labelled_inferences
-- question: Which of the wine model's inferences of the last 7 days have a ground-truth label, and what is it?
WITH inferences AS (
    SELECT inference_id, "row", event_time, model_version, features_json, predictions_json,
           row_number() OVER (PARTITION BY inference_id, "row" ORDER BY kafka_timestamp DESC, kafka_offset DESC) AS rn
    FROM inference_log
    WHERE model = 'wine'
      AND event_time >= current_timestamp - INTERVAL '7' DAY
      AND dt >= CAST(CAST(current_timestamp - INTERVAL '7' DAY AS DATE) AS VARCHAR)
),
labelled AS (
    SELECT inference_id, "row", label, event_time, kafka_timestamp,
           row_number() OVER (PARTITION BY inference_id, "row" ORDER BY kafka_timestamp DESC, kafka_offset DESC) AS rn
    FROM labels
    WHERE model IN ('wine', '_unknown')
      AND dt >= CAST(CAST(current_timestamp - INTERVAL '7' DAY AS DATE) AS VARCHAR)
)
SELECT i.inference_id AS inference_id,
       i."row" AS "row",
       i.event_time AS event_time,
       i.model_version AS model_version,
       l.label AS label,
       l.event_time AS label_time,
       l.kafka_timestamp AS label_arrived,
       i.features_json AS features_json,
       i.predictions_json AS predictions_json
FROM inferences i
JOIN labelled l ON l.inference_id = i.inference_id AND l."row" = i."row" AND l.rn = 1
WHERE i.rn = 1
ORDER BY event_time, inference_id, "row";
