package com.customerhub.core.condition;

import com.customerhub.core.customer.Address;
import com.customerhub.core.customer.Channel;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerDraft;
import com.customerhub.core.customer.CustomerStats;
import com.customerhub.core.customer.CustomerType;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.error.FieldError;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The condition language: parsing against the catalogue, every operator, missing values, day boundaries. */
class ConditionTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final ObjectMapper json = new ObjectMapper();
    private final ConditionParser parser = ConditionParser.standard();
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private static CustomerDraft draft(String region, List<String> interests, List<Channel> channels, Integer priority,
                                       LocalDate birthDate, Boolean restricted) {
        return new CustomerDraft(CustomerType.B2C, "Mario Rossi", "Mario", "Rossi", birthDate, null, null,
                "+393331234567", "mario@example.com",
                region == null ? null : new Address("Via Roma 1", null, "20121", "Milano", region, "IT"),
                null, null, null, interests, channels, priority, null, null, null, null, null,
                List.of("residential"), null, null, null, restricted);
    }

    private static Customer customer(CustomerDraft draft, CustomerStats stats) {
        return new Customer("01HZZZZZZZZZZZZZZZZZZZZZZZ", draft, stats, null, 3,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-11-20T08:00:00Z"));
    }

    private final Customer mario = customer(
            draft("Lombardia", List.of("solar", "EV"), List.of(Channel.WHATSAPP, Channel.EMAIL), 3, LocalDate.of(1980, 11, 23), false),
            new CustomerStats(CustomerStats.Lifecycle.VIP, 12, Instant.parse("2026-11-01T09:00:00Z"), 1, 2,
                    new BigDecimal("120.50"), Instant.parse("2026-11-22T10:00:00Z"), LocalDate.of(2026, 11, 22)));

    private final Customer bare = customer(draft(null, null, null, null, null, null), CustomerStats.empty());

    private boolean matches(String condition, Customer customer) throws Exception {
        return parser.parse(json.readTree(condition), "condition").test(customer, clock);
    }

    private boolean matches(String condition) throws Exception {
        return matches(condition, mario);
    }

    private List<FieldError> errors(String condition) throws Exception {
        ApiException e = catchThrowableOfType(() -> parser.parse(json.readTree(condition), "condition"), ApiException.class);
        assertThat(e).as("expected a refusal of " + condition).isNotNull();
        assertThat(e.status()).isEqualTo(400);
        return e.errors();
    }

    @Test
    void numbers() throws Exception {
        assertThat(matches("{\"field\":\"stats.pendingInvoiceCount\",\"op\":\"gt\",\"value\":0}")).isTrue();
        assertThat(matches("{\"field\":\"stats.pendingInvoiceCount\",\"op\":\"gt\",\"value\":2}")).isFalse();
        assertThat(matches("{\"field\":\"stats.pendingInvoiceCount\",\"op\":\"gte\",\"value\":2}")).isTrue();
        assertThat(matches("{\"field\":\"stats.pendingInvoiceCount\",\"op\":\"lt\",\"value\":2}")).isFalse();
        assertThat(matches("{\"field\":\"stats.pendingInvoiceCount\",\"op\":\"lte\",\"value\":2}")).isTrue();
        assertThat(matches("{\"field\":\"stats.pendingInvoiceAmount\",\"op\":\"eq\",\"value\":120.5}")).isTrue();
        assertThat(matches("{\"field\":\"stats.pendingInvoiceAmount\",\"op\":\"ne\",\"value\":120.50}")).isFalse();
        assertThat(matches("{\"field\":\"priority\",\"op\":\"in\",\"value\":[1,2,3.0]}")).isTrue();
        assertThat(matches("{\"field\":\"priority\",\"op\":\"in\",\"value\":[7,8]}")).isFalse();
        assertThat(matches("{\"field\":\"version\",\"op\":\"eq\",\"value\":3}")).isTrue();
    }

    @Test
    void stringsIgnoreCase() throws Exception {
        assertThat(matches("{\"field\":\"address.region\",\"op\":\"eq\",\"value\":\"lombardia\"}")).isTrue();
        assertThat(matches("{\"field\":\"address.region\",\"op\":\"ne\",\"value\":\"Lazio\"}")).isTrue();
        assertThat(matches("{\"field\":\"address.region\",\"op\":\"in\",\"value\":[\"Lazio\",\"LOMBARDIA\"]}")).isTrue();
        assertThat(matches("{\"field\":\"email\",\"op\":\"contains\",\"value\":\"@EXAMPLE\"}")).isTrue();
        assertThat(matches("{\"field\":\"email\",\"op\":\"contains\",\"value\":\"@other\"}")).isFalse();
    }

    @Test
    void enumsBooleansAndLists() throws Exception {
        assertThat(matches("{\"field\":\"stats.lifecycle\",\"op\":\"eq\",\"value\":\"VIP\"}")).isTrue();
        assertThat(matches("{\"field\":\"stats.lifecycle\",\"op\":\"in\",\"value\":[\"new\",\"RETURNING\"]}")).isFalse();
        assertThat(matches("{\"field\":\"customerType\",\"op\":\"ne\",\"value\":\"B2B\"}")).isTrue();
        assertThat(matches("{\"field\":\"restricted\",\"op\":\"eq\",\"value\":false}")).isTrue();
        assertThat(matches("{\"field\":\"interests\",\"op\":\"contains\",\"value\":\"ev\"}")).isTrue();
        assertThat(matches("{\"field\":\"interests\",\"op\":\"contains\",\"value\":\"gas\"}")).isFalse();
        assertThat(matches("{\"field\":\"interests\",\"op\":\"in\",\"value\":[\"gas\",\"SOLAR\"]}")).isTrue();
        assertThat(matches("{\"field\":\"preferredChannels\",\"op\":\"contains\",\"value\":\"WHATSAPP\"}")).isTrue();
        assertThat(matches("{\"field\":\"preferredChannels\",\"op\":\"in\",\"value\":[\"SMS\",\"POST\"]}")).isFalse();
        assertThat(matches("{\"field\":\"tags\",\"op\":\"exists\"}")).isTrue();
    }

    @Test
    void allAnyNot() throws Exception {
        String vipInLombardy = "{\"all\":[{\"field\":\"stats.lifecycle\",\"op\":\"eq\",\"value\":\"VIP\"},"
                + "{\"field\":\"address.region\",\"op\":\"eq\",\"value\":\"Lombardia\"}]}";
        assertThat(matches(vipInLombardy)).isTrue();
        assertThat(matches(vipInLombardy, bare)).isFalse();
        String either = "{\"any\":[{\"field\":\"priority\",\"op\":\"eq\",\"value\":9},{\"field\":\"stats.openComplaints\",\"op\":\"gt\",\"value\":0}]}";
        assertThat(matches(either)).isTrue();
        assertThat(matches(either, bare)).isFalse();
        assertThat(matches("{\"not\":" + either + "}", bare)).isTrue();
    }

    @Test
    void missingValuesAreExplicit() throws Exception {
        // bare has no address, no interests, no birth date, no lastPurchaseAt
        assertThat(matches("{\"field\":\"address.region\",\"op\":\"eq\",\"value\":\"Lazio\"}", bare)).isFalse();
        assertThat(matches("{\"field\":\"address.region\",\"op\":\"ne\",\"value\":\"Lazio\"}", bare)).isTrue();
        assertThat(matches("{\"field\":\"address.region\",\"op\":\"exists\",\"value\":false}", bare)).isTrue();
        assertThat(matches("{\"field\":\"address.region\",\"op\":\"exists\"}", bare)).isFalse();
        assertThat(matches("{\"field\":\"interests\",\"op\":\"contains\",\"value\":\"solar\"}", bare)).isFalse();
        assertThat(matches("{\"field\":\"interests\",\"op\":\"exists\",\"value\":true}", bare)).isFalse();
        assertThat(matches("{\"field\":\"priority\",\"op\":\"lt\",\"value\":5}", bare)).isFalse();
        assertThat(matches("{\"field\":\"priority\",\"op\":\"gte\",\"value\":5}", bare)).isFalse();
        assertThat(matches("{\"field\":\"stats.lastPurchaseAt\",\"op\":\"olderThanDays\",\"value\":30}", bare)).isFalse();
        assertThat(matches("{\"field\":\"stats.lastPurchaseAt\",\"op\":\"withinDays\",\"value\":30}", bare)).isFalse();
        assertThat(matches("{\"field\":\"age\",\"op\":\"gte\",\"value\":0}", bare)).isFalse();
        // a customer with no stats at all
        Customer noStats = customer(draft(null, null, null, null, null, null), null);
        assertThat(matches("{\"field\":\"stats.pendingInvoiceCount\",\"op\":\"gt\",\"value\":0}", noStats)).isFalse();
        assertThat(matches("{\"field\":\"stats.pendingInvoiceCount\",\"op\":\"exists\",\"value\":false}", noStats)).isTrue();
    }

    @Test
    void datesCompareByUtcDayAtTheBoundaries() throws Exception {
        // oldest pending invoice due 2026-11-22; the clock moves around midnight UTC
        String overdue = "{\"field\":\"stats.oldestPendingInvoiceDueDate\",\"op\":\"olderThanDays\",\"value\":0}";
        clock = Clock.fixed(Instant.parse("2026-11-22T23:59:59.999Z"), ZoneOffset.UTC);
        assertThat(matches(overdue)).as("due today is not overdue").isFalse();
        clock = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);
        assertThat(matches(overdue)).as("the day after the due date it is").isTrue();
        assertThat(matches("{\"field\":\"stats.oldestPendingInvoiceDueDate\",\"op\":\"olderThanDays\",\"value\":1}")).isFalse();
        assertThat(matches("{\"field\":\"stats.oldestPendingInvoiceDueDate\",\"op\":\"withinDays\",\"value\":1}")).isTrue();
        assertThat(matches("{\"field\":\"stats.oldestPendingInvoiceDueDate\",\"op\":\"withinDays\",\"value\":0}")).isFalse();
        assertThat(matches("{\"field\":\"stats.oldestPendingInvoiceDueDate\",\"op\":\"lt\",\"value\":\"2026-11-23\"}")).isTrue();
        assertThat(matches("{\"field\":\"stats.oldestPendingInvoiceDueDate\",\"op\":\"eq\",\"value\":\"2026-11-22\"}")).isTrue();

        // birthday 1980-11-23: 45 from that day on, 44 the day before
        clock = Clock.fixed(Instant.parse("2025-11-22T23:59:59Z"), ZoneOffset.UTC);
        assertThat(matches("{\"field\":\"age\",\"op\":\"eq\",\"value\":44}")).isTrue();
        clock = Clock.fixed(Instant.parse("2025-11-23T00:00:00Z"), ZoneOffset.UTC);
        assertThat(matches("{\"field\":\"age\",\"op\":\"eq\",\"value\":45}")).isTrue();
    }

    @Test
    void instantsCountExactDaysBackFromNow() throws Exception {
        // lastInteractionAt is 2026-11-22T10:00:00Z, exactly one day before NOW
        assertThat(matches("{\"field\":\"stats.lastInteractionAt\",\"op\":\"withinDays\",\"value\":1}")).isTrue();
        assertThat(matches("{\"field\":\"stats.lastInteractionAt\",\"op\":\"olderThanDays\",\"value\":1}")).isFalse();
        clock = Clock.fixed(NOW.plusMillis(1), ZoneOffset.UTC);
        assertThat(matches("{\"field\":\"stats.lastInteractionAt\",\"op\":\"withinDays\",\"value\":1}")).isFalse();
        assertThat(matches("{\"field\":\"stats.lastInteractionAt\",\"op\":\"olderThanDays\",\"value\":1}")).isTrue();
        assertThat(matches("{\"field\":\"stats.lastPurchaseAt\",\"op\":\"gte\",\"value\":\"2026-11-01\"}")).isTrue();
        assertThat(matches("{\"field\":\"stats.lastPurchaseAt\",\"op\":\"lt\",\"value\":\"2026-11-01T09:00:00Z\"}")).isFalse();
        assertThat(matches("{\"field\":\"createdAt\",\"op\":\"olderThanDays\",\"value\":300}")).isTrue();
        assertThat(matches("{\"field\":\"updatedAt\",\"op\":\"withinDays\",\"value\":5}")).isTrue();
        // a time in the future is not "within the last n days"
        clock = Clock.fixed(Instant.parse("2026-11-19T00:00:00Z"), ZoneOffset.UTC);
        assertThat(matches("{\"field\":\"updatedAt\",\"op\":\"withinDays\",\"value\":5}")).isFalse();
    }

    @Test
    void unknownFieldsAreRefusedWithTheirPath() throws Exception {
        List<FieldError> errors = errors("{\"all\":[{\"field\":\"priority\",\"op\":\"gt\",\"value\":1},"
                + "{\"field\":\"stats.shoeSize\",\"op\":\"gt\",\"value\":1}]}");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("condition.all[1].field");
            assertThat(e.message()).contains("unknown field 'stats.shoeSize'").contains("stats.pendingInvoiceCount");
        });
    }

    @Test
    void operatorsMustSuitTheType() throws Exception {
        assertThat(errors("{\"field\":\"address.region\",\"op\":\"gt\",\"value\":\"A\"}")).singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("condition.op");
                    assertThat(e.message()).contains("'gt' is not valid for address.region, a string field");
                });
        assertThat(errors("{\"field\":\"restricted\",\"op\":\"olderThanDays\",\"value\":1}").get(0).field()).isEqualTo("condition.op");
        assertThat(errors("{\"field\":\"interests\",\"op\":\"eq\",\"value\":\"x\"}").get(0).message()).contains("list of strings");
        assertThat(errors("{\"field\":\"priority\",\"op\":\"between\",\"value\":1}").get(0).message()).contains("is not an operator");
        assertThat(errors("{\"field\":\"priority\"}").get(0).field()).isEqualTo("condition.op");
    }

    @Test
    void valuesMustHaveTheFieldsType() throws Exception {
        assertThat(errors("{\"field\":\"stats.pendingInvoiceCount\",\"op\":\"gt\",\"value\":\"0\"}")).singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("condition.value");
                    assertThat(e.message()).isEqualTo("must be a number");
                });
        assertThat(errors("{\"field\":\"stats.lifecycle\",\"op\":\"eq\",\"value\":\"GOLD\"}").get(0).message())
                .isEqualTo("must be one of NEW, RETURNING, VIP");
        assertThat(errors("{\"field\":\"birthDate\",\"op\":\"lt\",\"value\":\"23/11/1980\"}").get(0).message()).contains("YYYY-MM-DD");
        assertThat(errors("{\"field\":\"restricted\",\"op\":\"eq\",\"value\":\"yes\"}").get(0).message()).contains("true or false");
        assertThat(errors("{\"field\":\"priority\",\"op\":\"in\",\"value\":[1,\"2\"]}").get(0).field()).isEqualTo("condition.value[1]");
        assertThat(errors("{\"field\":\"priority\",\"op\":\"in\",\"value\":3}").get(0).field()).isEqualTo("condition.value");
        assertThat(errors("{\"field\":\"createdAt\",\"op\":\"olderThanDays\",\"value\":-1}").get(0).message()).contains("whole number of days");
        assertThat(errors("{\"field\":\"createdAt\",\"op\":\"withinDays\",\"value\":1.5}").get(0).field()).isEqualTo("condition.value");
        assertThat(errors("{\"field\":\"priority\",\"op\":\"eq\"}").get(0).message()).isEqualTo("is required for eq");
        assertThat(errors("{\"field\":\"priority\",\"op\":\"exists\",\"value\":1}").get(0).message()).contains("true or false");
    }

    @Test
    void structureErrorsNameThePartAndAllAreListed() throws Exception {
        List<FieldError> errors = errors("{\"any\":[{\"not\":{}}, 3, {\"all\":[]}, {\"field\":\"x\",\"op\":\"eq\",\"value\":1,\"extra\":true}]}");
        assertThat(errors).extracting(FieldError::field).containsExactly(
                "condition.any[0].not", "condition.any[1]", "condition.any[2].all", "condition.any[3].extra");
        assertThat(errors("{\"all\":[{\"field\":\"priority\",\"op\":\"eq\",\"value\":1}],\"any\":[]}").get(0).field())
                .isEqualTo("condition.any");
        assertThat(errors("null").get(0).message()).startsWith("is required");
        assertThat(errors("[]").get(0).message()).startsWith("must be an object");
        String deep = "{\"field\":\"priority\",\"op\":\"eq\",\"value\":1}";
        for (int i = 0; i < ConditionParser.MAX_DEPTH; i++) {
            deep = "{\"not\":" + deep + "}";
        }
        assertThat(errors(deep).get(0).message()).contains("nests deeper");
    }

    @Test
    void messageTemplatesRenderFieldsAndRefuseUnknownPlaceholders() {
        List<FieldError> errors = new ArrayList<>();
        MessageTemplate template = MessageTemplate.parse(
                "{{ stats.pendingInvoiceCount }} unpaid ({{stats.pendingInvoiceAmount}} EUR), due {{stats.oldestPendingInvoiceDueDate}}; "
                        + "{{preferredChannels}} {{company}}.", FieldCatalogue.standard(), "message", errors);
        assertThat(errors).isEmpty();
        assertThat(template.render(mario, clock)).isEqualTo("2 unpaid (120.50 EUR), due 2026-11-22; WHATSAPP, EMAIL .");
        MessageTemplate.parse("Hi {{nickname}}", FieldCatalogue.standard(), "message", errors);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("message");
            assertThat(e.message()).contains("{{nickname}}");
        });
    }

    @Test
    void theCatalogueCoversTheCustomerRecords() {
        FieldCatalogue catalogue = FieldCatalogue.standard();
        for (var component : CustomerStats.class.getRecordComponents()) {
            assertThat(catalogue.find("stats." + component.getName())).as(component.getName()).isPresent();
        }
        assertThat(catalogue.find("address.city").orElseThrow().type()).isEqualTo(FieldType.STRING);
        assertThat(catalogue.find("preferredChannels").orElseThrow().values()).contains("WHATSAPP");
        assertThat(catalogue.find("birthDate").orElseThrow().type()).isEqualTo(FieldType.DATE);
        assertThat(catalogue.find("stats.lastPurchaseAt").orElseThrow().type()).isEqualTo(FieldType.INSTANT);
        assertThat(catalogue.find("address")).isEmpty();
    }

    @Test
    void conditionsAndMessagesNameTheStoredAttributesTheyRead() throws Exception {
        Condition condition = parser.parse(json.readTree("{\"all\":[{\"field\":\"age\",\"op\":\"gte\",\"value\":30},"
                + "{\"not\":{\"field\":\"address.region\",\"op\":\"eq\",\"value\":\"Lazio\"}},"
                + "{\"any\":[{\"field\":\"stats.purchaseCount\",\"op\":\"gt\",\"value\":0},"
                + "{\"field\":\"authorized\",\"op\":\"eq\",\"value\":true}]}]}"), "condition");
        assertThat(condition.fields().flatMap(field -> field.attributes().stream()))
                .contains("birthDate", "address", "stats", "consent#SERVICE#WHATSAPP", "ledger", "restricted")
                .doesNotContain("age", "address.region", "stats.purchaseCount", "authorized");

        MessageTemplate message = MessageTemplate.parse("{{firstName}}: {{stats.lifecycle}}", FieldCatalogue.standard(), "message", new ArrayList<>());
        assertThat(message.fields()).extracting(Field::attributes).containsExactly(List.of("firstName"), List.of("stats"));
    }
}
