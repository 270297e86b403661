package com.customerhub.core.alert;

import com.customerhub.core.error.FieldError;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QuickActionsTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyBadActionIsNamedByItsPath() throws Exception {
        List<FieldError> errors = new ArrayList<>();
        List<QuickAction> actions = QuickActions.parse(json.readTree("""
                [{"label":"Send payment reminder","action":"SEND_MESSAGE","params":{"template":"payment-reminder"}},
                 {"label":"Text","action":"SEND_MESSAGE","params":{"channel":"PIGEON"}},
                 {"label":"Portal","action":"OPEN_URL","params":{"url":"http://portal.example.com"}},
                 {"action":"CALL"},
                 {"label":"Go","action":"TELEPORT"}]"""), "defaultQuickActions", errors);
        assertThat(actions).extracting(QuickAction::label).containsExactly("Send payment reminder");
        assertThat(errors).extracting(FieldError::field).containsExactly("defaultQuickActions[1].params.channel",
                "defaultQuickActions[2].params.url", "defaultQuickActions[3].label", "defaultQuickActions[4].action");
    }

    @Test
    void atMostTenActions() throws Exception {
        List<FieldError> errors = new ArrayList<>();
        String eleven = "[" + String.join(",", java.util.Collections.nCopies(11, "{\"label\":\"Call\",\"action\":\"CALL\"}")) + "]";
        QuickActions.parse(json.readTree(eleven), "quickActions", errors);
        assertThat(errors).extracting(FieldError::field).containsExactly("quickActions");
    }
}
