package dev.driftline.cli;

import dev.driftline.sink.service.SinkService;
import java.net.URI;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * How the commands that read {@code s3://} inputs reach AWS (a picocli mixin). Credentials always come from the
 * SDK's default chain (environment, profile, container or instance role), never from a flag, so none ends up in
 * shell history. {@code --endpoint-url} points every client at a stand-in (moto, MinIO) and turns on path-style S3
 * addressing, which such stand-ins need.
 */
final class AwsOptions {
    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send S3 and SageMaker calls here instead of AWS, e.g. http://127.0.0.1:5000 for moto.")
    String endpointUrl;

    @Option(names = "--region", description = "AWS region (default: the SDK's, from AWS_REGION or the profile; "
            + "us-east-1 if none).")
    String region;

    /** A new S3 client; the caller closes it. */
    S3Client s3() {
        return SinkService.s3Client(endpoint() == null ? null : endpoint().toString(), region);
    }

    /** A new SageMaker client; the caller closes it. */
    SageMakerClient sageMaker() {
        var b = SageMakerClient.builder().region(SinkService.region(region));
        if (endpoint() != null) {
            b.endpointOverride(endpoint());
        }
        return b.build();
    }

    private URI endpoint() {
        return AthenaAwsOptions.endpoint(endpointUrl);
    }
}
