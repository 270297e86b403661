package com.customerhub.core.data;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;
import java.util.Optional;

/**
 * SDK clients built once per container, on the URL-connection HTTP client (small and fast to
 * start). {@code aws.endpoint-override.dynamodb} points them at DynamoDB Local or LocalStack.
 */
@Factory
public class AwsClientFactory {

    @Singleton
    DynamoDbClient dynamoDb(@Value("${aws.endpoint-override.dynamodb:}") Optional<String> endpoint,
                            @Value("${aws.region:us-east-1}") String region) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(System.getenv().getOrDefault("AWS_REGION", region)))
                // adaptive retries back off on throttling instead of failing the request
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.ADAPTIVE_V2).build());
        endpoint.filter(e -> !e.isBlank()).map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
