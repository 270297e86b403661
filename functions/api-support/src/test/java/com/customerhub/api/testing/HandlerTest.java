package com.customerhub.api.testing;

import com.customerhub.localaws.LocalDynamoDb;
import com.customerhub.localaws.SharedDynamoDb;
import com.fasterxml.jackson.databind.JsonNode;
import com.customerhub.api.http.ApiHandler;
import io.micronaut.context.ApplicationContext;
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
public abstract class HandlerTest {
    protected ApiHarness api;
    protected DynamoDbClient dynamo;
    protected String tenant;

    /** The handler under test, built on the harness's application context. */
    protected abstract ApiHandler handler(ApplicationContext context);

    @BeforeAll
    protected void start(LocalDynamoDb local) {
        api = new ApiHarness(local, this::handler, singletons());
        dynamo = local.client();
    }

    /** Beans to add to the context (e.g. SDK interceptors); none by default. */
    protected Object[] singletons() {
        return new Object[0];
    }

    @AfterAll
    protected void stop() {
        api.close();
        dynamo.close();
    }

    @BeforeEach
    protected void newTenant() {
        tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        api.events().clear();
    }

    protected ApiCall call(String fixture) {
        return ApiCall.fixture(fixture).tenant(tenant);
    }

    protected ApiHarness.Response ok(ApiCall call, int status) {
        ApiHarness.Response response = api.call(call);
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        return response;
    }

    /** Creates a customer and answers its id. */
    protected String customer(String json) {
        return ok(call("create-customer.json").body(json), 201).body().get("id").asText();
    }

    protected JsonNode body(ApiCall call) {
        return ok(call, 200).body();
    }
}
