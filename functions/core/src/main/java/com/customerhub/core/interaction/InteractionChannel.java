package com.customerhub.core.interaction;

/** Where it happened. WhatsApp, SMS and web chat are the messaging channels with a 24-hour service window. */
public enum InteractionChannel {
    PHONE, EMAIL, SMS, WHATSAPP, WEB, STORE, AGENT;

    public boolean isMessaging() {
        return this == SMS || this == WHATSAPP || this == WEB;
    }
}
