package org.racegraph.launcher;

/** A startup problem whose message is already the one line to print on stderr. */
final class LaunchException extends Exception {
    LaunchException(String message) {
        super(message);
    }
}
