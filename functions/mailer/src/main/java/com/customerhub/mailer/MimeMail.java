package com.customerhub.mailer;

import com.customerhub.core.forward.OutgoingMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

/** An {@link OutgoingMail} as RFC 5322 bytes (UTF-8 text, quoted-printable where needed), what SES and mail clients read. */
final class MimeMail {
    private MimeMail() {
    }

    static byte[] render(OutgoingMail mail, String from, Clock clock) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
            message.setFrom(new InternetAddress(from));
            for (String to : mail.to()) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
            }
            message.setSubject(mail.subject(), "UTF-8");
            message.setText(mail.text(), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            message.saveChanges();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            message.writeTo(bytes);
            return bytes.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("the mail could not be composed", e);
        }
    }
}
