// Offline schema check of Kubernetes manifests: every document of the given multi-document YAML files (or of
// stdin, e.g. `kubectl kustomize deploy/kubernetes/overlays/prod | node validate-manifests.mjs -`) is validated
// against the Kubernetes OpenAPI schema of its apiVersion/kind, as compiled into npm `kubernetes-models`. That
// catches wrong types, missing required fields and bad enum values (not unknown fields). Custom resources
// driftline ships (KServe InferenceService, Prometheus Operator ServiceMonitor/PrometheusRule) get a structural
// check of the fields driftline relies on; any other kind is an error.
// Setup once: npm ci --prefix deploy/tools     Exit status: 0 all valid, 1 invalid, 2 usage or unreadable.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const CUSTOM = {
  "serving.kserve.io/v1beta1/InferenceService": (d) => [
    ...need(d, "spec.predictor", "object"),
    ...(d?.spec?.predictor?.logger ? need(d, "spec.predictor.logger.url", "string") : []),
  ],
  "monitoring.coreos.com/v1/ServiceMonitor": (d) => [
    ...need(d, "spec.selector", "object"),
    ...need(d, "spec.endpoints", "array"),
  ],
  "monitoring.coreos.com/v1/PrometheusRule": (d) => need(d, "spec.groups", "array"),
};

function need(doc, path, type) {
  let v = doc;
  for (const k of path.split(".")) v = v?.[k];
  const actual = Array.isArray(v) ? "array" : v === null ? "null" : typeof v;
  return actual === type ? [] : [`/${path.replaceAll(".", "/")} must be ${type}, is ${actual}`];
}

async function modelClass(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^[A-Za-z0-9]+$/.test(kind)) return null;
  try {
    const mod = await import(`kubernetes-models/${apiVersion}/${kind}`);
    return mod[kind] ?? null;
  } catch {
    return null;
  }
}

function describe(errors) {
  return errors.map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword}`
    + (e.params?.allowedValues ? ` (${e.params.allowedValues.join(", ")})` : "")).join("; ");
}

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error("usage: node validate-manifests.mjs FILE.yaml... | -   (- reads stdin)");
  process.exit(2);
}
let failed = 0;
let checked = 0;
for (const file of args) {
  let text;
  try {
    text = readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (e) {
    console.error(`cannot read ${file}: ${e.message}`);
    process.exit(2);
  }
  for (const parsed of parseAllDocuments(text)) {
    if (parsed.errors?.length) {
      console.log(`FAIL ${file}: YAML: ${parsed.errors.map((e) => e.message).join("; ")}`);
      failed++;
      continue;
    }
    const doc = parsed.toJS();
    if (doc == null) continue;
    checked++;
    const id = `${doc.kind} ${doc.metadata?.namespace ?? "-"}/${doc.metadata?.name ?? "?"} (${file})`;
    const custom = CUSTOM[`${doc.apiVersion}/${doc.kind}`];
    let problems;
    if (custom) {
      problems = custom(doc);
    } else {
      const Model = await modelClass(doc.apiVersion, doc.kind);
      if (!Model) {
        problems = [`no schema for apiVersion ${doc.apiVersion}, kind ${doc.kind}`];
      } else {
        try {
          new Model(doc).validate();
          problems = [];
        } catch (e) {
          problems = [e.errors ? describe(e.errors) : e.message];
        }
      }
    }
    if (problems.length) {
      failed++;
      console.log(`FAIL ${id}: ${problems.join("; ")}`);
    } else {
      console.log(`ok   ${id}${custom ? " [custom resource: structural check]" : ""}`);
    }
  }
}
console.log(`${checked} documents, ${failed} invalid`);
process.exit(failed ? 1 : 0);
