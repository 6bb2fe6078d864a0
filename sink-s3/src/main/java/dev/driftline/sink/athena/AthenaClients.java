package dev.driftline.sink.athena;

import java.net.URI;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The Athena and Glue clients of {@code driftline athena}: credentials from the SDK's default provider chain
 * (environment, system properties, profile, container or instance role), the region as the user chose it, and an
 * optional endpoint override for moto or other local fakes (neither client needs path-style addressing).
 */
public final class AthenaClients {

    /** Region used when neither the command line nor the SDK's chain names one. */
    public static final Region FALLBACK_REGION = Region.US_EAST_1;

    private AthenaClients() {
    }

    /** The region: {@code explicit} if given, else the SDK's default chain ({@code AWS_REGION}, profile, …). */
    public static Region region(String explicit, Consumer<String> notice) {
        return region(explicit, () -> DefaultAwsRegionProviderChain.builder().build().getRegion(), notice);
    }

    /**
     * As {@link #region(String, Consumer)} with the chain given; when the chain finds nothing, tells
     * {@code notice} and falls back to {@link #FALLBACK_REGION} (a one-off query should not need a config file).
     */
    static Region region(String explicit, Supplier<Region> chain, Consumer<String> notice) {
        if (explicit != null && !explicit.isBlank()) {
            return Region.of(explicit.strip());
        }
        try {
            return chain.get();
        } catch (SdkClientException e) {
            notice.accept("no AWS region configured (--region, AWS_REGION or a profile's region); using "
                    + FALLBACK_REGION.id());
            return FALLBACK_REGION;
        }
    }

    /** An Athena client; {@code endpoint} null for AWS's own. */
    public static AthenaClient athena(Region region, URI endpoint) {
        var b = AthenaClient.builder().region(region);
        if (endpoint != null) {
            b.endpointOverride(endpoint);
        }
        return b.build();
    }

    /** A Glue client; {@code endpoint} null for AWS's own. */
    public static GlueClient glue(Region region, URI endpoint) {
        var b = GlueClient.builder().region(region);
        if (endpoint != null) {
            b.endpointOverride(endpoint);
        }
        return b.build();
    }
}
