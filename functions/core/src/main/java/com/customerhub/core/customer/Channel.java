package com.customerhub.core.customer;

/** The channels a customer may prefer to be reached on. */
public enum Channel { EMAIL, SMS, PHONE, WHATSAPP, POST }
