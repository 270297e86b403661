package com.customerhub.customers;

import com.customerhub.api.testing.DynamoCallCounter;
import com.customerhub.core.alert.Alert;
import com.customerhub.core.alert.AlertItems;
import com.customerhub.core.alert.AlertStatus;
import com.customerhub.core.alert.QuickAction;
import com.customerhub.core.alert.Severity;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QuickActionsViewTest extends CustomerHandlerTest {
    private final DynamoCallCounter counter = new DynamoCallCounter();

    @Override
    protected Object[] singletons() {
        return new Object[]{counter};
    }

    @Test
    void withTheSettingsCacheColdTheViewStillMakesTwoCallsAtMost() {
        // neither create reads the settings (no channels, contacts or interactions), so this tenant's cache is cold
        String parent = customer("{\"mobile\":\"+393330000001\",\"name\":\"Group\",\"customerType\":\"B2B\"}");
        String id = customer("{\"mobile\":\"+393330000002\",\"name\":\"Branch\",\"parentId\":\"" + parent + "\"}");
        counter.reset();
        JsonNode view = body(call("customer-view.json").id(id));
        assertThat(counter.operations()).containsExactly("Query", "BatchGetItem");
        assertThat(view.get("parent").get("name").asText()).isEqualTo("Group");
        assertThat(view.get("quickActions")).extracting(a -> a.get("label").asText()).containsExactly("Call", "Log an interaction");

        counter.reset();
        body(call("customer-view.json").id(id));
        assertThat(counter.operations()).as("settings now cached").containsExactly("Query", "GetItem");
        counter.reset();
        body(call("customer-view.json").id(parent));
        assertThat(counter.operations()).as("no parent, settings cached").containsExactly("Query");
    }

    @Test
    void theAlertsQuickActionsComeFirstThenTheTenantsDefaultsEachReadyToPerform() {
        String id = customer("{\"mobile\":\"+393330000001\",\"email\":\"mario@example.com\",\"preferredChannels\":[\"SMS\",\"EMAIL\"]}");
        raise(id, List.of(
                new QuickAction("Call about the invoice", QuickAction.Type.CALL, Map.of("reason", "overdue invoice")),
                new QuickAction("Send payment reminder", QuickAction.Type.SEND_MESSAGE, Map.of("template", "payment-reminder"))));

        JsonNode actions = body(call("customer-view.json").id(id)).get("quickActions");
        assertThat(actions).extracting(a -> a.get("label").asText() + "/" + a.get("source").asText())
                .containsExactly("Call about the invoice/ALERT", "Send payment reminder/ALERT", "Call/DEFAULT", "Log an interaction/DEFAULT");
        assertThat(actions.get(0).get("phone").asText()).isEqualTo("+393330000001");
        assertThat(actions.get(0).get("ruleId").asText()).isEqualTo("01HRULE0000000000000000000");
        assertThat(actions.get(1).get("channel").asText()).isEqualTo("SMS");
        assertThat(actions.get(1).get("to").asText()).isEqualTo("+393330000001");
        assertThat(actions.get(3).get("href").asText()).isEqualTo("/customers/" + id + "/interactions");

        // SMS disabled: the reminder goes by the next preferred channel that is enabled
        ok(call("put-settings.json"), 200);
        actions = body(call("customer-view.json").id(id)).get("quickActions");
        JsonNode reminder = actions.get(1);
        assertThat(reminder.get("channel").asText()).isEqualTo("EMAIL");
        assertThat(reminder.get("to").asText()).isEqualTo("mario@example.com");
        assertThat(actions).extracting(a -> a.get("label").asText())
                .containsExactly("Call about the invoice", "Send payment reminder", "Call", "Send a message", "Log an interaction");
    }

    @Test
    void aMessageActionWithoutAnEnabledReachableChannelIsLeftOut() {
        String id = customer("{\"mobile\":\"+393330000001\"}");
        ok(call("put-settings.json").body("{\"enabledChannels\":[\"EMAIL\"]}"), 200);
        raise(id, List.of(new QuickAction("Send payment reminder", QuickAction.Type.SEND_MESSAGE, Map.of())));
        JsonNode actions = body(call("customer-view.json").id(id)).get("quickActions");
        assertThat(actions).extracting(a -> a.get("action").asText()).doesNotContain("SEND_MESSAGE");
    }

    private void raise(String customerId, List<QuickAction> actions) {
        AlertItems items = api.context.getBean(AlertItems.class);
        Alert alert = new Alert(Alert.idOf(customerId, "01HRULE0000000000000000000"), customerId, "01HRULE0000000000000000000",
                "Pending invoice", Severity.WARNING, "1 unpaid invoice", AlertStatus.ACTIVE, Instant.now(), null, null, null, actions);
        dynamo.putItem(b -> b.tableName("CustomersTable").item(items.toItem(tenant, alert, null)));
    }
}
