package org.ccpulse.simulator.model;

import java.util.List;

/** A queue (skill group): its share of traffic, its contact reasons and the products it hears about. */
public record QueueSpec(int index, String name, double share, Weighted<String> reasons, List<String> products) {}
