package dev.driftline.sink.athena;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

class AthenaClientsTest {

    @Test
    void theRegionIsTheFlagElseTheChainElseUsEast1WithANotice() {
        List<String> notices = new ArrayList<>();
        assertThat(AthenaClients.region(" eu-west-1 ", () -> Region.AP_SOUTH_1, notices::add))
                .isEqualTo(Region.EU_WEST_1);
        assertThat(AthenaClients.region(null, () -> Region.AP_SOUTH_1, notices::add)).isEqualTo(Region.AP_SOUTH_1);
        assertThat(notices).isEmpty();
        assertThat(AthenaClients.region("", () -> {
            throw SdkClientException.create("Unable to load region from any of the providers in the chain");
        }, notices::add)).isEqualTo(Region.US_EAST_1);
        assertThat(notices).containsExactly(
                "no AWS region configured (--region, AWS_REGION or a profile's region); using us-east-1");
    }
}
