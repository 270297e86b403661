package com.customerhub.mailer;

import com.customerhub.core.forward.OutgoingMail;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The SES v2 call as SES receives it: a loopback stand-in answers what SES answers and keeps the request. */
class SesMailSenderTest {

    @Test
    void sendsTheRawMimeMessageToSesV2() throws Exception {
        if (System.getProperty("aws.accessKeyId") == null && System.getenv("AWS_ACCESS_KEY_ID") == null) {
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
        }
        AtomicReference<String> path = new AtomicReference<>();
        AtomicReference<String> body = new AtomicReference<>();
        HttpServer ses = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ses.createContext("/", exchange -> {
            path.set(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "{\"MessageId\":\"0100018c-ses-id\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        ses.start();
        try {
            SesV2Client client = new SesClientFactory().sesV2(Optional.of("http://127.0.0.1:" + ses.getAddress().getPort()), "us-east-1");
            SesMailSender sender = new SesMailSender("no-reply@example.com", () -> client, Clock.systemUTC());
            String id = sender.send(new OutgoingMail(List.of("a@partner.example.com"), "Forwarded call of 2026-11-23",
                    "Please call back.\n\nSummary:\nAsked about the bill, è già pagata"));

            assertThat(id).isEqualTo("0100018c-ses-id");
            assertThat(path.get()).isEqualTo("POST /v2/email/outbound-emails");
            JsonNode request = new ObjectMapper().readTree(body.get());
            assertThat(request.get("FromEmailAddress").asText()).isEqualTo("no-reply@example.com");
            assertThat(request.get("Destination").get("ToAddresses").get(0).asText()).isEqualTo("a@partner.example.com");
            String mime = new String(Base64.getDecoder().decode(request.get("Content").get("Raw").get("Data").asText()),
                    StandardCharsets.UTF_8);
            assertThat(mime).contains("From: no-reply@example.com", "To: a@partner.example.com",
                    "Subject: Forwarded call of 2026-11-23", "charset=UTF-8");
        } finally {
            ses.stop(0);
        }
    }
}
