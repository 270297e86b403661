package com.customerhub.imports;

import com.customerhub.core.data.AwsClientFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import java.net.URI;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** A DynamoDB client that throttles a share of all requests before they are sent, without SDK retries (tests only). */
@Factory
@Requires(property = "test.throttle-share")
class ThrottlingDynamoFactory {
    static final AtomicLong THROTTLED = new AtomicLong();
    static final AtomicLong TOTAL = new AtomicLong();

    @Singleton
    @Replaces(bean = DynamoDbClient.class, factory = AwsClientFactory.class)
    DynamoDbClient dynamo(@Value("${aws.endpoint-override.dynamodb}") String endpoint, @Value("${test.throttle-share}") double share) {
        Random random = new Random(42);
        ExecutionInterceptor throttle = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                TOTAL.incrementAndGet();
                boolean hit;
                synchronized (random) {
                    hit = random.nextDouble() < share;
                }
                if (hit) {
                    THROTTLED.incrementAndGet();
                    throw ProvisionedThroughputExceededException.builder().message("injected by the test").statusCode(400)
                            .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                                    .serviceName("DynamoDb").build()).build();
                }
            }
        };
        return DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder().addExecutionInterceptor(throttle)
                        // no SDK retries: every throttle reaches the import, whose own retries must cope
                        .retryStrategy(AwsRetryStrategy.doNotRetry()).build())
                .build();
    }
}
