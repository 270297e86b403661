package com.customerhub.local;

import com.customerhub.localaws.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rung 3 for the agent's desk (issue 10), over HTTP with the stack's tokens: quick actions of a
 * pending-invoice alert in the 360 view, enrichment by an integration, forwarding into the local
 * outbox, and the tenant's settings (a disabled channel refused, only admins change settings).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentDeskEndToEndTest {
    private final ObjectMapper json = new ObjectMapper();
    private final SamTemplate template = SamTemplate.findFromWorkingDirectory();
    private Path data;
    private LocalStack stack;
    private LocalApi api;
    private Map<String, String> tokens;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void start(@TempDir Path dir) throws Exception {
        data = dir;
        stack = LocalStack.start(new LocalStackConfig(0, 0, 0, data, false), template);
        api = new LocalApi(stack.apiUrl());
        tokens = json.readValue(Files.readString(data.resolve("tokens.json")), Map.class);
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private JsonNode ok(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body().isEmpty() ? null : json.readTree(response.body());
    }

    private String customer(String body) throws Exception {
        return ok(api.send("POST", "/customers", tokens.get("agent"), body), 201).get("id").asText();
    }

    @Test
    void aPendingInvoiceAlertOffersItsQuickActionInTheView() throws Exception {
        String id = customer("{\"mobile\":\"+393401000001\",\"name\":\"Pending Payer\",\"preferredChannels\":[\"WHATSAPP\"]}");
        ok(api.send("POST", "/customers/" + id + "/interactions", tokens.get("agent"),
                "{\"channel\":\"EMAIL\",\"type\":\"INVOICE\",\"amount\":80,\"currency\":\"EUR\",\"status\":\"PENDING\",\"dueDate\":\"2026-01-31\"}"), 201);
        String rule = Files.readString(template.path().toAbsolutePath().getParent().getParent()
                .resolve("events/alert-evaluator/examples/pending-invoice-rule.json"));
        ok(api.send("POST", "/alert-rules", tokens.get("admin"), rule), 201);
        stack.runScheduled("AlertEvaluatorFunction");

        JsonNode view = ok(api.send("GET", "/customers/" + id + "/view", tokens.get("viewer"), null), 200);
        assertThat(view.get("alerts")).extracting(a -> a.get("ruleName").asText()).containsExactly("Pending invoice");
        JsonNode first = view.get("quickActions").get(0);
        assertThat(first.get("source").asText()).isEqualTo("ALERT");
        JsonNode reminder = null;
        for (JsonNode action : view.get("quickActions")) {
            if (action.get("label").asText().equals("Send payment reminder")) {
                reminder = action;
            }
        }
        assertThat(reminder).as(view.get("quickActions").toString()).isNotNull();
        assertThat(reminder.get("action").asText()).isEqualTo("SEND_MESSAGE");
        assertThat(reminder.get("channel").asText()).isEqualTo("WHATSAPP");
        assertThat(reminder.get("to").asText()).isEqualTo("+393401000001");
        assertThat(reminder.get("params").get("template").asText()).isEqualTo("payment-reminder");
    }

    @Test
    void anEnrichmentFillsAnEmptyFieldAndLeavesASetOne() throws Exception {
        String id = customer("{\"mobile\":\"+393401000002\",\"company\":\"Bianchi SpA\"}");
        JsonNode result = ok(api.send("POST", "/customers/" + id + "/enrichment", tokens.get("integration"),
                "{\"source\":\"sap-cx\",\"fields\":{\"company\":\"Bianchi Energia SpA\",\"sector\":\"Utilities\"}}"), 200);
        assertThat(result.get("applied")).extracting(a -> a.get("field").asText()).containsExactly("sector");
        assertThat(result.get("skipped")).extracting(a -> a.get("field").asText() + ":" + a.get("reason").asText())
                .containsExactly("company:ALREADY_SET");
        JsonNode customer = ok(api.send("GET", "/customers/" + id, tokens.get("viewer"), null), 200);
        assertThat(customer.get("sector").asText()).isEqualTo("Utilities");
        assertThat(customer.get("company").asText()).isEqualTo("Bianchi SpA");
        JsonNode audit = ok(api.send("GET", "/customers/" + id + "/audit", tokens.get("dpo"), null), 200);
        assertThat(audit.get("items").toString()).contains("\"source\":\"enrichment:sap-cx\"");
        assertThat(api.send("POST", "/customers/" + id + "/enrichment", tokens.get("agent"),
                "{\"source\":\"sap-cx\",\"fields\":{\"sector\":\"Retail\"}}").statusCode()).isEqualTo(403);
    }

    @Test
    void aForwardedInteractionIsInTheOutboxWithTheMessageAndNoOtherCustomersData() throws Exception {
        String id = customer("{\"mobile\":\"+393401000003\",\"name\":\"Forward Subject\",\"email\":\"subject@example.com\"}");
        customer("{\"mobile\":\"+393401000004\",\"name\":\"Unrelated Neighbour\",\"email\":\"neighbour@example.com\"}");
        String iid = ok(api.send("POST", "/customers/" + id + "/interactions", tokens.get("agent"),
                "{\"channel\":\"PHONE\",\"type\":\"COMPLAINT\",\"status\":\"OPEN\",\"summary\":\"Meter reading disputed\"}"), 201)
                .get("id").asText();
        JsonNode queued = ok(api.send("POST", "/customers/" + id + "/interactions/" + iid + "/forward", tokens.get("agent"),
                "{\"to\":[\"metering@partner.example.com\"],\"message\":\"Can you re-read the meter this week?\"}"), 202);
        assertThat(queued.get("status").asText()).isEqualTo("QUEUED");

        // the mailer function sends it asynchronously (the bus's rule, run by the stack from its events file)
        List<Path> mails = waitForMails(data.resolve("outbox"), Duration.ofSeconds(30));
        assertThat(mails).hasSize(1);
        String event = Files.readAllLines(data.resolve("events.jsonl")).stream()
                .filter(line -> line.contains("InteractionForwarded")).findFirst().orElseThrow();
        assertThat(event).contains(queued.get("id").asText(), iid, id)
                .doesNotContain("metering@", "Can you re-read", "Meter reading", "Forward Subject");
        MimeMessage mail;
        try (InputStream in = Files.newInputStream(mails.get(0))) {
            mail = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("metering@partner.example.com");
        String text = (String) mail.getContent();
        assertThat(text).contains("Can you re-read the meter this week?", "Meter reading disputed", "Forward Subject")
                .doesNotContain("Unrelated Neighbour", "neighbour@example.com", "+393401000004", "+393401000003",
                        "subject@example.com");
        assertThat(Files.readString(mails.get(0))).doesNotContain("Neighbour");
    }

    /** The .eml files of the outbox once there is one, or none when the deadline passes. */
    private static List<Path> waitForMails(Path outbox, Duration deadline) throws Exception {
        long until = System.nanoTime() + deadline.toNanos();
        while (true) {
            if (Files.isDirectory(outbox)) {
                try (Stream<Path> files = Files.list(outbox)) {
                    List<Path> mails = files.filter(f -> f.toString().endsWith(".eml")).toList();
                    if (!mails.isEmpty() || System.nanoTime() > until) {
                        return mails;
                    }
                }
            } else if (System.nanoTime() > until) {
                return List.of();
            }
            Thread.sleep(100);
        }
    }

    @Test
    void withSmsDisabledAContactWithAnSmsPreferenceIsRefusedAndOnlyAnAdminChangesSettings() throws Exception {
        HttpResponse<String> current = api.send("GET", "/settings", tokens.get("admin"), null);
        String etag = current.headers().firstValue("ETag").orElseThrow();
        String body = "{\"enabledChannels\":[\"EMAIL\",\"PHONE\",\"WHATSAPP\",\"POST\"]}";
        assertThat(api.send("PUT", "/settings", tokens.get("agent"), body, "If-Match", etag).statusCode()).isEqualTo(403);
        assertThat(api.send("GET", "/settings", tokens.get("viewer"), null).statusCode()).isEqualTo(403);
        ok(api.send("PUT", "/settings", tokens.get("admin"), body, "If-Match", etag), 200);
        try {
            String id = customer("{\"mobile\":\"+393401000005\"}");
            HttpResponse<String> refused = api.send("POST", "/customers/" + id + "/contacts", tokens.get("agent"),
                    "{\"lastName\":\"Rossi\",\"phones\":[{\"type\":\"MOBILE\",\"number\":\"+393401000006\"}],\"preferences\":{\"sms\":true}}");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(json.readTree(refused.body()).get("errors")).extracting(e -> e.get("field").asText())
                    .containsExactly("preferences.sms");
            JsonNode contact = ok(api.send("POST", "/customers/" + id + "/contacts", tokens.get("agent"),
                    "{\"lastName\":\"Rossi\",\"phones\":[{\"type\":\"MOBILE\",\"number\":\"+393401000006\"}]}"), 201);
            assertThat(contact.get("preferences").has("sms")).as("SMS not shown").isFalse();
        } finally {
            // the other tests of this class expect every channel
            String now = api.send("GET", "/settings", tokens.get("admin"), null).headers().firstValue("ETag").orElseThrow();
            ok(api.send("PUT", "/settings", tokens.get("admin"), "{}", "If-Match", now), 200);
        }
    }
}
