package com.customerhub.mailer;

import com.customerhub.core.forward.MailSender;
import com.customerhub.core.forward.OutgoingMail;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.time.Clock;

/**
 * Mails through SES (API v2, raw MIME). The client is a {@code Provider}: built on the first mail,
 * not at cold start, and reused by a warm container for every mail after that.
 */
@Singleton
@Requires(property = "mail.sink", value = "ses", defaultValue = "ses")
public class SesMailSender implements MailSender {
    private final String from;
    private final Provider<SesV2Client> client;
    private final Clock clock;

    public SesMailSender(@Value("${mail.from:}") String from, Provider<SesV2Client> client, Clock clock) {
        this.from = from;
        this.client = client;
        this.clock = clock;
    }

    @Override
    public String send(OutgoingMail mail) {
        if (from.isBlank()) {
            throw new IllegalStateException("mail.from (MAIL_FROM) is not configured");
        }
        byte[] raw = MimeMail.render(mail, from, clock);
        return client.get().sendEmail(b -> b.fromEmailAddress(from)
                .destination(d -> d.toAddresses(mail.to()))
                .content(c -> c.raw(r -> r.data(SdkBytes.fromByteArray(raw))))).messageId();
    }
}
