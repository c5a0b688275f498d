package org.ccpulse.schemas.parse;

/** Either the typed event or the reason it was rejected. */
public sealed interface ParseResult<T> {

    record Accepted<T>(T event) implements ParseResult<T> {}

    record Rejected<T>(Rejection rejection) implements ParseResult<T> {}
}
