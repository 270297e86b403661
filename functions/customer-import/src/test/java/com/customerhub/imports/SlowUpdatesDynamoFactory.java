package com.customerhub.imports;

import com.customerhub.core.data.AwsClientFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.net.URI;

/**
 * A DynamoDB client that holds every transaction updating an item (a customer's update) for
 * {@code test.slow-updates} milliseconds before sending it (tests only): the apply's look-ahead of
 * the next chunk then reads before the current chunk's updates are written, deterministically.
 */
@Factory
@Requires(property = "test.slow-updates")
class SlowUpdatesDynamoFactory {
    @Singleton
    @Replaces(bean = DynamoDbClient.class, factory = AwsClientFactory.class)
    DynamoDbClient dynamo(@Value("${aws.endpoint-override.dynamodb}") String endpoint, @Value("${test.slow-updates}") long millis) {
        ExecutionInterceptor slow = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof TransactWriteItemsRequest request
                        && request.transactItems().stream().anyMatch(item -> item.update() != null)) {
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        return DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder().addExecutionInterceptor(slow).build())
                .build();
    }
}
