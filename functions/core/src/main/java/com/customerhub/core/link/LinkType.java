package com.customerhub.core.link;

/** What kind of record in another system a link points at. */
public enum LinkType { OPPORTUNITY, TICKET, CAMPAIGN, CONTRACT, OTHER }
