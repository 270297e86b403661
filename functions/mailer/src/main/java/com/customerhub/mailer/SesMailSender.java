package com.customerhub.mailer;

import com.customerhub.core.data.AwsClientFactory;
import com.customerhub.core.forward.MailSender;
import com.customerhub.core.forward.OutgoingMail;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * Mails through SES (API v2, raw MIME). The client is built on the first mail, not at cold start:
 * a warm container reuses it for every mail after that.
 */
@Singleton
@Requires(property = "mail.sink", value = "ses", defaultValue = "ses")
public class SesMailSender implements MailSender {
    private final String from;
    private final Optional<String> endpoint;
    private final String region;
    private final Clock clock;
    private volatile SesV2Client client;

    public SesMailSender(@Value("${mail.from:}") String from, @Value("${aws.endpoint-override.ses:}") Optional<String> endpoint,
                         @Value("${aws.region:us-east-1}") String region, Clock clock) {
        this.from = from;
        this.endpoint = endpoint.filter(e -> !e.isBlank());
        this.region = region;
        this.clock = clock;
    }

    @Override
    public String send(OutgoingMail mail) {
        if (from.isBlank()) {
            throw new IllegalStateException("mail.from (MAIL_FROM) is not configured");
        }
        byte[] raw = MimeMail.render(mail, from, clock);
        return client().sendEmail(b -> b.fromEmailAddress(from)
                .destination(d -> d.toAddresses(mail.to()))
                .content(c -> c.raw(r -> r.data(SdkBytes.fromByteArray(raw))))).messageId();
    }

    private SesV2Client client() {
        SesV2Client current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    SesV2ClientBuilder builder = SesV2Client.builder()
                            .httpClientBuilder(UrlConnectionHttpClient.builder())
                            .region(AwsClientFactory.regionOf(region));
                    endpoint.map(URI::create).ifPresent(builder::endpointOverride);
                    client = builder.build();
                }
                current = client;
            }
        }
        return current;
    }
}
