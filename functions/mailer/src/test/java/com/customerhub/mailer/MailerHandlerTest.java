package com.customerhub.mailer;

import com.customerhub.api.http.ApiHandler;
import com.customerhub.api.testing.ApiHarness;
import com.customerhub.api.testing.HandlerTest;
import com.customerhub.core.events.DomainEvent;
import com.customerhub.core.forward.ForwardQueue;
import com.customerhub.core.forward.MailSender;
import com.customerhub.customers.CustomerApiHandler;
import io.micronaut.context.ApplicationContext;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mailer as its EventBridge rule runs it: forwards queued through the customer API's handler,
 * the recorded InteractionForwarded event handed to the mailer's handler (the local outbox as SES),
 * against DynamoDB Local.
 */
class MailerHandlerTest extends HandlerTest {
    private MailerHandler mailer;

    @Override
    protected ApiHandler handler(ApplicationContext context) {
        return new CustomerApiHandler(context);
    }

    @BeforeAll
    void mailer() {
        mailer = new MailerHandler(api.context);
    }

    @Test
    void aForwardIsSentOnceEvenWhenItsEventComesTwice() throws Exception {
        String id = customer("{\"mobile\":\"+393330000011\",\"name\":\"Mario Rossi\",\"email\":\"mario@example.com\"}");
        customer("{\"mobile\":\"+393330000012\",\"name\":\"Other Person\"}");
        String iid = ok(call("record-interaction.json").id(id).body("{\"channel\":\"EMAIL\",\"type\":\"INVOICE\","
                + "\"amount\":120.50,\"currency\":\"EUR\",\"status\":\"PENDING\",\"dueDate\":\"2026-10-01\",\"summary\":\"Invoice 42 disputed\"}"), 201)
                .body().get("id").asText();
        String forwardId = ok(call("forward-interaction.json").id(id).sub(iid), 202).body().get("id").asText();
        Map<String, Object> event = eventBridge(forwarded());
        Set<Path> before = outbox();

        mailer.execute(event);
        mailer.execute(event); // EventBridge delivers at least once; Lambda retries

        Set<Path> sent = outbox();
        sent.removeAll(before);
        assertThat(sent).hasSize(1);
        Map<String, AttributeValue> item = forwardItem(id, forwardId);
        assertThat(item.get("status").s()).isEqualTo("SENT");
        assertThat(sent.iterator().next().getFileName().toString()).isEqualTo(item.get("messageId").s() + ".eml");
        assertThat(item).as("the text is dropped once sent").doesNotContainKey("text");

        MimeMessage message;
        try (InputStream in = Files.newInputStream(sent.iterator().next())) {
            message = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertThat(Arrays.stream(message.getAllRecipients()).map(Object::toString))
                .containsExactly("billing@partner.example.com", "service@partner.example.com");
        assertThat(message.getSubject()).startsWith("Forwarded invoice of ");
        assertThat((String) message.getContent())
                .contains("Please check this invoice with the customer before Friday.", "Invoice 42 disputed", "120.50 EUR", "Mario Rossi", iid)
                .doesNotContain("Other Person", "+39333", "mario@example.com");
    }

    @Test
    void anUnknownOrErasedForwardSendsNothing() throws Exception {
        String id = customer("{\"mobile\":\"+393330000013\",\"name\":\"Gone Soon\"}");
        String iid = ok(call("record-interaction.json").id(id).body("{\"channel\":\"PHONE\",\"type\":\"CALL\"}"), 201)
                .body().get("id").asText();
        ok(call("forward-interaction.json").id(id).sub(iid), 202);
        Map<String, Object> event = eventBridge(forwarded());
        Set<Path> before = outbox();

        Map<String, Object> unknown = eventBridge(new DomainEvent("InteractionForwarded", tenant,
                Map.of("customerId", id, "interactionId", iid, "forwardId", "01HXXXXXXXXXXXXXXXXXXXXXXX"), java.time.Instant.now()));
        mailer.execute(unknown);
        // the customer deleted (as erasure does) before the mailer ran: its queued forward went with it
        ok(call("delete-customer.json").id(id), 204);
        mailer.execute(event);

        assertThat(outbox()).isEqualTo(before);
    }

    @Test
    void twoDeliveriesAtTheSameMomentSendOneMail() throws Exception {
        Forward forward = queueForward("+393330000014");
        CountDownLatch firstIsSending = new CountDownLatch(1);
        CountDownLatch letItFinish = new CountDownLatch(1);
        AtomicInteger sends = new AtomicInteger();
        MailSender slow = mail -> {
            sends.incrementAndGet();
            firstIsSending.countDown();
            await(letItFinish);
            return "ses-message-1";
        };
        QueuedForwards first = new QueuedForwards(queue(), slow, Clock.systemUTC());
        QueuedForwards second = new QueuedForwards(queue(), slow, Clock.systemUTC());

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> sending = pool.submit(() -> first.send(tenant, forward.customerId(), forward.forwardId()));
            assertThat(firstIsSending.await(10, TimeUnit.SECONDS)).isTrue();
            second.send(tenant, forward.customerId(), forward.forwardId()); // the duplicate, while the first is mid-send
            letItFinish.countDown();
            sending.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(sends.get()).isEqualTo(1);
        Map<String, AttributeValue> item = forwardItem(forward.customerId(), forward.forwardId());
        assertThat(item.get("status").s()).isEqualTo("SENT");
        assertThat(item.get("messageId").s()).isEqualTo("ses-message-1");
    }

    @Test
    void aFailedSendIsGivenBackAndTheRetrySendsIt() throws Exception {
        Forward forward = queueForward("+393330000015");
        MailSender down = mail -> {
            throw new IllegalStateException("SES throttled");
        };
        AtomicInteger sends = new AtomicInteger();
        MailSender up = mail -> "ses-message-" + sends.incrementAndGet();

        assertThatThrownBy(() -> new QueuedForwards(queue(), down, Clock.systemUTC())
                .send(tenant, forward.customerId(), forward.forwardId())).hasMessageContaining("throttled");
        assertThat(forwardItem(forward.customerId(), forward.forwardId()).get("status").s()).isEqualTo("QUEUED");
        new QueuedForwards(queue(), up, Clock.systemUTC()).send(tenant, forward.customerId(), forward.forwardId());

        assertThat(sends.get()).isEqualTo(1);
        assertThat(forwardItem(forward.customerId(), forward.forwardId()).get("status").s()).isEqualTo("SENT");
    }

    @Test
    void aSenderKilledAfterClaimingLeavesTheForwardToTheNextDeliveryOnceItsLeaseLapses() throws Exception {
        Forward forward = queueForward("+393330000016");
        Instant killedAt = Instant.now();
        // what a sender killed right after claiming leaves behind
        assertThat(queue().claim(tenant, forward.customerId(), forward.forwardId(), "killed-run", killedAt, QueuedForwards.LEASE)).isPresent();
        AtomicInteger sends = new AtomicInteger();
        MailSender ses = mail -> "ses-message-" + sends.incrementAndGet();

        new QueuedForwards(queue(), ses, Clock.fixed(killedAt.plusSeconds(30), ZoneOffset.UTC))
                .send(tenant, forward.customerId(), forward.forwardId());
        assertThat(sends.get()).as("within the lease the claim holds").isZero();
        new QueuedForwards(queue(), ses, Clock.fixed(killedAt.plus(QueuedForwards.LEASE).plusSeconds(1), ZoneOffset.UTC))
                .send(tenant, forward.customerId(), forward.forwardId());

        assertThat(sends.get()).isEqualTo(1);
        assertThat(forwardItem(forward.customerId(), forward.forwardId()).get("status").s()).isEqualTo("SENT");
    }

    private record Forward(String customerId, String forwardId) {
    }

    private Forward queueForward(String mobile) throws Exception {
        String id = customer("{\"mobile\":\"" + mobile + "\",\"name\":\"Anna Verdi\"}");
        String iid = ok(call("record-interaction.json").id(id).body("{\"channel\":\"PHONE\",\"type\":\"CALL\"}"), 201)
                .body().get("id").asText();
        return new Forward(id, ok(call("forward-interaction.json").id(id).sub(iid), 202).body().get("id").asText());
    }

    private ForwardQueue queue() {
        return api.context.getBean(ForwardQueue.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private DomainEvent forwarded() {
        List<DomainEvent> events = api.events().events().stream().filter(e -> e.detailType().equals("InteractionForwarded")).toList();
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    /** What the rule delivers: EventBridge's envelope, the detail with the tenant first. */
    private static Map<String, Object> eventBridge(DomainEvent event) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("tenantId", event.tenantId());
        detail.putAll(event.detail());
        return Map.of("version", "0", "source", DomainEvent.SOURCE, "detail-type", event.detailType(),
                "time", event.time().toString(), "detail", detail);
    }

    private Map<String, AttributeValue> forwardItem(String customerId, String forwardId) {
        return dynamo.getItem(b -> b.tableName("CustomersTable").consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS(tenant + "#" + customerId), "sk", AttributeValue.fromS("FORWARD#" + forwardId)))).item();
    }

    private static Set<Path> outbox() throws IOException {
        try (Stream<Path> files = Files.list(ApiHarness.OUTBOX)) {
            return files.collect(Collectors.toSet());
        }
    }
}
