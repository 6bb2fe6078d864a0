package dev.driftline.remediation.wiring;

import dev.driftline.sink.service.SinkService;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The clients the adapters share, built on first use (a policy that only uses the local trainer and a webhook never
 * touches AWS or Kubernetes) and closed with the service. One endpoint override for every AWS service (a
 * moto_server in tests), as the other driftline services do.
 */
public final class WorldClients implements AutoCloseable {
    private final String awsEndpoint;
    private final String awsRegion;
    private final String kubernetesMaster;
    private final Clock clock;
    private final List<AutoCloseable> opened = new ArrayList<>();
    /** Set for the dry run: every AWS client stops and prints what would change the world. */
    private DryRunInterceptor dryRun;
    private SageMakerClient sageMaker;
    private CloudWatchClient cloudWatch;
    private SnsClient sns;
    private S3Client s3;
    private KubernetesClient kubernetes;
    private software.amazon.awssdk.services.athena.AthenaClient athena;
    /** The latest baseline per model, as the service's global baselines store receives them. */
    private final java.util.Map<String, dev.driftline.drift.baseline.Baseline> baselines =
            new java.util.concurrent.ConcurrentHashMap<>();

    public WorldClients(String awsEndpoint, String awsRegion, String kubernetesMaster, Clock clock) {
        this.awsEndpoint = awsEndpoint;
        this.awsRegion = awsRegion;
        this.kubernetesMaster = kubernetesMaster;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    public String awsEndpoint() {
        return awsEndpoint;
    }

    public String awsRegion() {
        return awsRegion;
    }

    public synchronized SageMakerClient sageMaker() {
        if (sageMaker == null) {
            sageMaker = open(() -> aws(SageMakerClient.builder()).build());
        }
        return sageMaker;
    }

    public synchronized CloudWatchClient cloudWatch() {
        if (cloudWatch == null) {
            cloudWatch = open(() -> aws(CloudWatchClient.builder()).build());
        }
        return cloudWatch;
    }

    public synchronized SnsClient sns() {
        if (sns == null) {
            sns = open(() -> aws(SnsClient.builder()).build());
        }
        return sns;
    }

    public synchronized S3Client s3() {
        if (s3 == null) {
            s3 = open(() -> {
                var b = aws(S3Client.builder());
                if (awsEndpoint != null) {
                    b.forcePathStyle(true);
                }
                return b.build();
            });
        }
        return s3;
    }

    /** Makes every AWS client built from now on a dry-run one ({@link DryRunInterceptor}); call before any use. */
    public synchronized DryRunInterceptor dryRun(java.io.PrintStream out) {
        dryRun = new DryRunInterceptor(out);
        return dryRun;
    }

    public synchronized boolean isDryRun() {
        return dryRun != null;
    }

    public synchronized KubernetesClient kubernetes() {
        if (kubernetes == null) {
            Config config = kubernetesMaster == null ? Config.autoConfigure(null)
                    : new ConfigBuilder(Config.autoConfigure(null)).withMasterUrl(kubernetesMaster).build();
            kubernetes = open(() -> new KubernetesClientBuilder().withConfig(config).build());
        }
        return kubernetes;
    }

    public synchronized software.amazon.awssdk.services.athena.AthenaClient athena() {
        if (athena == null) {
            athena = open(() -> aws(software.amazon.awssdk.services.athena.AthenaClient.builder()).build());
        }
        return athena;
    }

    /** An Athena query runner (UNLOAD of training data from an S3 lake). */
    public dev.driftline.sink.athena.AthenaQueryRunner athenaRunner() {
        return new dev.driftline.sink.athena.AthenaQueryRunner(athena(), dev.driftline.sink.athena.Backoff.DEFAULT,
                dev.driftline.sink.athena.AthenaQueryRunner.Ticker.SYSTEM, (id, state, elapsed) -> { });
    }

    /** Records a model's current baseline (called for every record of the baselines topic). */
    public void baseline(String model, dev.driftline.drift.baseline.Baseline b) {
        if (b == null) {
            baselines.remove(model);
        } else {
            baselines.put(model, b);
        }
    }

    /** The model's current baseline, as last read from the baselines topic. */
    public java.util.Optional<dev.driftline.drift.baseline.Baseline> baseline(String model) {
        return java.util.Optional.ofNullable(baselines.get(model));
    }

    private <B extends AwsClientBuilder<B, C>, C> B aws(B builder) {
        builder.region(SinkService.region(awsRegion));
        if (awsEndpoint != null) {
            builder.endpointOverride(URI.create(awsEndpoint));
        }
        if (dryRun != null) {
            DryRunInterceptor guard = dryRun;
            builder.overrideConfiguration(c -> c.addExecutionInterceptor(guard));
        }
        return builder;
    }

    private <C extends AutoCloseable> C open(Supplier<C> make) {
        C c = make.get();
        opened.add(c);
        return c;
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing at shutdown: nothing left to do about it
            }
        }
        opened.clear();
    }
}
