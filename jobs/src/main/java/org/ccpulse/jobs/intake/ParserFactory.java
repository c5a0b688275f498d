package org.ccpulse.jobs.intake;

import java.io.Serializable;
import org.ccpulse.schemas.parse.RecordParser;

/** Makes a topic's parser on the task that uses it (parsers hold a clock and buffers, not shipped in the job graph). */
@FunctionalInterface
public interface ParserFactory<T> extends Serializable {
    RecordParser<T> create();
}
