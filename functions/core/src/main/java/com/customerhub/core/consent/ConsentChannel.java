package com.customerhub.core.consent;

/** The channel a consent covers; ANY covers every channel. */
public enum ConsentChannel { EMAIL, SMS, PHONE, WHATSAPP, POST, ANY }
