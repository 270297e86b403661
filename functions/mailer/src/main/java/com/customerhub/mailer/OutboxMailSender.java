package com.customerhub.mailer;

import com.customerhub.core.forward.MailSender;
import com.customerhub.core.forward.OutgoingMail;
import com.customerhub.core.validation.Ids;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;

/**
 * The local stack's SES: each mail written to {@code <outbox>/<id>.eml}, a file any mail client
 * opens, exactly the bytes SES would have been given.
 */
@Singleton
@Requires(property = "mail.sink", value = "outbox")
public class OutboxMailSender implements MailSender {
    private final Path outbox;
    private final String from;
    private final Ids ids;
    private final Clock clock;

    public OutboxMailSender(@Value("${mail.outbox:}") String outbox, @Value("${mail.from:customer-hub@localhost}") String from,
                            Ids ids, Clock clock) {
        this.outbox = Path.of(outbox);
        this.from = from.isBlank() ? "customer-hub@localhost" : from;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public String send(OutgoingMail mail) {
        String id = ids.next();
        try {
            Files.createDirectories(outbox);
            // written aside, then moved: whoever watches the outbox never reads half a mail
            Path partial = outbox.resolve(id + ".eml.part");
            Files.write(partial, MimeMail.render(mail, from, clock));
            Files.move(partial, outbox.resolve(id + ".eml"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return id;
    }
}
