package dev.driftline.cli;

import dev.driftline.config.UserInputException;
import dev.driftline.sink.athena.AthenaClients;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;

/**
 * How {@code athena register} and {@code athena query} reach AWS. Credentials always come from the SDK's default
 * chain (environment, profile, container or instance role), never from a flag, so none ends up in shell history.
 */
final class AthenaAwsOptions {
    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send Athena and Glue calls here instead of AWS, e.g. http://127.0.0.1:5000 for moto.")
    String endpointUrl;

    @Option(names = "--region", description = "AWS region (default: the SDK's, from AWS_REGION or the profile; "
            + "us-east-1 if none).")
    String region;

    /** The endpoint override, null for AWS; only http(s) URLs. */
    URI endpoint() {
        return endpoint(endpointUrl);
    }

    /** {@code --endpoint-url}'s value as a URI (null when not given); exit 2 naming the flag unless http(s). */
    static URI endpoint(String endpointUrl) {
        if (endpointUrl == null) {
            return null;
        }
        try {
            URI u = new URI(endpointUrl.strip());
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new URISyntaxException(endpointUrl, "need http://HOST[:PORT] or https://HOST[:PORT]");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new UserInputException("--endpoint-url " + endpointUrl + ": " + e.getReason());
        }
    }

    /** The region, telling {@code err} when it falls back to us-east-1. */
    Region region(PrintWriter err) {
        return AthenaClients.region(region, msg -> err.println("athena: " + msg));
    }
}
