package dev.driftline.remediation.kserve;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Optional;

/**
 * Kubernetes clients for the KServe rollout, and the InferenceService's resource definition.
 *
 * <p>The definition is given explicitly rather than discovered: discovery would need {@code list} on the API
 * groups, and the service account is only granted {@code get} and {@code patch} on {@code inferenceservices}
 * (deploy/kubernetes/base/remediation.yaml).
 */
public final class KServeClients {
    /** {@code serving.kserve.io/v1beta1 InferenceService}, namespaced, plural {@code inferenceservices}. */
    public static final ResourceDefinitionContext INFERENCE_SERVICE = new ResourceDefinitionContext.Builder()
            .withGroup("serving.kserve.io")
            .withVersion("v1beta1")
            .withKind("InferenceService")
            .withPlural("inferenceservices")
            .withNamespaced(true)
            .build();

    private KServeClients() {
    }

    /**
     * A client from the usual sources: {@code KUBECONFIG} / {@code ~/.kube/config}, else the pod's service account
     * (in-cluster), as fabric8's auto-configuration resolves them.
     */
    public static KubernetesClient defaultClient() {
        return new KubernetesClientBuilder().withConfig(Config.autoConfigure(null)).build();
    }

    /** A client for an explicit API server URL (tests, port-forwards); no kubeconfig is read. */
    public static KubernetesClient forMasterUrl(String masterUrl) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(masterUrl)
                .withTrustCerts(true)
                // a rollout step must fail fast and be retried by the service, not hang on a dead API server
                .withRequestTimeout(30_000)
                .withConnectionTimeout(10_000)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** The client the settings ask for: the master URL when set, else the default sources. */
    public static KubernetesClient forSettings(KServeSettings settings) {
        Optional<String> url = settings.masterUrl();
        return url.isPresent() ? forMasterUrl(url.get()) : defaultClient();
    }
}
