package com.customerhub.core.customer;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;
import java.util.List;

/**
 * The fields of a customer a client writes, already validated and normalised (mobile in E.164,
 * email lower-cased, name defaulted to the mobile, priority defaulted to 5).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerDraft(
        CustomerType customerType,
        String name,
        String firstName,
        String lastName,
        LocalDate birthDate,
        String gender,
        String maritalStatus,
        String mobile,
        String email,
        Address address,
        String company,
        String sector,
        String jobTitle,
        List<String> interests,
        List<Channel> preferredChannels,
        Integer priority,
        String defaultSkillset,
        String notes,
        String externalId,
        Boolean keepHistory,
        Boolean bypassBot,
        List<String> tags,
        String responsibleUser,
        String contactClass,
        String parentId,
        Boolean restricted) {

    /** The same fields with another {@code restricted}, which only privacy requests set. */
    public CustomerDraft withRestricted(Boolean value) {
        return new CustomerDraft(customerType, name, firstName, lastName, birthDate, gender, maritalStatus, mobile, email,
                address, company, sector, jobTitle, interests, preferredChannels, priority, defaultSkillset, notes, externalId,
                keepHistory, bypassBot, tags, responsibleUser, contactClass, parentId, value);
    }
}
