package com.customerhub.core.contact;

import com.customerhub.core.customer.Channel;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Set;

/**
 * Whether the contact agrees to be reached on each channel. Stored for every channel; shown
 * ({@link #shown}) only for the channels the tenant enabled, so a disabled one is left out (null).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Preferences(Boolean email, Boolean sms, Boolean phone, Boolean post, Boolean whatsapp) {
    public static Preferences none() {
        return new Preferences(false, false, false, false, false);
    }

    /** The stored value of a channel's preference (false when unknown). */
    public boolean of(Channel channel) {
        Boolean value = switch (channel) {
            case EMAIL -> email;
            case SMS -> sms;
            case PHONE -> phone;
            case POST -> post;
            case WHATSAPP -> whatsapp;
        };
        return Boolean.TRUE.equals(value);
    }

    /** The preferences a client sees: those of disabled channels left out. */
    public Preferences shown(Set<Channel> enabled) {
        return new Preferences(show(enabled, Channel.EMAIL, email), show(enabled, Channel.SMS, sms),
                show(enabled, Channel.PHONE, phone), show(enabled, Channel.POST, post),
                show(enabled, Channel.WHATSAPP, whatsapp));
    }

    private static Boolean show(Set<Channel> enabled, Channel channel, Boolean value) {
        return enabled.contains(channel) ? value : null;
    }
}
