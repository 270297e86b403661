package com.customerhub.mailer;

import com.customerhub.core.data.AwsClientFactory;
import com.customerhub.core.data.RetryableUrlConnectionClient;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;

import java.net.URI;
import java.util.Optional;

/** The SES v2 client; {@code aws.endpoint-override.ses} points it at a stand-in in tests. */
@Factory
@Requires(property = "mail.sink", value = "ses", defaultValue = "ses")
public class SesClientFactory {

    @Singleton
    public SesV2Client sesV2(@Value("${aws.endpoint-override.ses:}") Optional<String> endpoint,
                             @Value("${aws.region:us-east-1}") String region) {
        SesV2ClientBuilder builder = SesV2Client.builder()
                .httpClient(RetryableUrlConnectionClient.create())
                .region(AwsClientFactory.regionOf(region));
        endpoint.filter(e -> !e.isBlank()).map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
