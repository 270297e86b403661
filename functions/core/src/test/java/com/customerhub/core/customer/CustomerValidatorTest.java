package com.customerhub.core.customer;

import com.customerhub.core.error.ApiException;
import com.customerhub.core.error.FieldError;
import com.customerhub.core.validation.PhoneNumbers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CustomerValidatorTest {
    private final ObjectMapper json = new ObjectMapper();
    private final CustomerValidator validator = new CustomerValidator(new PhoneNumbers(),
            Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));

    private ObjectNode body(String text) throws Exception {
        return (ObjectNode) json.readTree(text);
    }

    @Test
    void normalisesAndDefaults() throws Exception {
        CustomerDraft draft = validator.validate(body("""
                {"mobile":" +39 333-123 4567 ","email":" Anna.Bianchi@Example.COM ","customerType":"b2b",
                 "tags":["a"," a ","b",""],"preferredChannels":["sms","SMS","email"],"birthDate":"1980-02-29"}"""));
        assertThat(draft.mobile()).isEqualTo("+393331234567");
        assertThat(draft.email()).isEqualTo("anna.bianchi@example.com");
        assertThat(draft.name()).isEqualTo("+393331234567");
        assertThat(draft.priority()).isEqualTo(5);
        assertThat(draft.customerType()).isEqualTo(CustomerType.B2B);
        assertThat(draft.tags()).containsExactly("a", "b");
        assertThat(draft.preferredChannels()).containsExactly(Channel.SMS, Channel.EMAIL);
        assertThat(draft.birthDate()).isEqualTo(LocalDate.of(1980, 2, 29));
    }

    @Test
    void acceptsTheDoubleZeroInternationalPrefix() throws Exception {
        assertThat(validator.validate(body("{\"mobile\":\"00447911123456\"}")).mobile()).isEqualTo("+447911123456");
    }

    @Test
    void listsEveryProblem() throws Exception {
        ApiException e = catchThrowableOfType(ApiException.class, () -> validator.validate(body("""
                {"email":"a@b","priority":0,"name":"%s","birthDate":"2030-01-01","tags":"vip",
                 "interests":[1],"parentId":"../x","bypassBot":1,"address":"Via Roma"}""".formatted("n".repeat(201)))));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                "mobile", "email", "priority", "name", "birthDate", "tags", "interests[0]", "parentId", "bypassBot", "address");
        assertThat(e.errors()).filteredOn(err -> err.field().equals("mobile")).extracting(FieldError::message)
                .containsExactly("is required");
    }

    @Test
    void refusesNumbersWithoutCountryPrefixOrInvalid() throws Exception {
        for (String mobile : List.of("3331234567", "+39", "+999123456789", "+39 333 abc", "+1" + "2".repeat(40))) {
            ApiException e = catchThrowableOfType(ApiException.class, () -> validator.validate(body("{\"mobile\":\"" + mobile + "\"}")));
            assertThat(e).as(mobile).isNotNull();
            assertThat(e.errors()).extracting(FieldError::field).containsExactly("mobile");
        }
    }

    @Test
    void readOnlyFieldsAreIgnoredUnknownOnesRefused() throws Exception {
        CustomerDraft draft = validator.validate(body("""
                {"mobile":"+393331234567","id":"X","version":9,"stats":{"purchaseCount":100},"createdAt":"x"}"""));
        assertThat(draft.mobile()).isEqualTo("+393331234567");
        ApiException e = catchThrowableOfType(ApiException.class, () -> validator.validate(body(
                "{\"mobile\":\"+393331234567\",\"tenantId\":\"acme\"}")));
        assertThat(e.errors()).containsExactly(new FieldError("tenantId", "is not a known field"));
    }

    @Test
    void controlCharactersAreRefused() throws Exception {
        ApiException e = catchThrowableOfType(ApiException.class, () -> validator.validate(body(
                "{\"mobile\":\"+393331234567\",\"name\":\"a\\u0000b\"}")));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("name");
    }
}
