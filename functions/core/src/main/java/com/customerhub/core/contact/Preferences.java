package com.customerhub.core.contact;

/** Whether the contact agrees to be reached on each channel. */
public record Preferences(boolean email, boolean sms, boolean phone, boolean post, boolean whatsapp) {
    public static Preferences none() {
        return new Preferences(false, false, false, false, false);
    }
}
