package dev.driftline.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For tests of code that builds its own AWS clients with the SDK's default credential chain, as in production
 * (pointed at moto_server by an endpoint override): sets the {@code aws.accessKeyId} / {@code aws.secretAccessKey}
 * system properties that chain reads first for the test class, and clears them after.
 * {@code @ExtendWith(AwsDefaultChainCredentials.class)}.
 */
public final class AwsDefaultChainCredentials implements BeforeAllCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }
}
