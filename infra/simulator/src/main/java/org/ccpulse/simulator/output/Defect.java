package org.ccpulse.simulator.output;

import org.ccpulse.schemas.parse.Problem;

/** What a parser must report for a bad record: the field (null for the record as a whole) and the problem. */
public record Defect(String field, Problem problem) {}
