package com.customerhub.customers;

import com.customerhub.api.http.ApiHandler;
import com.customerhub.api.snapstart.PrimingResource;
import com.customerhub.api.snapstart.SnapStartRegistration;
import com.customerhub.api.testing.ApiCall;
import com.customerhub.api.testing.ApiHarness;
import com.customerhub.localaws.LocalDynamoDb;
import com.customerhub.localaws.SharedDynamoDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contexts a Lambda start builds: on demand, only what the request needs is created (a read
 * builds no S3 or EventBridge client and no priming hook); under SnapStart, everything is created
 * before the snapshot, the priming hook and its registration with the CRaC context included. On demand, the DynamoDB client is built on a
 * second thread as soon as the context has started, ahead of the first request.
 */
@ExtendWith(SharedDynamoDb.class)
class LambdaStartTest {

    @Test
    void onDemandStartCreatesOnlyWhatTheRequestNeeds(LocalDynamoDb local) {
        try (ApiHarness api = new ApiHarness(local, ApiHandler.contextBuilder(null), CustomerApiHandler::new)) {
            assertThat(api.context.getActiveBeanRegistrations(PrimingResource.class)).isEmpty();
            String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
            var created = api.call(ApiCall.fixture("create-customer.json").tenant(tenant));
            assertThat(created.status()).as(created.raw()).isEqualTo(201);

            var read = api.call(ApiCall.fixture("get-customer.json").tenant(tenant).id(created.body().get("id").asText()));

            assertThat(read.status()).as(read.raw()).isEqualTo(200);
            assertThat(read.body().get("mobile").asText()).isEqualTo(created.body().get("mobile").asText());
            assertThat(api.context.getActiveBeanRegistrations(S3Client.class)).isEmpty();
            assertThat(api.context.getActiveBeanRegistrations(S3Presigner.class)).isEmpty();
            assertThat(api.context.getActiveBeanRegistrations(EventBridgeClient.class)).isEmpty();
            assertThat(api.context.getActiveBeanRegistrations(PrimingResource.class)).isEmpty();
            assertThat(api.context.getBeansOfType(SnapStartRegistration.class)).isEmpty();
        }
    }

    @Test
    void onDemandStartBuildsTheDynamoDbClientBeforeTheFirstRequest(LocalDynamoDb local) throws InterruptedException {
        try (ApiHarness api = new ApiHarness(local, ApiHandler.contextBuilder(null), CustomerApiHandler::new)) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (api.context.getActiveBeanRegistrations(DynamoDbClient.class).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(api.context.getActiveBeanRegistrations(DynamoDbClient.class)).hasSize(1);
            assertThat(api.context.getActiveBeanRegistrations(S3Client.class)).isEmpty();
        }
    }

    @Test
    void snapStartCreatesEverythingBeforeTheSnapshot(LocalDynamoDb local) {
        try (ApiHarness api = new ApiHarness(local, ApiHandler.contextBuilder("snap-start"), CustomerApiHandler::new)) {
            assertThat(api.context.getActiveBeanRegistrations(PrimingResource.class)).hasSize(1);
            assertThat(api.context.getActiveBeanRegistrations(SnapStartRegistration.class)).hasSize(1);
            assertThat(api.context.getActiveBeanRegistrations(CustomerController.class)).hasSize(1);
        }
    }

}
