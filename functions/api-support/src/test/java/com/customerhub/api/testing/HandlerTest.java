package com.customerhub.customers;

import com.customerhub.localaws.LocalDynamoDb;
import com.customerhub.localaws.SharedDynamoDb;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Handler tests against DynamoDB Local: a harness per class, a fresh tenant per test. */
@ExtendWith(SharedDynamoDb.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HandlerTest {
    ApiHarness api;
    DynamoDbClient dynamo;
    String tenant;

    @BeforeAll
    void start(LocalDynamoDb local) {
        api = new ApiHarness(local);
        dynamo = local.client();
    }

    @AfterAll
    void stop() {
        api.close();
        dynamo.close();
    }

    @BeforeEach
    void newTenant() {
        tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        api.events().clear();
    }

    ApiCall call(String fixture) {
        return ApiCall.fixture(fixture).tenant(tenant);
    }

    ApiHarness.Response ok(ApiCall call, int status) {
        ApiHarness.Response response = api.call(call);
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        return response;
    }

    /** Creates a customer and answers its id. */
    String customer(String json) {
        return ok(call("create-customer.json").body(json), 201).body().get("id").asText();
    }

    JsonNode body(ApiCall call) {
        return ok(call, 200).body();
    }
}
